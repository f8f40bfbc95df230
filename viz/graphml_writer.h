// GraphML for NetworkX (read_graphml), Gephi, yEd and Cytoscape. Attributes
// are declared <key>s of type string (line: int), named as in graph.json:
//   node: type, name, aliases (joined with "; "), docs (joined with "; ")
//   edge: relation, date, role, evidence (first sentence), evidence_doc,
//         evidence_line, evidence_count
// An attribute with an empty value is left out of that element.
#ifndef KG_VIZ_GRAPHML_WRITER_H_
#define KG_VIZ_GRAPHML_WRITER_H_

#include <string>

#include "graph/knowledge_graph.h"
#include "viz/selection.h"

namespace kg {

// The GraphML document of `selection`: a directed graph, node ids = entity ids,
// edge ids e0, e1... in selection order. Deterministic.
std::string GraphToGraphml(const KnowledgeGraph& graph, const Selection& selection);

}  // namespace kg

#endif  // KG_VIZ_GRAPHML_WRITER_H_
