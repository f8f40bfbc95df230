#include "graph/graph_builder.h"

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <span>
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
  PooledString pooled_id;  // the same
  EntityType type;
  std::string name;
  // Every name seen, id and name included, by pooled number: 4 bytes a
  // name, where a hash set per entity costs ten times that.
  std::vector<PooledString> names;
  std::vector<uint32_t> docs;  // ranks of the documents by name, sorted, unique
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

// An entity of one document as queued, its names pooled.
struct EntityView {
  PooledString id;
  EntityType type;
  PooledString name;
  std::span<const PooledString> aliases;
};

bool CanMerge(const MergedEntity& a, const EntityView& b) {
  // Editions of a standard are different entities even when a yearless code
  // names both; two people who share a surname are too.
  if (a.type == EntityType::kStandard && b.type == EntityType::kStandard) {
    return a.pooled_id == b.id || NameKey(a.id) == NameKey(b.id.view());
  }
  return true;
}

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
  // Reserved, so that the ids never move and `used` can point into them.
  ids.reserve(entities.size());
  std::unordered_set<std::string_view> used;
  used.reserve(entities.size());
  for (const MergedEntity& m : entities) {
    std::string id = m.id;
    if (used.count(id)) id += " (" + std::string(ToString(m.type)) + ")";
    for (int n = 2; used.count(id); ++n) id = m.id + " #" + std::to_string(n);
    ids.push_back(std::move(id));
    used.insert(ids.back());
  }
  return ids;
}

// Numbers to entity indexes, by open addressing: the merge looks a name's
// pooled number up for every name of every document, where a node-based map
// costs a cache miss or two each.
class NumberTable {
 public:
  // The index stored for `key`, or -1.
  int Find(uint32_t key) const {
    if (slots_.empty()) return -1;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      if (slots_[i].value < 0) return -1;
      if (slots_[i].key == key) return slots_[i].value;
    }
  }

  // A hint that Find(key) comes soon: starts loading its first slot.
  void Prefetch(uint32_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key)]);
  }

  // Stores `value` (>= 0) for `key`, which must not be stored yet.
  void Insert(uint32_t key, int value) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    size_t i = Home(key);
    while (slots_[i].value >= 0) i = (i + 1) & mask_;
    slots_[i] = {key, value};
    ++count_;
  }

 private:
  struct Slot {
    uint32_t key;
    int value;  // -1: empty
  };

  size_t Home(uint32_t key) const { return (key * 0x9E3779B97F4A7C15ULL) >> shift_; }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const size_t size = old.empty() ? 1024 : old.size() * 2;
    slots_.assign(size, Slot{0, -1});
    mask_ = size - 1;
    shift_ = 64 - std::countr_zero(size);
    for (const Slot& s : old) {
      if (s.value < 0) continue;
      size_t i = Home(s.key);
      while (slots_[i].value >= 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t count_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace

class GraphBuilder::Merger {
 public:
  // `doc` is the rank of the entity's document by name; documents are
  // merged in that order.
  int Merge(const EntityView& e, uint32_t doc) {
    int found = Find(e);
    if (found < 0 && e.type == EntityType::kStandard && SplitEdition(e.id.str()).second == 0) {
      found = LatestEdition(e.id.str());
    }
    if (found < 0) {
      found = static_cast<int>(entities_.size());
      entities_.push_back({e.id.str(), e.id, e.type, e.name.str(), {}, {}});
      // An entity's id and type never change: its edition is known once.
      if (e.type == EntityType::kStandard) {
        auto [code, year] = SplitEdition(entities_.back().id);
        if (year > 0) editions_[NameKey(code)].push_back({year, found});
      }
    }
    MergedEntity& m = entities_[found];
    // A document that spells out what another only abbreviated gives the name.
    if (m.name == m.id && e.name != e.id && m.type != EntityType::kStandard) m.name = e.name;
    // Only the names this document adds need keys: the others have theirs.
    auto add_name = [&](PooledString n) {
      auto at = std::lower_bound(m.names.begin(), m.names.end(), n,
                                 [](PooledString a, PooledString b) { return a.id() < b.id(); });
      if (at == m.names.end() || *at != n) {
        m.names.insert(at, n);
        if (by_name_.Find(n.id()) < 0) {
          by_name_.Insert(n.id(), by_key_.emplace(NameKey(n.view()), found).first->second);
        }
      }
    };
    add_name(e.id);
    add_name(e.name);
    for (PooledString a : e.aliases) add_name(a);
    if (m.docs.empty() || m.docs.back() != doc) m.docs.push_back(doc);
    return found;
  }

  // A code printed without its year names the latest edition seen so far;
  // documents are merged in name order, so the choice is deterministic.
  int LatestEdition(const std::string& code) const {
    auto it = editions_.find(NameKey(code));
    if (it == editions_.end()) return -1;
    return std::max_element(it->second.begin(), it->second.end())->second;
  }

  // Hints that Merge(e) comes soon, in three steps a few entities apart,
  // each starting to load what the next one reads: kSlots, the slots that
  // find e's names; kEntity, the entity its id names so far; kNames, that
  // entity's names. Merging otherwise waits for each of them in turn.
  enum PrefetchStep { kSlots, kEntity, kNames };
  void Prefetch(const EntityView& e, PrefetchStep step) const {
    if (step == kSlots) {
      by_name_.Prefetch(e.id.id());
      by_name_.Prefetch(e.name.id());
      for (PooledString a : e.aliases) by_name_.Prefetch(a.id());
      return;
    }
    const int found = by_name_.Find(e.id.id());
    if (found < 0) return;
    if (step == kEntity) {
      __builtin_prefetch(&entities_[found]);
    } else {
      __builtin_prefetch(entities_[found].names.data());
    }
  }

  std::vector<MergedEntity>& entities() { return entities_; }

  // Frees what finds entities by name, once every document is merged.
  void DropIndex() {
    std::unordered_map<std::string, int>().swap(by_key_);
    by_name_ = NumberTable();
    editions_.clear();
  }

 private:
  // The entity whose name has the key of `n`, or -1.
  int Lookup(PooledString n) {
    int known = by_name_.Find(n.id());
    if (known >= 0) return known;
    auto it = by_key_.find(NameKey(n.view()));
    if (it == by_key_.end()) return -1;
    by_name_.Insert(n.id(), it->second);
    return it->second;
  }

  int Find(const EntityView& e) {
    auto find = [&](PooledString n) {
      int found = Lookup(n);
      return found >= 0 && CanMerge(entities_[found], e) ? found : -1;
    };
    int found = find(e.id);
    if (found < 0) found = find(e.name);
    for (size_t k = 0; found < 0 && k < e.aliases.size(); ++k) found = find(e.aliases[k]);
    return found;
  }

  std::vector<MergedEntity> entities_;
  std::unordered_map<std::string, int> by_key_;
  // What by_key_ gives for the key of a name, by the name's pooled number,
  // once it gives something (which it then always does): most names come
  // again and again, and making their key is most of the cost of a lookup.
  NumberTable by_name_;
  std::unordered_map<std::string, std::vector<std::pair<int, int>>> editions_;  // (year, index)
};

uint32_t GraphBuilder::InternAttributes(PooledString date, PooledString role) {
  uint64_t key = uint64_t{date.id()} << 32 | role.id();
  // Relations come in runs of one date and role (most have neither): the
  // last pair answers most lookups without the table.
  if (last_attributes_ < queue_.attributes.size() &&
      queue_.attributes[last_attributes_] == std::make_pair(date, role)) {
    return last_attributes_;
  }
  auto [it, inserted] =
      attribute_ids_.emplace(key, static_cast<uint32_t>(queue_.attributes.size()));
  if (inserted) queue_.attributes.push_back({date, role});
  last_attributes_ = it->second;
  return it->second;
}

GraphBuilder::Prepared GraphBuilder::Prepare(const DocumentExtraction& doc) {
  Prepared p;
  p.info = {doc.doc, doc.content_hash, doc.bytes};
  p.entities.reserve(doc.entities.size());
  // Relations name entities by id; the first entity with an id is the one
  // meant, as it is the one a lookup by id finds.
  std::unordered_map<std::string_view, uint32_t> position;
  position.reserve(doc.entities.size());
  // Every entity's id, name and aliases, pooled at once.
  std::vector<std::string_view> names;
  for (const ExtractedEntity& e : doc.entities) {
    names.push_back(e.id);
    names.push_back(e.name);
    names.insert(names.end(), e.aliases.begin(), e.aliases.end());
  }
  std::vector<PooledString> pooled(names.size());
  PooledString::Intern(names, pooled.data());
  p.aliases.reserve(pooled.size() - 2 * doc.entities.size());
  for (size_t k = 0, at = 0; k < doc.entities.size(); ++k) {
    const ExtractedEntity& e = doc.entities[k];
    position.emplace(e.id, static_cast<uint32_t>(k));
    const uint32_t aliases = static_cast<uint32_t>(p.aliases.size());
    p.aliases.insert(p.aliases.end(), pooled.begin() + at + 2,
                     pooled.begin() + at + 2 + e.aliases.size());
    p.entities.push_back(
        {pooled[at], pooled[at + 1], aliases, static_cast<uint32_t>(p.aliases.size()), e.type});
    at += 2 + e.aliases.size();
  }
  constexpr uint32_t kNone = QueuedRelation::kNone;
  auto find = [&](const std::string& id) {
    auto it = position.find(id);
    return it == position.end() ? kNone : it->second;
  };
  // Dates and roles pooled through a table of the few a document has, which
  // is quicker than the pool for thousands of them.
  std::unordered_map<std::string_view, PooledString> attributes;
  auto attribute = [&](const std::string& text) {
    if (text.empty()) return PooledString();
    auto it = attributes.find(text);
    if (it == attributes.end()) it = attributes.emplace(text, PooledString(text)).first;
    return it->second;
  };
  for (size_t k = 0; k < doc.relations.size(); ++k) {
    const ExtractedRelation& r = doc.relations[k];
    const uint32_t subject = find(r.subject), object = find(r.object);
    // A relation without both ends, or from an entity to itself, makes no edge.
    if (subject == kNone || object == kNone || subject == object) continue;
    const uint32_t seq = static_cast<uint32_t>(std::min<size_t>(k, QueuedRelation::kMaxSeq));
    p.relations.push_back(
        {seq, r.relation, subject, object, attribute(r.date), attribute(r.role), r.evidence});
  }
  return p;
}

void GraphBuilder::Add(Prepared doc) {
  const uint32_t index = static_cast<uint32_t>(queue_.docs.size());
  auto [it, inserted] = doc_index_.try_emplace(doc.info.name, index);
  if (!inserted) {
    queue_.docs[it->second].replaced = true;
    it->second = index;
  }
  const uint32_t first = static_cast<uint32_t>(queue_.entities.size());
  const uint32_t alias_base = static_cast<uint32_t>(queue_.aliases.size());
  PooledString name(doc.info.name);
  queue_.docs.push_back({std::move(doc.info), first,
                         static_cast<uint32_t>(first + doc.entities.size()), false, name});
  queue_.aliases.insert(queue_.aliases.end(), doc.aliases.begin(), doc.aliases.end());
  for (const Prepared::Entity& e : doc.entities) {
    queue_.entities.push_back(
        {e.id, e.name, alias_base + e.aliases, alias_base + e.aliases_end, e.type});
  }
  for (const Prepared::Link& r : doc.relations) {
    queue_.relations.push_back({index, r.seq, r.relation, first + r.subject, first + r.object,
                                InternAttributes(r.date, r.role), r.evidence});
  }
  if (ahead_) {
    const std::string& name = queue_.docs.back().info.name;
    auto at = std::lower_bound(ahead_->names.begin(), ahead_->names.end(), name);
    if (at == ahead_->names.end() || *at != name ||
        ahead_->docs[at - ahead_->names.begin()] != Ahead::kAwaited) {
      ahead_.reset();  // not declared, or again: TakeGraph merges everything
    } else {
      ahead_->docs[at - ahead_->names.begin()] = index;
      MergeAhead();
    }
  }
}

GraphBuilder::GraphBuilder() = default;
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

void GraphBuilder::Expect(std::vector<std::string> names) {
  // Merging documents as they come is only right from the first one on.
  if (!queue_.docs.empty()) return;
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  ahead_ = std::make_unique<Ahead>();
  ahead_->docs.assign(names.size(), Ahead::kAwaited);
  ahead_->names = std::move(names);
  ahead_->merger = std::make_unique<Merger>();
}

void GraphBuilder::Missing(const std::string& name) {
  if (!ahead_) return;
  auto at = std::lower_bound(ahead_->names.begin(), ahead_->names.end(), name);
  if (at == ahead_->names.end() || *at != name) return;
  uint32_t& doc = ahead_->docs[at - ahead_->names.begin()];
  if (doc == Ahead::kAwaited) doc = Ahead::kMissing;
  MergeAhead();
}

void GraphBuilder::MergeAhead() {
  Ahead& a = *ahead_;
  for (; a.next < a.names.size() && a.docs[a.next] != Ahead::kAwaited; ++a.next) {
    if (a.docs[a.next] != Ahead::kMissing) {
      MergeDocument(queue_, a.docs[a.next], a.rank++, a.merger.get(), &a.merged_of);
    }
  }
}

void GraphBuilder::MergeDocument(const Queue& queue, uint32_t doc, uint32_t rank, Merger* merger,
                                 std::vector<uint32_t>* merged_of) {
  const QueuedDocument& d = queue.docs[doc];
  if (merged_of->size() < queue.entities.size()) {
    merged_of->resize(queue.entities.size(), QueuedRelation::kNone);
  }
  const PooledString* aliases = queue.aliases.data();
  auto view = [&](uint32_t k) -> EntityView {
    const QueuedEntity& e = queue.entities[k];
    return {e.id, e.type, e.name, {aliases + e.aliases, aliases + e.aliases_end}};
  };
  constexpr uint32_t kSlots = 6, kEntity = 4, kNames = 2;
  for (uint32_t k = d.entities; k < d.entities_end; ++k) {
    if (k + kSlots < d.entities_end) merger->Prefetch(view(k + kSlots), Merger::kSlots);
    if (k + kEntity < d.entities_end) merger->Prefetch(view(k + kEntity), Merger::kEntity);
    if (k + kNames < d.entities_end) merger->Prefetch(view(k + kNames), Merger::kNames);
    (*merged_of)[k] = static_cast<uint32_t>(merger->Merge(view(k), rank));
  }
}

void GraphBuilder::AddGraph(const KnowledgeGraph& graph, const std::vector<std::string>& skip) {
  std::map<std::string, DocumentExtraction, std::less<>> by_doc;
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
    for (PooledString d : n.docs) {
      auto it = by_doc.find(d.view());
      if (it == by_doc.end()) continue;
      it->second.entities.push_back({n.id, n.type, n.name, {}});
      if (first) it->second.entities.back().aliases = n.aliases;
      first = false;
    }
  }
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    const RelationEdge& r = g[e];
    for (const Evidence& ev : r.evidence) {
      auto it = by_doc.find(ev.doc.view());
      if (it == by_doc.end()) continue;
      it->second.relations.push_back(
          {g[boost::source(e, g)].id, r.relation, g[boost::target(e, g)].id, r.date, r.role, ev});
    }
  }
  for (auto& [name, doc] : by_doc) Add(std::move(doc));
}

KnowledgeGraph GraphBuilder::Build() const { return BuildFrom(queue_, nullptr, 1); }

KnowledgeGraph GraphBuilder::TakeGraph(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (ahead_) {
    // What has not come by now never will.
    for (uint32_t& doc : ahead_->docs) {
      if (doc == Ahead::kAwaited) doc = Ahead::kMissing;
    }
    MergeAhead();
  }
  KnowledgeGraph graph = BuildFrom(std::move(queue_), ahead_.get(), threads);
  ahead_.reset();
  queue_ = Queue();
  doc_index_.clear();
  attribute_ids_.clear();
  return graph;
}

KnowledgeGraph GraphBuilder::BuildFrom(Queue queue, Ahead* ahead, int threads) {
  std::vector<QueuedDocument>& docs = queue.docs;
  std::deque<QueuedRelation>& relations = queue.relations;
  constexpr uint32_t kNone = QueuedRelation::kNone;
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].replaced) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return docs[a].info.name < docs[b].info.name; });
  std::vector<uint32_t> doc_rank(docs.size(), kNone);
  for (size_t r = 0; r < order.size(); ++r) doc_rank[order[r]] = static_cast<uint32_t>(r);

  Merger local_merger;
  Merger* merger = &local_merger;
  // The merged index of each queued entity.
  std::vector<uint32_t> merged_of;
  if (ahead != nullptr) {
    merger = ahead->merger.get();
    merged_of = std::move(ahead->merged_of);
    merged_of.resize(queue.entities.size(), kNone);
  } else {
    merged_of.assign(queue.entities.size(), kNone);
    for (uint32_t r = 0; r < order.size(); ++r) {
      MergeDocument(queue, order[r], r, merger, &merged_of);
    }
  }
  std::vector<PooledString>().swap(queue.aliases);
  std::vector<QueuedEntity>().swap(queue.entities);
  merger->DropIndex();
  ReturnFreeMemory();
  std::vector<MergedEntity>& merged = merger->entities();
  std::vector<std::string> ids = UniqueIds(merged);
  // Entities become vertices in id order, so an entity's vertex is its rank
  // by id, and comparing ranks is comparing ids.
  std::vector<uint32_t> by_id(merged.size());
  for (size_t i = 0; i < merged.size(); ++i) by_id[i] = static_cast<uint32_t>(i);
  std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
  std::vector<uint32_t> rank(merged.size());
  for (size_t r = 0; r < by_id.size(); ++r) rank[by_id[r]] = static_cast<uint32_t>(r);
  KnowledgeGraph graph;
  auto make_nodes = [&] {
    // Growing the vertex list would copy every node made so far, aliases and all.
    graph.Reserve(merged.size(), 0);
    // Entities are taken in id order, far apart in memory, each waiting for
    // itself, then its names, then their texts: each is asked for a few
    // entities before the one before it is needed.
    constexpr size_t kEntity = 8, kNames = 4, kTexts = 2;
    for (size_t r = 0; r < by_id.size(); ++r) {
      if (r + kEntity < by_id.size()) __builtin_prefetch(&merged[by_id[r + kEntity]]);
      if (r + kNames < by_id.size()) __builtin_prefetch(merged[by_id[r + kNames]].names.data());
      if (r + kTexts < by_id.size()) {
        for (PooledString n : merged[by_id[r + kTexts]].names) n.Prefetch();
      }
      MergedEntity& m = merged[by_id[r]];
      EntityNode node;
      node.id = std::move(ids[by_id[r]]);
      node.type = m.type;
      node.name = m.name;
      if (!m.names.empty()) node.aliases.reserve(m.names.size() - 1);
      for (PooledString n : m.names) {
        const std::string_view text = n.view();
        if (text != m.name) node.aliases.emplace_back(text);
      }
      std::vector<PooledString>().swap(m.names);
      std::sort(node.aliases.begin(), node.aliases.end());
      node.docs.reserve(m.docs.size());
      for (uint32_t d : m.docs) node.docs.push_back(docs[order[d]].name);
      std::vector<uint32_t>().swap(m.docs);
      graph.AddEntity(std::move(node));
    }
  };
  // In place: relations get the ranks of their merged ends; those of replaced
  // documents, naming no entity, or from an entity to itself go. Then they
  // are sorted into edges.
  auto order_relations = [&] {
    auto kept = relations.begin();
    for (QueuedRelation& r : relations) {
      // From here on, relations know their document by rank.
      r.doc = doc_rank[r.doc];
      if (r.doc == kNone) continue;  // replaced
      uint32_t a = rank[merged_of[r.subject]], b = rank[merged_of[r.object]];
      if (a == b) continue;
      if (IsSymmetric(r.relation) && b < a) std::swap(a, b);
      r.subject = a;
      r.object = b;
      *kept++ = r;
    }
    relations.erase(kept, relations.end());
    std::vector<uint32_t>().swap(merged_of);
    // Evidence order decides which date and role an edge keeps: the earliest
    // document, then line, wins; ties go by document name and position.
    const auto less = [](const QueuedRelation& x, const QueuedRelation& y) {
      return std::tie(x.subject, x.relation, x.object, x.evidence, x.doc, x.seq) <
             std::tie(y.subject, y.relation, y.object, y.evidence, y.doc, y.seq);
    };
    if (threads > 1 && relations.size() >= 2) {
      // Two halves split at a subject, so that sorting each sorts the whole:
      // the same order as one sort, the comparison being a total order.
      std::vector<uint32_t> count(rank.size() + 1, 0);
      for (const QueuedRelation& r : relations) ++count[r.subject];
      uint32_t split = 0;
      for (size_t below = 0; split < count.size() && below < relations.size() / 2; ++split) {
        below += count[split];
      }
      auto middle = std::partition(relations.begin(), relations.end(),
                                   [split](const QueuedRelation& r) { return r.subject < split; });
      std::thread lower([&] { std::sort(relations.begin(), middle, less); });
      std::sort(middle, relations.end(), less);
      lower.join();
    } else {
      std::sort(relations.begin(), relations.end(), less);
    }
  };
  // The vertices and the edges' order are independent: on two threads when
  // there are two. The relations, which are sorted in place, allocate
  // nothing: the vertices are made on this thread, where the room the merge
  // freed is.
  if (threads > 1) {
    std::thread relations_thread(order_relations);
    make_nodes();
    relations_thread.join();
  } else {
    make_nodes();
    order_relations();
  }
  std::vector<uint32_t>().swap(rank);
  // The name index is done with: free it before the edges need the room.
  *merger = Merger();
  std::vector<std::string>().swap(ids);
  std::vector<uint32_t>().swap(by_id);
  ReturnFreeMemory();
  // Relations of one edge are adjacent in the sorted queue.
  const auto same_edge = [](const QueuedRelation& a, const QueuedRelation& b) {
    return a.subject == b.subject && a.relation == b.relation && a.object == b.object;
  };
  // The edge index is made for all the edges at once, rather than grown
  // (and rebuilt) time after time as they come.
  size_t edges = 0;
  for (size_t k = 0; k < relations.size(); ++k) {
    if (k == 0 || !same_edge(relations[k], relations[k - 1])) ++edges;
  }
  graph.Reserve(graph.num_entities(), edges);
  while (!relations.empty()) {
    const QueuedRelation& head = relations.front();
    size_t n = 1;
    while (n < relations.size() && same_edge(relations[n], head)) ++n;
    RelationEdge edge;
    edge.relation = head.relation;
    edge.evidence.reserve(n);
    for (size_t k = 0; k < n; ++k) {
      const QueuedRelation& r = relations[k];
      const auto& [date, role] = queue.attributes[r.attributes];
      if (edge.date.empty()) edge.date = date.view();
      if (edge.role.empty()) edge.role = role.view();
      if (edge.evidence.empty() || edge.evidence.back() != r.evidence) {
        edge.evidence.push_back(r.evidence);
      }
    }
    graph.AddRelation(head.subject, head.object, std::move(edge));
    // Freed as the graph takes it, so the queue and the edges never peak together.
    relations.erase(relations.begin(), relations.begin() + n);
  }
  for (uint32_t i : order) graph.documents().push_back(std::move(docs[i].info));
  return graph;
}

}  // namespace kg
