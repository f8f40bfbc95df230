// Merges the extractions of many documents into one KnowledgeGraph, resolving
// the same entity across documents by its names, deterministically: the result
// does not depend on the order in which documents are added.
#ifndef KG_GRAPH_GRAPH_BUILDER_H_
#define KG_GRAPH_GRAPH_BUILDER_H_

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/extraction.h"
#include "graph/knowledge_graph.h"

namespace kg {

class GraphBuilder {
 public:
  // Queues one document. Adding a document with the same name twice keeps the
  // later one.
  void Add(DocumentExtraction doc);

  // Queues the documents of an existing graph (every entity, edge and piece of
  // evidence they contributed), so that a graph can be updated incrementally.
  // Documents in `skip` are left out, as are their evidence and their entities
  // that no other document names.
  void AddGraph(const KnowledgeGraph& graph, const std::vector<std::string>& skip);

  // Merges everything queued into a graph. Entities that share a name key are
  // one entity (two standards with different codes never are); its id is the
  // first id in document order, its aliases every name seen. A standard's
  // code printed without a year ("GB/T 22239") joins the latest edition
  // ("GB/T 22239-2019") named by a document merged before it. Symmetric
  // relations are stored with the smaller id as source.
  KnowledgeGraph Build() const;

  // Build() that hands the queue over to the graph instead of copying it, so
  // that a large corpus is held once; leaves the builder empty.
  KnowledgeGraph TakeGraph();

  // The number of documents queued (a replaced one counts once).
  size_t size() const { return doc_index_.size(); }

 private:
  // A relation as queued, 40 bytes: a large corpus queues millions. Its
  // entities are positions in its document's list (kNone: no entity of the
  // document has that id) until the graph is built, then ranks of merged
  // entities by id.
  struct QueuedRelation {
    static constexpr uint32_t kNone = UINT32_MAX;
    uint32_t doc;  // position in docs_
    uint32_t seq;  // position among the document's relations
    uint32_t subject, object;
    PooledString date, role;
    Evidence evidence;
    Relation relation;
  };
  struct QueuedDocument {
    DocumentInfo info;
    std::vector<ExtractedEntity> entities;
    bool replaced = false;  // by a later Add of the same name
  };

  static KnowledgeGraph BuildFrom(std::vector<QueuedDocument> docs,
                                  std::deque<QueuedRelation> relations);

  std::vector<QueuedDocument> docs_;
  // All documents' relations in one queue: a deque grows without moving what
  // it holds (no peak of twice the queue) and frees its front as the graph
  // takes it.
  std::deque<QueuedRelation> relations_;
  std::unordered_map<std::string, uint32_t> doc_index_;  // name -> live position in docs_
};

}  // namespace kg

#endif  // KG_GRAPH_GRAPH_BUILDER_H_
