#include "graph/knowledge_graph.h"

#include <algorithm>
#include <set>

namespace kg {

std::optional<Vertex> KnowledgeGraph::AddEntity(EntityNode node) {
  if (by_id_.count(node.id)) return std::nullopt;
  std::string id = node.id;
  Vertex v = boost::add_vertex(std::move(node), graph_);
  by_id_.emplace(std::move(id), v);
  return v;
}

Edge KnowledgeGraph::AddRelation(Vertex source, Vertex target, RelationEdge edge) {
  auto key = std::make_tuple(source, edge.relation, target);
  auto it = edge_index_.find(key);
  if (it == edge_index_.end()) {
    std::sort(edge.evidence.begin(), edge.evidence.end());
    edge.evidence.erase(std::unique(edge.evidence.begin(), edge.evidence.end()), edge.evidence.end());
    Edge e = boost::add_edge(source, target, std::move(edge), graph_).first;
    edge_index_.emplace(key, e);
    return e;
  }
  RelationEdge& existing = graph_[it->second];
  if (existing.date.empty()) existing.date = edge.date;
  if (existing.role.empty()) existing.role = edge.role;
  std::vector<Evidence>& all = existing.evidence;
  // Builders add evidence in order: appending keeps the list sorted without
  // sorting it again, which made an edge with k sentences cost O(k^2 log k).
  std::sort(edge.evidence.begin(), edge.evidence.end());
  if (all.empty() || edge.evidence.empty() || !(edge.evidence.front() < all.back())) {
    for (Evidence& ev : edge.evidence) {
      if (all.empty() || all.back() < ev) all.push_back(std::move(ev));
    }
    return it->second;
  }
  all.insert(all.end(), edge.evidence.begin(), edge.evidence.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return it->second;
}

std::optional<Vertex> KnowledgeGraph::FindById(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

GraphStatistics ComputeStatistics(const KnowledgeGraph& graph) {
  GraphStatistics s;
  s.documents = graph.documents().size();
  s.entities = graph.num_entities();
  s.relations = graph.num_relations();
  for (EntityType t : AllEntityTypes()) s.entities_by_type[std::string(ToString(t))] = 0;
  for (Relation r : AllRelations()) s.relations_by_type[std::string(ToString(r))] = 0;
  for (const DocumentInfo& d : graph.documents()) {
    s.entities_by_doc[d.name] = 0;
    s.relations_by_doc[d.name] = 0;
  }
  const GraphStorage& g = graph.storage();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    ++s.entities_by_type[std::string(ToString(g[v].type))];
    for (const std::string& d : g[v].docs) ++s.entities_by_doc[d];
  }
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    const RelationEdge& r = g[e];
    ++s.relations_by_type[std::string(ToString(r.relation))];
    s.evidence += r.evidence.size();
    // Evidence is kept sorted by document, so each document's run is counted once.
    const std::string* last = nullptr;
    std::set<std::string_view> docs;
    for (const Evidence& ev : r.evidence) {
      if (last != nullptr && *last == ev.doc) continue;
      last = &ev.doc;
      docs.insert(ev.doc);
    }
    for (std::string_view d : docs) ++s.relations_by_doc[std::string(d)];
  }
  return s;
}

}  // namespace kg
