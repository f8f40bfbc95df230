// The simple-graph view of a knowledge graph that centrality, communities and
// the graph benchmarks compute on: parallel links collapsed into one,
// self-loops dropped, and direction ignored unless asked for. This is the view
// NetworkX gets from nx.Graph(G) / nx.DiGraph(G), so scores can be compared.
#ifndef KG_QUERY_SIMPLE_GRAPH_H_
#define KG_QUERY_SIMPLE_GRAPH_H_

#include <cstdint>
#include <utility>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "graph/knowledge_graph.h"

namespace kg {

// Compressed sparse rows; vertex i of the view is Vertex i of the knowledge graph.
using CsrGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, uint32_t, uint32_t>;

struct SimpleGraphOptions {
  bool directed = false;
  std::vector<Relation> relations;  // edges of these relations only; all when empty
};

class SimpleGraph {
 public:
  // A view of `n` vertices and the given (source, target) links; duplicates,
  // reversed duplicates (undirected) and self-loops are dropped. Links must
  // name vertices below `n`.
  static SimpleGraph FromLinks(size_t n, std::vector<std::pair<uint32_t, uint32_t>> links,
                               bool directed);

  // The view of a knowledge graph's edges.
  static SimpleGraph FromKnowledgeGraph(const KnowledgeGraph& graph,
                                        const SimpleGraphOptions& options);

  size_t num_vertices() const { return num_vertices_; }
  // Distinct links: an undirected link counts once.
  size_t num_links() const { return num_links_; }
  bool directed() const { return directed_; }

  // Successors of each vertex (undirected: all neighbours), sorted ascending.
  const CsrGraph& out() const { return out_; }
  // Predecessors of each vertex (undirected: the same as out()).
  const CsrGraph& in() const { return directed_ ? in_ : out_; }

 private:
  size_t num_vertices_ = 0;
  size_t num_links_ = 0;
  bool directed_ = false;
  CsrGraph out_;
  CsrGraph in_;
};

// The raw arrays of a CSR graph, for inner loops: the neighbours of v are
// column[rowstart[v]] .. column[rowstart[v + 1] - 1].
struct CsrRows {
  const uint32_t* rowstart;
  const uint32_t* column;
};

inline CsrRows RowsOf(const CsrGraph& g) {
  return {g.m_forward.m_rowstart.data(), g.m_forward.m_column.data()};
}

// The neighbours of `v` in a CSR graph, as a pair of iterators.
inline auto Neighbours(const CsrGraph& g, uint32_t v) { return boost::adjacent_vertices(v, g); }

}  // namespace kg

#endif  // KG_QUERY_SIMPLE_GRAPH_H_
