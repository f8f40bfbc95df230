#include "query/simple_graph.h"

#include <algorithm>

namespace kg {
namespace {

using Link = std::pair<uint32_t, uint32_t>;

CsrGraph SortedCsr(std::vector<Link>& links, size_t n) {
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return CsrGraph(boost::edges_are_sorted, links.begin(), links.end(), n);
}

}  // namespace

SimpleGraph SimpleGraph::FromLinks(size_t n, std::vector<Link> links, bool directed) {
  SimpleGraph view;
  view.num_vertices_ = n;
  view.directed_ = directed;
  std::erase_if(links, [](const Link& l) { return l.first == l.second; });
  if (directed) {
    view.out_ = SortedCsr(links, n);
    view.num_links_ = links.size();
    for (Link& l : links) std::swap(l.first, l.second);
    view.in_ = SortedCsr(links, n);
    return view;
  }
  // Both directions of every link, so that out() lists all neighbours.
  size_t count = links.size();
  links.reserve(2 * count);
  for (size_t i = 0; i < count; ++i) links.emplace_back(links[i].second, links[i].first);
  view.out_ = SortedCsr(links, n);
  view.num_links_ = links.size() / 2;
  return view;
}

SimpleGraph SimpleGraph::FromKnowledgeGraph(const KnowledgeGraph& graph,
                                            const SimpleGraphOptions& options) {
  const GraphStorage& g = graph.storage();
  std::vector<Link> links;
  links.reserve(boost::num_edges(g));
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    const std::vector<Relation>& allowed = options.relations;
    if (!allowed.empty() &&
        std::find(allowed.begin(), allowed.end(), g[e].relation) == allowed.end()) {
      continue;
    }
    links.emplace_back(static_cast<uint32_t>(boost::source(e, g)),
                       static_cast<uint32_t>(boost::target(e, g)));
  }
  return FromLinks(boost::num_vertices(g), std::move(links), options.directed);
}

}  // namespace kg
