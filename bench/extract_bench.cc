// extract_bench: the extractor alone, on one core, over the documents of each
// folder given: the figure behind "extraction MB/s per core". Reading the
// files, compiling the rules, merging and writing the graph are left out,
// so that this is what the extractor costs and no more.
//
//   build/bench/extract_bench [Google Benchmark flags] [--rules DIR] FOLDER...
//
// Two runs per folder:
//   warm: one extractor for every pass, as in a long build, where RE2's
//         lazily built DFA states are reused;
//   cold: a new extractor per pass (made outside the timing), so that each
//         pass pays for building those states again, as a one-off
//         `kg build` of a small corpus does.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "extract/corpus.h"
#include "extract/extractor.h"
#include "extract/file_io.h"
#include "extract/rules.h"

namespace {

struct Document {
  std::string name;
  std::string text;
};

struct Folder {
  std::string path;
  std::vector<Document> documents;
  int64_t bytes = 0;
};

// Reads every document of `path` as kg build would list them; false (with a
// message on stderr) if there is none.
bool ReadFolder(const std::string& path, Folder* folder) {
  std::vector<kg::CorpusProblem> problems;
  std::vector<std::string> files = kg::ListCorpusFiles({path}, &problems);
  for (const kg::CorpusProblem& p : problems) {
    if (p.skipped) std::fprintf(stderr, "%s: %s (left out)\n", p.path.c_str(), p.reason.c_str());
  }
  folder->path = path;
  for (const std::string& file : files) {
    Document d{kg::DocumentName(file), ""};
    std::string error;
    if (!kg::ReadFile(file, &d.text, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      continue;
    }
    folder->bytes += static_cast<int64_t>(d.text.size());
    folder->documents.push_back(std::move(d));
  }
  if (folder->documents.empty()) {
    std::fprintf(stderr, "%s: no documents\n", path.c_str());
    return false;
  }
  return true;
}

// Extracts every document once; returns the relations found, so that the
// work cannot be optimised away and the count can be shown.
int64_t ExtractAll(const kg::Extractor& extractor, const Folder& folder) {
  int64_t relations = 0;
  for (const Document& d : folder.documents) {
    kg::DocumentExtraction x = extractor.Extract(d.name, d.text);
    relations += static_cast<int64_t>(x.relations.size());
    benchmark::DoNotOptimize(x);
  }
  return relations;
}

void Warm(benchmark::State& state, const kg::Rules* rules, const Folder* folder) {
  std::string error;
  std::unique_ptr<kg::Extractor> extractor = kg::Extractor::Create(*rules, &error);
  if (!extractor) return state.SkipWithError(error.c_str());
  ExtractAll(*extractor, *folder);  // builds the DFA states once, untimed
  int64_t relations = 0;
  for (auto _ : state) relations = ExtractAll(*extractor, *folder);
  state.SetBytesProcessed(state.iterations() * folder->bytes);
  state.counters["documents"] = static_cast<double>(folder->documents.size());
  state.counters["relations"] = static_cast<double>(relations);
}

void Cold(benchmark::State& state, const kg::Rules* rules, const Folder* folder) {
  std::string error;
  int64_t relations = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<kg::Extractor> extractor = kg::Extractor::Create(*rules, &error);
    state.ResumeTiming();
    if (!extractor) return state.SkipWithError(error.c_str());
    relations = ExtractAll(*extractor, *folder);
    state.PauseTiming();
    extractor.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * folder->bytes);
  state.counters["documents"] = static_cast<double>(folder->documents.size());
  state.counters["relations"] = static_cast<double>(relations);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string rules_dir = kg::DefaultRulesDir();
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rules" && i + 1 < argc) {
      rules_dir = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "extract_bench: unknown option %s\n", arg.c_str());
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: extract_bench [benchmark flags] [--rules DIR] FOLDER...\n");
    return 2;
  }
  kg::Rules rules;
  std::string error;
  if (rules_dir.empty() || !kg::LoadRules(rules_dir, &rules, &error)) {
    std::fprintf(stderr, "extract_bench: %s\n", error.empty() ? "no rules folder" : error.c_str());
    return 1;
  }
  // Registered benchmarks keep pointers to these: they live until exit.
  std::vector<std::unique_ptr<Folder>> folders;
  for (const std::string& path : paths) {
    auto folder = std::make_unique<Folder>();
    if (!ReadFolder(path, folder.get())) return 1;
    benchmark::RegisterBenchmark(("warm/" + path).c_str(), Warm, &rules, folder.get())
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("cold/" + path).c_str(), Cold, &rules, folder.get())
        ->Unit(benchmark::kMillisecond);
    folders.push_back(std::move(folder));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
