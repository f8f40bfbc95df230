#include "viz/grouping.h"

#include "query/communities.h"

namespace kg {

std::optional<GroupBy> ParseGroupBy(std::string_view name) {
  if (name == "none") return GroupBy::kNone;
  if (name == "type") return GroupBy::kType;
  if (name == "doc") return GroupBy::kDoc;
  if (name == "community") return GroupBy::kCommunity;
  return std::nullopt;
}

std::vector<std::string> GroupVertices(const KnowledgeGraph& graph, GroupBy by) {
  const GraphStorage& g = graph.storage();
  const size_t n = boost::num_vertices(g);
  std::vector<std::string> out;
  if (by == GroupBy::kNone) return out;
  out.resize(n);
  Communities communities;
  if (by == GroupBy::kCommunity) {
    communities = DetectCommunities(graph, CommunityAlgorithm::kLouvain);
  }
  for (Vertex v = 0; v < n; ++v) {
    switch (by) {
      case GroupBy::kType:
        out[v] = ToString(g[v].type);
        break;
      case GroupBy::kDoc:
        out[v] = g[v].docs.empty() ? "" : g[v].docs.front().str();
        break;
      case GroupBy::kCommunity:
        if (v < communities.membership.size()) {
          out[v] = "community " + std::to_string(communities.membership[v] + 1);
        }
        break;
      case GroupBy::kNone:
        break;
    }
  }
  return out;
}

}  // namespace kg
