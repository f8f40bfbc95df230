#include "viz/selection.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "query/paths.h"
#include "query/relation_query.h"

namespace kg {
namespace {

template <typename T, typename U>
bool Contains(const std::vector<T>& values, const U& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Boost edge descriptors have no hash; their property pointer is unique.
const void* EdgeKey(Edge e) { return e.get_property(); }

class Selector {
 public:
  Selector(const KnowledgeGraph& graph, const SelectionOptions& options)
      : graph_(graph), g_(graph.storage()), o_(options), n_(boost::num_vertices(g_)) {}

  bool Run(Selection* selection, std::string* error);

 private:
  bool EdgeAllowed(Edge e) const { return allowed_edges_.count(EdgeKey(e)) > 0; }
  void FilterEdges();
  void FilterVertices();
  void AddFocus();
  bool AddPath(std::string* error);
  void KeepTop();
  void DropIsolated();
  void Collect(Selection* selection) const;

  const KnowledgeGraph& graph_;
  const GraphStorage& g_;
  const SelectionOptions& o_;
  const size_t n_;
  std::unordered_set<const void*> allowed_edges_;
  std::vector<bool> eligible_;  // passes the vertex filters
  std::vector<bool> chosen_;
  std::vector<bool> anchor_;
  std::vector<Edge> path_edges_;
};

void Selector::FilterEdges() {
  std::unordered_set<const void*> dated;
  bool by_date = !o_.since.empty() || !o_.until.empty();
  if (by_date) {
    RelationFilter filter;
    filter.since = o_.since;
    filter.until = o_.until;
    for (Edge e : SelectRelations(graph_, filter)) dated.insert(EdgeKey(e));
  }
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) {
    const RelationEdge& r = g_[e];
    if (!o_.relations.empty() && !Contains(o_.relations, r.relation)) continue;
    if (by_date && !dated.count(EdgeKey(e))) continue;
    if (!o_.doc.empty() && std::none_of(r.evidence.begin(), r.evidence.end(),
                                        [&](const Evidence& ev) { return ev.doc == o_.doc; })) {
      continue;
    }
    allowed_edges_.insert(EdgeKey(e));
  }
}

void Selector::FilterVertices() {
  std::vector<int> degree(n_, 0);
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) {
    if (!EdgeAllowed(e)) continue;
    ++degree[boost::source(e, g_)];
    ++degree[boost::target(e, g_)];
  }
  eligible_.assign(n_, false);
  for (Vertex v = 0; v < n_; ++v) {
    const EntityNode& node = g_[v];
    eligible_[v] = (o_.types.empty() || Contains(o_.types, node.type)) &&
                   (o_.doc.empty() || Contains(node.docs, o_.doc)) && degree[v] >= o_.min_degree;
  }
  chosen_ = eligible_;
  anchor_.assign(n_, false);
}

void Selector::AddFocus() {
  Vertex centre = *o_.focus;
  std::vector<int> hops(n_, -1);
  hops[centre] = 0;
  std::deque<Vertex> queue = {centre};
  auto visit = [&](Vertex from, Vertex to) {
    if (hops[to] >= 0 || !eligible_[to]) return;
    hops[to] = hops[from] + 1;
    queue.push_back(to);
  };
  while (!queue.empty()) {
    Vertex v = queue.front();
    queue.pop_front();
    if (hops[v] >= o_.depth) continue;
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, g_))) {
      if (EdgeAllowed(e)) visit(v, boost::target(e, g_));
    }
    for (Edge e : boost::make_iterator_range(boost::in_edges(v, g_))) {
      if (EdgeAllowed(e)) visit(v, boost::source(e, g_));
    }
  }
  for (Vertex v = 0; v < n_; ++v) chosen_[v] = chosen_[v] && hops[v] >= 0;
  chosen_[centre] = true;
  anchor_[centre] = true;
}

bool Selector::AddPath(std::string* error) {
  auto [a, b] = *o_.path;
  PathOptions options;
  options.relations = o_.relations;
  std::optional<Path> path = ShortestPath(graph_, a, b, options);
  if (!path) {
    *error = "no path between " + g_[a].id + " and " + g_[b].id;
    return false;
  }
  std::vector<bool> on_path(n_, false);
  on_path[a] = on_path[b] = true;
  for (const PathHop& hop : *path) {
    on_path[hop.from] = on_path[hop.to] = true;
    path_edges_.push_back(hop.edge);
  }
  for (Vertex v = 0; v < n_; ++v) {
    chosen_[v] = on_path[v];
    anchor_[v] = anchor_[v] || on_path[v];
  }
  return true;
}

void Selector::KeepTop() {
  CentralityOptions options;
  options.relations = o_.relations;
  std::vector<double> score = ComputeCentrality(graph_, o_.measure, options);
  std::vector<Vertex> ranked;
  for (Vertex v = 0; v < n_; ++v) {
    if (chosen_[v]) ranked.push_back(v);
  }
  std::sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
    if (score[a] != score[b]) return score[a] > score[b];
    return g_[a].id < g_[b].id;
  });
  if (ranked.size() > o_.top) ranked.resize(o_.top);
  for (Vertex v = 0; v < n_; ++v) chosen_[v] = anchor_[v];
  for (Vertex v : ranked) chosen_[v] = true;
}

void Selector::DropIsolated() {
  std::vector<bool> touched(n_, false);
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) {
    Vertex s = boost::source(e, g_), t = boost::target(e, g_);
    if (EdgeAllowed(e) && chosen_[s] && chosen_[t]) touched[s] = touched[t] = true;
  }
  for (Vertex v = 0; v < n_; ++v) chosen_[v] = chosen_[v] && (touched[v] || anchor_[v]);
}

void Selector::Collect(Selection* selection) const {
  selection->vertices.clear();
  selection->edges.clear();
  for (Vertex v = 0; v < n_; ++v) {
    if (chosen_[v]) selection->vertices.push_back(v);
  }
  std::sort(selection->vertices.begin(), selection->vertices.end(),
            [&](Vertex a, Vertex b) { return g_[a].id < g_[b].id; });
  std::unordered_set<const void*> on_path;
  for (Edge e : path_edges_) on_path.insert(EdgeKey(e));
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) {
    if (!chosen_[boost::source(e, g_)] || !chosen_[boost::target(e, g_)]) continue;
    if (EdgeAllowed(e) || on_path.count(EdgeKey(e))) selection->edges.push_back(e);
  }
  auto key = [&](Edge e) {
    return std::tie(g_[boost::source(e, g_)].id, g_[e].relation, g_[boost::target(e, g_)].id);
  };
  std::sort(selection->edges.begin(), selection->edges.end(),
            [&](Edge a, Edge b) { return key(a) < key(b); });
}

bool Selector::Run(Selection* selection, std::string* error) {
  FilterEdges();
  FilterVertices();
  if (o_.focus) AddFocus();
  if (o_.path && !AddPath(error)) return false;
  if (o_.top > 0) KeepTop();
  if (!o_.relations.empty() || !o_.since.empty() || !o_.until.empty()) DropIsolated();
  Collect(selection);
  if (selection->vertices.empty()) {
    *error = "no entity matches the selection";
    return false;
  }
  return true;
}

}  // namespace

bool IsRestricted(const SelectionOptions& o) {
  return o.focus || o.path || o.top > 0 || !o.types.empty() || !o.relations.empty() ||
         !o.doc.empty() || !o.since.empty() || !o.until.empty() || o.min_degree > 0;
}

bool SelectSubgraph(const KnowledgeGraph& graph, const SelectionOptions& options,
                    Selection* selection, std::string* error) {
  return Selector(graph, options).Run(selection, error);
}

size_t CountComponents(const KnowledgeGraph& graph, const Selection& selection) {
  const GraphStorage& g = graph.storage();
  // Union-find over the selected vertices.
  std::vector<Vertex> parent(boost::num_vertices(g));
  for (Vertex v : selection.vertices) parent[v] = v;
  auto find = [&](Vertex v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  size_t components = selection.vertices.size();
  for (Edge e : selection.edges) {
    Vertex a = find(boost::source(e, g)), b = find(boost::target(e, g));
    if (a == b) continue;
    parent[a] = b;
    --components;
  }
  return components;
}

KnowledgeGraph SelectedGraph(const KnowledgeGraph& graph, const Selection& selection) {
  const GraphStorage& g = graph.storage();
  KnowledgeGraph out;
  out.documents() = graph.documents();
  std::vector<std::optional<Vertex>> mapped(boost::num_vertices(g));
  for (Vertex v : selection.vertices) mapped[v] = out.AddEntity(g[v]);
  for (Edge e : selection.edges) {
    out.AddRelation(*mapped[boost::source(e, g)], *mapped[boost::target(e, g)], g[e]);
  }
  return out;
}

}  // namespace kg
