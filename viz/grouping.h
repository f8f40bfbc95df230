// Grouping the entities of a diagram into clusters (`--cluster`), drawn by
// Graphviz as boxed subgraphs so related entities sit together.
#ifndef KG_VIZ_GROUPING_H_
#define KG_VIZ_GROUPING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

enum class GroupBy { kNone, kType, kDoc, kCommunity };

// "none", "type", "doc" or "community"; nullopt when unknown.
std::optional<GroupBy> ParseGroupBy(std::string_view name);

// The cluster title of every vertex, indexed by Vertex: its type; the first
// (alphabetical) document that names it, since a cluster cannot overlap
// another; or "community N" from Louvain community detection on the whole
// graph (N counted from 1, 1 the largest). Empty when `by` is kNone.
std::vector<std::string> GroupVertices(const KnowledgeGraph& graph, GroupBy by);

}  // namespace kg

#endif  // KG_VIZ_GROUPING_H_
