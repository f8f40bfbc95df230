#include "viz/dot_writer.h"

#include <algorithm>
#include <set>

namespace kg {
namespace {

struct TypeStyle {
  const char* shape;
  const char* fill;
};

// Colour-blind-safe fills (Okabe-Ito, lightened) so print and screen agree.
TypeStyle StyleOf(EntityType type) {
  switch (type) {
    case EntityType::kAgency: return {"box", "#F5C77E"};
    case EntityType::kOrganization: return {"ellipse", "#9ED3F0"};
    case EntityType::kCommittee: return {"hexagon", "#8FD6BD"};
    case EntityType::kPerson: return {"oval", "#F4EE9A"};
    case EntityType::kLaw: return {"note", "#E6A3C5"};
    case EntityType::kPolicy: return {"folder", "#C9B3E6"};
    case EntityType::kStandard: return {"component", "#D9D9D9"};
  }
  return {"ellipse", "#FFFFFF"};
}

std::string Quote(std::string_view s) { return "\"" + EscapeDotString(s) + "\""; }

std::string Tooltip(const RelationEdge& r) {
  std::string out;
  for (size_t i = 0; i < r.evidence.size() && i < 3; ++i) {
    const Evidence& ev = r.evidence[i];
    if (i) out += "\n";
    out += ev.doc + ":" + std::to_string(ev.line) + ": " + ev.text.substr(0, 300);
  }
  return out;
}

}  // namespace

std::string EscapeDotString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string GraphToDot(const KnowledgeGraph& graph, const std::vector<Vertex>& vertices,
                       const DotOptions& options) {
  const GraphStorage& g = graph.storage();
  std::vector<Vertex> chosen = vertices;
  if (chosen.empty()) chosen.assign(boost::vertices(g).first, boost::vertices(g).second);
  std::sort(chosen.begin(), chosen.end(), [&](Vertex a, Vertex b) { return g[a].id < g[b].id; });
  std::set<Vertex> in(chosen.begin(), chosen.end());

  std::string out = "digraph " + Quote(options.graph_name) + " {\n";
  out += "  graph [rankdir=" + options.rankdir +
         ", fontname=\"Helvetica\", overlap=false, splines=true, outputorder=edgesfirst];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=0.6];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", arrowsize=0.6];\n";
  std::set<EntityType> types;
  for (Vertex v : chosen) {
    const EntityNode& n = g[v];
    TypeStyle st = StyleOf(n.type);
    types.insert(n.type);
    out += "  " + Quote(n.id) + " [label=" + Quote(n.name.size() > 60 ? n.name.substr(0, 57) + "..." : n.name) +
           ", shape=" + st.shape + ", fillcolor=\"" + st.fill + "\", tooltip=" +
           Quote(std::string(ToString(n.type)) + ": " + n.name) + "];\n";
  }
  std::vector<Edge> edges;
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    if (in.count(boost::source(e, g)) && in.count(boost::target(e, g))) edges.push_back(e);
  }
  std::sort(edges.begin(), edges.end(), [&](const Edge& a, const Edge& b) {
    return std::tie(g[boost::source(a, g)].id, g[a].relation, g[boost::target(a, g)].id) <
           std::tie(g[boost::source(b, g)].id, g[b].relation, g[boost::target(b, g)].id);
  });
  for (const Edge& e : edges) {
    const RelationEdge& r = g[e];
    out += "  " + Quote(g[boost::source(e, g)].id) + " -> " + Quote(g[boost::target(e, g)].id) +
           " [label=" + Quote(ToString(r.relation)) + ", tooltip=" + Quote(Tooltip(r));
    if (IsSymmetric(r.relation)) out += ", dir=both";
    out += "];\n";
  }
  if (options.legend && !types.empty()) {
    out += "  subgraph cluster_legend {\n    label=\"Legend\"; fontsize=10; color=\"#999999\";\n";
    for (EntityType t : types) {
      TypeStyle st = StyleOf(t);
      out += "    " + Quote("legend_" + std::string(ToString(t))) + " [label=" + Quote(ToString(t)) +
             ", shape=" + st.shape + ", fillcolor=\"" + st.fill + "\"];\n";
    }
    out += "  }\n";
  }
  out += "}\n";
  return out;
}

}  // namespace kg
