// GEXF 1.2 for Gephi (also read by NetworkX read_gexf): nodes labelled by name
// and coloured as in kg's diagrams (viz:color), edges labelled by relation,
// with the same attributes as the GraphML export:
//   node: type, aliases, docs; edge: relation, date, role, evidence,
//   evidence_doc, evidence_line, evidence_count
#ifndef KG_VIZ_GEXF_WRITER_H_
#define KG_VIZ_GEXF_WRITER_H_

#include <string>

#include "graph/knowledge_graph.h"
#include "viz/selection.h"

namespace kg {

// The GEXF document of `selection`: a static directed graph, node ids =
// entity ids, edge ids 0, 1... in selection order. Deterministic (no date).
std::string GraphToGexf(const KnowledgeGraph& graph, const Selection& selection);

}  // namespace kg

#endif  // KG_VIZ_GEXF_WRITER_H_
