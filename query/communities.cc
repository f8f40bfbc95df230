// Placeholder until the query engine issue lands: one community.
#include "query/communities.h"

namespace kg {

std::optional<CommunityAlgorithm> ParseCommunityAlgorithm(std::string_view name) {
  if (name == "louvain") return CommunityAlgorithm::kLouvain;
  if (name == "label-propagation") return CommunityAlgorithm::kLabelPropagation;
  return std::nullopt;
}

Communities DetectCommunities(const KnowledgeGraph& graph, CommunityAlgorithm, uint64_t) {
  Communities c;
  c.membership.assign(graph.num_entities(), 0);
  c.count = graph.num_entities() > 0 ? 1 : 0;
  return c;
}

}  // namespace kg
