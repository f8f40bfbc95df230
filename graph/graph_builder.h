// Merges the extractions of many documents into one KnowledgeGraph, resolving
// the same entity across documents by its names, deterministically: the result
// does not depend on the order in which documents are added.
#ifndef KG_GRAPH_GRAPH_BUILDER_H_
#define KG_GRAPH_GRAPH_BUILDER_H_

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

  // Build() that moves the queued evidence into the graph instead of copying
  // it, so that the text of a large corpus is held once; leaves the builder
  // empty.
  KnowledgeGraph TakeGraph();

  size_t size() const { return docs_.size(); }

 private:
  KnowledgeGraph BuildFrom(bool consume);

  std::vector<DocumentExtraction> docs_;
};

}  // namespace kg

#endif  // KG_GRAPH_GRAPH_BUILDER_H_
