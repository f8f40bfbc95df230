// kg find, kg neighbors, kg issued / kg rel, kg path, kg centrality, kg communities.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <set>

#include "app/commands.h"
#include "app/table.h"
#include "query/centrality.h"
#include "query/communities.h"
#include "query/entity_lookup.h"
#include "query/paths.h"
#include "query/relation_query.h"

namespace kg {
namespace {

// Rows of "did you mean" or candidate lists, and of kg find.
constexpr size_t kFindLimit = 20;
// kg path --all prints at most this many paths unless --limit says otherwise.
constexpr size_t kDefaultPathLimit = 100;

struct RelOptions {
  std::string relation = "issued";
  std::string by, what, since, until;
  std::vector<std::string> types;
};

struct NeighborOptions {
  std::string entity;
  std::vector<std::string> relations;
  std::string direction = "both";
  int depth = 1;
  std::vector<std::string> types;
};

struct PathCommandOptions {
  std::string from, to;
  int max_hops = 0;
  std::vector<std::string> relations;
  bool directed = false;
  bool weighted = false;
  int k = 0;
  bool all = false;
  size_t limit = kDefaultPathLimit;
};

struct CentralityCommandOptions {
  std::string measure = "degree";
  size_t top = 10;
  std::vector<std::string> types;
  bool directed = false;
  std::vector<std::string> relations;
  int threads = 0;
};

struct CommunityCommandOptions {
  std::string algorithm = "louvain";
  uint64_t seed = 1;
  size_t min_size = 2;
  size_t top = 0;
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

bool ParseTypes(const std::vector<std::string>& names, std::vector<EntityType>* out) {
  for (const std::string& n : names) {
    auto t = ParseEntityType(n);
    if (!t) {
      std::cerr << "kg: unknown entity type \"" << n << "\"; known:";
      for (EntityType k : AllEntityTypes()) std::cerr << " " << ToString(k);
      std::cerr << "\n";
      return false;
    }
    out->push_back(*t);
  }
  return true;
}

bool TypeAllowed(const std::vector<EntityType>& types, EntityType type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

std::string TypeName(const GraphStorage& g, Vertex v) { return std::string(ToString(g[v].type)); }

std::string RelationName(const GraphStorage& g, Edge e) {
  return std::string(ToString(g[e].relation));
}

// "-issued->" when the edge is walked forward, "<-issued-" otherwise.
std::string Arrow(const GraphStorage& g, Edge e, bool forward) {
  return forward ? "-" + RelationName(g, e) + "->" : "<-" + RelationName(g, e) + "-";
}

std::string FirstSentence(const RelationEdge& r) {
  return r.evidence.empty() ? "" : r.evidence.front().text.str();
}

// Scores in tables: six significant digits, enough to rank by eye.
std::string FormatScore(double score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", score);
  return buffer;
}

void WriteEvidenceJson(JsonWriter& w, const RelationEdge& r) {
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
}

void WriteEntityJson(JsonWriter& w, const GraphStorage& g, Vertex v) {
  w.Key("id");
  w.String(g[v].id);
  w.Key("type");
  w.String(TypeName(g, v));
  w.Key("name");
  w.String(g[v].name);
}

// A YYYY, YYYY-MM or YYYY-MM-DD bound for --since and --until.
CLI::Validator DateBound() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        static constexpr std::string_view kShape = "dddd-dd-dd";
        bool ok = text.size() == 4 || text.size() == 7 || text.size() == 10;
        for (size_t i = 0; ok && i < text.size(); ++i) {
          ok = kShape[i] == 'd' ? (text[i] >= '0' && text[i] <= '9') : text[i] == '-';
        }
        return ok ? "" : "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got \"" + text + "\"";
      },
      "DATE");
}

// A whole number in [low, high] for counts and seeds. CLI11's own checks
// would take "-1" into a size_t as 2^64 - 1, and print the range of a double.
CLI::Validator WholeNumber(uint64_t low, uint64_t high) {
  std::string range = std::to_string(low) + " to " + std::to_string(high);
  return CLI::Validator(
      [low, high, range](std::string& text) -> std::string {
        uint64_t value = 0;
        const char* end = text.data() + text.size();
        auto [stop, status] = std::from_chars(text.data(), end, value);
        bool ok =
            !text.empty() && status == std::errc() && stop == end && value >= low && value <= high;
        return ok ? "" : "expected a whole number from " + range + ", got \"" + text + "\"";
      },
      "INT in " + range);
}

// --- kg find -----------------------------------------------------------------

int RunFind(const GlobalOptions& global, const std::string& text) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  const GraphStorage& g = graph.storage();
  std::vector<ScoredEntity> found = SearchEntities(graph, text, kFindLimit);
  // Edit-distance matches only (score 40) are suggestions, not answers.
  bool only_suggestions = !found.empty() && found.front().score < 50;
  size_t exact = 0;
  for (const ScoredEntity& s : found) exact += s.score == found.front().score && s.score >= 90;
  bool ambiguous = exact > 1;
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartObject();
      w.Key("query");
      w.String(text);
      w.Key("status");
      w.String(found.empty()      ? "not_found"
               : only_suggestions ? "suggestions"
               : ambiguous        ? "ambiguous"
                                  : "found");
      w.Key("matches");
      w.StartArray();
      for (const ScoredEntity& s : found) {
        w.StartObject();
        WriteEntityJson(w, g, s.vertex);
        w.Key("aliases");
        w.StartArray();
        for (const std::string& a : g[s.vertex].aliases) w.String(a);
        w.EndArray();
        w.Key("score");
        w.Int(s.score);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
  } else if (!found.empty()) {
    if (only_suggestions) std::cout << "no entity matches \"" << text << "\"; did you mean:\n";
    Table t({"id", "type", "name", "aliases", "score"});
    for (const ScoredEntity& s : found) {
      std::string aliases;
      for (const std::string& a : g[s.vertex].aliases) aliases += (aliases.empty() ? "" : "; ") + a;
      t.AddRow({g[s.vertex].id, TypeName(g, s.vertex), g[s.vertex].name, aliases,
                std::to_string(s.score)});
    }
    t.Print(std::cout, 60);
  }
  if (found.empty()) std::cerr << "kg: no entity matches \"" << text << "\"\n";
  if (ambiguous) {
    std::cerr << "kg: \"" << text << "\" is ambiguous: " << exact << " entities match it exactly\n";
  }
  return found.empty() || only_suggestions || ambiguous ? 1 : 0;
}

// --- kg neighbors --------------------------------------------------------------

struct NeighborRow {
  int depth;
  Vertex from;
  Vertex to;
  Edge edge;
  bool forward;
};

// Breadth-first over the edges allowed by the options, up to `depth` hops.
// Every edge that first reaches a vertex at some depth gives a row, so direct
// neighbours show every relation that links them to the entity.
std::vector<NeighborRow> CollectNeighbors(const KnowledgeGraph& graph, Vertex start,
                                          const std::vector<Relation>& relations, bool out, bool in,
                                          int depth) {
  const GraphStorage& g = graph.storage();
  auto allowed = [&](Edge e) {
    return relations.empty() ||
           std::find(relations.begin(), relations.end(), g[e].relation) != relations.end();
  };
  std::vector<int> level(graph.num_entities(), -1);
  level[start] = 0;
  std::vector<Vertex> frontier = {start};
  std::vector<NeighborRow> rows;
  for (int d = 1; d <= depth && !frontier.empty(); ++d) {
    std::vector<NeighborRow> found;
    for (Vertex v : frontier) {
      if (out) {
        for (Edge e : boost::make_iterator_range(boost::out_edges(v, g))) {
          Vertex t = boost::target(e, g);
          if (allowed(e) && (level[t] < 0 || level[t] == d)) found.push_back({d, v, t, e, true});
        }
      }
      if (in) {
        for (Edge e : boost::make_iterator_range(boost::in_edges(v, g))) {
          Vertex s = boost::source(e, g);
          if (allowed(e) && (level[s] < 0 || level[s] == d)) found.push_back({d, v, s, e, false});
        }
      }
    }
    std::vector<Vertex> next;
    for (const NeighborRow& r : found) {
      if (level[r.to] < 0) {
        level[r.to] = d;
        next.push_back(r.to);
      }
    }
    std::erase_if(found, [](const NeighborRow& r) { return r.from == r.to; });
    rows.insert(rows.end(), found.begin(), found.end());
    frontier = std::move(next);
  }
  std::sort(rows.begin(), rows.end(), [&](const NeighborRow& a, const NeighborRow& b) {
    return std::tie(a.depth, g[a.to].id, g[a.edge].relation, a.forward, g[a.from].id) <
           std::tie(b.depth, g[b.to].id, g[b.edge].relation, b.forward, g[b.from].id);
  });
  return rows;
}

int RunNeighbors(const GlobalOptions& global, const NeighborOptions& o) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  std::vector<Relation> relations;
  std::vector<EntityType> types;
  if (!ParseRelations(o.relations, &relations) || !ParseTypes(o.types, &types)) return 1;
  auto start = ResolveEntityOrReport(graph, o.entity);
  if (!start) return 1;
  const GraphStorage& g = graph.storage();
  bool out = o.direction != "in", in = o.direction != "out";
  std::vector<NeighborRow> rows = CollectNeighbors(graph, *start, relations, out, in, o.depth);
  std::erase_if(rows, [&](const NeighborRow& r) { return !TypeAllowed(types, g[r.to].type); });
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartObject();
      w.Key("entity");
      w.String(g[*start].id);
      w.Key("neighbors");
      w.StartArray();
      for (const NeighborRow& r : rows) {
        w.StartObject();
        w.Key("depth");
        w.Int(r.depth);
        WriteEntityJson(w, g, r.to);
        w.Key("via");
        w.String(g[r.from].id);
        w.Key("relation");
        w.String(RelationName(g, r.edge));
        w.Key("direction");
        w.String(r.forward ? "out" : "in");
        w.Key("date");
        g[r.edge].date.empty() ? w.Null() : w.String(g[r.edge].date);
        WriteEvidenceJson(w, g[r.edge]);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
  } else if (!rows.empty()) {
    Table t({"depth", "via", "relation", "neighbor", "type", "name", "evidence"});
    for (const NeighborRow& r : rows) {
      t.AddRow({std::to_string(r.depth), g[r.from].id, Arrow(g, r.edge, r.forward), g[r.to].id,
                TypeName(g, r.to), g[r.to].name, EvidenceLocation(g[r.edge])});
    }
    t.Print(std::cout, 60);
  }
  if (rows.empty())
    std::cerr << "kg: " << g[*start].id << " has no neighbors matching the filters\n";
  return rows.empty() ? 1 : 0;
}

// --- kg issued / kg rel --------------------------------------------------------

int RunRel(const GlobalOptions& global, const RelOptions& o) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  RelationFilter f;
  std::vector<Relation> relation;
  if (!ParseRelations({o.relation}, &relation) || !ParseTypes(o.types, &f.object_types)) return 1;
  f.relation = relation.front();
  if (!o.by.empty() && !(f.subject = ResolveEntityOrReport(graph, o.by))) return 1;
  if (!o.what.empty() && !(f.object = ResolveEntityOrReport(graph, o.what))) return 1;
  f.since = o.since;
  f.until = o.until;
  const GraphStorage& g = graph.storage();
  std::vector<Edge> edges = SelectRelations(graph, f);
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartArray();
      for (const Edge& e : edges) {
        w.StartObject();
        w.Key("subject");
        w.String(g[boost::source(e, g)].id);
        w.Key("subject_name");
        w.String(g[boost::source(e, g)].name);
        w.Key("relation");
        w.String(RelationName(g, e));
        w.Key("object");
        w.String(g[boost::target(e, g)].id);
        w.Key("object_name");
        w.String(g[boost::target(e, g)].name);
        w.Key("object_type");
        w.String(TypeName(g, boost::target(e, g)));
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
    Table t({"subject", "relation", "object", "type", "date", "evidence"});
    for (const Edge& e : edges) {
      t.AddRow({g[boost::source(e, g)].name, RelationName(g, e), g[boost::target(e, g)].name,
                TypeName(g, boost::target(e, g)), g[e].date, EvidenceLocation(g[e])});
    }
    if (t.size() > 0) t.Print(std::cout);
  }
  if (edges.empty()) std::cerr << "kg: no " << o.relation << " relation matches\n";
  return edges.empty() ? 1 : 0;
}

// --- kg path -------------------------------------------------------------------

void WritePathJson(JsonWriter& w, const KnowledgeGraph& graph, const Path& path, bool weighted) {
  const GraphStorage& g = graph.storage();
  w.StartObject();
  w.Key("length");
  w.Uint64(path.size());
  if (weighted) {
    w.Key("weight");
    w.Double(PathCost(graph, path, true));
  }
  w.Key("hops");
  w.StartArray();
  for (const PathHop& h : path) {
    w.StartObject();
    w.Key("from");
    w.String(g[h.from].id);
    w.Key("to");
    w.String(g[h.to].id);
    w.Key("relation");
    w.String(RelationName(g, h.edge));
    w.Key("forward");
    w.Bool(h.forward);
    WriteEvidenceJson(w, g[h.edge]);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// "CESI (Organization)", or "CESI: China Electronics ... (Organization)" when
// the name says more than the id.
std::string EntityLine(const GraphStorage& g, Vertex v) {
  std::string out = g[v].id;
  if (g[v].name != g[v].id) out += ": " + g[v].name;
  return out + " (" + TypeName(g, v) + ")";
}

// A path reads as a chain, one entity per line and each hop between two
// entities with its relation, direction and first evidence sentence: a table
// of these long names and sentences would be far wider than a terminal.
void PrintPathTable(const KnowledgeGraph& graph, const Path& path, Vertex a, Vertex b,
                    bool weighted, const std::string& title) {
  constexpr size_t kSentenceChars = 110;
  const GraphStorage& g = graph.storage();
  std::cout << title << path.size() << " hop(s) from " << g[a].id << " to " << g[b].id;
  if (weighted) std::cout << ", weight " << FormatScore(PathCost(graph, path, true));
  std::cout << "\n";
  if (path.empty()) return;
  std::cout << EntityLine(g, path.front().from) << "\n";
  for (const PathHop& h : path) {
    std::string sentence = FirstSentence(g[h.edge]);
    if (sentence.size() > kSentenceChars) {
      size_t cut = kSentenceChars;
      while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
      sentence = sentence.substr(0, cut) + "…";
    }
    std::cout << "  " << Arrow(g, h.edge, h.forward) << "  " << EvidenceLocation(g[h.edge])
              << "  \"" << sentence << "\"\n";
    std::cout << EntityLine(g, h.to) << "\n";
  }
}

int RunPath(const GlobalOptions& global, const PathCommandOptions& o) {
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  if (o.all && o.max_hops <= 0) {
    std::cerr << "kg: --all needs --max-hops N (N >= 1): the number of simple paths grows "
                 "exponentially with their length\n";
    return 2;
  }
  if (o.all && o.k > 0) {
    std::cerr << "kg: --all and --k exclude each other\n";
    return 2;
  }
  PathOptions options;
  options.directed = o.directed;
  options.max_hops = o.max_hops;
  options.weighted = o.weighted;
  if (!ParseRelations(o.relations, &options.relations)) return 1;
  auto a = ResolveEntityOrReport(graph, o.from);
  auto b = ResolveEntityOrReport(graph, o.to);
  if (!a || !b) return 1;
  const GraphStorage& g = graph.storage();
  PathFinder finder(graph, options);
  std::vector<Path> paths;
  bool truncated = false;
  if (o.all) {
    paths = finder.AllSimple(*a, *b, o.limit, &truncated);
  } else if (o.k > 0) {
    paths = finder.KShortest(*a, *b, o.k);
  } else if (auto path = finder.Shortest(*a, *b)) {
    paths.push_back(*path);
  }
  if (paths.empty()) {
    std::cerr << "kg: no path from " << g[*a].id << " to " << g[*b].id;
    if (o.max_hops > 0) {
      std::cerr << " within " << o.max_hops << " hops";
    } else if (!o.directed && options.relations.empty()) {
      std::cerr << ": they are not connected";
    } else {
      std::cerr << " along " << (o.directed ? "directed " : "") << "edges"
                << (options.relations.empty() ? "" : " of the relations given");
    }
    std::cerr << "\n";
    return 1;
  }
  bool several = o.all || o.k > 0;
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      if (!several) return WritePathJson(w, graph, paths.front(), o.weighted);
      w.StartObject();
      w.Key("from");
      w.String(g[*a].id);
      w.Key("to");
      w.String(g[*b].id);
      w.Key("truncated");
      w.Bool(truncated);
      w.Key("paths");
      w.StartArray();
      for (const Path& p : paths) WritePathJson(w, graph, p, o.weighted);
      w.EndArray();
      w.EndObject();
    });
    return 0;
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i > 0) std::cout << "\n";
    std::string title = several ? "path " + std::to_string(i + 1) + ": " : "path of ";
    PrintPathTable(graph, paths[i], *a, *b, o.weighted, title);
  }
  if (truncated) {
    std::cout << "\n(stopped after " << paths.size() << " paths; raise --limit to see more)\n";
  }
  return 0;
}

// --- kg centrality -------------------------------------------------------------

int RunCentrality(const GlobalOptions& global, const CentralityCommandOptions& o) {
  auto measure = ParseCentralityMeasure(o.measure);
  if (!measure) {
    std::cerr << "kg: unknown measure \"" << o.measure << "\"\n";
    return 2;
  }
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  CentralityOptions options;
  options.directed = o.directed;
  options.threads = o.threads;
  std::vector<EntityType> types;
  if (!ParseRelations(o.relations, &options.relations) || !ParseTypes(o.types, &types)) return 1;
  std::vector<double> scores;
  std::string error;
  if (!TryComputeCentrality(graph, *measure, options, &scores, &error)) {
    std::cerr << "kg: " << error << "\n";
    return 1;
  }
  const GraphStorage& g = graph.storage();
  std::vector<Vertex> ranked = RankByScore(graph, scores, graph.num_entities());
  std::erase_if(ranked, [&](Vertex v) { return !TypeAllowed(types, g[v].type); });
  if (o.top > 0 && ranked.size() > o.top) ranked.resize(o.top);
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartObject();
      w.Key("measure");
      w.String(std::string(ToString(*measure)));
      w.Key("directed");
      w.Bool(o.directed);
      w.Key("entities");
      w.Uint64(graph.num_entities());
      w.Key("results");
      w.StartArray();
      for (size_t i = 0; i < ranked.size(); ++i) {
        w.StartObject();
        w.Key("rank");
        w.Uint64(i + 1);
        WriteEntityJson(w, g, ranked[i]);
        w.Key("score");
        w.Double(scores[ranked[i]]);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
  } else if (!ranked.empty()) {
    Table t({"rank", "id", "type", "name", std::string(ToString(*measure))});
    for (size_t i = 0; i < ranked.size(); ++i) {
      t.AddRow({std::to_string(i + 1), g[ranked[i]].id, TypeName(g, ranked[i]), g[ranked[i]].name,
                FormatScore(scores[ranked[i]])});
    }
    t.Print(std::cout, 60);
  }
  if (ranked.empty()) std::cerr << "kg: no entity to rank\n";
  return ranked.empty() ? 1 : 0;
}

// --- kg communities ------------------------------------------------------------

int RunCommunities(const GlobalOptions& global, const CommunityCommandOptions& o) {
  auto algorithm = ParseCommunityAlgorithm(o.algorithm);
  if (!algorithm) {
    std::cerr << "kg: unknown algorithm \"" << o.algorithm << "\"\n";
    return 2;
  }
  KnowledgeGraph graph;
  if (!LoadGraphOrReport(global, &graph)) return 1;
  if (graph.num_entities() == 0) {
    std::cerr << "kg: the graph has no entities, so no communities\n";
    return 1;
  }
  const GraphStorage& g = graph.storage();
  Communities c = DetectCommunities(graph, *algorithm, o.seed);
  // The most central member: highest degree centrality, ties by id.
  std::vector<double> degree = ComputeCentrality(graph, CentralityMeasure::kDegree, {});
  std::vector<std::vector<Vertex>> members(c.count);
  for (Vertex v = 0; v < graph.num_entities(); ++v) members[c.membership[v]].push_back(v);
  for (std::vector<Vertex>& m : members) {
    std::sort(m.begin(), m.end(), [&](Vertex x, Vertex y) { return g[x].id < g[y].id; });
  }
  std::vector<int> shown;
  for (int i = 0; i < c.count; ++i) {
    if (members[i].size() >= o.min_size && (o.top == 0 || shown.size() < o.top)) shown.push_back(i);
  }
  auto central = [&](int i) {
    return *std::min_element(members[i].begin(), members[i].end(), [&](Vertex x, Vertex y) {
      return degree[x] != degree[y] ? degree[x] > degree[y] : g[x].id < g[y].id;
    });
  };
  if (global.json) {
    PrintJson([&](JsonWriter& w) {
      w.StartObject();
      w.Key("algorithm");
      w.String(std::string(ToString(*algorithm)));
      w.Key("modularity");
      w.Double(c.modularity);
      w.Key("count");
      w.Int(c.count);
      w.Key("communities");
      w.StartArray();
      for (int i : shown) {
        w.StartObject();
        w.Key("community");
        w.Int(i);
        w.Key("size");
        w.Uint64(members[i].size());
        w.Key("central");
        w.String(g[central(i)].id);
        w.Key("members");
        w.StartArray();
        for (Vertex v : members[i]) w.String(g[v].id);
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
    return 0;
  }
  std::cout << c.count << " communities (" << ToString(*algorithm) << "), modularity "
            << FormatScore(c.modularity) << "\n";
  Table t({"community", "size", "most central", "members"});
  for (int i : shown) {
    std::string names;
    for (Vertex v : members[i]) names += (names.empty() ? "" : ", ") + g[v].name;
    t.AddRow({std::to_string(i), std::to_string(members[i].size()), g[central(i)].name, names});
  }
  if (t.size() > 0) t.Print(std::cout, 70);
  size_t hidden = c.count - shown.size();
  if (hidden > 0) {
    std::cout << "(" << hidden << " communities smaller than " << o.min_size
              << " or beyond --top not shown)\n";
  }
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

  auto neighbors = std::make_shared<NeighborOptions>();
  CLI::App* neighbors_cmd = app.add_subcommand("neighbors", "the entities linked to one entity");
  neighbors_cmd->add_option("entity", neighbors->entity, "the entity")->required();
  neighbors_cmd->add_option("--relation", neighbors->relations, "relations to follow")
      ->delimiter(',');
  neighbors_cmd->add_option("--direction", neighbors->direction, "in, out or both")
      ->check(CLI::IsMember({"in", "out", "both"}))
      ->capture_default_str();
  neighbors_cmd->add_option("--depth", neighbors->depth, "hops to go out")
      ->check(CLI::Range(1, 1000000000))
      ->capture_default_str();
  neighbors_cmd->add_option("--type", neighbors->types, "list only entities of these types")
      ->delimiter(',');
  neighbors_cmd->callback([&global, &action, neighbors] {
    action = [&global, neighbors] { return RunNeighbors(global, *neighbors); };
  });

  auto add_rel_options = [](CLI::App* cmd, RelOptions& o) {
    cmd->add_option("--by", o.by, "subject entity (who)");
    cmd->add_option("--what", o.what, "object entity (what)");
    cmd->add_option("--since", o.since, "earliest date, YYYY[-MM[-DD]]")->check(DateBound());
    cmd->add_option("--until", o.until, "latest date, YYYY[-MM[-DD]]")->check(DateBound());
    cmd->add_option("--type", o.types, "object types, e.g. Law,Policy,Standard")->delimiter(',');
  };
  auto issued = std::make_shared<RelOptions>();
  CLI::App* issued_cmd = app.add_subcommand("issued", "who issued what, when, with evidence");
  add_rel_options(issued_cmd, *issued);
  issued_cmd->callback([&global, &action, issued] {
    action = [&global, issued] { return RunRel(global, *issued); };
  });
  auto rel = std::make_shared<RelOptions>();
  CLI::App* rel_cmd =
      app.add_subcommand("rel", "the edges of one relation, e.g. 'kg rel drafted --by CESI'");
  rel_cmd
      ->add_option("relation", rel->relation,
                   "issued, drafted, mirrors, adopts, replaces, part_of, "
                   "affiliated_with, cooperates_with, established, secretariat_of")
      ->required();
  add_rel_options(rel_cmd, *rel);
  rel_cmd->callback(
      [&global, &action, rel] { action = [&global, rel] { return RunRel(global, *rel); }; });

  auto path = std::make_shared<PathCommandOptions>();
  CLI::App* path_cmd = app.add_subcommand("path", "how two entities are connected");
  path_cmd->add_option("from", path->from, "first entity")->required();
  path_cmd->add_option("to", path->to, "second entity")->required();
  path_cmd->add_option("--max-hops", path->max_hops, "longest path to consider (0: no limit)")
      ->check(CLI::Range(0, 1000000000));
  path_cmd->add_option("--relation", path->relations, "relations to follow")->delimiter(',');
  path_cmd->add_flag("--directed", path->directed, "follow edges only in their direction");
  path_cmd->add_flag("--weight", path->weighted,
                     "lightest path (Dijkstra); a hop weighs 1/(evidence sentences of its edge)");
  path_cmd->add_option("--k", path->k, "the K shortest loopless paths (Yen)")
      ->check(CLI::Range(1, 10000));
  path_cmd->add_flag("--all", path->all, "every simple path of at most --max-hops hops");
  path_cmd->add_option("--limit", path->limit, "most paths --all prints")
      ->check(CLI::Range(size_t{1}, size_t{1000000}))
      ->capture_default_str();
  path_cmd->callback(
      [&global, &action, path] { action = [&global, path] { return RunPath(global, *path); }; });

  auto centrality = std::make_shared<CentralityCommandOptions>();
  CLI::App* centrality_cmd = app.add_subcommand("centrality", "who matters most in the network");
  centrality_cmd
      ->add_option("--measure", centrality->measure,
                   "degree, in-degree, out-degree, betweenness, closeness, harmonic, pagerank, "
                   "eigenvector")
      ->check(CLI::IsMember({"degree", "in-degree", "out-degree", "betweenness", "closeness",
                             "harmonic", "pagerank", "eigenvector"}))
      ->capture_default_str();
  centrality_cmd->add_option("--top", centrality->top, "entities to list (0: all)")
      ->check(WholeNumber(0, UINT64_MAX))
      ->capture_default_str();
  centrality_cmd->add_option("--type", centrality->types, "list only entities of these types")
      ->delimiter(',');
  centrality_cmd->add_flag("--directed", centrality->directed, "respect edge direction");
  centrality_cmd->add_option("--relation", centrality->relations, "edges of these relations only")
      ->delimiter(',');
  centrality_cmd->add_option("--threads", centrality->threads, "workers (0: all cores)")
      ->check(CLI::Range(0, 256));
  centrality_cmd->callback([&global, &action, centrality] {
    action = [&global, centrality] { return RunCentrality(global, *centrality); };
  });

  auto communities = std::make_shared<CommunityCommandOptions>();
  CLI::App* communities_cmd =
      app.add_subcommand("communities", "groups of closely linked entities");
  communities_cmd->add_option("--algorithm", communities->algorithm, "louvain or label-propagation")
      ->check(CLI::IsMember({"louvain", "label-propagation"}))
      ->capture_default_str();
  communities_cmd->add_option("--seed", communities->seed, "random seed")
      ->check(WholeNumber(0, UINT64_MAX))
      ->capture_default_str();
  communities_cmd->add_option("--min-size", communities->min_size, "smallest community to list")
      ->check(WholeNumber(1, UINT64_MAX))
      ->capture_default_str();
  communities_cmd->add_option("--top", communities->top, "communities to list (0: all)")
      ->check(WholeNumber(0, UINT64_MAX))
      ->capture_default_str();
  communities_cmd->callback([&global, &action, communities] {
    action = [&global, communities] { return RunCommunities(global, *communities); };
  });
}

}  // namespace kg
