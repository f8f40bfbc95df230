#include "query/entity_lookup.h"

#include <algorithm>

#include "extract/name_key.h"

namespace kg {
namespace {

size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      best = std::min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

int ScoreName(const std::string& query, const std::string& name_key, bool is_id) {
  if (name_key.empty()) return 0;
  if (name_key == query) return is_id ? 100 : 90;
  if (name_key.rfind(query, 0) == 0) return 60;
  if (name_key.find(query) != std::string::npos) return 50;
  size_t cap = query.size() >= 8 ? 2 : 1;
  if (EditDistance(query, name_key, cap) <= cap) return 40;
  return 0;
}

}  // namespace

std::vector<ScoredEntity> SearchEntities(const KnowledgeGraph& graph, std::string_view text,
                                         size_t limit) {
  std::string query = NameKey(text);
  std::vector<ScoredEntity> out;
  if (query.empty()) return out;
  const GraphStorage& g = graph.storage();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const EntityNode& n = g[v];
    int best = std::max(ScoreName(query, NameKey(n.id), true), ScoreName(query, NameKey(n.name), false));
    for (const std::string& a : n.aliases) best = std::max(best, ScoreName(query, NameKey(a), false));
    if (best > 0) out.push_back({v, best});
  }
  std::sort(out.begin(), out.end(), [&](const ScoredEntity& a, const ScoredEntity& b) {
    if (a.score != b.score) return a.score > b.score;
    return g[a.vertex].id < g[b.vertex].id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

LookupResult LookupEntity(const KnowledgeGraph& graph, std::string_view text) {
  LookupResult result;
  std::vector<ScoredEntity> found = SearchEntities(graph, text, 50);
  if (found.empty()) return result;
  int top = found.front().score;
  if (top < 90) {
    result.candidates.assign(found.begin(), found.begin() + std::min<size_t>(5, found.size()));
    return result;
  }
  std::vector<ScoredEntity> best;
  for (const ScoredEntity& s : found) {
    if (s.score == top) best.push_back(s);
  }
  if (best.size() == 1) {
    result.status = LookupStatus::kFound;
    result.vertex = best.front().vertex;
  } else {
    result.status = LookupStatus::kAmbiguous;
    result.candidates = std::move(best);
  }
  return result;
}

}  // namespace kg
