// kg export and kg render: a selection of the graph as JSON, DOT, GraphML,
// GEXF or CSV, or drawn as SVG/PNG/PDF in-process with Graphviz.
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "extract/file_io.h"
#include "graph/node_link_json.h"
#include "viz/csv_writer.h"
#include "viz/dot_writer.h"
#include "viz/gexf_writer.h"
#include "viz/graphml_writer.h"
#include "viz/grouping.h"
#include "viz/renderer.h"
#include "viz/selection.h"

namespace kg {
namespace {

// The selection and styling options shared by export and render, as typed.
struct DiagramFlags {
  std::string focus;
  int depth = 1;
  std::vector<std::string> path;
  size_t top = 0;
  std::string measure = "degree";
  std::vector<std::string> types, relations;
  std::string doc, since, until;
  int min_degree = 0;
  std::string cluster = "none";
  std::string size_by;
  std::string layout;
  bool no_legend = false;
};

struct ExportFlags {
  std::string format = "json";
  std::string output;
};

void AddDiagramOptions(CLI::App* cmd, DiagramFlags& f) {
  CLI::Option* focus =
      cmd->add_option("--focus", f.focus, "draw the neighbourhood of this entity (name or id)");
  cmd->add_option("--depth", f.depth, "hops around --focus")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  cmd->add_option("--path", f.path, "draw the shortest path between two entities")
      ->expected(2)
      ->excludes(focus);
  cmd->add_option("--top", f.top, "keep the N most central entities");
  cmd->add_option("--measure", f.measure,
                  "centrality for --top: degree, pagerank, betweenness, closeness, ...")
      ->capture_default_str();
  cmd->add_option("--type", f.types, "entity types to keep, e.g. Agency,Committee")->delimiter(',');
  cmd->add_option("--relation", f.relations, "relations to keep, e.g. issued,part_of")
      ->delimiter(',');
  cmd->add_option("--doc", f.doc, "only what this document (file name) states");
  cmd->add_option("--since", f.since, "dated relations from this date (YYYY[-MM[-DD]])");
  cmd->add_option("--until", f.until, "dated relations up to this date (YYYY[-MM[-DD]])");
  cmd->add_option("--min-degree", f.min_degree, "entities with at least K relations")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cluster", f.cluster, "group nodes in boxes: none, type, doc, community")
      ->check(CLI::IsMember({"none", "type", "doc", "community"}))
      ->capture_default_str();
  cmd->add_option("--size-by", f.size_by, "scale nodes by a centrality, e.g. pagerank");
  cmd->add_option("--layout", f.layout,
                  "dot, neato, fdp, sfdp, circo or twopi (default: dot up to 60 entities, "
                  "else sfdp)")
      ->check(CLI::IsMember({"dot", "neato", "fdp", "sfdp", "circo", "twopi"}));
  cmd->add_flag("--no-legend", f.no_legend, "leave out the legend");
}

std::optional<CentralityMeasure> MeasureOrReport(const std::string& name) {
  auto measure = ParseCentralityMeasure(name);
  if (!measure) {
    std::cerr << "kg: unknown measure \"" << name
              << "\"; known: degree, in-degree, out-degree, betweenness, closeness, harmonic, "
                 "pagerank, eigenvector\n";
  }
  return measure;
}

// Turns the typed flags into SelectionOptions; prints what is wrong and
// returns false (names that match no entity, unknown types...).
bool ResolveSelection(const KnowledgeGraph& graph, const DiagramFlags& f, SelectionOptions* o) {
  if (!f.focus.empty()) {
    o->focus = ResolveEntityOrReport(graph, f.focus);
    if (!o->focus) return false;
  }
  o->depth = f.depth;
  if (f.path.size() == 2) {
    auto a = ResolveEntityOrReport(graph, f.path[0]);
    auto b = a ? ResolveEntityOrReport(graph, f.path[1]) : std::nullopt;
    if (!a || !b) return false;
    o->path = std::make_pair(*a, *b);
  }
  o->top = f.top;
  auto measure = MeasureOrReport(f.measure);
  if (!measure) return false;
  o->measure = *measure;
  for (const std::string& t : f.types) {
    auto type = ParseEntityType(t);
    if (!type) {
      std::cerr << "kg: unknown entity type \"" << t << "\"; known:";
      for (EntityType k : AllEntityTypes()) std::cerr << " " << ToString(k);
      std::cerr << "\n";
      return false;
    }
    o->types.push_back(*type);
  }
  for (const std::string& r : f.relations) {
    auto relation = ParseRelation(r);
    if (!relation) {
      std::cerr << "kg: unknown relation \"" << r << "\"; known:";
      for (Relation k : AllRelations()) std::cerr << " " << ToString(k);
      std::cerr << "\n";
      return false;
    }
    o->relations.push_back(*relation);
  }
  if (!f.doc.empty()) {
    const auto& docs = graph.documents();
    if (std::none_of(docs.begin(), docs.end(),
                     [&](const DocumentInfo& d) { return d.name == f.doc; })) {
      std::cerr << "kg: the graph has no document \"" << f.doc << "\" (see 'kg stats')\n";
      return false;
    }
    o->doc = f.doc;
  }
  o->since = f.since;
  o->until = f.until;
  o->min_degree = f.min_degree;
  return true;
}

// Everything a writer needs: the loaded graph, the selection, the DOT options.
struct Diagram {
  KnowledgeGraph graph;
  Selection selection;
  DotOptions dot;
};

// Loads, selects and styles; returns the exit code to stop with, or 0.
int PrepareDiagram(const GlobalOptions& global, const DiagramFlags& f, Diagram* d) {
  if (!LoadGraphOrReport(global, &d->graph)) return 1;
  SelectionOptions options;
  if (!ResolveSelection(d->graph, f, &options)) return 1;
  std::string error;
  if (!SelectSubgraph(d->graph, options, &d->selection, &error)) {
    std::cerr << "kg: " << error << "\n";
    return 1;
  }
  d->dot.legend = !f.no_legend;
  d->dot.layout = f.layout.empty()
                      ? DefaultLayout(d->selection.vertices.size(), d->selection.edges.size(),
                                      CountComponents(d->graph, d->selection))
                      : f.layout;
  d->dot.groups = GroupVertices(d->graph, *ParseGroupBy(f.cluster));
  if (!f.size_by.empty()) {
    auto measure = MeasureOrReport(f.size_by);
    if (!measure) return 1;
    d->dot.sizes = ComputeCentrality(d->graph, *measure, CentralityOptions{});
  }
  return 0;
}

int WriteCsv(const Diagram& d, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cerr << "kg: --format csv writes two files; name a directory or prefix with -o\n";
    return 2;
  }
  CsvTables tables = GraphToCsv(d.graph, d.selection);
  CsvPaths paths = CsvOutputPaths(output);
  std::error_code ec;
  if (output.back() == '/') std::filesystem::create_directories(output, ec);
  return WriteOutput(paths.nodes, tables.nodes) && WriteOutput(paths.edges, tables.edges) ? 0 : 1;
}

int RunExport(const GlobalOptions& global, const DiagramFlags& f, const ExportFlags& e) {
  Diagram d;
  if (int code = PrepareDiagram(global, f, &d)) return code;
  if (e.format == "csv") return WriteCsv(d, e.output);
  std::string content;
  if (e.format == "json") {
    content = GraphToJson(d.selection.vertices.size() == d.graph.num_entities() &&
                                  d.selection.edges.size() == d.graph.num_relations()
                              ? d.graph
                              : SelectedGraph(d.graph, d.selection));
  } else if (e.format == "dot") {
    content = GraphToDot(d.graph, d.selection, d.dot);
  } else if (e.format == "graphml") {
    content = GraphToGraphml(d.graph, d.selection);
  } else if (e.format == "gexf") {
    content = GraphToGexf(d.graph, d.selection);
  }
  return WriteOutput(e.output, content) ? 0 : 1;
}

int RunRender(const GlobalOptions& global, const DiagramFlags& f, const std::string& output) {
  std::optional<ImageFormat> format = ImageFormatFromPath(output);
  if (!format) {
    std::cerr << "kg: cannot tell the image format of \"" << output
              << "\"; end the file name with .svg, .png or .pdf\n";
    return 2;
  }
  Diagram d;
  if (int code = PrepareDiagram(global, f, &d)) return code;
  RenderedImage image;
  std::string error;
  if (!RenderDot(GraphToDot(d.graph, d.selection, d.dot), d.dot.layout, *format, &image, &error)) {
    std::cerr << "kg: " << error << "\n";
    return 1;
  }
  for (const std::string& w : image.warnings) std::cerr << "kg: graphviz: " << w << "\n";
  if (!WriteFileAtomically(output, image.data, &error)) {
    std::cerr << "kg: " << error << "\n";
    return 1;
  }
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartObject();
      w.Key("output");
      w.String(output);
      w.Key("layout");
      w.String(d.dot.layout);
      w.Key("entities");
      w.Uint64(d.selection.vertices.size());
      w.Key("relations");
      w.Uint64(d.selection.edges.size());
      w.Key("bytes");
      w.Uint64(image.data.size());
      w.EndObject();
    });
  } else if (!global.quiet) {
    std::cout << "wrote " << output << ": " << d.selection.vertices.size() << " entities, "
              << d.selection.edges.size() << " relations, layout " << d.dot.layout << "\n";
  }
  return 0;
}

}  // namespace

void RegisterVizCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto flags = std::make_shared<DiagramFlags>();
  auto exp_flags = std::make_shared<ExportFlags>();
  CLI::App* exp = app.add_subcommand(
      "export", "write the graph, or a selection of it, as JSON, DOT, GraphML, GEXF or CSV");
  exp->add_option("--format", exp_flags->format,
                  "json (node-link), dot (Graphviz), graphml, gexf (Gephi) or csv (neo4j-admin "
                  "nodes/edges)")
      ->check(CLI::IsMember({"json", "dot", "graphml", "gexf", "csv"}))
      ->capture_default_str();
  exp->add_option("-o,--output", exp_flags->output,
                  "file to write (default: standard output); for csv a directory (DIR/ or an "
                  "existing one: DIR/nodes.csv, DIR/edges.csv) or a prefix (P.nodes.csv, "
                  "P.edges.csv)");
  AddDiagramOptions(exp, *flags);
  exp->callback([&global, &action, flags, exp_flags] {
    action = [&global, flags, exp_flags] { return RunExport(global, *flags, *exp_flags); };
  });

  auto render_flags = std::make_shared<DiagramFlags>();
  auto render_output = std::make_shared<std::string>();
  CLI::App* render = app.add_subcommand(
      "render", "draw the graph, or a selection of it, as SVG, PNG or PDF with Graphviz");
  render
      ->add_option("-o,--output", *render_output, "image to write: FILE.svg, FILE.png or FILE.pdf")
      ->required();
  AddDiagramOptions(render, *render_flags);
  render->callback([&global, &action, render_flags, render_output] {
    action = [&global, render_flags, render_output] {
      return RunRender(global, *render_flags, *render_output);
    };
  });
}

}  // namespace kg
