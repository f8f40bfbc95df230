// Placeholder until the query engine issue lands: degree only.
#include "query/centrality.h"

namespace kg {

std::optional<CentralityMeasure> ParseCentralityMeasure(std::string_view name) {
  if (name == "degree") return CentralityMeasure::kDegree;
  if (name == "in-degree") return CentralityMeasure::kInDegree;
  if (name == "out-degree") return CentralityMeasure::kOutDegree;
  if (name == "betweenness") return CentralityMeasure::kBetweenness;
  if (name == "closeness") return CentralityMeasure::kCloseness;
  if (name == "harmonic") return CentralityMeasure::kHarmonic;
  if (name == "pagerank") return CentralityMeasure::kPageRank;
  if (name == "eigenvector") return CentralityMeasure::kEigenvector;
  return std::nullopt;
}

std::string_view ToString(CentralityMeasure measure) {
  static constexpr std::string_view kNames[] = {"degree", "in-degree", "out-degree", "betweenness",
                                                "closeness", "harmonic", "pagerank", "eigenvector"};
  return kNames[static_cast<int>(measure)];
}

std::vector<double> ComputeCentrality(const KnowledgeGraph& graph, CentralityMeasure,
                                      const CentralityOptions&) {
  const GraphStorage& g = graph.storage();
  std::vector<double> out(boost::num_vertices(g), 0.0);
  double n = out.size() > 1 ? out.size() - 1.0 : 1.0;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    out[v] = (boost::out_degree(v, g) + boost::in_degree(v, g)) / n;
  }
  return out;
}

}  // namespace kg
