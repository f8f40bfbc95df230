// The JSON-lines record of one document's extraction: what `kg extract` writes
// (the map step of a sharded build) and `kg merge` reads (the reduce step).
//
//   {"doc": "a.txt", "hash": "...", "bytes": 123,
//    "entities": [{"id", "type", "name", "aliases": [...]}],
//    "relations": [{"subject", "relation", "object", "date", "role",
//                   "evidence": {"doc", "line", "text"}}],
//    "warnings": ["..."]}
#ifndef KG_EXTRACT_EXTRACTION_JSON_H_
#define KG_EXTRACT_EXTRACTION_JSON_H_

#include <string>
#include <string_view>

#include "extract/extraction.h"

namespace kg {

// Serialises `doc` as one line of JSON, newline included. Newlines inside
// strings are escaped, so a record never spans lines.
std::string ExtractionToJsonLine(const DocumentExtraction& doc);

// Parses one record. On failure returns false and sets `error` to a message
// starting with `where` (e.g. "shard.jsonl:12") that says what is wrong.
bool ExtractionFromJsonLine(std::string_view line, const std::string& where,
                            DocumentExtraction* doc, std::string* error);

}  // namespace kg

#endif  // KG_EXTRACT_EXTRACTION_JSON_H_
