// The `kg` command line: global options and the registration of each group of
// subcommands. Every command returns its exit code: 0 success, 1 bad input or
// no result, 2 usage (CLI11 reports usage errors itself).
#ifndef KG_APP_COMMANDS_H_
#define KG_APP_COMMANDS_H_

#include <functional>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "graph/knowledge_graph.h"

namespace kg {

struct GlobalOptions {
  std::string graph = "graph.json";  // -g/--graph
  std::string rules;                 // --rules; empty: DefaultRulesDir()
  bool json = false;                 // --json
  bool quiet = false;                // --quiet
};

// The command chosen on the command line, run after parsing.
using CommandAction = std::function<int()>;

void RegisterBuildCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);
void RegisterQueryCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);
void RegisterVizCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);
// kg explain (app/cmd_explain.cc).
void RegisterExplainCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);
// kg query, the openCypher subset (app/cmd_cypher.cc).
void RegisterCypherCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);
// kg extract and kg merge, the map and reduce steps of sharded builds (app/cmd_shard.cc).
void RegisterShardCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);

// Loads the graph named by --graph; prints the error and returns false on failure.
bool LoadGraphOrReport(const GlobalOptions& global, KnowledgeGraph* graph);

// Resolves what the user typed to one entity; on ambiguity or no match prints
// the candidates or suggestions to stderr and returns nullopt.
std::optional<Vertex> ResolveEntityOrReport(const KnowledgeGraph& graph, const std::string& text);

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Runs `fill` on a JSON writer and prints the document to stdout.
void PrintJson(const std::function<void(JsonWriter&)>& fill);

// "doc:line" of an edge's first evidence, or "" when it has none.
std::string EvidenceLocation(const RelationEdge& edge);

// Writes `content` to `path` atomically, or to stdout when `path` is empty or
// "-". Prints the error and returns false on failure.
bool WriteOutput(const std::string& path, const std::string& content);

}  // namespace kg

#endif  // KG_APP_COMMANDS_H_
