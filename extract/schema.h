// The vocabulary of the knowledge graph: entity types, relation types and the
// evidence that backs every relation. Names match ../shared/eval/GUIDELINES.md.
#ifndef KG_EXTRACT_SCHEMA_H_
#define KG_EXTRACT_SCHEMA_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "extract/pooled_string.h"

namespace kg {

enum class EntityType : uint8_t {
  kAgency,
  kOrganization,
  kCommittee,
  kPerson,
  kLaw,
  kPolicy,
  kStandard,
};
inline constexpr int kEntityTypeCount = 7;

enum class Relation : uint8_t {
  kIssued,
  kDrafted,
  kMirrors,
  kAdopts,
  kReplaces,
  kPartOf,
  kAffiliatedWith,
  kCooperatesWith,
  kEstablished,
  kSecretariatOf,
};
inline constexpr int kRelationCount = 10;

// The spelling used in graph.json and on the command line ("Agency", "part_of").
std::string_view ToString(EntityType type);
std::string_view ToString(Relation relation);

// Parses the spelling above, case-insensitively. Returns nullopt when unknown.
std::optional<EntityType> ParseEntityType(std::string_view text);
std::optional<Relation> ParseRelation(std::string_view text);

// All values, in declaration order, for loops and help texts.
const std::array<EntityType, kEntityTypeCount>& AllEntityTypes();
const std::array<Relation, kRelationCount>& AllRelations();

// True for relations whose direction carries no meaning (cooperates_with).
inline bool IsSymmetric(Relation relation) { return relation == Relation::kCooperatesWith; }

// Where a relation is stated: document file name, 1-based line of the original
// text where the sentence starts, and the sentence itself. A large corpus has
// millions of these, many sharing a sentence and all sharing a few document
// names, so both strings are pooled: an Evidence is 12 bytes.
struct Evidence {
  PooledString doc;
  int line = 0;
  PooledString text;

  friend bool operator==(const Evidence&, const Evidence&) = default;
  friend auto operator<=>(const Evidence&, const Evidence&) = default;
};

}  // namespace kg

#endif  // KG_EXTRACT_SCHEMA_H_
