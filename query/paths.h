// Paths between two entities: shortest by hop count (breadth-first search),
// lightest by evidence weight (Dijkstra), the K shortest loopless paths (Yen)
// and all simple paths up to a length. Paths run over the simple-graph view
// (a hop joins two distinct entities; direction ignored unless `directed`) and
// keep, for each hop, the edge that shows it, so that every hop can print its
// relation, direction and evidence. When several edges join the same two
// entities the hop shows the one with the most evidence (then forward before
// backward, then relation order).
#ifndef KG_QUERY_PATHS_H_
#define KG_QUERY_PATHS_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

struct PathOptions {
  bool directed = false;            // follow edges only from source to target
  std::vector<Relation> relations;  // allowed relations; all when empty
  int max_hops = 0;                 // 0: unbounded
  // Dijkstra instead of hop count: a hop weighs 1 / (number of evidence
  // sentences of its edge), 1 when it has none, so that paths through
  // well-attested links are preferred. With max_hops, the lightest path is
  // returned only if it is within the limit.
  bool weighted = false;
};

struct PathHop {
  Vertex from;
  Vertex to;
  Edge edge;
  bool forward;  // true when the edge points from `from` to `to`
};

using Path = std::vector<PathHop>;

// The weight of a hop's edge under PathOptions::weighted.
double HopWeight(const RelationEdge& edge);

// The sum of the hop weights of `path` (its length in hops when unweighted).
double PathCost(const KnowledgeGraph& graph, const Path& path, bool weighted);

// Answers path queries on one graph. Construction indexes the hops of every
// vertex (O(links log links)); queries then cost only what they explore.
class PathFinder {
 public:
  PathFinder(const KnowledgeGraph& graph, const PathOptions& options);

  // A shortest (lightest when weighted) path from `a` to `b`, or nullopt when
  // there is none within options.max_hops. a == b gives an empty path.
  // Unweighted queries search from both ends at once. Deterministic.
  std::optional<Path> Shortest(Vertex a, Vertex b) const;

  // Up to `k` loopless paths from `a` to `b` by increasing cost (Yen's
  // algorithm), ties by the vertices along the path; within max_hops.
  std::vector<Path> KShortest(Vertex a, Vertex b, int k) const;

  // Every simple path from `a` to `b` of at most options.max_hops hops (which
  // must be positive), shortest first, then by the vertices along the path.
  // Stops after `limit` paths and sets `*truncated` when there were more.
  std::vector<Path> AllSimple(Vertex a, Vertex b, size_t limit, bool* truncated) const;

 private:
  struct Hop {
    uint32_t to;
    Edge edge;
    bool forward;
    double weight;
  };
  struct Bans;

  std::optional<Path> BidirectionalSearch(Vertex a, Vertex b) const;
  std::optional<Path> Dijkstra(Vertex a, Vertex b, const Bans& bans, int max_hops) const;
  Path ToPath(const std::vector<const Hop*>& hops, Vertex a) const;

  // Per-vertex state of BidirectionalSearch, allocated with the index and
  // reset after each search (only the entries it touched): a query on a
  // large graph then costs what it visits, not the size of the graph.
  struct SearchState {
    int32_t dist_a = -1, dist_b = -1;
    const Hop* via_a = nullptr;
    const Hop* via_b = nullptr;
  };
  struct Scratch {
    std::mutex mutex;  // Shortest is const and may be called from several threads
    std::vector<SearchState> state;
  };

  const KnowledgeGraph& graph_;
  PathOptions options_;
  std::vector<std::vector<Hop>> hops_;  // per vertex, sorted by `to`
  std::unique_ptr<Scratch> scratch_;
};

// Shorthand for PathFinder(graph, options).Shortest(a, b).
std::optional<Path> ShortestPath(const KnowledgeGraph& graph, Vertex a, Vertex b,
                                 const PathOptions& options);

}  // namespace kg

#endif  // KG_QUERY_PATHS_H_
