// The extraction engine: turns the text of one newsletter into resolved
// entities and typed, directed relations with evidence, applying Rules.
#ifndef KG_EXTRACT_EXTRACTOR_H_
#define KG_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>

#include "extract/extraction.h"
#include "extract/rules.h"

namespace kg {

class Extractor {
 public:
  // Compiles `rules`. Returns nullptr and sets `error` (naming the rule) when a
  // pattern does not compile.
  static std::unique_ptr<Extractor> Create(const Rules& rules, std::string* error);

  virtual ~Extractor() = default;

  // Extracts one document. `doc_name` is the file name recorded in evidence.
  // Any bytes are accepted; encoding problems become warnings. Thread-safe:
  // one Extractor may serve many threads at once.
  virtual DocumentExtraction Extract(std::string_view doc_name,
                                     std::string_view raw_text) const = 0;

  // Starts building, on a thread of its own, what the first documents would
  // otherwise build on theirs as they need it: RE2's reverse programs, which
  // find where a match starts, and of which the largest rule patterns take a
  // tenth of a second each. Worth calling when a core may be idle while the
  // first documents are extracted (kg build -j1, kg extract). Extract is
  // correct with or without it; the destructor waits at most for the program
  // being built. Call it once, before extraction starts.
  virtual void WarmUpInBackground() = 0;
};

}  // namespace kg

#endif  // KG_EXTRACT_EXTRACTOR_H_
