// Merges the extractions of many documents into one KnowledgeGraph, resolving
// the same entity across documents by its names, deterministically: the result
// does not depend on the order in which documents are added.
#ifndef KG_GRAPH_GRAPH_BUILDER_H_
#define KG_GRAPH_GRAPH_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/extraction.h"
#include "graph/knowledge_graph.h"

namespace kg {

class GraphBuilder {
 public:
  GraphBuilder();
  ~GraphBuilder();
  GraphBuilder(GraphBuilder&&) noexcept;
  GraphBuilder& operator=(GraphBuilder&&) noexcept;

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

  // Build() that moves the queued evidence into the graph instead of copying
  // it, so that the text of a large corpus is held once; leaves the builder
  // empty.
  KnowledgeGraph TakeGraph();

  size_t size() const { return docs_.size(); }

 private:
  // A relation as queued: its entities by position in the document's list
  // (kNone: no entity of the document has that id) and its date and role by
  // number in strings_. A large corpus queues millions of these, so they
  // hold no string they do not need.
  struct QueuedRelation {
    static constexpr uint32_t kNone = UINT32_MAX;
    uint32_t subject, object;
    Relation relation;
    uint32_t date, role;
    Evidence evidence;
  };
  struct QueuedDocument {
    DocumentInfo info;
    std::vector<ExtractedEntity> entities;
    std::vector<QueuedRelation> relations;
  };

  // The entities of docs_ merged as they were added, while they come in
  // name order (as a corpus in one folder does): TakeGraph then has only
  // the edges left to do.
  struct EarlyMerge;

  KnowledgeGraph BuildFrom(bool consume);
  uint32_t Intern(const std::string& s);

  std::vector<QueuedDocument> docs_;
  std::unique_ptr<EarlyMerge> early_;  // null once a document came out of order
  std::vector<std::string> strings_;   // dates and roles, by number
  std::unordered_map<std::string, uint32_t> string_ids_;
};

}  // namespace kg

#endif  // KG_GRAPH_GRAPH_BUILDER_H_
