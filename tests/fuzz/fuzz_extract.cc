// libFuzzer target: text normalisation and extraction on arbitrary bytes.
// Extract must accept any input (encoding problems become warnings) and give
// evidence whose lines exist in the text.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "extract/rules.h"
#include "extract/text.h"

namespace {

const kg::Extractor& TheExtractor() {
  static const std::unique_ptr<kg::Extractor> extractor = [] {
    kg::Rules rules;
    std::string error;
    if (!kg::LoadRules(KG_SOURCE_RULES_DIR, &rules, &error)) std::abort();
    auto e = kg::Extractor::Create(rules, &error);
    if (!e) std::abort();
    return e;
  }();
  return *extractor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings;
  std::string repaired = kg::RepairEncoding(text, &warnings);
  kg::NormalizeText(text);
  kg::DocumentExtraction doc = TheExtractor().Extract("fuzz.txt", text);
  size_t lines = 1;
  for (char c : repaired) lines += c == '\n';
  for (const kg::ExtractedRelation& r : doc.relations) {
    if (r.evidence.line < 1 || static_cast<size_t>(r.evidence.line) > lines) std::abort();
  }
  return 0;
}
