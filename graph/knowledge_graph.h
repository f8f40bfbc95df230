// The knowledge graph: entities as vertices, stated relations as edges, on a
// Boost.Graph bidirectional adjacency list with bundled properties. One edge
// per (source, relation, target), carrying every piece of evidence for it.
#ifndef KG_GRAPH_KNOWLEDGE_GRAPH_H_
#define KG_GRAPH_KNOWLEDGE_GRAPH_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "extract/schema.h"

namespace kg {

struct EntityNode {
  std::string id;
  EntityType type = EntityType::kOrganization;
  std::string name;
  std::vector<std::string> aliases;  // sorted, without `name`
  // Sorted document file names. Pooled: an entity of a large corpus is named
  // in many documents, and the names are few.
  std::vector<PooledString> docs;
};

struct RelationEdge {
  Relation relation = Relation::kIssued;
  std::string date;                // YYYY-MM-DD, YYYY-MM, YYYY or empty
  std::string role;                // affiliated_with only
  std::vector<Evidence> evidence;  // sorted by (doc, line, text)
};

// One source document of the graph, for statistics and incremental builds.
struct DocumentInfo {
  std::string name;
  std::string content_hash;
  uint64_t bytes = 0;
};

using GraphStorage = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                           EntityNode, RelationEdge>;
using Vertex = boost::graph_traits<GraphStorage>::vertex_descriptor;
using Edge = boost::graph_traits<GraphStorage>::edge_descriptor;

class KnowledgeGraph {
 public:
  KnowledgeGraph();
  ~KnowledgeGraph();

  // Boost's adjacency_list has no move and its swap copies, while an Edge
  // points into the graph's edge list: the storage lives on the heap so that
  // a move hands it over whole and the edge index stays valid. A moved-from
  // graph is empty. A copy rebuilds the edge index on the copied storage.
  KnowledgeGraph(KnowledgeGraph&& other) noexcept;
  KnowledgeGraph& operator=(KnowledgeGraph&& other) noexcept;
  KnowledgeGraph(const KnowledgeGraph& other);
  KnowledgeGraph& operator=(const KnowledgeGraph& other);

  // Adds an entity. Returns nullopt if its id is already present.
  std::optional<Vertex> AddEntity(EntityNode node);

  // Adds an edge between existing vertices. If an edge with the same
  // (source, relation, target) exists, the evidence is merged into it and the
  // first non-empty date and role are kept.
  Edge AddRelation(Vertex source, Vertex target, RelationEdge edge);

  // The vertex with this exact id, if any.
  std::optional<Vertex> FindById(std::string_view id) const;

  // FindById for many ids at once, into out[i]. Faster on large graphs: the
  // lookups' memory accesses overlap instead of waiting one after the other.
  void FindByIds(std::span<const std::string_view> ids,
                 std::vector<std::optional<Vertex>>* out) const;

  // A hint that AddRelation(source, target, an edge of `relation`) comes
  // soon: starts loading the memory it will touch. For bulk loaders, a few
  // relations ahead of adding them.
  void PrefetchRelation(Vertex source, Relation relation, Vertex target) const;

  // Makes room for this many entities and relations in all, so that loading
  // a graph of known size does not rehash or reallocate as it grows.
  void Reserve(size_t entities, size_t relations);

  const GraphStorage& storage() const { return *graph_; }
  GraphStorage& mutable_storage() { return *graph_; }
  size_t num_entities() const { return boost::num_vertices(*graph_); }
  size_t num_relations() const { return boost::num_edges(*graph_); }

  const EntityNode& node(Vertex v) const { return (*graph_)[v]; }
  const RelationEdge& edge(Edge e) const { return (*graph_)[e]; }

  std::vector<DocumentInfo>& documents() { return documents_; }
  const std::vector<DocumentInfo>& documents() const { return documents_; }

 private:
  // Both indexes are open-addressing tables with linear probing: a lookup is
  // usually one cache miss and an insert allocates nothing, where a
  // node-based map costs two misses and an allocation (loading a graph of
  // 500k links is mostly these lookups).
  struct EdgeSlot {
    Edge edge;
    Relation relation = Relation::kIssued;
    bool used = false;
  };

  static size_t EdgeSlotOf(Vertex source, Relation relation, Vertex target, size_t mask);
  size_t IdSlotOf(std::string_view id, uint64_t hash) const;
  void GrowIdIndex(size_t entities);
  void GrowEdgeIndex(size_t relations);
  // Indexes every edge in a table with room for `relations` (at least).
  void RebuildEdgeIndex(size_t relations);

  // Never null, even after a move (moved-from graphs get fresh storage).
  std::unique_ptr<GraphStorage> graph_;
  // Per slot: the top 32 bits of the id's hash, then vertex + 1 (0: empty).
  std::vector<uint64_t> id_slots_;
  std::vector<EdgeSlot> edge_slots_;
  std::vector<DocumentInfo> documents_;
};

// Counts for `kg stats` and the "graph" object of graph.json.
struct GraphStatistics {
  size_t documents = 0;
  size_t entities = 0;
  size_t relations = 0;
  size_t evidence = 0;
  std::map<std::string, size_t> entities_by_type;   // every type, zero included
  std::map<std::string, size_t> relations_by_type;  // every relation, zero included
  std::map<std::string, size_t> entities_by_doc;
  std::map<std::string, size_t> relations_by_doc;
};

// Every count of GraphStatistics but entities_by_doc and relations_by_doc
// (left empty), which take most of the time on a large graph: what
// graph.json carries.
GraphStatistics ComputeTotals(const KnowledgeGraph& graph);

// Every count of GraphStatistics, for kg stats.
GraphStatistics ComputeStatistics(const KnowledgeGraph& graph);

}  // namespace kg

#endif  // KG_GRAPH_KNOWLEDGE_GRAPH_H_
