// Brandes' betweenness on the simple-graph view, computed from many sources
// at once: distances for 64 sources per breadth-first search (one bit each),
// then path counts and dependencies for 8 sources per pass (one vector lane
// each), so that a link is read once for eight searches and the inner loops
// have no branch that depends on the data.
#ifndef KG_QUERY_BETWEENNESS_H_
#define KG_QUERY_BETWEENNESS_H_

#include <cstddef>
#include <vector>

#include "query/simple_graph.h"

namespace kg {

// For every vertex v, the sum over the sources s among the first `sources`
// vertices (all of them when `sources` >= n) of Brandes' dependency of s on v:
// the unnormalised betweenness of v when every vertex is a source. Shortest
// paths follow the view's direction. Runs on `threads` workers (0: all
// cores); the result is the same, bit for bit, for any number of threads.
std::vector<double> BrandesDependencySums(const SimpleGraph& view, size_t sources, int threads);

}  // namespace kg

#endif  // KG_QUERY_BETWEENNESS_H_
