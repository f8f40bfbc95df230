#include "graph/graph_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "extract/name_key.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace kg {
namespace {

// An entity while documents are merged.
struct MergedEntity {
  std::string id;
  EntityType type;
  std::string name;
  std::unordered_set<std::string> names;  // every name seen, id and name included
  std::vector<std::string> docs;          // sorted, unique
};

// The code of a standard without its year ("GB/T 22239" of "GB/T
// 22239-2019") and the year, or the code itself and 0 when it has none.
std::pair<std::string, int> SplitEdition(const std::string& code) {
  size_t n = code.size();
  if (n >= 6 && (code[n - 5] == '-' || code[n - 5] == ':') &&
      std::all_of(code.end() - 4, code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int year = std::stoi(code.substr(n - 4));
    if (year >= 1900 && year <= 2100) return {code.substr(0, n - 5), year};
  }
  return {code, 0};
}

bool CanMerge(const MergedEntity& a, const ExtractedEntity& b) {
  // Editions of a standard are different entities even when a yearless code
  // names both; two people who share a surname are too.
  if (a.type == EntityType::kStandard && b.type == EntityType::kStandard) {
    return NameKey(a.id) == NameKey(b.id);
  }
  return true;
}

class Merger {
 public:
  int Merge(const ExtractedEntity& e, const std::string& doc) {
    int found = Find(e);
    if (found < 0 && e.type == EntityType::kStandard && SplitEdition(e.id).second == 0) {
      found = LatestEdition(e.id);
    }
    if (found < 0) {
      found = static_cast<int>(entities_.size());
      entities_.push_back({e.id, e.type, e.name, {}, {}});
    }
    MergedEntity& m = entities_[found];
    // A document that spells out what another only abbreviated gives the name.
    if (m.name == m.id && e.name != e.id && m.type != EntityType::kStandard) m.name = e.name;
    // Only the names this document adds need keys: the others have theirs.
    auto add_name = [&](const std::string& n) {
      if (m.names.insert(n).second) by_key_.emplace(NameKey(n), found);
    };
    add_name(e.id);
    add_name(e.name);
    for (const std::string& a : e.aliases) add_name(a);
    // Documents come in name order, so the list mostly grows at its end.
    if (m.docs.empty() || m.docs.back() < doc) {
      m.docs.push_back(doc);
    } else {
      auto at = std::lower_bound(m.docs.begin(), m.docs.end(), doc);
      if (at == m.docs.end() || *at != doc) m.docs.insert(at, doc);
    }
    if (m.type == EntityType::kStandard) {
      auto [code, year] = SplitEdition(m.id);
      if (year > 0) editions_[NameKey(code)].push_back({year, found});
    }
    return found;
  }

  // A code printed without its year names the latest edition seen so far;
  // documents are merged in name order, so the choice is deterministic.
  int LatestEdition(const std::string& code) const {
    auto it = editions_.find(NameKey(code));
    if (it == editions_.end()) return -1;
    return std::max_element(it->second.begin(), it->second.end())->second;
  }

  std::vector<MergedEntity>& entities() { return entities_; }

 private:
  int Find(const ExtractedEntity& e) const {
    std::vector<std::string> names = {e.id, e.name};
    names.insert(names.end(), e.aliases.begin(), e.aliases.end());
    for (const std::string& n : names) {
      auto it = by_key_.find(NameKey(n));
      if (it != by_key_.end() && CanMerge(entities_[it->second], e)) return it->second;
    }
    return -1;
  }

  std::vector<MergedEntity> entities_;
  std::unordered_map<std::string, int> by_key_;
  std::unordered_map<std::string, std::vector<std::pair<int, int>>> editions_;  // (year, index)
};

// Hands the pages freed so far back to the system. The extraction threads
// allocated in their own malloc arenas, where the main thread, which builds
// the graph, would never reuse them: without this, their spare room and the
// whole graph add up in the peak.
void ReturnFreeMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// Gives every merged entity an id no other one has.
std::vector<std::string> UniqueIds(const std::vector<MergedEntity>& entities) {
  std::vector<std::string> ids;
  std::set<std::string> used;
  for (const MergedEntity& m : entities) {
    std::string id = m.id;
    if (used.count(id)) id += " (" + std::string(ToString(m.type)) + ")";
    for (int n = 2; used.count(id); ++n) id = m.id + " #" + std::to_string(n);
    used.insert(id);
    ids.push_back(id);
  }
  return ids;
}

// std::stable_sort(v, less), each half sorted on a thread of its own. The
// merge keeps the first half's elements first among equals, so the order is
// the same.
template <typename T, typename Less>
void StableSortOnTwoThreads(std::vector<T>* v, const Less& less) {
  constexpr size_t kWorthAThread = 1 << 14;
  if (v->size() < kWorthAThread) {
    std::stable_sort(v->begin(), v->end(), less);
    return;
  }
  auto middle = v->begin() + static_cast<std::ptrdiff_t>(v->size() / 2);
  std::thread first([&] { std::stable_sort(v->begin(), middle, less); });
  std::stable_sort(middle, v->end(), less);
  first.join();
  std::inplace_merge(v->begin(), middle, v->end(), less);
}

}  // namespace

struct GraphBuilder::EarlyMerge {
  Merger merger;
  std::vector<std::vector<int>> local;  // per document of docs_, as in BuildFrom
};

GraphBuilder::GraphBuilder() : early_(std::make_unique<EarlyMerge>()) {}
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

uint32_t GraphBuilder::Intern(const std::string& s) {
  auto [it, inserted] = string_ids_.emplace(s, static_cast<uint32_t>(strings_.size()));
  if (inserted) strings_.push_back(s);
  return it->second;
}

void GraphBuilder::Add(DocumentExtraction doc) {
  QueuedDocument queued;
  queued.info = {std::move(doc.doc), std::move(doc.content_hash), doc.bytes};
  // Relations name entities by id; the first entity with an id is the one
  // meant, as it is the one a lookup by id finds.
  std::unordered_map<std::string_view, uint32_t> position;
  for (size_t k = 0; k < doc.entities.size(); ++k) {
    position.emplace(doc.entities[k].id, static_cast<uint32_t>(k));
  }
  auto find = [&](const std::string& id) {
    auto it = position.find(id);
    return it == position.end() ? QueuedRelation::kNone : it->second;
  };
  // Copied, not moved: what is kept is then allocated by this thread, and
  // the extraction thread's malloc arena, freed whole with `doc`, can go
  // back to the system (see ReturnFreeMemory) instead of staying pinned by
  // a few strings per page.
  queued.relations.reserve(doc.relations.size());
  for (ExtractedRelation& r : doc.relations) {
    queued.relations.push_back(
        {find(r.subject), find(r.object), r.relation, Intern(r.date), Intern(r.role), r.evidence});
  }
  position.clear();
  queued.entities = doc.entities;
  auto it = std::find_if(docs_.begin(), docs_.end(),
                         [&](const QueuedDocument& d) { return d.info.name == queued.info.name; });
  if (it != docs_.end()) {
    *it = std::move(queued);
    early_.reset();
    return;
  }
  if (early_ != nullptr && !docs_.empty() && !(docs_.back().info.name < queued.info.name)) {
    early_.reset();
  }
  docs_.push_back(std::move(queued));
  if (early_ != nullptr) {
    const QueuedDocument& d = docs_.back();
    std::vector<int>& local = early_->local.emplace_back();
    for (const ExtractedEntity& e : d.entities)
      local.push_back(early_->merger.Merge(e, d.info.name));
  }
}

void GraphBuilder::AddGraph(const KnowledgeGraph& graph, const std::vector<std::string>& skip) {
  std::map<std::string, DocumentExtraction> by_doc;
  for (const DocumentInfo& d : graph.documents()) {
    if (std::find(skip.begin(), skip.end(), d.name) != skip.end()) continue;
    DocumentExtraction& x = by_doc[d.name];
    x.doc = d.name;
    x.content_hash = d.content_hash;
    x.bytes = d.bytes;
  }
  const GraphStorage& g = graph.storage();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const EntityNode& n = g[v];
    // The aliases go with the first document only: merged in name order, the
    // others would add no name, only the cost of looking each one up again.
    bool first = true;
    for (const std::string& d : n.docs) {
      auto it = by_doc.find(d);
      if (it == by_doc.end()) continue;
      it->second.entities.push_back({n.id, n.type, n.name, {}});
      if (first) it->second.entities.back().aliases = n.aliases;
      first = false;
    }
  }
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    const RelationEdge& r = g[e];
    for (const Evidence& ev : r.evidence) {
      auto it = by_doc.find(ev.doc);
      if (it == by_doc.end()) continue;
      it->second.relations.push_back(
          {g[boost::source(e, g)].id, r.relation, g[boost::target(e, g)].id, r.date, r.role, ev});
    }
  }
  for (auto& [name, doc] : by_doc) Add(std::move(doc));
}

KnowledgeGraph GraphBuilder::Build() const {
  // Nothing is moved out: the builder stays as it was.
  return const_cast<GraphBuilder*>(this)->BuildFrom(false);
}

KnowledgeGraph GraphBuilder::TakeGraph() {
  KnowledgeGraph graph = BuildFrom(true);
  docs_.clear();
  strings_.clear();
  string_ids_.clear();
  early_ = std::make_unique<EarlyMerge>();
  return graph;
}

KnowledgeGraph GraphBuilder::BuildFrom(bool consume) {
  std::vector<QueuedDocument*> order;
  for (QueuedDocument& d : docs_) order.push_back(&d);
  std::sort(order.begin(), order.end(),
            [](const auto* a, const auto* b) { return a->info.name < b->info.name; });

  Merger merger;
  // Per document: the merged index of each of its entities.
  std::vector<std::vector<int>> local(order.size());
  // Documents added in name order were merged then, in this same order.
  if (consume && early_ != nullptr && early_->local.size() == order.size()) {
    merger = std::move(early_->merger);
    local = std::move(early_->local);
    early_.reset();
    for (QueuedDocument* d : order) std::vector<ExtractedEntity>().swap(d->entities);
  } else {
    for (size_t i = 0; i < order.size(); ++i) {
      for (const ExtractedEntity& e : order[i]->entities) {
        local[i].push_back(merger.Merge(e, order[i]->info.name));
      }
      if (consume) std::vector<ExtractedEntity>().swap(order[i]->entities);
    }
  }
  std::vector<MergedEntity>& merged = merger.entities();
  std::vector<std::string> ids = UniqueIds(merged);
  // rank[i] orders entity i by id; ids are unique, so comparing ranks is
  // comparing ids, without the string comparisons.
  std::vector<size_t> rank(merged.size());

  KnowledgeGraph graph;
  std::vector<size_t> by_id(merged.size());
  for (size_t i = 0; i < merged.size(); ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
  for (size_t r = 0; r < by_id.size(); ++r) rank[by_id[r]] = r;
  std::vector<Vertex> vertex_by_rank(merged.size());
  for (size_t i : by_id) {
    MergedEntity& m = merged[i];
    EntityNode node;
    node.id = std::move(ids[i]);
    node.type = m.type;
    node.name = m.name;
    for (const std::string& n : m.names) {
      if (n != m.name) node.aliases.push_back(n);
    }
    std::sort(node.aliases.begin(), node.aliases.end());
    node.docs = std::move(m.docs);
    vertex_by_rank[rank[i]] = *graph.AddEntity(std::move(node));
  }
  // The name index is done with: free it before the edges need the room.
  merger = Merger();
  std::vector<std::string>().swap(ids);
  if (consume) ReturnFreeMemory();

  // A large corpus queues millions of these: they hold what the sort
  // compares first, and find the rest through `order`.
  struct PendingEdge {
    uint32_t source_rank, target_rank;
    uint32_t doc, relation;  // positions in `order` and its relations
    Relation kind;
  };
  size_t relations = 0;
  for (const QueuedDocument* d : order) relations += d->relations.size();
  std::vector<PendingEdge> pending;
  pending.reserve(relations);
  // Whether every piece of evidence names the document that queued it, as
  // extractions do: then documents compare as their positions in `order`.
  bool evidence_of_own_doc = true;
  for (size_t i = 0; i < order.size(); ++i) {
    const std::vector<QueuedRelation>& rs = order[i]->relations;
    for (size_t k = 0; k < rs.size(); ++k) {
      const QueuedRelation& r = rs[k];
      if (r.subject == QueuedRelation::kNone || r.object == QueuedRelation::kNone) continue;
      size_t a = local[i][r.subject], b = local[i][r.object];
      if (a == b) continue;
      if (IsSymmetric(r.relation) && rank[b] < rank[a]) std::swap(a, b);
      evidence_of_own_doc = evidence_of_own_doc && r.evidence.doc == order[i]->info.name;
      pending.push_back({static_cast<uint32_t>(rank[a]), static_cast<uint32_t>(rank[b]),
                         static_cast<uint32_t>(i), static_cast<uint32_t>(k), r.relation});
    }
    std::vector<int>().swap(local[i]);
  }
  auto relation = [&](const PendingEdge& p) -> QueuedRelation& {
    return order[p.doc]->relations[p.relation];
  };
  // Evidence order decides which date and role an edge keeps: the earliest
  // document, then line, wins.
  auto by_evidence = [&](const PendingEdge& x, const PendingEdge& y) {
    return std::tie(x.source_rank, x.kind, x.target_rank, relation(x).evidence) <
           std::tie(y.source_rank, y.kind, y.target_rank, relation(y).evidence);
  };
  auto by_position = [&](const PendingEdge& x, const PendingEdge& y) {
    if (std::tie(x.source_rank, x.kind, x.target_rank, x.doc) !=
        std::tie(y.source_rank, y.kind, y.target_rank, y.doc)) {
      return std::tie(x.source_rank, x.kind, x.target_rank, x.doc) <
             std::tie(y.source_rank, y.kind, y.target_rank, y.doc);
    }
    const Evidence& ex = relation(x).evidence;
    const Evidence& ey = relation(y).evidence;
    return std::tie(ex.line, ex.text) < std::tie(ey.line, ey.text);
  };
  if (evidence_of_own_doc) {
    StableSortOnTwoThreads(&pending, by_position);
  } else {
    StableSortOnTwoThreads(&pending, by_evidence);
  }
  for (const PendingEdge& p : pending) {
    QueuedRelation& r = relation(p);
    RelationEdge edge{r.relation, strings_[r.date], strings_[r.role], {}};
    if (consume) {
      edge.evidence.push_back(std::move(r.evidence));
    } else {
      edge.evidence.push_back(r.evidence);
    }
    graph.AddRelation(vertex_by_rank[p.source_rank], vertex_by_rank[p.target_rank],
                      std::move(edge));
  }
  for (const QueuedDocument* d : order) graph.documents().push_back(d->info);
  return graph;
}

}  // namespace kg
