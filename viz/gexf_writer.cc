#include "viz/gexf_writer.h"

#include <cstdlib>

#include "graph/join_strings.h"
#include "viz/style.h"
#include "viz/xml_text.h"

namespace kg {
namespace {

struct AttributeSpec {
  const char* title;
  const char* type;  // GEXF attribute type
};

constexpr AttributeSpec kNodeAttributes[] = {
    {"type", "string"}, {"aliases", "string"}, {"docs", "string"}};
constexpr AttributeSpec kEdgeAttributes[] = {
    {"relation", "string"},       {"date", "string"},         {"role", "string"},
    {"evidence", "string"},       {"evidence_doc", "string"}, {"evidence_line", "integer"},
    {"evidence_count", "integer"}};

template <size_t N>
std::string Declarations(const char* domain, const AttributeSpec (&specs)[N]) {
  std::string out = std::string("    <attributes class=\"") + domain + "\">\n";
  for (size_t i = 0; i < N; ++i) {
    out += "      <attribute id=\"" + std::to_string(i) + "\" title=\"" + specs[i].title +
           "\" type=\"" + specs[i].type + "\"/>\n";
  }
  return out + "    </attributes>\n";
}

// <attvalues> for the values given in declaration order; empty values are left out.
std::string Values(const std::vector<std::string>& values) {
  std::string out = "        <attvalues>\n";
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].empty()) continue;
    out += "          <attvalue for=\"" + std::to_string(i) + "\" value=\"" + EscapeXml(values[i]) +
           "\"/>\n";
  }
  return out + "        </attvalues>\n";
}

std::string Color(std::string_view hex) {
  auto channel = [&](size_t at) {
    return std::to_string(std::strtol(std::string(hex.substr(at, 2)).c_str(), nullptr, 16));
  };
  return "        <viz:color r=\"" + channel(1) + "\" g=\"" + channel(3) + "\" b=\"" + channel(5) +
         "\"/>\n";
}

}  // namespace

std::string GraphToGexf(const KnowledgeGraph& graph, const Selection& selection) {
  const GraphStorage& g = graph.storage();
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
      "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n"
      "  <meta>\n    <creator>kg</creator>\n  </meta>\n"
      "  <graph mode=\"static\" defaultedgetype=\"directed\">\n";
  out += Declarations("node", kNodeAttributes) + Declarations("edge", kEdgeAttributes);
  out += "    <nodes>\n";
  for (Vertex v : selection.vertices) {
    const EntityNode& n = g[v];
    out += "      <node id=\"" + EscapeXml(n.id) + "\" label=\"" + EscapeXml(n.name) + "\">\n";
    out += Values(
        {std::string(ToString(n.type)), JoinStrings(n.aliases, "; "), JoinStrings(n.docs, "; ")});
    out += Color(StyleOf(n.type).fill);
    out += "      </node>\n";
  }
  out += "    </nodes>\n    <edges>\n";
  size_t number = 0;
  for (Edge e : selection.edges) {
    const RelationEdge& r = g[e];
    std::string relation(ToString(r.relation));
    out += "      <edge id=\"" + std::to_string(number++) + "\" source=\"" +
           EscapeXml(g[boost::source(e, g)].id) + "\" target=\"" +
           EscapeXml(g[boost::target(e, g)].id) + "\" label=\"" + relation + "\">\n";
    const Evidence* first = r.evidence.empty() ? nullptr : &r.evidence.front();
    out += Values({relation, r.date, r.role, first ? first->text.str() : "",
                   first ? first->doc.str() : "", first ? std::to_string(first->line) : "",
                   std::to_string(r.evidence.size())});
    out += Color(RelationColor(r.relation));
    out += "      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

}  // namespace kg
