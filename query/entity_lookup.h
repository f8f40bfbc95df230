// Finding an entity from what a user types: name, acronym or alias, with case,
// spacing, punctuation and the -isation/-ization spelling folded.
#ifndef KG_QUERY_ENTITY_LOOKUP_H_
#define KG_QUERY_ENTITY_LOOKUP_H_

#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

struct ScoredEntity {
  Vertex vertex;
  int score;  // higher is better: 100 exact id, 90 exact name/alias, lower for partial matches
};

enum class LookupStatus { kFound, kAmbiguous, kNotFound };

struct LookupResult {
  LookupStatus status = LookupStatus::kNotFound;
  Vertex vertex = 0;                    // valid when kFound
  std::vector<ScoredEntity> candidates;  // kAmbiguous: the tied matches; kNotFound: suggestions
};

// All entities matching `text`, best first (ties by id): exact matches of the
// folded id, name or alias first, then names that contain it or are within a
// small edit distance of it.
std::vector<ScoredEntity> SearchEntities(const KnowledgeGraph& graph, std::string_view text,
                                         size_t limit);

// Resolves `text` to one entity. kFound when exactly one entity has the best
// exact match (an exact id match beats a name match); kAmbiguous when several
// tie; kNotFound with up to five "did you mean" suggestions otherwise.
LookupResult LookupEntity(const KnowledgeGraph& graph, std::string_view text);

}  // namespace kg

#endif  // KG_QUERY_ENTITY_LOOKUP_H_
