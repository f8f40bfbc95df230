// graph.json writing: links are made in blocks on several threads, and the
// file must still be exactly what one writer makes, escapes included.
#include "graph/node_link_json.h"

#include <cstdio>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "extract/file_io.h"
#include "tests/test_support.h"

namespace kg {
namespace {

constexpr const char* kAwkward = "say \"hi\" \\ back\nline\ttab\x01 caf\xc3\xa9";

std::string Id(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "e%05d", i);
  return id;
}

// A chain e00000 -> e00001 -> ... with `links` links; `only` >= 0 keeps that
// link alone, with its two nodes.
KnowledgeGraph Chain(int links, int only = -1) {
  KnowledgeGraph g;
  for (int i = 0; i <= links; ++i) {
    if (only >= 0 && i != only && i != only + 1) continue;
    EntityNode n;
    n.id = Id(i);
    n.type = EntityType::kAgency;
    n.name = n.id;
    g.AddEntity(std::move(n));
  }
  for (int i = 0; i < links; ++i) {
    if (only >= 0 && i != only) continue;
    RelationEdge e;
    e.relation = Relation::kPartOf;
    e.date = i % 2 ? "2020" : "";
    e.evidence.push_back({"d.txt", i + 1, i % 3 ? std::string(kAwkward) : "plain " + Id(i)});
    e.evidence.push_back({"e.txt", 1, "second"});
    g.AddRelation(*g.FindById(Id(i)), *g.FindById(Id(i + 1)), std::move(e));
  }
  return g;
}

// The text between "links": [ and the closing ].
std::string LinksOf(const std::string& json) {
  const std::string open = "\"links\": [";
  size_t begin = json.find(open) + open.size();
  size_t end = json.rfind("]\n}");
  return json.substr(begin, end - begin);
}

TEST(NodeLinkJsonTest, LinksWrittenInBlocksAreOneWritersBytes) {
  constexpr int kLinks = 5000;  // several MB of links, in many blocks
  const std::string full = GraphToJson(Chain(kLinks));
  std::string expected;
  for (int i = 0; i < kLinks; ++i) {
    if (i > 0) expected += ", ";
    expected += LinksOf(GraphToJson(Chain(kLinks, i)));
  }
  EXPECT_EQ(LinksOf(full), expected);
  EXPECT_NE(full.find("\"text\": \"say \\\"hi\\\" \\\\ back\\nline\\ttab\\u0001 caf\xc3\xa9\""),
            std::string::npos);
  EXPECT_EQ(full.substr(full.size() - 5), "}]\n}\n");

  // Any number of threads writes the same file.
  const std::string path = testing::TempDir("node_link") + "/g.json";
  for (int threads : {1, 2, 3}) {
    std::string error, file;
    ASSERT_TRUE(WriteGraphFile(Chain(kLinks), path, &error, threads)) << error;
    ASSERT_TRUE(ReadFile(path, &file, &error)) << error;
    EXPECT_EQ(file, full) << threads << " threads";
  }
  std::string error;

  KnowledgeGraph again;
  ASSERT_TRUE(GraphFromJson(full, "g.json", &again, &error)) << error;
  EXPECT_EQ(GraphToJson(again), full);
}

TEST(NodeLinkJsonTest, OneLinkExactly) {
  const std::string links = LinksOf(GraphToJson(Chain(1)));
  EXPECT_EQ(links,
            "{\n"
            "   \"source\": \"e00000\",\n"
            "   \"target\": \"e00001\",\n"
            "   \"key\": \"part_of\",\n"
            "   \"relation\": \"part_of\",\n"
            "   \"evidence\": [{\n"
            "     \"doc\": \"d.txt\",\n"
            "     \"line\": 1,\n"
            "     \"text\": \"plain e00000\"\n"
            "    }, {\n"
            "     \"doc\": \"e.txt\",\n"
            "     \"line\": 1,\n"
            "     \"text\": \"second\"\n"
            "    }]\n"
            "  }");
}

TEST(NodeLinkJsonTest, StatisticsAreComputeStatistics) {
  KnowledgeGraph g = Chain(9);
  EntityNode person;
  person.id = "p";
  person.type = EntityType::kPerson;
  g.AddEntity(person);
  RelationEdge e;
  e.relation = Relation::kAffiliatedWith;
  e.evidence.push_back({"d.txt", 3, "p works there"});
  g.AddRelation(*g.FindById("p"), *g.FindById(Id(0)), e);
  g.documents().push_back({"d.txt", "00", 10});
  rapidjson::Document doc;
  doc.Parse(GraphToJson(g).c_str());
  ASSERT_TRUE(doc.IsObject());
  const rapidjson::Value& written = doc["graph"]["statistics"];
  const GraphStatistics want = ComputeStatistics(g);
  EXPECT_EQ(written["documents"].GetUint64(), want.documents);
  EXPECT_EQ(written["entities"].GetUint64(), want.entities);
  EXPECT_EQ(written["relations"].GetUint64(), want.relations);
  EXPECT_EQ(written["evidence"].GetUint64(), want.evidence);
  EXPECT_EQ(want.evidence, 19u);
  auto counts = [](const rapidjson::Value& v) {
    std::map<std::string, size_t> out;
    for (const auto& m : v.GetObject()) out[m.name.GetString()] = m.value.GetUint64();
    return out;
  };
  EXPECT_EQ(counts(written["entities_by_type"]), want.entities_by_type);
  EXPECT_EQ(counts(written["relations_by_type"]), want.relations_by_type);
}

TEST(NodeLinkJsonTest, EveryCharacterToEscapeIsFoundWhereverItIs) {
  // Sentences with one character to escape (or one just past the range)
  // at every offset of the first few 16-byte steps, as RapidJSON's own
  // writer spells them.
  const std::string specials[] = {"\"",   "\\",   "\n",   std::string(1, '\0'),
                                  "\x1f", "\x20", "\x7f", "\xc3\xa9"};
  KnowledgeGraph g = Chain(1);
  RelationEdge e;
  e.relation = Relation::kIssued;
  std::vector<std::string> texts;
  for (const std::string& special : specials) {
    for (int at = 0; at < 40; ++at) {
      texts.push_back(std::string(at, 'a') + special + std::string(at % 19, 'b'));
      e.evidence.push_back({"d.txt", static_cast<int>(texts.size()), texts.back()});
    }
  }
  g.AddRelation(0, 1, e);
  const std::string json = GraphToJson(g);
  for (const std::string& text : texts) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    const std::string spelt = std::string("\"text\": ") + buffer.GetString() + "\n";
    EXPECT_NE(json.find(spelt), std::string::npos) << buffer.GetString();
  }
}

TEST(NodeLinkJsonTest, NoLinks) { EXPECT_EQ(LinksOf(GraphToJson(Chain(0))), ""); }

TEST(NodeLinkJsonTest, FewLinksOnManyThreads) {
  const std::string path = testing::TempDir("node_link_few") + "/g.json";
  for (int links : {0, 1, 2}) {
    std::string error, file;
    ASSERT_TRUE(WriteGraphFile(Chain(links), path, &error, 4)) << error;
    ASSERT_TRUE(ReadFile(path, &file, &error)) << error;
    EXPECT_EQ(file, GraphToJson(Chain(links))) << links << " links";
  }
}

// Links of tens of thousands of sentences, each a block of its own, which
// may not all wait at once.
TEST(NodeLinkJsonTest, HugeLinksOnManyThreads) {
  KnowledgeGraph g = Chain(8);
  const GraphStorage& s = g.storage();
  int k = 0;
  for (Edge e : boost::make_iterator_range(boost::edges(s))) {
    if (k++ % 2 == 0) continue;
    RelationEdge more;
    more.relation = s[e].relation;
    for (int line = 2; line < 20000; ++line) more.evidence.push_back({"f.txt", line, "huge"});
    g.AddRelation(boost::source(e, s), boost::target(e, s), std::move(more));
  }
  const std::string expected = GraphToJson(g);
  const std::string path = testing::TempDir("node_link_huge") + "/g.json";
  for (int threads : {2, 3}) {
    std::string error, file;
    ASSERT_TRUE(WriteGraphFile(g, path, &error, threads)) << error;
    ASSERT_TRUE(ReadFile(path, &file, &error)) << error;
    EXPECT_EQ(file, expected) << threads << " threads";
  }
}

}  // namespace
}  // namespace kg
