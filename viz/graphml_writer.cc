#include "viz/graphml_writer.h"

#include "graph/join_strings.h"
#include "viz/xml_text.h"

namespace kg {
namespace {

struct KeySpec {
  const char* id;
  const char* domain;  // "node" or "edge"
  const char* type;    // GraphML attr.type
};

constexpr KeySpec kKeys[] = {
    {"type", "node", "string"},         {"name", "node", "string"},
    {"aliases", "node", "string"},      {"docs", "node", "string"},
    {"relation", "edge", "string"},     {"date", "edge", "string"},
    {"role", "edge", "string"},         {"evidence", "edge", "string"},
    {"evidence_doc", "edge", "string"}, {"evidence_line", "edge", "int"},
    {"evidence_count", "edge", "int"},
};

void AddData(std::string* out, const char* key, const std::string& value) {
  if (value.empty()) return;
  *out += "      <data key=\"";
  *out += key;
  *out += "\">" + EscapeXml(value) + "</data>\n";
}

}  // namespace

std::string GraphToGraphml(const KnowledgeGraph& graph, const Selection& selection) {
  const GraphStorage& g = graph.storage();
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const KeySpec& k : kKeys) {
    out += std::string("  <key id=\"") + k.id + "\" for=\"" + k.domain + "\" attr.name=\"" + k.id +
           "\" attr.type=\"" + k.type + "\"/>\n";
  }
  out += "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  for (Vertex v : selection.vertices) {
    const EntityNode& n = g[v];
    out += "    <node id=\"" + EscapeXml(n.id) + "\">\n";
    AddData(&out, "type", std::string(ToString(n.type)));
    AddData(&out, "name", n.name);
    AddData(&out, "aliases", JoinStrings(n.aliases, "; "));
    AddData(&out, "docs", JoinStrings(n.docs, "; "));
    out += "    </node>\n";
  }
  size_t number = 0;
  for (Edge e : selection.edges) {
    const RelationEdge& r = g[e];
    out += "    <edge id=\"e" + std::to_string(number++) + "\" source=\"" +
           EscapeXml(g[boost::source(e, g)].id) + "\" target=\"" +
           EscapeXml(g[boost::target(e, g)].id) + "\">\n";
    AddData(&out, "relation", std::string(ToString(r.relation)));
    AddData(&out, "date", r.date);
    AddData(&out, "role", r.role);
    if (!r.evidence.empty()) {
      AddData(&out, "evidence", r.evidence.front().text.str());
      AddData(&out, "evidence_doc", r.evidence.front().doc.str());
      AddData(&out, "evidence_line", std::to_string(r.evidence.front().line));
    }
    AddData(&out, "evidence_count", std::to_string(r.evidence.size()));
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace kg
