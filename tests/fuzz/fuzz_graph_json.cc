// libFuzzer target: the graph.json loader and the kg extract record reader.
// Any bytes give a graph or an error; a graph that loads is written and must
// load again to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "extract/extraction_json.h"
#include "graph/node_link_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kg::KnowledgeGraph graph;
  std::string error;
  if (kg::GraphFromJson(text, "fuzz.json", &graph, &error)) {
    std::string written = kg::GraphToJson(graph);
    kg::KnowledgeGraph again;
    if (!kg::GraphFromJson(written, "again.json", &again, &error)) std::abort();
    if (kg::GraphToJson(again) != written) std::abort();
  } else if (error.empty()) {
    std::abort();
  }
  kg::DocumentExtraction doc;
  if (kg::ExtractionFromJsonLine(text, "fuzz.jsonl:1", &doc, &error)) {
    kg::DocumentExtraction again;
    std::string line = kg::ExtractionToJsonLine(doc);
    if (!kg::ExtractionFromJsonLine(line, "again", &again, &error)) std::abort();
    if (kg::ExtractionToJsonLine(again) != line) std::abort();
  }
  return 0;
}
