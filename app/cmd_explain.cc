// kg explain ENTITY: one entity with its type, aliases and documents, and every
// edge in and out of it with relation, date, role and the evidence that states it.
#include <algorithm>
#include <iostream>
#include <tuple>

#include "app/commands.h"
#include "app/table.h"

namespace kg {
namespace {

// One edge seen from the explained entity: "out" when it is the subject.
struct ExplainedEdge {
  Edge edge;
  bool outgoing = true;
};

std::vector<ExplainedEdge> EdgesOf(const GraphStorage& g, Vertex v) {
  std::vector<ExplainedEdge> out;
  for (Edge e : boost::make_iterator_range(boost::out_edges(v, g))) out.push_back({e, true});
  for (Edge e : boost::make_iterator_range(boost::in_edges(v, g))) {
    if (boost::source(e, g) != v) out.push_back({e, false});
  }
  // Deterministic order: direction, relation, then the other end's id.
  auto other = [&](const ExplainedEdge& x) {
    return x.outgoing ? g[boost::target(x.edge, g)].id : g[boost::source(x.edge, g)].id;
  };
  std::sort(out.begin(), out.end(), [&](const ExplainedEdge& a, const ExplainedEdge& b) {
    return std::make_tuple(!a.outgoing, g[a.edge].relation, other(a)) <
           std::make_tuple(!b.outgoing, g[b.edge].relation, other(b));
  });
  return out;
}

void WriteStrings(JsonWriter& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const std::string& s : values) w.String(s);
  w.EndArray();
}

void PrintExplainJson(const GraphStorage& g, Vertex v, const std::vector<ExplainedEdge>& edges) {
  PrintJson([&](JsonWriter& w) {
    const EntityNode& n = g[v];
    w.StartObject();
    w.Key("id");
    w.String(n.id);
    w.Key("type");
    w.String(std::string(ToString(n.type)));
    w.Key("name");
    w.String(n.name);
    WriteStrings(w, "aliases", n.aliases);
    WriteStrings(w, "documents", n.docs);
    w.Key("edges");
    w.StartArray();
    for (const ExplainedEdge& x : edges) {
      const RelationEdge& r = g[x.edge];
      w.StartObject();
      w.Key("direction");
      w.String(x.outgoing ? "out" : "in");
      w.Key("subject");
      w.String(g[boost::source(x.edge, g)].id);
      w.Key("relation");
      w.String(std::string(ToString(r.relation)));
      w.Key("object");
      w.String(g[boost::target(x.edge, g)].id);
      w.Key("date");
      r.date.empty() ? w.Null() : w.String(r.date);
      w.Key("role");
      r.role.empty() ? w.Null() : w.String(r.role);
      w.Key("evidence");
      w.StartArray();
      for (const Evidence& ev : r.evidence) {
        w.StartObject();
        w.Key("doc");
        w.String(ev.doc);
        w.Key("line");
        w.Int(ev.line);
        w.Key("text");
        w.String(ev.text);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

std::string Join(const std::vector<std::string>& values, const char* separator) {
  std::string out;
  for (const std::string& s : values) out += (out.empty() ? "" : separator) + s;
  return out;
}

void PrintExplainTable(const GraphStorage& g, Vertex v, const std::vector<ExplainedEdge>& edges) {
  const EntityNode& n = g[v];
  Table head({"field", "value"});
  head.AddRow({"id", n.id});
  head.AddRow({"type", std::string(ToString(n.type))});
  head.AddRow({"name", n.name});
  head.AddRow({"aliases", Join(n.aliases, "; ")});
  head.AddRow({"documents", Join(n.docs, ", ")});
  head.Print(std::cout, 200);
  if (edges.empty()) {
    std::cout << "\nno relations\n";
    return;
  }
  std::cout << "\n";
  // One row per piece of evidence, so every statement can be checked.
  Table t({"dir", "subject", "relation", "object", "date", "role", "where", "evidence"});
  for (const ExplainedEdge& x : edges) {
    const RelationEdge& r = g[x.edge];
    for (const Evidence& ev : r.evidence) {
      t.AddRow({x.outgoing ? "out" : "in", g[boost::source(x.edge, g)].id,
                std::string(ToString(r.relation)), g[boost::target(x.edge, g)].id, r.date, r.role,
                ev.doc + ":" + std::to_string(ev.line), ev.text});
    }
  }
  t.Print(std::cout, 100);
}

int RunExplain(const GlobalOptions& global, const std::string& text) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  std::optional<Vertex> v = ResolveEntityOrReport(graph, text);
  if (!v) return 1;
  const GraphStorage& g = graph.storage();
  std::vector<ExplainedEdge> edges = EdgesOf(g, *v);
  if (global.json) {
    PrintExplainJson(g, *v, edges);
  } else {
    PrintExplainTable(g, *v, edges);
  }
  return 0;
}

}  // namespace

void RegisterExplainCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto* cmd = app.add_subcommand(
      "explain", "Show an entity: type, aliases, documents, every relation with its evidence");
  auto text = std::make_shared<std::string>();
  cmd->add_option("entity", *text, "Entity id, name or alias")->required();
  cmd->callback(
      [&global, &action, text] { action = [&global, text] { return RunExplain(global, *text); }; });
}

}  // namespace kg
