// Choosing the part of a knowledge graph worth drawing or exporting: an ego
// network, a path, the most central entities, filtered by type, relation,
// document, date and degree. Shared by `kg export` and `kg render`.
#ifndef KG_VIZ_SELECTION_H_
#define KG_VIZ_SELECTION_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graph/knowledge_graph.h"
#include "query/centrality.h"

namespace kg {

// Every member is optional; the default selects the whole graph.
//
// Edge filters (`relations`, `since`/`until`, `doc`) decide which edges exist
// at all. Vertex filters (`types`, `doc`, `min_degree`) decide which entities
// may appear. Then `focus` or `path` pick the entities around an anchor, and
// `top` keeps the most central of what is left. Anchors (the focus entity,
// every entity on the path) stay whatever the vertex filters say, since a
// diagram without its subject is useless. With a relation or date filter,
// entities left without any edge are dropped (anchors excepted).
struct SelectionOptions {
  std::optional<Vertex> focus;                             // ego network centre
  int depth = 1;                                           // hops from `focus`, direction ignored
  std::optional<std::pair<Vertex, Vertex>> path;           // the shortest path between the two
  size_t top = 0;                                          // keep the N most central; 0: all
  CentralityMeasure measure = CentralityMeasure::kDegree;  // for `top`
  std::vector<EntityType> types;                           // any when empty
  std::vector<Relation> relations;                         // any when empty
  std::string doc;           // entities named in, and edges with evidence from, this document
  std::string since, until;  // dated edges only, inclusive, as in RelationFilter
  int min_degree = 0;        // degree counted over the edges that pass the edge filters
};

// The chosen vertices sorted by id, and the edges between them sorted by
// (source id, relation, target id): the order every writer uses, so that the
// same selection always gives the same bytes.
struct Selection {
  std::vector<Vertex> vertices;
  std::vector<Edge> edges;
};

// True when `options` asks for anything other than the whole graph.
bool IsRestricted(const SelectionOptions& options);

// Applies `options` to `graph`. Returns false and sets `error` when nothing
// is selected, or when `path` names two entities with no path between them.
bool SelectSubgraph(const KnowledgeGraph& graph, const SelectionOptions& options,
                    Selection* selection, std::string* error);

// The number of connected components of the selection, direction ignored.
size_t CountComponents(const KnowledgeGraph& graph, const Selection& selection);

// The selected part as a graph of its own (entities, edges with all their
// evidence, and the documents of the original), e.g. for graph.json export.
KnowledgeGraph SelectedGraph(const KnowledgeGraph& graph, const Selection& selection);

}  // namespace kg

#endif  // KG_VIZ_SELECTION_H_
