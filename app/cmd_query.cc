// kg find, kg issued / kg rel, kg path.
#include <iostream>

#include "app/commands.h"
#include "app/table.h"
#include "query/entity_lookup.h"
#include "query/paths.h"
#include "query/relation_query.h"

namespace kg {
namespace {

struct RelOptions {
  std::string relation = "issued";
  std::string by, what, since, until;
  std::vector<std::string> types;
};

struct PathCommandOptions {
  std::string from, to;
  int max_hops = 0;
  std::vector<std::string> relations;
  bool directed = false;
};

bool ParseRelations(const std::vector<std::string>& names, std::vector<Relation>* out) {
  for (const std::string& n : names) {
    auto r = ParseRelation(n);
    if (!r) {
      std::cerr << "kg: unknown relation \"" << n << "\"; known:";
      for (Relation k : AllRelations()) std::cerr << " " << ToString(k);
      std::cerr << "\n";
      return false;
    }
    out->push_back(*r);
  }
  return true;
}

void WriteEvidenceJson(JsonWriter& w, const RelationEdge& r) {
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
}

int RunFind(const GlobalOptions& global, const std::string& text) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  const GraphStorage& g = graph.storage();
  std::vector<ScoredEntity> found = SearchEntities(graph, text, 20);
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartArray();
      for (const ScoredEntity& s : found) {
        w.StartObject();
        w.Key("id");
        w.String(g[s.vertex].id);
        w.Key("type");
        w.String(std::string(ToString(g[s.vertex].type)));
        w.Key("name");
        w.String(g[s.vertex].name);
        w.Key("score");
        w.Int(s.score);
        w.EndObject();
      }
      w.EndArray();
    });
  } else if (!found.empty()) {
    Table t({"id", "type", "name", "score"});
    for (const ScoredEntity& s : found) {
      t.AddRow({g[s.vertex].id, std::string(ToString(g[s.vertex].type)), g[s.vertex].name,
                std::to_string(s.score)});
    }
    t.Print(std::cout);
  } else {
    std::cerr << "kg: no entity matches \"" << text << "\"\n";
  }
  return found.empty() ? 1 : 0;
}

int RunRel(const GlobalOptions& global, const RelOptions& o) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  RelationFilter f;
  auto rel = ParseRelation(o.relation);
  if (!rel) {
    std::vector<Relation> ignored;
    ParseRelations({o.relation}, &ignored);
    return 1;
  }
  f.relation = rel;
  if (!o.by.empty() && !(f.subject = ResolveEntityOrReport(graph, o.by))) return 1;
  if (!o.what.empty() && !(f.object = ResolveEntityOrReport(graph, o.what))) return 1;
  f.since = o.since;
  f.until = o.until;
  for (const std::string& t : o.types) {
    auto type = ParseEntityType(t);
    if (!type) {
      std::cerr << "kg: unknown entity type \"" << t << "\"\n";
      return 1;
    }
    f.object_types.push_back(*type);
  }
  const GraphStorage& g = graph.storage();
  std::vector<Edge> edges = SelectRelations(graph, f);
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartArray();
      for (const Edge& e : edges) {
        w.StartObject();
        w.Key("subject");
        w.String(g[boost::source(e, g)].id);
        w.Key("relation");
        w.String(std::string(ToString(g[e].relation)));
        w.Key("object");
        w.String(g[boost::target(e, g)].id);
        w.Key("date");
        g[e].date.empty() ? w.Null() : w.String(g[e].date);
        w.Key("role");
        g[e].role.empty() ? w.Null() : w.String(g[e].role);
        WriteEvidenceJson(w, g[e]);
        w.EndObject();
      }
      w.EndArray();
    });
  } else {
    Table t({"subject", "relation", "object", "date", "evidence"});
    for (const Edge& e : edges) {
      t.AddRow({g[boost::source(e, g)].name, std::string(ToString(g[e].relation)),
                g[boost::target(e, g)].name, g[e].date, EvidenceLocation(g[e])});
    }
    if (t.size() > 0) t.Print(std::cout);
  }
  if (edges.empty()) std::cerr << "kg: no " << o.relation << " relation matches\n";
  return edges.empty() ? 1 : 0;
}

int RunPath(const GlobalOptions& global, const PathCommandOptions& o) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  auto a = ResolveEntityOrReport(graph, o.from);
  auto b = ResolveEntityOrReport(graph, o.to);
  if (!a || !b) return 1;
  PathOptions options;
  options.directed = o.directed;
  options.max_hops = o.max_hops;
  if (!ParseRelations(o.relations, &options.relations)) return 1;
  const GraphStorage& g = graph.storage();
  auto path = ShortestPath(graph, *a, *b, options);
  if (!path) {
    std::cerr << "kg: no path from " << g[*a].id << " to " << g[*b].id
              << (o.max_hops > 0 ? " within " + std::to_string(o.max_hops) + " hops" : "") << "\n";
    return 1;
  }
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartObject();
      w.Key("length");
      w.Uint64(path->size());
      w.Key("hops");
      w.StartArray();
      for (const PathHop& h : *path) {
        w.StartObject();
        w.Key("from");
        w.String(g[h.from].id);
        w.Key("to");
        w.String(g[h.to].id);
        w.Key("relation");
        w.String(std::string(ToString(g[h.edge].relation)));
        w.Key("forward");
        w.Bool(h.forward);
        WriteEvidenceJson(w, g[h.edge]);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
    return 0;
  }
  std::cout << "path of " << path->size() << " hop(s) from " << g[*a].id << " to " << g[*b].id << "\n";
  Table t({"from", "relation", "to", "evidence", "sentence"});
  for (const PathHop& h : *path) {
    std::string arrow = h.forward ? "-" + std::string(ToString(g[h.edge].relation)) + "->"
                                  : "<-" + std::string(ToString(g[h.edge].relation)) + "-";
    const RelationEdge& r = g[h.edge];
    t.AddRow({g[h.from].id, arrow, g[h.to].id, EvidenceLocation(r),
              r.evidence.empty() ? "" : r.evidence.front().text});
  }
  t.Print(std::cout, 90);
  return 0;
}

}  // namespace

void RegisterQueryCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  auto find_text = std::make_shared<std::string>();
  CLI::App* find = app.add_subcommand("find", "look up entities by name, acronym or alias");
  find->add_option("text", *find_text, "what to look for")->required();
  find->callback([&global, &action, find_text] {
    action = [&global, find_text] { return RunFind(global, *find_text); };
  });

  auto add_rel_options = [](CLI::App* cmd, RelOptions& o) {
    cmd->add_option("--by", o.by, "subject entity (who)");
    cmd->add_option("--what", o.what, "object entity (what)");
    cmd->add_option("--since", o.since, "earliest date, YYYY[-MM[-DD]]");
    cmd->add_option("--until", o.until, "latest date, YYYY[-MM[-DD]]");
    cmd->add_option("--type", o.types, "object types, e.g. Law,Policy,Standard")->delimiter(',');
  };
  auto issued = std::make_shared<RelOptions>();
  CLI::App* issued_cmd = app.add_subcommand("issued", "who issued what, when, with evidence");
  add_rel_options(issued_cmd, *issued);
  issued_cmd->callback([&global, &action, issued] {
    action = [&global, issued] { return RunRel(global, *issued); };
  });
  auto rel = std::make_shared<RelOptions>();
  CLI::App* rel_cmd = app.add_subcommand("rel", "the edges of one relation, e.g. 'kg rel drafted --by CESI'");
  rel_cmd->add_option("relation", rel->relation, "issued, drafted, mirrors, adopts, replaces, part_of, "
                                                 "affiliated_with, cooperates_with, established, secretariat_of")
      ->required();
  add_rel_options(rel_cmd, *rel);
  rel_cmd->callback([&global, &action, rel] {
    action = [&global, rel] { return RunRel(global, *rel); };
  });

  auto path = std::make_shared<PathCommandOptions>();
  CLI::App* path_cmd = app.add_subcommand("path", "how two entities are connected");
  path_cmd->add_option("from", path->from, "first entity")->required();
  path_cmd->add_option("to", path->to, "second entity")->required();
  path_cmd->add_option("--max-hops", path->max_hops, "longest path to consider")->check(CLI::Range(0, 1000000));
  path_cmd->add_option("--relation", path->relations, "relations to follow")->delimiter(',');
  path_cmd->add_flag("--directed", path->directed, "follow edges only in their direction");
  path_cmd->callback([&global, &action, path] {
    action = [&global, path] { return RunPath(global, *path); };
  });
}

}  // namespace kg
