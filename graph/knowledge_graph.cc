#include "graph/knowledge_graph.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <unordered_map>

namespace kg {

KnowledgeGraph::KnowledgeGraph() : graph_(std::make_unique<GraphStorage>()) {}

KnowledgeGraph::~KnowledgeGraph() = default;

KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&& other) noexcept : KnowledgeGraph() {
  *this = std::move(other);
}

KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&& other) noexcept {
  if (this == &other) return *this;
  // Swapping the pointers keeps every Edge of both indexes pointing into the
  // storage it was taken from; `other` is then cleared.
  graph_.swap(other.graph_);
  id_slots_.swap(other.id_slots_);
  edge_slots_.swap(other.edge_slots_);
  documents_.swap(other.documents_);
  other.graph_->clear();
  other.id_slots_.clear();
  other.edge_slots_.clear();
  other.documents_.clear();
  return *this;
}

KnowledgeGraph::KnowledgeGraph(const KnowledgeGraph& other)
    : graph_(std::make_unique<GraphStorage>(*other.graph_)),
      id_slots_(other.id_slots_),
      documents_(other.documents_) {
  RebuildEdgeIndex(0);
}

KnowledgeGraph& KnowledgeGraph::operator=(const KnowledgeGraph& other) {
  if (this != &other) *this = KnowledgeGraph(other);
  return *this;
}

namespace {

// Tables stay at most 70% full.
size_t SlotsFor(size_t items) {
  size_t slots = 16;
  while (slots * 7 < items * 10) slots *= 2;
  return slots;
}

uint64_t HashId(std::string_view id) { return std::hash<std::string_view>()(id); }

// A vertex's slot value: the hash's top half tells most strangers apart
// without reading their ids.
uint64_t IdSlotValue(uint64_t hash, Vertex v) { return (hash & ~uint64_t{0xFFFFFFFF}) | (v + 1); }

}  // namespace

size_t KnowledgeGraph::IdSlotOf(std::string_view id, uint64_t hash) const {
  const size_t mask = id_slots_.size() - 1;
  const uint64_t tag = hash & ~uint64_t{0xFFFFFFFF};
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    uint64_t slot = id_slots_[i];
    if (slot == 0) return i;
    if ((slot & ~uint64_t{0xFFFFFFFF}) == tag && (*graph_)[(slot & 0xFFFFFFFF) - 1].id == id) {
      return i;
    }
  }
}

void KnowledgeGraph::GrowIdIndex(size_t entities) {
  size_t slots = SlotsFor(entities);
  if (slots <= id_slots_.size()) return;
  id_slots_.assign(slots, 0);
  const GraphStorage& g = *graph_;
  for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
    uint64_t hash = HashId(g[v].id);
    id_slots_[IdSlotOf(g[v].id, hash)] = IdSlotValue(hash, v);
  }
}

size_t KnowledgeGraph::EdgeSlotOf(Vertex source, Relation relation, Vertex target, size_t mask) {
  uint64_t h = (uint64_t{source} * 0x9E3779B97F4A7C15ULL) ^
               (uint64_t{target} * 0xC2B2AE3D27D4EB4FULL) ^ static_cast<uint64_t>(relation);
  h ^= h >> 31;
  return static_cast<size_t>(h) & mask;
}

void KnowledgeGraph::GrowEdgeIndex(size_t relations) {
  if (SlotsFor(relations) > edge_slots_.size()) RebuildEdgeIndex(relations);
}

void KnowledgeGraph::RebuildEdgeIndex(size_t relations) {
  const GraphStorage& g = *graph_;
  edge_slots_.assign(SlotsFor(std::max(relations, boost::num_edges(g) + 1)), EdgeSlot{});
  const size_t mask = edge_slots_.size() - 1;
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    Vertex s = boost::source(e, g), t = boost::target(e, g);
    size_t i = EdgeSlotOf(s, g[e].relation, t, mask);
    while (edge_slots_[i].used) i = (i + 1) & mask;
    edge_slots_[i] = {e, g[e].relation, true};
  }
}

std::optional<Vertex> KnowledgeGraph::AddEntity(EntityNode node) {
  GrowIdIndex(num_entities() + 1);
  uint64_t hash = HashId(node.id);
  size_t i = IdSlotOf(node.id, hash);
  if (id_slots_[i] != 0) return std::nullopt;
  // Boost's add_vertex copies the node it is given (aliases and all): the
  // node is moved into a default one instead.
  Vertex v = boost::add_vertex(*graph_);
  (*graph_)[v] = std::move(node);
  id_slots_[i] = IdSlotValue(hash, v);
  return v;
}

Edge KnowledgeGraph::AddRelation(Vertex source, Vertex target, RelationEdge edge) {
  GrowEdgeIndex(num_relations() + 1);
  const size_t mask = edge_slots_.size() - 1;
  size_t i = EdgeSlotOf(source, edge.relation, target, mask);
  for (; edge_slots_[i].used; i = (i + 1) & mask) {
    const EdgeSlot& slot = edge_slots_[i];
    if (slot.relation == edge.relation && slot.edge.m_source == source &&
        slot.edge.m_target == target) {
      break;
    }
  }
  if (!edge_slots_[i].used) {
    // Builders and graph files give it sorted: one pass checks that, where
    // sorting costs comparisons of sentences, each a cache miss or two.
    if (!std::is_sorted(edge.evidence.begin(), edge.evidence.end())) {
      std::sort(edge.evidence.begin(), edge.evidence.end());
    }
    edge.evidence.erase(std::unique(edge.evidence.begin(), edge.evidence.end()),
                        edge.evidence.end());
    Relation relation = edge.relation;
    // Moved in, as the node is in AddEntity: add_edge would copy the evidence.
    Edge e = boost::add_edge(source, target, *graph_).first;
    (*graph_)[e] = std::move(edge);
    edge_slots_[i] = {e, relation, true};
    return e;
  }
  Edge found = edge_slots_[i].edge;
  RelationEdge& existing = (*graph_)[found];
  if (existing.date.empty()) existing.date = edge.date;
  if (existing.role.empty()) existing.role = edge.role;
  std::vector<Evidence>& all = existing.evidence;
  // Builders add evidence in order: appending keeps the list sorted without
  // sorting it again, which made an edge with k sentences cost O(k^2 log k).
  if (!std::is_sorted(edge.evidence.begin(), edge.evidence.end())) {
    std::sort(edge.evidence.begin(), edge.evidence.end());
  }
  if (all.empty() || edge.evidence.empty() || !(edge.evidence.front() < all.back())) {
    for (Evidence& ev : edge.evidence) {
      if (all.empty() || all.back() < ev) all.push_back(std::move(ev));
    }
    return found;
  }
  all.insert(all.end(), edge.evidence.begin(), edge.evidence.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return found;
}

std::optional<Vertex> KnowledgeGraph::FindById(std::string_view id) const {
  if (id_slots_.empty()) return std::nullopt;
  uint64_t slot = id_slots_[IdSlotOf(id, HashId(id))];
  if (slot == 0) return std::nullopt;
  return static_cast<Vertex>((slot & 0xFFFFFFFF) - 1);
}

void KnowledgeGraph::FindByIds(std::span<const std::string_view> ids,
                               std::vector<std::optional<Vertex>>* out) const {
  out->assign(ids.size(), std::nullopt);
  if (id_slots_.empty()) return;
  // A three-stage pipeline, kAhead ids apart: hash and fetch the slot, then
  // fetch the vertex whose id the slot names, then compare.
  constexpr size_t kAhead = 12;
  const size_t mask = id_slots_.size() - 1;
  const GraphStorage& g = *graph_;
  uint64_t hashes[4 * kAhead];
  for (size_t i = 0; i < ids.size() + 2 * kAhead; ++i) {
    if (i < ids.size()) {
      uint64_t hash = HashId(ids[i]);
      hashes[i % (4 * kAhead)] = hash;
      __builtin_prefetch(&id_slots_[hash & mask]);
    }
    if (i >= kAhead && i - kAhead < ids.size()) {
      uint64_t slot = id_slots_[hashes[(i - kAhead) % (4 * kAhead)] & mask];
      if (slot != 0) __builtin_prefetch(&g[(slot & 0xFFFFFFFF) - 1].id);
    }
    if (i >= 2 * kAhead) {
      size_t k = i - 2 * kAhead;
      uint64_t found = id_slots_[IdSlotOf(ids[k], hashes[k % (4 * kAhead)])];
      if (found != 0) (*out)[k] = static_cast<Vertex>((found & 0xFFFFFFFF) - 1);
    }
  }
}

void KnowledgeGraph::PrefetchRelation(Vertex source, Relation relation, Vertex target) const {
  if (edge_slots_.empty()) return;
  __builtin_prefetch(&edge_slots_[EdgeSlotOf(source, relation, target, edge_slots_.size() - 1)]);
  const GraphStorage& g = *graph_;
  // add_edge appends to the source's out-edges and the target's in-edges.
  __builtin_prefetch(&g.m_vertices[source]);
  __builtin_prefetch(&g.m_vertices[target]);
}

void KnowledgeGraph::Reserve(size_t entities, size_t relations) {
  GrowIdIndex(entities);
  GrowEdgeIndex(relations);
  graph_->m_vertices.reserve(entities);
}

GraphStatistics ComputeTotals(const KnowledgeGraph& graph) {
  GraphStatistics s;
  s.documents = graph.documents().size();
  s.entities = graph.num_entities();
  s.relations = graph.num_relations();
  const GraphStorage& g = graph.storage();
  std::array<size_t, kEntityTypeCount> by_type{};
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    ++by_type[static_cast<size_t>(g[v].type)];
  }
  std::array<size_t, kRelationCount> by_relation{};
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    ++by_relation[static_cast<size_t>(g[e].relation)];
    s.evidence += g[e].evidence.size();
  }
  for (EntityType t : AllEntityTypes()) {
    s.entities_by_type[std::string(ToString(t))] += by_type[static_cast<size_t>(t)];
  }
  for (Relation r : AllRelations()) {
    s.relations_by_type[std::string(ToString(r))] += by_relation[static_cast<size_t>(r)];
  }
  return s;
}

GraphStatistics ComputeStatistics(const KnowledgeGraph& graph) {
  GraphStatistics s = ComputeTotals(graph);
  for (const DocumentInfo& d : graph.documents()) {
    s.entities_by_doc[d.name] = 0;
    s.relations_by_doc[d.name] = 0;
  }
  const GraphStorage& g = graph.storage();
  // Counted by pooled document name, then spelt out: a large graph has
  // millions of (entity, document) and (edge, document) pairs.
  std::unordered_map<PooledString, size_t, PooledStringHash> by_doc;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    for (PooledString d : g[v].docs) ++by_doc[d];
  }
  for (const auto& [doc, n] : by_doc) s.entities_by_doc[doc.str()] += n;
  by_doc.clear();
  std::vector<PooledString> docs;  // of one edge
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    docs.clear();
    for (const Evidence& ev : g[e].evidence) {
      // Evidence is sorted by document, so a document's run is counted once.
      if (!docs.empty() && docs.back() == ev.doc) continue;
      if (std::find(docs.begin(), docs.end(), ev.doc) != docs.end()) continue;
      docs.push_back(ev.doc);
      ++by_doc[ev.doc];
    }
  }
  for (const auto& [doc, n] : by_doc) s.relations_by_doc[doc.str()] += n;
  return s;
}

}  // namespace kg
