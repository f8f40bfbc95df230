#include "query/paths.h"

#include <algorithm>
#include <limits>

namespace kg {
namespace {

bool Allowed(const PathOptions& o, Relation r) {
  return o.relations.empty() || std::find(o.relations.begin(), o.relations.end(), r) != o.relations.end();
}

// Every hop out of `v`, sorted by the id of the vertex it reaches, then relation.
std::vector<PathHop> HopsFrom(const GraphStorage& g, Vertex v, const PathOptions& o) {
  std::vector<PathHop> hops;
  for (Edge e : boost::make_iterator_range(boost::out_edges(v, g))) {
    if (Allowed(o, g[e].relation)) hops.push_back({v, boost::target(e, g), e, true});
  }
  if (!o.directed) {
    for (Edge e : boost::make_iterator_range(boost::in_edges(v, g))) {
      if (Allowed(o, g[e].relation)) hops.push_back({v, boost::source(e, g), e, false});
    }
  }
  std::sort(hops.begin(), hops.end(), [&](const PathHop& x, const PathHop& y) {
    return std::tie(g[x.to].id, g[x.edge].relation) < std::tie(g[y.to].id, g[y.edge].relation);
  });
  return hops;
}

}  // namespace

std::optional<Path> ShortestPath(const KnowledgeGraph& graph, Vertex a, Vertex b,
                                 const PathOptions& options) {
  const GraphStorage& g = graph.storage();
  if (a == b) return Path{};
  const size_t n = boost::num_vertices(g);
  constexpr int kUnseen = std::numeric_limits<int>::max();
  std::vector<int> depth(n, kUnseen);
  std::vector<std::optional<PathHop>> via(n);
  std::vector<Vertex> frontier = {a};
  depth[a] = 0;
  for (int d = 0; !frontier.empty(); ++d) {
    if (options.max_hops > 0 && d >= options.max_hops) break;
    std::vector<Vertex> next;
    for (Vertex v : frontier) {
      for (const PathHop& hop : HopsFrom(g, v, options)) {
        if (depth[hop.to] != kUnseen) continue;
        depth[hop.to] = d + 1;
        via[hop.to] = hop;
        next.push_back(hop.to);
      }
    }
    if (depth[b] != kUnseen) break;
    frontier = std::move(next);
  }
  if (depth[b] == kUnseen) return std::nullopt;
  Path path;
  for (Vertex v = b; v != a; v = via[v]->from) path.push_back(*via[v]);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace kg
