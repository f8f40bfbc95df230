// Corpus listing, file reading and writing, and the kg extract record format,
// on hostile inputs.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "extract/corpus.h"
#include "extract/extraction_json.h"
#include "extract/file_io.h"
#include "tests/test_support.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

void Write(const std::string& path, std::string_view content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::vector<std::string> Describe(const std::vector<CorpusProblem>& problems,
                                  const std::string& dir) {
  std::vector<std::string> out;
  for (const CorpusProblem& p : problems) {
    out.push_back(fs::path(p.path).lexically_relative(dir).string() + ": " + p.reason +
                  (p.skipped ? "" : " (note)"));
  }
  return out;
}

TEST(LooksBinaryTest, RecognisesBinaryAndText) {
  EXPECT_TRUE(LooksBinary(std::string_view("\x89PNG\r\n\x1a\n", 8)));
  EXPECT_TRUE(LooksBinary(std::string_view("%PDF-1.7\n", 9)));
  EXPECT_TRUE(LooksBinary(std::string_view("text\0more", 9)));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04\x05\x06\x07\x08" "abc"));
  EXPECT_FALSE(LooksBinary("SAMR issued GB/T 1-2020.\r\n\tIndented \xe6\xa0\x87\xe5\x87\x86.\f"));
  EXPECT_FALSE(LooksBinary(""));
}

TEST(ListCorpusFilesTest, ReportsEveryFileLeftOut) {
  std::string dir = testing::TempDir("list");
  fs::create_directories(dir + "/sub/deeper");
  Write(dir + "/a.txt", "a");
  Write(dir + "/B.MD", "b");
  Write(dir + "/sub/deeper/c.txt", "c");
  Write(dir + "/sub/a.txt", "same name");
  Write(dir + "/photo.png", "x");
  fs::create_directory_symlink("..", dir + "/sub/up");
  fs::create_symlink("gone.txt", dir + "/broken.txt");
  fs::create_symlink("loop2.txt", dir + "/loop1.txt");
  fs::create_symlink("loop1.txt", dir + "/loop2.txt");
  fs::create_symlink("a.txt", dir + "/alias.txt");
  ASSERT_EQ(mkfifo((dir + "/pipe.txt").c_str(), 0644), 0);

  std::vector<CorpusProblem> problems;
  std::vector<std::string> files = ListCorpusFiles({dir, dir + "/missing"}, &problems);
  std::vector<std::string> relative;
  for (const std::string& f : files)
    relative.push_back(fs::path(f).lexically_relative(dir).string());
  EXPECT_THAT(relative, ElementsAre("B.MD", "a.txt", "alias.txt", "sub/deeper/c.txt"));
  EXPECT_THAT(Describe(problems, dir),
              ElementsAre("broken.txt: broken symbolic link", "loop1.txt: symbolic link loop",
                          "loop2.txt: symbolic link loop", "missing: no such file or directory",
                          "photo.png: not a .txt or .md file (note)",
                          "pipe.txt: not a regular file (FIFO, socket or device)",
                          "sub/a.txt: same file name as " + dir +
                              "/a.txt (documents are known by file name; rename one)",
                          "sub/up: symbolic link to a directory, not followed (note)"));
}

TEST(ListCorpusFilesTest, UsesAnExplicitFileWhateverItsExtension) {
  std::string dir = testing::TempDir("explicit");
  Write(dir + "/notes.text", "x");
  ASSERT_EQ(mkfifo((dir + "/pipe").c_str(), 0644), 0);
  std::vector<CorpusProblem> problems;
  EXPECT_THAT(ListCorpusFiles({dir + "/notes.text", dir + "/pipe"}, &problems),
              ElementsAre(dir + "/notes.text"));
  EXPECT_THAT(Describe(problems, dir),
              ElementsAre("pipe: not a regular file (FIFO, socket or device)"));
}

TEST(ReadFileTest, RefusesFifosAndDirectoriesWithoutBlocking) {
  std::string dir = testing::TempDir("read");
  ASSERT_EQ(mkfifo((dir + "/pipe").c_str(), 0644), 0);
  std::string content, error;
  EXPECT_FALSE(ReadFile(dir + "/pipe", &content, &error));
  EXPECT_EQ(error, dir + "/pipe: not a regular file");
  EXPECT_FALSE(ReadFile(dir, &content, &error));
  EXPECT_EQ(error, dir + ": is a directory");
  EXPECT_FALSE(ReadFile(dir + "/none", &content, &error));
  EXPECT_EQ(error, dir + "/none: No such file or directory");
  std::string binary("a\0b\xff", 4);
  Write(dir + "/bin", binary);
  ASSERT_TRUE(ReadFile(dir + "/bin", &content, &error));
  EXPECT_EQ(content, binary);
}

TEST(WriteFileAtomicallyTest, ReplacesWholeOrNothing) {
  std::string dir = testing::TempDir("write");
  std::string error, content;
  ASSERT_TRUE(WriteFileAtomically(dir + "/out", "old", &error));
  ASSERT_TRUE(WriteFileAtomically(dir + "/out", "new content", &error));
  ASSERT_TRUE(ReadFile(dir + "/out", &content, &error));
  EXPECT_EQ(content, "new content");
  EXPECT_FALSE(WriteFileAtomically(dir + "/no/such/dir/out", "x", &error));
  EXPECT_THAT(error, HasSubstr("cannot create"));
  // Renaming over a directory fails and leaves neither it nor a temporary file.
  fs::create_directory(dir + "/taken");
  EXPECT_FALSE(WriteFileAtomically(dir + "/taken", "x", &error));
  EXPECT_THAT(error, HasSubstr("cannot rename into place"));
  EXPECT_TRUE(fs::is_directory(dir + "/taken"));
  size_t entries = std::distance(fs::directory_iterator(dir), fs::directory_iterator());
  EXPECT_EQ(entries, 2u);
}

TEST(ParseJsonTest, DeepNestingIsAnErrorNotACrash) {
  std::string text = "{\"nodes\":" + std::string(2000000, '[');
  rapidjson::Document doc;
  std::string error;
  EXPECT_FALSE(ParseJson(text, "deep.json", &doc, &error));
  EXPECT_EQ(error, "deep.json:1:2000010: Invalid value.");
}

TEST(ParseJsonTest, ReportsLineAndColumn) {
  rapidjson::Document doc;
  std::string error;
  EXPECT_FALSE(ParseJson("{\n  \"a\": 1,\n  \"b\" 2\n}", "x.json", &doc, &error));
  EXPECT_EQ(error, "x.json:3:7: Missing a colon after a name of object member.");
}

TEST(ExtractionJsonTest, RoundTripsEveryField) {
  DocumentExtraction doc;
  doc.doc = "a \"quoted\".txt";
  doc.content_hash = "0123456789abcdef";
  doc.bytes = 42;
  doc.entities.push_back(
      {"SAMR", EntityType::kAgency, "State Administration\nfor Market Regulation", {"SAMR", "x"}});
  doc.entities.push_back({"GB 1-2020", EntityType::kStandard, "GB 1-2020", {}});
  doc.relations.push_back({"SAMR",
                           Relation::kIssued,
                           "GB 1-2020",
                           "2020-05",
                           "",
                           {"a.txt", 7, "SAMR issued\tGB 1-2020."}});
  doc.warnings.push_back({"invalid UTF-8 at byte 3 (replaced)"});
  std::string line = ExtractionToJsonLine(doc);
  ASSERT_EQ(line.find('\n'), line.size() - 1);
  DocumentExtraction back;
  std::string error;
  ASSERT_TRUE(ExtractionFromJsonLine(line, "s:1", &back, &error)) << error;
  EXPECT_EQ(ExtractionToJsonLine(back), line);
  EXPECT_EQ(back.entities[0].name, doc.entities[0].name);
  EXPECT_EQ(back.relations[0].evidence, doc.relations[0].evidence);
  EXPECT_EQ(back.relations[0].date, "2020-05");
}

TEST(ExtractionJsonTest, NamesWhatIsWrong) {
  DocumentExtraction doc;
  std::string error;
  EXPECT_FALSE(ExtractionFromJsonLine("{\"doc\": 3}", "s:4", &doc, &error));
  EXPECT_EQ(error, "s:4: record needs a non-empty string \"doc\"");
  EXPECT_FALSE(ExtractionFromJsonLine(
      "{\"doc\": \"a\", \"entities\": [{\"id\": \"X\", \"type\": \"Star\"}]}", "s:5", &doc,
      &error));
  EXPECT_EQ(error, "s:5: unknown entity type \"Star\"");
  EXPECT_FALSE(
      ExtractionFromJsonLine("{\"doc\": \"a\", \"relations\": [{\"subject\": \"X\", \"relation\": "
                             "\"issued\", \"object\": \"Y\", \"evidence\": {\"line\": \"9\"}}]}",
                             "s:6", &doc, &error));
  EXPECT_EQ(error, "s:6: evidence \"line\" must be an integer");
  EXPECT_FALSE(ExtractionFromJsonLine("{\"doc\": \"a\", \"bytes\": -1}", "s:7", &doc, &error));
  EXPECT_EQ(error, "s:7: \"bytes\" must be a non-negative integer");
  EXPECT_FALSE(ExtractionFromJsonLine("[1,", "s:8", &doc, &error));
  EXPECT_EQ(error, "s:8:1:4: Invalid value.");
}

TEST(ExtractCorpusTest, SameOrderAndResultsWhateverTheThreadCount) {
  std::string dir = testing::TempDir("threads");
  std::vector<std::string> files;
  for (int i = 0; i < 30; ++i) {
    std::string path = dir + "/d" + std::to_string(100 + i) + ".txt";
    Write(path, i % 7 == 3
                    ? std::string("\x89PNG\r\n\x1a\n", 8)
                    : "SAMR issued GB/T " + std::to_string(1000 + i) + "-2019 on 1 May 2019.\n");
    files.push_back(path);
  }
  auto run = [&](int threads, std::vector<CorpusProblem>* problems) {
    std::string out;
    CorpusOptions options;
    options.threads = threads;
    ExtractCorpus(
        files, testing::ProjectExtractor(), options,
        [&](DocumentExtraction doc) { out += ExtractionToJsonLine(doc); }, problems);
    return out;
  };
  std::vector<CorpusProblem> p1, p4;
  std::string one = run(1, &p1);
  EXPECT_EQ(run(4, &p4), one);
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 26);
  ASSERT_EQ(p1.size(), 4u);
  EXPECT_EQ(p1[0].path, dir + "/d103.txt");
  EXPECT_EQ(p1[0].reason, "binary file, not text");
  EXPECT_EQ(Describe(p4, dir), Describe(p1, dir));
}

}  // namespace
}  // namespace kg
