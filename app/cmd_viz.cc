// kg export.
#include <iostream>

#include "app/commands.h"
#include "graph/node_link_json.h"
#include "viz/dot_writer.h"

namespace kg {
namespace {

struct ExportOptions {
  std::string format = "json";
  std::string output;
};

int RunExport(const GlobalOptions& global, const ExportOptions& o) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  std::string content;
  if (o.format == "json") {
    content = GraphToJson(graph);
  } else if (o.format == "dot") {
    content = GraphToDot(graph, {}, DotOptions{});
  }
  return WriteOutput(o.output, content) ? 0 : 1;
}

}  // namespace

void RegisterVizCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* exp = app.add_subcommand("export", "write the graph as JSON or DOT");
  exp->add_option("--format", options->format, "json or dot")
      ->check(CLI::IsMember({"json", "dot"}))
      ->capture_default_str();
  exp->add_option("-o,--output", options->output, "file to write (default: standard output)");
  exp->callback([&global, &action, options] {
    action = [&global, options] { return RunExport(global, *options); };
  });
}

}  // namespace kg
