// kg explain ENTITY: one entity with its type, aliases and documents, and every
// edge in and out of it with relation, date, role and the evidence that states it.
#include <algorithm>
#include <iostream>
#include <tuple>

#include "app/commands.h"

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

template <typename Strings>
void WriteStrings(JsonWriter& w, const char* key, const Strings& values) {
  w.Key(key);
  w.StartArray();
  for (std::string_view s : values) w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
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
        w.String(ev.doc.str());
        w.Key("line");
        w.Int(ev.line);
        w.Key("text");
        w.String(ev.text.str());
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

template <typename Strings>
std::string Join(const Strings& values, const char* separator) {
  std::string out;
  for (std::string_view s : values) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

// `text` folded at spaces into lines of at most `width` bytes, each prefixed
// by `indent`: an evidence sentence is printed whole, so that it can be read
// and checked, yet stays inside a terminal.
std::string Wrap(const std::string& text, size_t width, const std::string& indent) {
  std::string out, line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.find(' ', pos), text.size());
    std::string word = text.substr(pos, end - pos);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    pos = end + 1;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

// The entity's fields, then one block per edge: the statement with its date
// and role, and under it every evidence sentence with its document and line.
void PrintExplainText(const GraphStorage& g, Vertex v, const std::vector<ExplainedEdge>& edges) {
  constexpr size_t kWidth = 96;
  const EntityNode& n = g[v];
  std::cout << "id:         " << n.id << "\n"
            << "type:       " << ToString(n.type) << "\n"
            << "name:       " << n.name << "\n"
            << "aliases:    " << Join(n.aliases, "; ") << "\n"
            << "documents:  " << Join(n.docs, ", ") << "\n";
  if (edges.empty()) {
    std::cout << "\nno relations\n";
    return;
  }
  std::cout << "\n" << edges.size() << " relation(s):\n";
  for (const ExplainedEdge& x : edges) {
    const RelationEdge& r = g[x.edge];
    std::cout << "\n"
              << g[boost::source(x.edge, g)].id << " -" << ToString(r.relation) << "-> "
              << g[boost::target(x.edge, g)].id;
    if (!r.date.empty()) std::cout << "  date " << r.date;
    if (!r.role.empty()) std::cout << "  role " << r.role;
    std::cout << "\n";
    for (const Evidence& ev : r.evidence) {
      std::cout << "  " << ev.doc << ":" << ev.line << "\n" << Wrap(ev.text.str(), kWidth, "    ");
    }
  }
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
    PrintExplainText(g, *v, edges);
  }
  return 0;
}

}  // namespace

void RegisterExplainCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto* cmd = app.add_subcommand(
      "explain", "an entity: type, aliases, documents, and every relation with its evidence");
  auto text = std::make_shared<std::string>();
  cmd->add_option("entity", *text, "entity id, name or alias")->required();
  cmd->callback(
      [&global, &action, text] { action = [&global, text] { return RunExplain(global, *text); }; });
}

}  // namespace kg
