// kg: builds a knowledge graph of standardisation newsletters and answers
// questions about it. Thin glue over extract/, graph/, query/ and viz/.
#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"kg: knowledge graphs of standardisation newsletters, with evidence", "kg"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "kg 0.1.0");
  kg::GlobalOptions global;
  app.add_option("-g,--graph", global.graph, "graph file to read or write")
      ->capture_default_str();
  app.add_option("--rules", global.rules, "folder of extraction rules (default: installed rules/)");
  app.add_flag("--json", global.json, "print machine-readable JSON instead of a table");
  app.add_flag("-q,--quiet", global.quiet, "print no progress or summaries");

  kg::CommandAction action;
  kg::RegisterBuildCommands(app, global, action);
  kg::RegisterQueryCommands(app, global, action);
  kg::RegisterVizCommands(app, global, action);
  kg::RegisterExplainCommands(app, global, action);
  kg::RegisterCypherCommands(app, global, action);
  kg::RegisterShardCommands(app, global, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!action) return 2;
  try {
    return action();
  } catch (const std::exception& e) {
    std::cerr << "kg: " << e.what() << "\n";
    return 1;
  }
}
