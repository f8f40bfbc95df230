// graph.json: the graph in NetworkX's node-link layout (node_link_data), so
// that networkx.node_link_graph and ../shared/eval/score.py read it as it is.
//
//   {"directed": true, "multigraph": true,
//    "graph": {"documents": [{"name", "hash", "bytes"}], "statistics": {...}},
//    "nodes": [{"id", "type", "name", "aliases": [...], "docs": [...]}],
//    "links": [{"source", "target", "key", "relation", "date"?, "role"?,
//               "evidence": [{"doc", "line", "text"}]}]}
#ifndef KG_GRAPH_NODE_LINK_JSON_H_
#define KG_GRAPH_NODE_LINK_JSON_H_

#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"

namespace kg {

// Serialises `graph`. Nodes are sorted by id and links by (source, relation,
// target), so the same graph always gives the same bytes.
std::string GraphToJson(const KnowledgeGraph& graph);

// Parses graph.json text. On failure returns false and sets `error` to a
// message naming `name` and the line:column or the node/link at fault
// (missing id, link to an unknown node, duplicate id, unknown type...).
bool GraphFromJson(std::string_view text, const std::string& name, KnowledgeGraph* graph,
                   std::string* error);

// File versions of the two above; writing is atomic (temporary file + rename).
// `threads` format the links (0: all cores); the bytes are the same for any
// number.
bool WriteGraphFile(const KnowledgeGraph& graph, const std::string& path, std::string* error,
                    int threads = 0);
bool ReadGraphFile(const std::string& path, KnowledgeGraph* graph, std::string* error);

}  // namespace kg

#endif  // KG_GRAPH_NODE_LINK_JSON_H_
