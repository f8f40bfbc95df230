#include "query/relation_query.h"

#include <algorithm>

namespace kg {
namespace {

// Compares a date against a bound at the bound's precision: "2021-10-13" is
// within since "2021-10" and until "2021".
bool AtOrAfter(const std::string& date, const std::string& bound) {
  return date.compare(0, bound.size(), bound) >= 0;
}
bool AtOrBefore(const std::string& date, const std::string& bound) {
  return date.compare(0, bound.size(), bound) <= 0;
}

}  // namespace

std::vector<Edge> SelectRelations(const KnowledgeGraph& graph, const RelationFilter& f) {
  const GraphStorage& g = graph.storage();
  std::vector<Edge> out;
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    const RelationEdge& r = g[e];
    if (f.relation && r.relation != *f.relation) continue;
    Vertex s = boost::source(e, g), t = boost::target(e, g);
    if (IsSymmetric(r.relation) && ((f.subject && *f.subject == t) || (f.object && *f.object == s))) {
      std::swap(s, t);
    }
    if (f.subject && s != *f.subject) continue;
    if (f.object && t != *f.object) continue;
    if (!f.object_types.empty() &&
        std::find(f.object_types.begin(), f.object_types.end(), g[t].type) == f.object_types.end()) {
      continue;
    }
    if ((!f.since.empty() || !f.until.empty()) && r.date.empty()) continue;
    if (!f.since.empty() && !AtOrAfter(r.date, f.since)) continue;
    if (!f.until.empty() && !AtOrBefore(r.date, f.until)) continue;
    out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [&](const Edge& a, const Edge& b) {
    const std::string& da = g[a].date;
    const std::string& db = g[b].date;
    if (da.empty() != db.empty()) return db.empty();
    return std::tie(da, g[boost::source(a, g)].id, g[boost::target(a, g)].id, g[a].relation) <
           std::tie(db, g[boost::source(b, g)].id, g[boost::target(b, g)].id, g[b].relation);
  });
  return out;
}

}  // namespace kg
