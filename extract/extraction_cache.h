// The extraction cache kept beside a graph (GRAPH.extractions.bin): every
// document's extraction as a binary record, so that kg build --update can
// merge the unchanged documents again without reading their text or parsing
// hundreds of MB of JSON.
//
//   header:  "kg extractions\n" and a version byte (16 bytes)
//   record:  u32 payload size, u64 checksum of the payload, payload
//   trailer: "kg-end\n" and a version byte, u64 graph size, i64 graph time
//
// A payload is the DocumentExtraction: strings as u32 size + bytes, counts as
// u32, enums as one byte, all little-endian. Every size, count, enum and
// checksum is checked on reading, so a damaged or foreign file is reported,
// never trusted.
#ifndef KG_EXTRACT_EXTRACTION_CACHE_H_
#define KG_EXTRACT_EXTRACTION_CACHE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extraction.h"

namespace kg {

// The first bytes of every cache file of this version.
std::string_view ExtractionCacheHeader();

// Appends the record of `doc` to `out`.
void AppendExtractionRecord(const DocumentExtraction& doc, std::string* out);

// The trailer naming the graph a cache belongs to, by its size and time.
std::string ExtractionCacheTrailer(uint64_t graph_bytes, int64_t graph_time);

// A cache file split into its parts (views into the file's content).
struct ExtractionCacheParts {
  std::vector<std::string_view> records;  // each whole, framing included
  uint64_t graph_bytes = 0;
  int64_t graph_time = 0;
};

// Checks the header, the trailer and every record's framing and checksum of
// `content`. On failure returns false and sets `error` to what is wrong
// (another version, truncated, checksum of record N...).
bool SplitExtractionCache(std::string_view content, ExtractionCacheParts* parts,
                          std::string* error);

// Decodes only the document name, content hash and size of one record as
// split above (what an update compares with the files), into `doc`.
bool ReadExtractionRecordHead(std::string_view record, DocumentExtraction* doc, std::string* error);

// Decodes one record as split above into `doc`, reusing the room its strings
// and lists have (decoding many records into one document allocates little).
// On failure (a record whose checksum matched but whose content is invalid)
// returns false, sets `error` and leaves `doc` unspecified.
bool ReadExtractionRecord(std::string_view record, DocumentExtraction* doc, std::string* error);

}  // namespace kg

#endif  // KG_EXTRACT_EXTRACTION_CACHE_H_
