// "Who issued what": the edges of one relation type, filtered by either end,
// by date range and by the type of the object.
#ifndef KG_QUERY_RELATION_QUERY_H_
#define KG_QUERY_RELATION_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

struct RelationFilter {
  std::optional<Relation> relation;       // any relation when empty
  std::optional<Vertex> subject;          // --by
  std::optional<Vertex> object;           // --what
  std::string since;                      // inclusive, compared as YYYY[-MM[-DD]] prefixes
  std::string until;                      // inclusive
  std::vector<EntityType> object_types;   // any when empty
};

// Matching edges ordered by date (undated last), then subject id, object id.
// For symmetric relations an edge matches `subject` or `object` at either end.
// With a date bound, undated edges are left out.
std::vector<Edge> SelectRelations(const KnowledgeGraph& graph, const RelationFilter& filter);

}  // namespace kg

#endif  // KG_QUERY_RELATION_QUERY_H_
