// Graphviz DOT text for a selection of a knowledge graph: one node statement
// per entity (label = wrapped name, shape and colour by type, tooltip = type,
// aliases and documents), one edge per relation (label and colour by relation,
// tooltip = evidence), optional clusters, node sizes by a score, and a legend
// cluster. Every string is escaped so that any name (quotes, backslashes,
// HTML, emoji, Chinese) is drawn exactly as it is spelt.
#ifndef KG_VIZ_DOT_WRITER_H_
#define KG_VIZ_DOT_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "viz/selection.h"

namespace kg {

struct DotOptions {
  std::string graph_name = "kg";
  bool legend = true;
  // The Graphviz engine the drawing is meant for; written as the `layout`
  // attribute (so that plain `dot -Tsvg` reproduces `kg render`) and used to
  // pick engine-specific attributes. Empty: "dot".
  std::string layout;
  // Cluster title of each vertex, indexed by Vertex (see GroupVertices);
  // vertices with an empty title stay outside clusters. No clusters when empty.
  std::vector<std::string> groups;
  // A score per vertex, indexed by Vertex; nodes and their labels grow with
  // score / max score. Uniform size when empty.
  std::vector<double> sizes;
  // Edge labels are dropped above this many edges, and in fans of one relation
  // into or out of one entity all but the first are; (colour and the legend still
  // tell the relation), because hundreds of labels only hide the drawing.
  size_t max_edge_labels = 150;
};

// The DOT text of `selection`. Deterministic: nodes and edges appear in the
// selection's order, clusters by title.
std::string GraphToDot(const KnowledgeGraph& graph, const Selection& selection,
                       const DotOptions& options);

// `text` as the inside of a DOT double-quoted string that Graphviz shows as
// `text`: `"` and `\` are backslash-escaped (so \N, \l... stay literal), `&`
// becomes "&amp;" (Graphviz passes entities through to SVG, so a bare "&lt;"
// would be drawn as "<"), newlines become the \n line break, and other control
// characters become spaces. UTF-8 is kept as it is.
std::string EscapeDotString(std::string_view text);

}  // namespace kg

#endif  // KG_VIZ_DOT_WRITER_H_
