// Community detection on the undirected simple-graph view of a knowledge graph.
#ifndef KG_QUERY_COMMUNITIES_H_
#define KG_QUERY_COMMUNITIES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "query/simple_graph.h"

namespace kg {

enum class CommunityAlgorithm { kLouvain, kLabelPropagation };

// "louvain" or "label-propagation"; nullopt when unknown.
std::optional<CommunityAlgorithm> ParseCommunityAlgorithm(std::string_view name);
std::string_view ToString(CommunityAlgorithm algorithm);

struct Communities {
  std::vector<int> membership;  // community of each Vertex; 0 is the largest community
  int count = 0;
  double modularity = 0.0;
};

// Louvain: greedy modularity optimisation (resolution 1) with aggregation,
// visiting vertices in a seeded random order. Label propagation: asynchronous
// updates in a seeded random order, ties broken towards the current label,
// then the smallest. Communities are numbered by decreasing size, ties by
// their smallest vertex; isolated entities form communities of one.
// Deterministic for a given graph and seed.
Communities DetectCommunities(const KnowledgeGraph& graph, CommunityAlgorithm algorithm,
                              uint64_t seed = 1);

// The same on a view built beforehand (its direction is ignored).
Communities DetectCommunitiesOfView(const SimpleGraph& view, CommunityAlgorithm algorithm,
                                    uint64_t seed = 1);

// Newman's modularity of a partition of the undirected view (as
// networkx.community.modularity with resolution 1); 0 when it has no links.
double Modularity(const SimpleGraph& view, const std::vector<int>& membership);

}  // namespace kg

#endif  // KG_QUERY_COMMUNITIES_H_
