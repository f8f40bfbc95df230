// What the extractor finds in one document: resolved entities and the relations
// between them, each relation with its evidence. This is the unit that flows
// from extract/ to graph/, and the record `kg extract` writes per document.
#ifndef KG_EXTRACT_EXTRACTION_H_
#define KG_EXTRACT_EXTRACTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "extract/schema.h"

namespace kg {

// One real-world entity as resolved within a document. `id` follows the
// GUIDELINES: the acronym where one exists, else a standard's code with year,
// else the full name. `aliases` holds every other name the document uses.
struct ExtractedEntity {
  std::string id;
  EntityType type = EntityType::kOrganization;
  std::string name;
  std::vector<std::string> aliases;
};

// A relation between two entities of the same document, by their `id`.
// `date` is YYYY-MM-DD, YYYY-MM or YYYY, or empty; `role` only on affiliated_with.
struct ExtractedRelation {
  std::string subject;
  Relation relation = Relation::kIssued;
  std::string object;
  std::string date;
  std::string role;
  Evidence evidence;
};

// A problem found while reading a document that did not stop extraction,
// e.g. invalid UTF-8 at a byte offset.
struct ExtractionWarning {
  std::string message;
};

struct DocumentExtraction {
  std::string doc;             // file name, without directories
  std::string content_hash;    // hex digest of the raw bytes (see ContentHash)
  uint64_t bytes = 0;          // size of the raw text
  std::vector<ExtractedEntity> entities;
  std::vector<ExtractedRelation> relations;
  std::vector<ExtractionWarning> warnings;
};

// A stable 64-bit FNV-1a digest of `data` as 16 hex digits. Used to notice
// changed documents on incremental builds; not a security hash.
std::string ContentHash(std::string_view data);

}  // namespace kg

#endif  // KG_EXTRACT_EXTRACTION_H_
