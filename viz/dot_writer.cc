#include "viz/dot_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "graph/join_strings.h"
#include "viz/style.h"

namespace kg {
namespace {

// Label wrapping: about 24 columns a line, 4 lines at most, which keeps most
// policy titles whole while nodes stay about two inches wide.
constexpr size_t kLabelWidth = 24;
constexpr size_t kLabelLines = 4;
// Evidence sentences shown in an edge tooltip, and their length.
constexpr size_t kTooltipEvidence = 3;
constexpr size_t kTooltipChars = 300;

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out += EscapeDotString(s);
  out += '"';
  return out;
}

std::string Number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", x);
  return buffer;
}

std::string NodeTooltip(const EntityNode& n) {
  std::string out = std::string(ToString(n.type)) + ": " + n.name + " [" + n.id + "]";
  if (!n.aliases.empty()) out += "\nalso: " + JoinStrings(n.aliases, "; ");
  if (!n.docs.empty()) out += "\nin: " + JoinStrings(n.docs, ", ");
  return out;
}

std::string EdgeTooltip(const GraphStorage& g, Edge e) {
  const RelationEdge& r = g[e];
  std::string out = g[boost::source(e, g)].name + " " + std::string(ToString(r.relation)) + " " +
                    g[boost::target(e, g)].name;
  if (!r.date.empty()) out += " (" + r.date + ")";
  if (!r.role.empty()) out += " as " + r.role;
  for (size_t i = 0; i < r.evidence.size() && i < kTooltipEvidence; ++i) {
    const Evidence& ev = r.evidence[i];
    out += "\n" + ev.doc.str() + ":" + std::to_string(ev.line) + ": " +
           WrapLabel(ev.text.str(), kTooltipChars, 1);
  }
  if (r.evidence.size() > kTooltipEvidence) {
    out += "\n(+" + std::to_string(r.evidence.size() - kTooltipEvidence) + " more)";
  }
  return out;
}

std::string GraphAttributes(const std::string& layout) {
  std::string out = "  graph [layout=" + layout +
                    ", fontname=\"Helvetica\", fontsize=12, pad=0.3, outputorder=edgesfirst";
  if (layout == "dot") {
    out += ", rankdir=LR, nodesep=0.25, ranksep=0.45, splines=true, newrank=true";
  } else if (layout == "sfdp") {
    out += ", overlap=prism, overlap_scaling=-4, sep=\"+8\", splines=false, K=0.9";
  } else {
    // circo keeps its circle even when large nodes touch, so it gets straight
    // edges rather than a spline router that would warn and fall back to them.
    out += ", overlap=false, sep=\"+10\", esep=\"+5\", splines=";
    out += layout == "circo" ? "false" : "true";
    // A top-N selection is often several small pieces: laid out apart and
    // packed, they stay together instead of drifting to the corners.
    if (layout == "neato") out += ", pack=true, packmode=\"graph\"";
  }
  out += "];\n";
  // neato and fdp draw edges at their natural length (1 inch), too short for a label.
  if (layout == "neato" || layout == "fdp") out += "  edge [len=1.6];\n";
  return out;
}

// Node size factor in [1, 2] from the vertex's share of the top score.
double ScaleOf(const DotOptions& o, Vertex v, double max_score) {
  if (o.sizes.empty() || max_score <= 0 || v >= o.sizes.size()) return 1.0;
  return 1.0 + std::clamp(o.sizes[v] / max_score, 0.0, 1.0);
}

std::string NodeStatement(const GraphStorage& g, Vertex v, double scale) {
  const EntityNode& n = g[v];
  TypeStyle st = StyleOf(n.type);
  std::string out = Quote(n.id) + " [label=" + Quote(WrapLabel(n.name, kLabelWidth, kLabelLines)) +
                    ", shape=" + std::string(st.shape) + ", fillcolor=\"" + std::string(st.fill) +
                    "\", color=\"" + std::string(st.border) + "\"";
  if (n.type == EntityType::kAgency) out += ", style=\"filled,rounded\"";
  if (scale != 1.0) {
    out += ", fontsize=" + Number(10 * scale) + ", penwidth=" + Number(0.8 * scale);
  }
  out += ", tooltip=" + Quote(NodeTooltip(n)) + "];\n";
  return out;
}

std::string EdgeStatement(const GraphStorage& g, Edge e, bool label) {
  const RelationEdge& r = g[e];
  std::string color(RelationColor(r.relation));
  std::string out = Quote(g[boost::source(e, g)].id) + " -> " + Quote(g[boost::target(e, g)].id) +
                    " [color=\"" + color + "\"";
  if (label) {
    std::string text(ToString(r.relation));
    std::replace(text.begin(), text.end(), '_', ' ');
    out += ", label=" + Quote(text) + ", fontcolor=\"" + color + "\"";
  }
  if (IsSymmetric(r.relation)) out += ", dir=none";
  out += ", tooltip=" + Quote(EdgeTooltip(g, e)) + "];\n";
  return out;
}

// Which edges carry a label. In a fan of three or more edges of one relation
// into or out of one entity only the first is labelled: the repeated label
// says nothing the colour does not, and a dozen of them bury the target.
std::vector<bool> LabelledEdges(const GraphStorage& g, const std::vector<Edge>& edges) {
  std::map<std::tuple<Vertex, Relation, bool>, std::vector<size_t>> fans;
  for (size_t i = 0; i < edges.size(); ++i) {
    Relation r = g[edges[i]].relation;
    fans[{boost::source(edges[i], g), r, true}].push_back(i);
    fans[{boost::target(edges[i], g), r, false}].push_back(i);
  }
  std::vector<bool> labelled(edges.size(), true);
  for (const auto& [key, members] : fans) {
    if (members.size() < 3) continue;
    for (size_t k = 1; k < members.size(); ++k) labelled[members[k]] = false;
  }
  return labelled;
}

// A name for a legend node that no entity id can take.
std::string LegendName(const GraphStorage& g, const std::set<std::string>& ids,
                       std::string_view what) {
  std::string name = "legend: " + std::string(what);
  while (ids.count(name)) name += "'";
  return name;
}

std::string RelationKey(const std::set<Relation>& relations) {
  std::string out = "<<table border=\"0\" cellspacing=\"0\" cellpadding=\"1\">";
  for (Relation r : relations) {
    std::string text(ToString(r));
    std::replace(text.begin(), text.end(), '_', ' ');
    out += "<tr><td align=\"right\"><font color=\"" + std::string(RelationColor(r)) +
           "\">&#9472;&#9472;&#9654;</font></td><td align=\"left\">" + text + "</td></tr>";
  }
  return out + "</table>>";
}

// The legend: a cluster titled "Legend" for the engines that draw clusters
// (dot, fdp); elsewhere a subgraph whose nodes invisible edges keep together.
std::string Legend(const GraphStorage& g, const std::set<std::string>& ids,
                   const std::set<EntityType>& types, const std::set<Relation>& relations,
                   const std::string& layout) {
  bool cluster = layout == "dot" || layout == "fdp";
  bool chain = layout != "dot";
  std::string out = cluster ? "  subgraph cluster_legend {\n    label=\"Legend\"; fontsize=10; "
                              "color=\"#BBBBBB\"; style=rounded; margin=6;\n"
                            : "  subgraph legend {\n";
  out += "    node [fontsize=9, height=0.3, margin=\"0.06,0.02\"];\n";
  std::vector<std::string> names;
  for (EntityType t : types) {
    TypeStyle st = StyleOf(t);
    names.push_back(LegendName(g, ids, ToString(t)));
    out += "    " + Quote(names.back()) + " [label=" + Quote(ToString(t)) +
           ", shape=" + std::string(st.shape) + ", fillcolor=\"" + std::string(st.fill) +
           "\", color=\"" + std::string(st.border) + "\", tooltip=\"entity type\"];\n";
  }
  if (!relations.empty()) {
    names.push_back(LegendName(g, ids, "relations"));
    out += "    " + Quote(names.back()) +
           " [shape=plain, style=\"\", fontsize=9, label=" + RelationKey(relations) +
           ", tooltip=\"relation colours\"];\n";
  }
  // Engines other than dot ignore clusters; invisible edges keep the legend in one piece.
  for (size_t i = 1; chain && i < names.size(); ++i) {
    out += "    " + Quote(names[i - 1]) + " -> " + Quote(names[i]) + " [style=invis];\n";
  }
  out += "  }\n";
  return out;
}

}  // namespace

std::string EscapeDotString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        if ((c >= 0 && c < 0x20) || c == 0x7F) {
          out.push_back(' ');
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string GraphToDot(const KnowledgeGraph& graph, const Selection& selection,
                       const DotOptions& options) {
  const GraphStorage& g = graph.storage();
  const std::string layout = options.layout.empty() ? "dot" : options.layout;
  double max_score = 0;
  for (Vertex v : selection.vertices) {
    if (v < options.sizes.size()) max_score = std::max(max_score, options.sizes[v]);
  }
  std::string out = "digraph " + Quote(options.graph_name) + " {\n" + GraphAttributes(layout);
  out +=
      "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=0.8, "
      "margin=\"0.08,0.03\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6, penwidth=0.9];\n";

  std::set<std::string> ids;
  std::set<EntityType> types;
  std::map<std::string, std::vector<Vertex>> clusters;
  for (Vertex v : selection.vertices) {
    ids.insert(g[v].id);
    types.insert(g[v].type);
    std::string group = v < options.groups.size() ? options.groups[v] : "";
    clusters[group].push_back(v);
  }
  int cluster_number = 0;
  for (const auto& [title, members] : clusters) {
    std::string indent = "  ";
    if (!title.empty()) {
      out += "  subgraph cluster_" + std::to_string(cluster_number++) +
             " {\n    label=" + Quote(title) + "; fontsize=11; color=\"#CCCCCC\"; style=rounded;\n";
      indent = "    ";
    }
    for (Vertex v : members) out += indent + NodeStatement(g, v, ScaleOf(options, v, max_score));
    if (!title.empty()) out += "  }\n";
  }

  bool labels = selection.edges.size() <= options.max_edge_labels;
  std::vector<bool> labelled = LabelledEdges(g, selection.edges);
  std::set<Relation> relations;
  for (size_t i = 0; i < selection.edges.size(); ++i) {
    Edge e = selection.edges[i];
    relations.insert(g[e].relation);
    out += "  " + EdgeStatement(g, e, labels && labelled[i]);
  }
  if (options.legend && !types.empty()) {
    out += Legend(g, ids, types, relations, layout);
  }
  out += "}\n";
  return out;
}

}  // namespace kg
