// kg query: the openCypher subset (query/cypher_*.h), one query from the
// command line or, without one, a prompt with history (GNU readline).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include <readline/history.h>
#include <readline/readline.h>

#include "app/commands.h"
#include "app/table.h"
#include "query/cypher_engine.h"
#include "query/cypher_lexer.h"
#include "query/cypher_parser.h"

namespace kg {
namespace {

constexpr char kQueryHelp[] = R"help(Runs an openCypher query on the graph, e.g.
  kg query "MATCH (a:Agency)-[r:issued]->(p:Policy) RETURN a.name, count(p) AS n ORDER BY n DESC LIMIT 5"
Supported: MATCH / OPTIONAL MATCH with comma-separated patterns, labels = entity types
(Agency, Organization, Committee, Person, Law, Policy, Standard), {name: '...'} maps,
relation types [r:issued|drafted], -> <- and -, variable length [*1..3] [*..3] [*2] [*],
p = shortestPath((a)-[*..6]-(b)); WHERE with = <> < <= > >= AND OR NOT XOR, IS [NOT] NULL,
IN [...], CONTAINS, STARTS WITH, ENDS WITH, =~ (RE2 syntax, whole string); RETURN [DISTINCT]
items [AS name] or *, count(*), count([DISTINCT] x), collect(), sum, avg, min, max (grouping
by the other items), ORDER BY ... [ASC|DESC], SKIP n, LIMIT n.
Node properties: id, name, type, aliases, docs; relationship properties: relation (also
type(r)), date, role, evidence. Functions: labels, id, length, size, nodes, relationships,
startNode, endNode, coalesce, head, last, toLower, toUpper, trim, toString, toInteger,
toFloat, abs, exists, substring, replace, split. Also path variables p = (a)-->(b),
label tests (WHERE n:Agency), list[i] and list[a..b], + - * / % ^, 'strings' and "strings".
Not supported: WITH, UNWIND, CASE, list comprehensions, parameters, writing clauses.
Variable-length patterns without an upper bound stop at 10 hops (--max-hops); a query that
examines more than 10 million relationships is stopped with an error (--max-steps).
Rows come out in graph order (entities by id) unless ORDER BY says otherwise.
Without QUERY: reads queries from a prompt with history (~/.kg_history), one per line or
several lines up to ';'; Ctrl-D ends. When standard input is not a terminal, queries are
read from it without a prompt.
Exit codes: 0 rows printed; 1 bad query, unknown graph, or no rows (the header and
"(no rows)" are printed; --json prints []); 2 usage. Reading queries from standard input
exits 1 if any query was bad, from a terminal always 0.)help";

struct CypherFlags {
  std::optional<std::string> query;  // nullopt: read queries from the prompt or stdin
  int max_hops = 10;
  uint64_t max_steps = CypherOptions().max_steps;
};

void WriteEvidence(JsonWriter& w, const RelationEdge& r) {
  w.StartArray();
  for (const Evidence& ev : r.evidence) {
    w.StartObject();
    w.Key("doc");
    w.String(ev.doc.str());
    w.Key("line");
    w.Int(ev.line);
    w.Key("text");
    w.String(ev.text.str());
    w.EndObject();
  }
  w.EndArray();
}

void WriteNode(JsonWriter& w, const EntityNode& n) {
  w.StartObject();
  w.Key("id");
  w.String(n.id);
  w.Key("type");
  w.String(std::string(ToString(n.type)));
  w.Key("name");
  w.String(n.name);
  w.Key("aliases");
  w.StartArray();
  for (const std::string& a : n.aliases) w.String(a);
  w.EndArray();
  w.Key("docs");
  w.StartArray();
  for (std::string_view d : n.docs) w.String(d.data(), static_cast<rapidjson::SizeType>(d.size()));
  w.EndArray();
  w.EndObject();
}

void WriteRelationship(JsonWriter& w, const GraphStorage& g, const Edge& e) {
  w.StartObject();
  w.Key("source");
  w.String(g[boost::source(e, g)].id);
  w.Key("relation");
  w.String(std::string(ToString(g[e].relation)));
  w.Key("target");
  w.String(g[boost::target(e, g)].id);
  w.Key("date");
  g[e].date.empty() ? w.Null() : w.String(g[e].date);
  w.Key("role");
  g[e].role.empty() ? w.Null() : w.String(g[e].role);
  w.Key("evidence");
  WriteEvidence(w, g[e]);
  w.EndObject();
}

void WriteValue(JsonWriter& w, const KnowledgeGraph& graph, const CypherValue& v) {
  const GraphStorage& g = graph.storage();
  using Kind = CypherValue::Kind;
  switch (v.kind) {
    case Kind::kNull:
      w.Null();
      return;
    case Kind::kBool:
      w.Bool(v.boolean);
      return;
    case Kind::kInt:
      w.Int64(v.integer);
      return;
    case Kind::kFloat:
      w.Double(v.real);
      return;
    case Kind::kString:
      w.String(v.string);
      return;
    case Kind::kNode:
      WriteNode(w, g[v.vertex]);
      return;
    case Kind::kRelationship:
      WriteRelationship(w, g, v.edge);
      return;
    case Kind::kList:
      w.StartArray();
      for (const CypherValue& item : v.list) WriteValue(w, graph, item);
      w.EndArray();
      return;
    case Kind::kMap:
      w.StartObject();
      for (size_t i = 0; i < v.keys.size(); ++i) {
        w.Key(v.keys[i]);
        WriteValue(w, graph, v.list[i]);
      }
      w.EndObject();
      return;
    case Kind::kPath:
      w.StartObject();
      w.Key("length");
      w.Uint64(v.path_edges.size());
      w.Key("nodes");
      w.StartArray();
      for (Vertex n : v.path_nodes) WriteNode(w, g[n]);
      w.EndArray();
      w.Key("relationships");
      w.StartArray();
      for (const Edge& e : v.path_edges) WriteRelationship(w, g, e);
      w.EndArray();
      w.EndObject();
      return;
  }
}

// Prints the rows as a table or JSON; returns 0, or 1 when there are none.
int PrintResult(const GlobalOptions& global, const KnowledgeGraph& graph,
                const CypherResult& result) {
  for (const std::string& warning : result.warnings)
    std::cerr << "kg: warning: " << warning << "\n";
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartArray();
      for (const auto& row : result.rows) {
        w.StartObject();
        for (size_t i = 0; i < row.size(); ++i) {
          w.Key(result.columns[i]);
          WriteValue(w, graph, row[i]);
        }
        w.EndObject();
      }
      w.EndArray();
    });
  } else {
    Table table(result.columns);
    for (const auto& row : result.rows) {
      std::vector<std::string> cells;
      for (const CypherValue& v : row) cells.push_back(FormatCypherValue(graph, v));
      table.AddRow(std::move(cells));
    }
    // Wider cells than other commands: paths and lists are long.
    table.Print(std::cout, 120);
    if (result.rows.empty()) std::cout << "(no rows)\n";
  }
  return result.rows.empty() ? 1 : 0;
}

// Runs one query and prints its result or error; returns the exit code.
int RunOne(const GlobalOptions& global, const CypherOptions& options, const KnowledgeGraph& graph,
           const std::string& text, bool* bad_query) {
  CypherResult result;
  CypherError error;
  if (!RunCypher(graph, text, options, &result, &error)) {
    std::cerr << "kg: query error at " << FormatCypherError(text, error);
    *bad_query = true;
    return 1;
  }
  return PrintResult(global, graph, result);
}

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// Reads one line, from readline with a prompt on a terminal, else plainly.
std::optional<std::string> ReadLine(bool interactive, const char* prompt) {
  if (!interactive) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
  }
  std::unique_ptr<char, decltype(&std::free)> line(readline(prompt), &std::free);
  if (!line) return std::nullopt;
  return std::string(line.get());
}

// The prompt: collects lines into `pending` and runs each query once it ends
// with ';' or parses as complete; an incomplete query continues on the next line.
class Session {
 public:
  Session(const GlobalOptions& global, const CypherOptions& options, const KnowledgeGraph& graph,
          bool interactive)
      : global_(global), options_(options), graph_(graph), interactive_(interactive) {
    const char* home = std::getenv("HOME");
    if (interactive_ && home != nullptr) {
      history_path_ = std::string(home) + "/.kg_history";
      using_history();
      read_history(history_path_.c_str());
    }
  }

  int Run() {
    while (true) {
      auto line = ReadLine(interactive_, pending_.empty() ? "kg> " : "...> ");
      if (!line) break;
      if (pending_.empty() && (*line == "exit" || *line == "quit" || *line == ":q")) break;
      pending_ += pending_.empty() ? *line : "\n" + *line;
      RunReady(IsBlank(*line));
    }
    if (!IsBlank(pending_)) RunReady(/*force=*/true);
    if (!history_path_.empty()) {
      write_history(history_path_.c_str());
      history_truncate_file(history_path_.c_str(), 1000);
    }
    return interactive_ || !bad_query_ ? 0 : 1;
  }

 private:
  // Runs the complete queries in pending_; with `force`, also an incomplete rest.
  void RunReady(bool force) {
    while (!IsBlank(pending_)) {
      std::vector<CypherToken> tokens;
      CypherError error;
      if (!TokenizeCypher(pending_, &tokens, &error)) {
        Execute(TakePending());  // strings do not span lines: report it now
        return;
      }
      auto semicolon = std::find_if(tokens.begin(), tokens.end(), [](const CypherToken& t) {
        return t.kind == CypherTokenKind::kSymbol && t.text == ";";
      });
      if (semicolon != tokens.end()) {
        std::string query = pending_.substr(0, semicolon->end);
        pending_.erase(0, semicolon->end);
        Execute(query);
        continue;
      }
      CypherQuery parsed;
      if (!force && !ParseCypher(pending_, &parsed, &error) && error.offset >= pending_.size()) {
        return;  // incomplete: wait for the next line
      }
      Execute(TakePending());
      return;
    }
    pending_.clear();
  }

  std::string TakePending() {
    std::string query;
    query.swap(pending_);
    return query;
  }

  // Runs one query and prints its result or error, and records it in the history.
  void Execute(std::string query) {
    size_t first = query.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return;
    query = query.substr(first, query.find_last_not_of(" \t\r\n") + 1 - first);
    if (!history_path_.empty()) {
      std::string entry = query;
      std::replace(entry.begin(), entry.end(), '\n', ' ');
      add_history(entry.c_str());
    }
    RunOne(global_, options_, graph_, query, &bad_query_);
    if (interactive_) std::cout << "\n";
    std::cout.flush();
  }

  const GlobalOptions& global_;
  const CypherOptions& options_;
  const KnowledgeGraph& graph_;
  bool interactive_;
  std::string history_path_;
  std::string pending_;
  bool bad_query_ = false;
};

int RunQueryCommand(const GlobalOptions& global, const CypherFlags& flags) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  CypherOptions options;
  options.max_hops = flags.max_hops;
  options.max_steps = flags.max_steps;
  if (flags.query) {
    if (IsBlank(*flags.query)) {
      std::cerr << "kg: the query is empty; omit it for a prompt\n";
      return 1;
    }
    bool bad_query = false;
    return RunOne(global, options, graph, *flags.query, &bad_query);
  }
  return Session(global, options, graph, isatty(STDIN_FILENO) != 0).Run();
}

}  // namespace

void RegisterCypherCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto flags = std::make_shared<CypherFlags>();
  CLI::App* cmd =
      app.add_subcommand("query", "run an openCypher query (no query: interactive prompt)");
  cmd->footer(kQueryHelp);
  cmd->add_option("cypher", flags->query, "the query; omit it for a prompt");
  cmd->add_option("--max-hops", flags->max_hops,
                  "upper bound of variable-length patterns written without one")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--max-steps", flags->max_steps,
                  "relationships a query may examine before it is stopped")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40))
      ->capture_default_str();
  cmd->callback([&global, &action, flags] {
    action = [&global, flags] { return RunQueryCommand(global, *flags); };
  });
}

}  // namespace kg
