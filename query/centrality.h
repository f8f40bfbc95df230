// Centrality measures on the simple-graph view of a knowledge graph: parallel
// links collapsed, self-loops dropped, direction ignored unless `directed`.
// Normalisation follows NetworkX's defaults so results agree with it to 1e-6.
#ifndef KG_QUERY_CENTRALITY_H_
#define KG_QUERY_CENTRALITY_H_

#include <optional>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

enum class CentralityMeasure {
  kDegree,
  kInDegree,
  kOutDegree,
  kBetweenness,
  kCloseness,
  kHarmonic,
  kPageRank,
  kEigenvector,
};

// "degree", "in-degree", "out-degree", "betweenness", "closeness", "harmonic",
// "pagerank", "eigenvector"; nullopt when unknown.
std::optional<CentralityMeasure> ParseCentralityMeasure(std::string_view name);
std::string_view ToString(CentralityMeasure measure);

struct CentralityOptions {
  bool directed = false;
  std::vector<Relation> relations;  // edges of these relations only; all when empty
  int threads = 0;                  // betweenness workers; 0: all cores
};

// One score per vertex, indexed by Vertex. Deterministic whatever `threads`.
std::vector<double> ComputeCentrality(const KnowledgeGraph& graph, CentralityMeasure measure,
                                      const CentralityOptions& options);

}  // namespace kg

#endif  // KG_QUERY_CENTRALITY_H_
