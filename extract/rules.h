// The extraction rules, loaded from rules/*.json at start-up: the gazetteer of
// real institutions, trigger phrases for every relation, and the patterns that
// find committees, standards, laws, policies and people. Adding an agency or a
// verb is a change to those files, not to code.
#ifndef KG_EXTRACT_RULES_H_
#define KG_EXTRACT_RULES_H_

#include <map>
#include <string>
#include <vector>

#include "extract/schema.h"

namespace kg {

// A real institution with its official name and every known alias, including
// Chinese names. `id` is the acronym where one exists.
struct GazetteerEntry {
  std::string id;
  EntityType type = EntityType::kOrganization;
  std::string name;
  std::vector<std::string> aliases;
};

// Phrases that state one relation. `active` phrases stand between subject and
// object ("X released Y"); `passive` ones between object and subject
// ("Y was issued by X"). Phrases are RE2 fragments, matched case-insensitively
// on word boundaries.
struct RelationTrigger {
  Relation relation = Relation::kIssued;
  std::vector<std::string> active;
  std::vector<std::string> passive;
  std::vector<EntityType> subject_types;
  std::vector<EntityType> object_types;
};

// A named RE2 pattern that finds entities of one type. The whole match (or
// capture group 1, when present) is the entity's name.
struct EntityPattern {
  std::string name;
  EntityType type = EntityType::kStandard;
  std::string regex;
};

struct Rules {
  std::vector<GazetteerEntry> gazetteer;
  std::vector<RelationTrigger> triggers;
  std::vector<EntityPattern> patterns;
  // Free-form lists used by the engine, keyed by purpose: "person_titles",
  // "roles", "law_heads", "policy_heads", "stopwords", ... (see rules/README.md).
  std::map<std::string, std::vector<std::string>> lists;

  // The list named `key`, or an empty list.
  const std::vector<std::string>& List(const std::string& key) const;
};

// Reads every *.json file of `dir` (in name order) into `rules`. Returns false
// and sets `error` to "FILE:LINE:COLUMN: what" on the first malformed file.
bool LoadRules(const std::string& dir, Rules* rules, std::string* error);

// The rules directory to use when none is given: $KG_RULES, then rules/ beside
// the executable's share/kg, then the source tree's rules/. Empty if none exists.
std::string DefaultRulesDir();

}  // namespace kg

#endif  // KG_EXTRACT_RULES_H_
