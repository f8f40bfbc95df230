// Paths between two entities: shortest (BFS), with the edge taken at each hop
// so that every hop can show its relation, direction and evidence.
#ifndef KG_QUERY_PATHS_H_
#define KG_QUERY_PATHS_H_

#include <optional>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

struct PathOptions {
  bool directed = false;              // follow edges only from source to target
  std::vector<Relation> relations;    // allowed relations; all when empty
  int max_hops = 0;                   // 0: unbounded
};

struct PathHop {
  Vertex from;
  Vertex to;
  Edge edge;
  bool forward;  // true when the edge points from `from` to `to`
};

using Path = std::vector<PathHop>;

// A shortest path from `a` to `b` by hop count, or nullopt when there is none
// within the limits. Among equally short paths, the one whose vertex ids come
// first is returned, so the answer is deterministic. a == b gives an empty path.
std::optional<Path> ShortestPath(const KnowledgeGraph& graph, Vertex a, Vertex b,
                                 const PathOptions& options);

}  // namespace kg

#endif  // KG_QUERY_PATHS_H_
