// Pieces shared by the commands that read a corpus: kg build (app/cmd_build.cc),
// kg extract and kg merge (app/cmd_shard.cc).
#ifndef KG_APP_BUILD_SUPPORT_H_
#define KG_APP_BUILD_SUPPORT_H_

#include <chrono>
#include <memory>
#include <vector>

#include "app/commands.h"
#include "extract/corpus.h"
#include "extract/extractor.h"

namespace kg {

// The extractor for --rules (or the default rules); prints why and returns
// nullptr when the rules cannot be loaded.
std::unique_ptr<Extractor> LoadExtractor(const GlobalOptions& global);

// Prints each file that was skipped ("kg: skipped PATH: reason") and a short
// note on the files left out by design. Returns the number skipped.
size_t ReportCorpusProblems(const std::vector<CorpusProblem>& problems);

// Prints the warnings of one document, at most a few, then a count of the rest,
// so a damaged file cannot flood the terminal.
void ReportWarnings(const DocumentExtraction& doc);

// A progress display for ExtractCorpus on stderr (files, MB/s, ETA), or an
// empty function when stderr is not a terminal or --quiet was given.
std::function<void(size_t, size_t, uint64_t)> ProgressDisplay(
    const GlobalOptions& global, std::chrono::steady_clock::time_point start);

}  // namespace kg

#endif  // KG_APP_BUILD_SUPPORT_H_
