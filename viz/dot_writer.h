// Graphviz DOT text for a knowledge graph or part of it: one node statement
// per entity (label = name, shape and colour by type, with a legend), one edge
// per relation (label = relation, tooltip = evidence), all strings escaped.
#ifndef KG_VIZ_DOT_WRITER_H_
#define KG_VIZ_DOT_WRITER_H_

#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

struct DotOptions {
  std::string graph_name = "kg";
  bool legend = true;
  std::string rankdir = "LR";
};

// Writes the subgraph induced by `vertices` (all vertices when empty) as DOT.
std::string GraphToDot(const KnowledgeGraph& graph, const std::vector<Vertex>& vertices,
                       const DotOptions& options);

// `text` as the inside of a DOT double-quoted string: quotes, backslashes and
// newlines escaped; any UTF-8 is kept.
std::string EscapeDotString(std::string_view text);

}  // namespace kg

#endif  // KG_VIZ_DOT_WRITER_H_
