#include "graph/graph_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "extract/name_key.h"

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

// A relation on its way into the graph, between merged entities (by index),
// holding its own date, role and evidence so that the document's records can
// be freed before the graph is filled.
struct PendingEdge {
  size_t source, target;
  Relation relation;
  std::string date, role;
  Evidence evidence;
};

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

}  // namespace

void GraphBuilder::Add(DocumentExtraction doc) {
  // Held until Build: the extractor's vectors grew by doubling, and their
  // spare room would be a good part of a large corpus's memory.
  doc.entities.shrink_to_fit();
  doc.relations.shrink_to_fit();
  auto it = std::find_if(docs_.begin(), docs_.end(),
                         [&](const DocumentExtraction& d) { return d.doc == doc.doc; });
  if (it != docs_.end()) {
    *it = std::move(doc);
  } else {
    docs_.push_back(std::move(doc));
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
  return graph;
}

KnowledgeGraph GraphBuilder::BuildFrom(bool consume) {
  std::vector<DocumentExtraction*> order;
  for (DocumentExtraction& d : docs_) order.push_back(&d);
  std::sort(order.begin(), order.end(),
            [](const auto* a, const auto* b) { return a->doc < b->doc; });

  Merger merger;
  // Per document: its local entity id -> merged index.
  std::vector<std::unordered_map<std::string, int>> local(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    for (const ExtractedEntity& e : order[i]->entities) {
      local[i].emplace(e.id, merger.Merge(e, order[i]->doc));
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
  std::vector<Vertex> vertex_of(merged.size());
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
    vertex_of[i] = *graph.AddEntity(std::move(node));
  }
  // The name index is done with: free it before the edges need the room.
  merger = Merger();
  std::vector<std::string>().swap(ids);

  size_t relations = 0;
  for (const DocumentExtraction* d : order) relations += d->relations.size();
  std::vector<PendingEdge> pending;
  pending.reserve(relations);
  for (size_t i = 0; i < order.size(); ++i) {
    for (ExtractedRelation& r : order[i]->relations) {
      auto s = local[i].find(r.subject);
      auto t = local[i].find(r.object);
      if (s == local[i].end() || t == local[i].end() || s->second == t->second) continue;
      size_t a = s->second, b = t->second;
      if (IsSymmetric(r.relation) && rank[b] < rank[a]) std::swap(a, b);
      pending.push_back({a, b, r.relation, {}, {}, {}});
      PendingEdge& p = pending.back();
      if (consume) {
        p.date = std::move(r.date);
        p.role = std::move(r.role);
        p.evidence = std::move(r.evidence);
      } else {
        p.date = r.date;
        p.role = r.role;
        p.evidence = r.evidence;
      }
    }
    // A document's records are larger than its share of the graph: free
    // them as soon as `pending` holds what the graph needs of them.
    std::unordered_map<std::string, int>().swap(local[i]);
    if (consume) {
      std::vector<ExtractedRelation>().swap(order[i]->relations);
      std::vector<ExtractedEntity>().swap(order[i]->entities);
    }
  }
  // Evidence order decides which date and role an edge keeps: the earliest
  // document, then line, wins. Sorting indexes moves 8 bytes, not an edge.
  std::vector<size_t> sorted(pending.size());
  for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
  std::stable_sort(sorted.begin(), sorted.end(), [&](size_t i, size_t j) {
    const PendingEdge& x = pending[i];
    const PendingEdge& y = pending[j];
    return std::tie(rank[x.source], x.relation, rank[x.target], x.evidence) <
           std::tie(rank[y.source], y.relation, rank[y.target], y.evidence);
  });
  for (size_t i : sorted) {
    PendingEdge& p = pending[i];
    RelationEdge edge{p.relation, std::move(p.date), std::move(p.role), {}};
    edge.evidence.push_back(std::move(p.evidence));
    graph.AddRelation(vertex_of[p.source], vertex_of[p.target], std::move(edge));
  }
  for (const DocumentExtraction* d : order) {
    graph.documents().push_back({d->doc, d->content_hash, d->bytes});
  }
  return graph;
}

}  // namespace kg
