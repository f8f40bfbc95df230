// libFuzzer target: the openCypher parser. Any text parses or gives an error
// whose offset lies within the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "query/cypher_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kg::CypherQuery query;
  kg::CypherError error;
  if (!kg::ParseCypher(text, &query, &error) && error.offset > text.size()) std::abort();
  return 0;
}
