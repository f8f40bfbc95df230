// Centrality measures on the simple-graph view of a knowledge graph: parallel
// links collapsed, self-loops dropped, direction ignored unless `directed`.
// Normalisation follows NetworkX's defaults so results agree with it to 1e-6:
//   degree       degree_centrality: neighbours / (n - 1) (in + out when directed)
//   in-degree    in_degree_centrality, always on the directed view
//   out-degree   out_degree_centrality, always on the directed view
//   betweenness  betweenness_centrality, normalized=True
//   closeness    closeness_centrality, wf_improved=True; incoming distances when directed
//   harmonic     harmonic_centrality: sum of 1/d, not normalised; incoming when directed
//   pagerank     pagerank(alpha=0.85, tol=1e-10, max_iter=1000), dangling mass spread uniformly
//   eigenvector  eigenvector_centrality_numpy: Perron vector of the (in-)adjacency, unit length
#ifndef KG_QUERY_CENTRALITY_H_
#define KG_QUERY_CENTRALITY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "query/simple_graph.h"

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
// All zeros when the measure is undefined on this graph (see TryComputeCentrality).
std::vector<double> ComputeCentrality(const KnowledgeGraph& graph, CentralityMeasure measure,
                                      const CentralityOptions& options);

// Like ComputeCentrality, but returns false and sets `error` when the measure
// is undefined on this graph: eigenvector centrality of a graph whose largest
// eigenvalue is 0 (no edges, or a directed graph without cycles) or whose
// power iteration does not converge, PageRank that does not converge.
bool TryComputeCentrality(const KnowledgeGraph& graph, CentralityMeasure measure,
                          const CentralityOptions& options, std::vector<double>* scores,
                          std::string* error);

// The same on a view built beforehand, used as it is: its direction decides
// (in-degree and out-degree need a directed view). For benchmarks and callers
// computing several measures on one view.
bool ComputeCentralityOfView(const SimpleGraph& view, CentralityMeasure measure, int threads,
                             std::vector<double>* scores, std::string* error);

// Vertices by descending score, ties by ascending entity id; at most `limit`.
std::vector<Vertex> RankByScore(const KnowledgeGraph& graph, const std::vector<double>& scores,
                                size_t limit);

}  // namespace kg

#endif  // KG_QUERY_CENTRALITY_H_
