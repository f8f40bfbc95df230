#include "query/communities.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace kg {
namespace {

// A weighted undirected graph for one Louvain level: adjacency without
// self-loops, plus the weight of the links inside each (aggregated) vertex.
struct WeightedGraph {
  std::vector<std::vector<std::pair<uint32_t, double>>> adjacency;
  std::vector<double> inner;   // weight of links inside the vertex, each counted once
  std::vector<double> degree;  // sum of adjacency weights + 2 * inner
  double total = 0.0;          // sum of all link weights (m)
};

WeightedGraph FromView(const SimpleGraph& view) {
  WeightedGraph w;
  const size_t n = view.num_vertices();
  w.adjacency.resize(n);
  w.inner.assign(n, 0.0);
  w.degree.assign(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    auto [it, end] = Neighbours(view.out(), v);
    for (; it != end; ++it) w.adjacency[v].emplace_back(*it, 1.0);
    w.degree[v] = static_cast<double>(w.adjacency[v].size());
  }
  w.total = static_cast<double>(view.num_links());
  return w;
}

// Vertices 0..n-1 in a random order drawn from `rng` (Fisher-Yates, so that the
// order does not depend on the standard library's shuffle).
std::vector<uint32_t> ShuffledOrder(size_t n, std::mt19937_64& rng) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

// Louvain's first phase: moves vertices to the neighbouring community with the
// best modularity gain until none improves. Returns true if any vertex moved.
bool MoveVertices(const WeightedGraph& g, std::mt19937_64& rng, std::vector<uint32_t>* community) {
  const size_t n = g.adjacency.size();
  std::vector<uint32_t>& c = *community;
  std::vector<double> total(n);  // sum of degrees in each community
  for (size_t v = 0; v < n; ++v) total[c[v]] += g.degree[v];
  std::vector<double> link_weight(n, 0.0);
  std::vector<uint32_t> touched;
  const double two_m = 2.0 * g.total;
  bool moved_any = false;
  for (bool moved = true; moved;) {
    moved = false;
    for (uint32_t v : ShuffledOrder(n, rng)) {
      uint32_t old = c[v];
      touched.clear();
      touched.push_back(old);
      link_weight[old] = 0.0;
      for (auto [u, weight] : g.adjacency[v]) {
        if (link_weight[c[u]] == 0.0 && c[u] != old) touched.push_back(c[u]);
        link_weight[c[u]] += weight;
      }
      total[old] -= g.degree[v];
      uint32_t best = old;
      double best_gain = link_weight[old] - total[old] * g.degree[v] / two_m;
      for (uint32_t candidate : touched) {
        double gain = link_weight[candidate] - total[candidate] * g.degree[v] / two_m;
        if (gain > best_gain + 1e-12 ||
            (gain > best_gain - 1e-12 && candidate < best && best != old)) {
          best = candidate;
          best_gain = gain;
        }
      }
      total[best] += g.degree[v];
      c[v] = best;
      for (uint32_t t : touched) link_weight[t] = 0.0;
      if (best != old) moved = moved_any = true;
    }
  }
  return moved_any;
}

// Renumbers `community` densely in order of first appearance; returns the count.
uint32_t Compact(std::vector<uint32_t>* community) {
  std::vector<uint32_t> renumber(community->size(), UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t& c : *community) {
    if (renumber[c] == UINT32_MAX) renumber[c] = next++;
    c = renumber[c];
  }
  return next;
}

// Louvain's second phase: one vertex per community.
WeightedGraph Aggregate(const WeightedGraph& g, const std::vector<uint32_t>& community,
                        uint32_t count) {
  WeightedGraph a;
  a.adjacency.resize(count);
  a.inner.assign(count, 0.0);
  a.degree.assign(count, 0.0);
  a.total = g.total;
  std::vector<std::vector<uint32_t>> members(count);
  for (uint32_t v = 0; v < community.size(); ++v) {
    members[community[v]].push_back(v);
    a.inner[community[v]] += g.inner[v];
    a.degree[community[v]] += g.degree[v];
  }
  std::vector<double> weight(count, 0.0);
  std::vector<uint32_t> touched;
  for (uint32_t c = 0; c < count; ++c) {
    touched.clear();
    for (uint32_t v : members[c]) {
      for (auto [u, w] : g.adjacency[v]) {
        uint32_t d = community[u];
        if (d == c) {
          a.inner[c] += w / 2.0;  // seen from both ends
          continue;
        }
        if (weight[d] == 0.0) touched.push_back(d);
        weight[d] += w;
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t d : touched) {
      a.adjacency[c].emplace_back(d, weight[d]);
      weight[d] = 0.0;
    }
  }
  return a;
}

std::vector<uint32_t> Louvain(const SimpleGraph& view, uint64_t seed) {
  std::mt19937_64 rng(seed);
  WeightedGraph g = FromView(view);
  std::vector<uint32_t> membership(view.num_vertices());
  std::iota(membership.begin(), membership.end(), 0u);
  if (g.total == 0.0) return membership;
  while (true) {
    std::vector<uint32_t> community(g.adjacency.size());
    std::iota(community.begin(), community.end(), 0u);
    if (!MoveVertices(g, rng, &community)) break;
    uint32_t count = Compact(&community);
    for (uint32_t& m : membership) m = community[m];
    if (count == g.adjacency.size()) break;
    g = Aggregate(g, community, count);
  }
  return membership;
}

std::vector<uint32_t> LabelPropagation(const SimpleGraph& view, uint64_t seed) {
  constexpr int kMaxRounds = 100;
  const size_t n = view.num_vertices();
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> label(n);
  std::iota(label.begin(), label.end(), 0u);
  std::vector<uint32_t> count(n, 0), touched;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool changed = false;
    for (uint32_t v : ShuffledOrder(n, rng)) {
      auto [it, end] = Neighbours(view.out(), v);
      if (it == end) continue;
      touched.clear();
      for (; it != end; ++it) {
        if (count[label[*it]]++ == 0) touched.push_back(label[*it]);
      }
      uint32_t best = label[v];
      uint32_t best_count = count[best];
      for (uint32_t l : touched) {
        if (count[l] > best_count ||
            (count[l] == best_count && l < best && count[label[v]] < best_count)) {
          best = l;
          best_count = count[l];
        }
      }
      for (uint32_t l : touched) count[l] = 0;
      if (best != label[v]) {
        label[v] = best;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return label;
}

// Numbers communities by decreasing size, ties by their smallest vertex.
Communities Number(const SimpleGraph& view, const std::vector<uint32_t>& raw) {
  const size_t n = raw.size();
  std::vector<size_t> size(n, 0);
  std::vector<uint32_t> first(n, UINT32_MAX);
  for (uint32_t v = 0; v < n; ++v) {
    ++size[raw[v]];
    first[raw[v]] = std::min(first[raw[v]], v);
  }
  std::vector<uint32_t> labels;
  for (uint32_t l = 0; l < n; ++l) {
    if (size[l] > 0) labels.push_back(l);
  }
  std::sort(labels.begin(), labels.end(), [&](uint32_t a, uint32_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<int> rank(n, -1);
  for (size_t i = 0; i < labels.size(); ++i) rank[labels[i]] = static_cast<int>(i);
  Communities result;
  result.membership.resize(n);
  for (uint32_t v = 0; v < n; ++v) result.membership[v] = rank[raw[v]];
  result.count = static_cast<int>(labels.size());
  result.modularity = Modularity(view, result.membership);
  return result;
}

}  // namespace

std::optional<CommunityAlgorithm> ParseCommunityAlgorithm(std::string_view name) {
  if (name == "louvain") return CommunityAlgorithm::kLouvain;
  if (name == "label-propagation") return CommunityAlgorithm::kLabelPropagation;
  return std::nullopt;
}

std::string_view ToString(CommunityAlgorithm algorithm) {
  return algorithm == CommunityAlgorithm::kLouvain ? "louvain" : "label-propagation";
}

double Modularity(const SimpleGraph& view, const std::vector<int>& membership) {
  const size_t n = view.num_vertices();
  if (view.num_links() == 0 || membership.size() != n) return 0.0;
  const double m = static_cast<double>(view.num_links());
  int count = 0;
  for (int c : membership) count = std::max(count, c + 1);
  std::vector<double> inside(count, 0.0), degrees(count, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    auto [it, end] = Neighbours(view.out(), v);
    degrees[membership[v]] += static_cast<double>(end - it);
    for (; it != end; ++it) {
      if (membership[*it] == membership[v]) inside[membership[v]] += 0.5;
    }
  }
  double q = 0.0;
  for (int c = 0; c < count; ++c) {
    double share = degrees[c] / (2.0 * m);
    q += inside[c] / m - share * share;
  }
  return q;
}

Communities DetectCommunitiesOfView(const SimpleGraph& view, CommunityAlgorithm algorithm,
                                    uint64_t seed) {
  if (view.directed()) {
    std::vector<std::pair<uint32_t, uint32_t>> links;
    for (uint32_t v = 0; v < view.num_vertices(); ++v) {
      auto [it, end] = Neighbours(view.out(), v);
      for (; it != end; ++it) links.emplace_back(v, *it);
    }
    return DetectCommunitiesOfView(
        SimpleGraph::FromLinks(view.num_vertices(), std::move(links), false), algorithm, seed);
  }
  std::vector<uint32_t> raw = algorithm == CommunityAlgorithm::kLouvain
                                  ? Louvain(view, seed)
                                  : LabelPropagation(view, seed);
  return Number(view, raw);
}

Communities DetectCommunities(const KnowledgeGraph& graph, CommunityAlgorithm algorithm,
                              uint64_t seed) {
  SimpleGraph view = SimpleGraph::FromKnowledgeGraph(graph, SimpleGraphOptions{});
  return DetectCommunitiesOfView(view, algorithm, seed);
}

}  // namespace kg
