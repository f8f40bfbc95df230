// kg extract and kg merge: the map and reduce steps of a sharded build. The map
// step writes one JSON line per document (extract/extraction_json.h) to
// stdout, so it runs under Hadoop Streaming or Spark's RDD.pipe; the reduce
// step merges any number of such shards into the graph `kg build` would give.
#include <filesystem>
#include <iostream>
#include <map>

#include "app/build_support.h"
#include "app/commands.h"
#include "extract/corpus.h"
#include "extract/extraction_json.h"
#include "extract/file_io.h"
#include "graph/graph_builder.h"
#include "graph/node_link_json.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

struct ExtractOptions {
  std::vector<std::string> paths;
  int threads = 0;
  bool stdin_paths = false;  // one path per line on stdin
  std::string stdin_text;    // stdin is one document with this name
  bool stdin_jsonl = false;  // stdin has {"name", "text"} records, one per line
};

// Extracts one in-memory document and prints its record.
void ExtractText(const Extractor& extractor, const std::string& name, const std::string& text) {
  std::cout << ExtractionToJsonLine(extractor.Extract(name, text));
}

// Reads {"name": ..., "text": ...} records from stdin and prints one output
// record each. Returns the number of malformed input lines.
size_t ExtractJsonRecords(const Extractor& extractor) {
  size_t bad = 0;
  std::string line;
  for (size_t number = 1; std::getline(std::cin, line); ++number) {
    if (line.empty()) continue;
    rapidjson::Document doc;
    std::string error;
    std::string where = "stdin:" + std::to_string(number);
    if (!ParseJson(line, where, &doc, &error)) {
      std::cerr << "kg: " << error << "\n";
      ++bad;
      continue;
    }
    auto name = doc.IsObject() ? doc.FindMember("name") : doc.MemberEnd();
    auto text = doc.IsObject() ? doc.FindMember("text") : doc.MemberEnd();
    if (!doc.IsObject() || name == doc.MemberEnd() || text == doc.MemberEnd() ||
        !name->value.IsString() || !text->value.IsString() || name->value.GetStringLength() == 0) {
      std::cerr << "kg: " << where << ": expected {\"name\": \"...\", \"text\": \"...\"}\n";
      ++bad;
      continue;
    }
    std::string doc_name(name->value.GetString(), name->value.GetStringLength());
    ExtractText(extractor, DocumentName(doc_name),
                std::string(text->value.GetString(), text->value.GetStringLength()));
  }
  return bad;
}

int RunExtract(const GlobalOptions& global, ExtractOptions& options) {
  auto extractor = LoadExtractor(global);
  if (!extractor) return 1;
  std::ios::sync_with_stdio(false);
  if (!options.stdin_text.empty()) {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    ExtractText(*extractor, options.stdin_text, text);
    return std::cout.flush() ? 0 : 1;
  }
  if (options.stdin_jsonl) {
    size_t bad = ExtractJsonRecords(*extractor);
    return std::cout.flush() && bad == 0 ? 0 : 1;
  }
  if (options.stdin_paths) {
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) options.paths.push_back(line);
    }
  }
  if (options.paths.empty()) {
    std::cerr << "kg extract: give FILE..., --stdin-paths, --stdin-text NAME or --stdin-jsonl\n";
    return 2;
  }
  std::vector<CorpusProblem> problems;
  std::vector<std::string> files = ListCorpusFiles(options.paths, &problems);
  CorpusOptions corpus_options;
  corpus_options.threads = options.threads;
  ExtractCorpus(
      files, *extractor, corpus_options,
      [](DocumentExtraction doc) {
        ReportWarnings(doc);
        std::cout << ExtractionToJsonLine(doc);
      },
      &problems);
  size_t skipped = ReportCorpusProblems(problems);
  if (!std::cout.flush()) {
    std::cerr << "kg: cannot write to stdout\n";
    return 1;
  }
  return skipped == 0 ? 0 : 1;
}

struct MergeOptions {
  std::vector<std::string> shards;
  std::string output;
};

// Reads the records of one shard ("-": stdin) into `builder`. A document seen
// in an earlier shard or line is reported and the later copy dropped, as kg
// build does with two files of the same name. Returns false on a bad line.
bool ReadShard(const std::string& shard, std::map<std::string, std::string>* seen,
               GraphBuilder* builder) {
  std::string content, error;
  if (shard == "-") {
    content.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else if (!ReadFile(shard, &content, &error)) {
    std::cerr << "kg: " << error << "\n";
    return false;
  }
  std::string_view rest = content;
  for (size_t number = 1; !rest.empty(); ++number) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = (shard == "-" ? "stdin" : shard) + ":" + std::to_string(number);
    DocumentExtraction doc;
    if (!ExtractionFromJsonLine(line, where, &doc, &error)) {
      std::cerr << "kg: " << error << "\n";
      return false;
    }
    auto [it, inserted] = seen->emplace(doc.doc, where);
    if (!inserted) {
      std::cerr << "kg: " << where << ": document " << doc.doc << " already read at " << it->second
                << "; keeping the first\n";
      continue;
    }
    builder->Add(std::move(doc));
  }
  return true;
}

int RunMerge(const GlobalOptions& global, MergeOptions& options) {
  if (options.output.empty()) options.output = global.graph;
  std::error_code ec;
  for (const std::string& shard : options.shards) {
    if (shard != "-" && fs::equivalent(shard, options.output, ec)) {
      std::cerr << "kg: refusing to overwrite input " << shard << " with the graph\n";
      return 1;
    }
  }
  GraphBuilder builder;
  std::map<std::string, std::string> seen;
  for (const std::string& shard : options.shards) {
    if (!ReadShard(shard, &seen, &builder)) return 1;
  }
  KnowledgeGraph graph = builder.TakeGraph();
  std::string error;
  if (!WriteGraphFile(graph, options.output, &error)) {
    std::cerr << "kg: " << error << "\n";
    return 1;
  }
  if (!global.quiet) {
    std::cerr << "kg: wrote " << options.output << ": " << graph.documents().size()
              << " documents, " << graph.num_entities() << " entities, " << graph.num_relations()
              << " relations\n";
  }
  return 0;
}

}  // namespace

void RegisterShardCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto extract = std::make_shared<ExtractOptions>();
  CLI::App* ex = app.add_subcommand(
      "extract", "map step: one JSON line per document (entities, relations, evidence) on stdout");
  ex->add_option("paths", extract->paths, "files and folders (searched recursively)");
  ex->add_option("-j,--threads", extract->threads, "worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  auto* paths = ex->add_flag("--stdin-paths", extract->stdin_paths,
                             "read file paths from stdin, one per line");
  auto* text = ex->add_option("--stdin-text", extract->stdin_text,
                              "read one document named NAME from stdin");
  auto* jsonl = ex->add_flag("--stdin-jsonl", extract->stdin_jsonl,
                             "read {\"name\", \"text\"} JSON lines from stdin, one document each");
  paths->excludes(text, jsonl);
  text->excludes(jsonl);
  ex->callback([&global, &action, extract] {
    action = [&global, extract] { return RunExtract(global, *extract); };
  });

  auto merge = std::make_shared<MergeOptions>();
  CLI::App* mg =
      app.add_subcommand("merge", "reduce step: build graph.json from kg extract shards");
  mg->add_option("shards", merge->shards, "JSON-lines files written by kg extract ('-': stdin)")
      ->required();
  mg->add_option("-o,--output", merge->output, "graph file to write (default: --graph)");
  mg->callback([&global, &action, merge] {
    action = [&global, merge] { return RunMerge(global, *merge); };
  });
}

}  // namespace kg
