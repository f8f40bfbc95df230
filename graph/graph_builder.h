// Merges the extractions of many documents into one KnowledgeGraph, resolving
// the same entity across documents by its names, deterministically: the result
// does not depend on the order in which documents are added.
#ifndef KG_GRAPH_GRAPH_BUILDER_H_
#define KG_GRAPH_GRAPH_BUILDER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/extraction.h"
#include "graph/knowledge_graph.h"

namespace kg {

class GraphBuilder {
 public:
  // A document made ready for Add: its names pooled and the ends of its
  // relations found, most of the work of adding it. Prepare needs no
  // builder, so that other threads can do it.
  class Prepared {
   private:
    friend class GraphBuilder;
    struct Entity {
      PooledString id, name;
      uint32_t aliases, aliases_end;  // in `aliases`
      EntityType type;
    };
    struct Link {
      uint32_t seq;  // position among the document's relations
      Relation relation;
      uint32_t subject, object;  // in `entities`
      PooledString date, role;
      Evidence evidence;
    };
    DocumentInfo info;
    std::vector<Entity> entities;
    std::vector<PooledString> aliases;
    std::vector<Link> relations;
  };
  static Prepared Prepare(const DocumentExtraction& doc);

  // Queues one document. Adding a document with the same name twice keeps the
  // later one.
  void Add(const DocumentExtraction& doc) { Add(Prepare(doc)); }
  void Add(Prepared doc);

  // Queues the documents of an existing graph (every entity, edge and piece of
  // evidence they contributed), so that a graph can be updated incrementally.
  // Documents in `skip` are left out, as are their evidence and their entities
  // that no other document names.
  void AddGraph(const KnowledgeGraph& graph, const std::vector<std::string>& skip);

  // Declares the documents to come, by name, before the first Add: each one
  // is then merged as soon as every document before it in name order has
  // come (or been declared Missing), so that most of the merging happens
  // while later documents are still being extracted, and TakeGraph has
  // little left. Only an optimisation: the graph is the same with or without
  // it. A document that was not declared, or comes twice, puts all the
  // merging back to TakeGraph.
  void Expect(std::vector<std::string> names);
  // A declared document that will not come (its file could not be read).
  void Missing(const std::string& name);

  // Merges everything queued into a graph. Entities that share a name key are
  // one entity (two standards with different codes never are); its id is the
  // first id in document order, its aliases every name seen. A standard's
  // code printed without a year ("GB/T 22239") joins the latest edition
  // ("GB/T 22239-2019") named by a document merged before it. Symmetric
  // relations are stored with the smaller id as source.
  KnowledgeGraph Build() const;

  // Build() that hands the queue over to the graph instead of copying it, so
  // that a large corpus is held once; leaves the builder empty. Runs on up to
  // `threads` threads (0: all cores); the graph is the same for any number.
  KnowledgeGraph TakeGraph(int threads = 1);

  GraphBuilder();
  ~GraphBuilder();
  GraphBuilder(GraphBuilder&&) noexcept;
  GraphBuilder& operator=(GraphBuilder&&) noexcept;

  // The number of documents queued (a replaced one counts once).
  size_t size() const { return doc_index_.size(); }

 private:
  // A relation as queued, 32 bytes: a large corpus queues millions. Its
  // entities are positions in Queue::entities until the graph is built, then
  // ranks of merged entities by id; its document likewise becomes the
  // document's rank by name.
  struct QueuedRelation {
    static constexpr uint32_t kNone = UINT32_MAX;
    // Relations after the first 16 million of a document share a number: if
    // two of them had the same edge and evidence, either might give the date.
    static constexpr uint32_t kMaxSeq = (1u << 24) - 1;
    uint32_t doc;       // position in Queue::docs
    uint32_t seq : 24;  // position among the document's relations
    Relation relation : 8;
    uint32_t subject, object;
    uint32_t attributes;  // date and role, in Queue::attributes
    Evidence evidence;
  };
  // An entity as queued: its aliases are [aliases, aliases_end) of
  // Queue::aliases.
  struct QueuedEntity {
    PooledString id, name;
    uint32_t aliases, aliases_end;
    EntityType type;
  };
  struct QueuedDocument {
    DocumentInfo info;
    uint32_t entities, entities_end;  // in Queue::entities
    bool replaced;                    // by a later Add of the same name
    PooledString name;                // info.name, for the nodes' document lists
  };
  // Every document's entities and relations, each kind in one container, so
  // that millions of them cost no allocation each. The relations are a deque:
  // it grows without moving what it holds (no peak of twice the queue) and
  // frees its front as the graph takes it.
  struct Queue {
    std::vector<QueuedDocument> docs;
    std::vector<QueuedEntity> entities;
    std::vector<PooledString> aliases;
    std::deque<QueuedRelation> relations;
    std::vector<std::pair<PooledString, PooledString>> attributes;  // (date, role)
  };

  // Resolves entities across documents, which must be merged in name order.
  class Merger;
  // What Expect sets going: documents merged as they come, in name order.
  struct Ahead {
    static constexpr uint32_t kAwaited = UINT32_MAX, kMissing = UINT32_MAX - 1;
    std::vector<std::string> names;  // sorted
    std::vector<uint32_t> docs;      // position in Queue::docs, kAwaited or kMissing
    size_t next = 0;                 // names before it are merged or missing
    uint32_t rank = 0;               // documents merged so far
    std::unique_ptr<Merger> merger;
    std::vector<uint32_t> merged_of;  // merged index of each queued entity
  };

  // Merges the documents of `ahead` that can be, in name order.
  void MergeAhead();
  static void MergeDocument(const Queue& queue, uint32_t doc, uint32_t rank, Merger* merger,
                            std::vector<uint32_t>* merged_of);
  // `ahead`, if given, has merged every document of `queue` in name order.
  static KnowledgeGraph BuildFrom(Queue queue, Ahead* ahead, int threads);
  // The number of (date, role) in Queue::attributes.
  uint32_t InternAttributes(PooledString date, PooledString role);

  Queue queue_;
  std::unique_ptr<Ahead> ahead_;  // null without Expect, or once it failed
  std::unordered_map<std::string, uint32_t> doc_index_;
  std::unordered_map<uint64_t, uint32_t> attribute_ids_;
  uint32_t last_attributes_ = 0;  // what InternAttributes returned last
};

}  // namespace kg

#endif  // KG_GRAPH_GRAPH_BUILDER_H_
