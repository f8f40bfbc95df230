// Community detection on the undirected simple-graph view of a knowledge graph.
#ifndef KG_QUERY_COMMUNITIES_H_
#define KG_QUERY_COMMUNITIES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

enum class CommunityAlgorithm { kLouvain, kLabelPropagation };

// "louvain" or "label-propagation"; nullopt when unknown.
std::optional<CommunityAlgorithm> ParseCommunityAlgorithm(std::string_view name);

struct Communities {
  std::vector<int> membership;  // community of each Vertex; 0 is the largest community
  int count = 0;
  double modularity = 0.0;
};

// Deterministic for a given graph and seed.
Communities DetectCommunities(const KnowledgeGraph& graph, CommunityAlgorithm algorithm,
                              uint64_t seed = 1);

}  // namespace kg

#endif  // KG_QUERY_COMMUNITIES_H_
