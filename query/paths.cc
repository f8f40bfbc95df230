#include "query/paths.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <tuple>

namespace kg {
namespace {

bool Allowed(const PathOptions& o, Relation r) {
  return o.relations.empty() ||
         std::find(o.relations.begin(), o.relations.end(), r) != o.relations.end();
}

// The vertices a path visits, from its start.
std::vector<Vertex> VerticesOf(const Path& path, Vertex start) {
  std::vector<Vertex> vertices = {start};
  for (const PathHop& h : path) vertices.push_back(h.to);
  return vertices;
}

}  // namespace

// Hops Yen's algorithm forbids: vertices of the root path and the next hops
// of already found paths sharing that root.
struct PathFinder::Bans {
  std::vector<bool> vertex;
  std::set<std::pair<uint32_t, uint32_t>> hop;
};

double HopWeight(const RelationEdge& edge) {
  return edge.evidence.empty() ? 1.0 : 1.0 / static_cast<double>(edge.evidence.size());
}

double PathCost(const KnowledgeGraph& graph, const Path& path, bool weighted) {
  if (!weighted) return static_cast<double>(path.size());
  double cost = 0.0;
  for (const PathHop& h : path) cost += HopWeight(graph.edge(h.edge));
  return cost;
}

PathFinder::PathFinder(const KnowledgeGraph& graph, const PathOptions& options)
    : graph_(graph),
      options_(options),
      hops_(graph.num_entities()),
      scratch_(std::make_unique<Scratch>()) {
  scratch_->state.resize(graph.num_entities());
  const GraphStorage& g = graph.storage();
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    if (!Allowed(options, g[e].relation)) continue;
    Vertex s = boost::source(e, g), t = boost::target(e, g);
    if (s == t) continue;
    double weight = HopWeight(g[e]);
    hops_[s].push_back({static_cast<uint32_t>(t), e, true, weight});
    if (!options.directed) hops_[t].push_back({static_cast<uint32_t>(s), e, false, weight});
  }
  // One hop per neighbour: the edge with the most evidence, forward first,
  // then by relation.
  auto better = [&](const Hop& x, const Hop& y) {
    size_t ex = g[x.edge].evidence.size(), ey = g[y.edge].evidence.size();
    if (ex != ey) return ex > ey;
    if (x.forward != y.forward) return x.forward;
    return g[x.edge].relation < g[y.edge].relation;
  };
  for (std::vector<Hop>& list : hops_) {
    std::sort(list.begin(), list.end(), [&](const Hop& x, const Hop& y) {
      return x.to != y.to ? x.to < y.to : better(x, y);
    });
    list.erase(std::unique(list.begin(), list.end(),
                           [](const Hop& x, const Hop& y) { return x.to == y.to; }),
               list.end());
  }
}

Path PathFinder::ToPath(const std::vector<const Hop*>& hops, Vertex a) const {
  Path path;
  Vertex from = a;
  for (const Hop* h : hops) {
    path.push_back({from, h->to, h->edge, h->forward});
    from = h->to;
  }
  return path;
}

std::optional<Path> PathFinder::Shortest(Vertex a, Vertex b) const {
  const size_t n = hops_.size();
  if (a >= n || b >= n) return std::nullopt;
  if (a == b) return Path{};
  if (options_.weighted) return Dijkstra(a, b, Bans{}, options_.max_hops);
  return BidirectionalSearch(a, b);
}

// Breadth-first from both ends, a whole level at a time on the smaller
// frontier. Backward steps follow hops in reverse, which for a directed
// search needs the incoming hops: they are found by scanning the hops of the
// candidate predecessor, so the backward side is only used undirected.
std::optional<Path> PathFinder::BidirectionalSearch(Vertex a, Vertex b) const {
  constexpr int32_t kUnseen = -1;
  std::lock_guard<std::mutex> lock(scratch_->mutex);
  SearchState* state = scratch_->state.data();
  std::vector<uint32_t> touched = {static_cast<uint32_t>(a), static_cast<uint32_t>(b)};
  // Leaves the scratch as found on every way out.
  struct Reset {
    SearchState* state;
    const std::vector<uint32_t>& touched;
    ~Reset() {
      for (uint32_t v : touched) state[v] = SearchState{};
    }
  } reset{state, touched};
  std::vector<uint32_t> frontier_a = {static_cast<uint32_t>(a)};
  std::vector<uint32_t> frontier_b = {static_cast<uint32_t>(b)};
  state[a].dist_a = 0;
  state[b].dist_b = 0;
  int32_t depth_a = 0, depth_b = 0;
  const int32_t limit =
      options_.max_hops > 0 ? options_.max_hops : std::numeric_limits<int32_t>::max();
  const bool both_ways = !options_.directed;
  uint32_t meeting = UINT32_MAX;
  int32_t best = std::numeric_limits<int32_t>::max();
  while (!frontier_a.empty() && (!both_ways || !frontier_b.empty()) && depth_a + depth_b < limit) {
    bool forward = !both_ways || frontier_a.size() <= frontier_b.size();
    std::vector<uint32_t>& frontier = forward ? frontier_a : frontier_b;
    int32_t SearchState::*dist = forward ? &SearchState::dist_a : &SearchState::dist_b;
    int32_t SearchState::*other = forward ? &SearchState::dist_b : &SearchState::dist_a;
    const Hop* SearchState::*via = forward ? &SearchState::via_a : &SearchState::via_b;
    int32_t next_depth = (forward ? depth_a : depth_b) + 1;
    std::vector<uint32_t> next;
    for (uint32_t v : frontier) {
      for (const Hop& h : hops_[v]) {
        SearchState& to = state[h.to];
        if (to.*dist != kUnseen) continue;
        to.*dist = next_depth;
        to.*via = &h;
        next.push_back(h.to);
        touched.push_back(h.to);
        if (to.*other != kUnseen) {
          int32_t total = next_depth + to.*other;
          if (total < best || (total == best && h.to < meeting)) {
            best = total;
            meeting = h.to;
          }
        }
      }
    }
    frontier = std::move(next);
    (forward ? depth_a : depth_b) = next_depth;
    if (meeting != UINT32_MAX) break;
  }
  if (meeting == UINT32_MAX || best > limit) return std::nullopt;
  std::vector<const Hop*> first_half;
  // Walk back from the meeting vertex to `a`; a hop's other end is its edge's
  // other end, as hops never join a vertex to itself.
  const GraphStorage& g = graph_.storage();
  auto other_end = [&](const Hop* h, Vertex at) {
    Vertex s = boost::source(h->edge, g), t = boost::target(h->edge, g);
    return s == at ? t : s;
  };
  Vertex v = meeting;
  for (; v != a; v = other_end(state[v].via_a, v)) first_half.push_back(state[v].via_a);
  std::reverse(first_half.begin(), first_half.end());
  Path path = ToPath(first_half, a);
  // The backward side's hops point from a vertex towards `b`'s side reversed:
  // a hop stored at u with to == w was taken from u to w in the b-search, so
  // the path goes w -> u over the same edge in the other direction.
  for (v = meeting; v != b;) {
    const Hop* h = state[v].via_b;
    Vertex next = other_end(h, v);
    path.push_back({v, next, h->edge, !h->forward});
    v = next;
  }
  return path;
}

std::optional<Path> PathFinder::Dijkstra(Vertex a, Vertex b, const Bans& bans, int max_hops) const {
  const size_t n = hops_.size();
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  std::vector<double> cost(n, kInfinity);
  std::vector<int32_t> hops(n, 0);
  std::vector<const Hop*> via(n, nullptr);
  std::vector<Vertex> previous(n, 0);
  using Entry = std::pair<double, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;
  cost[a] = 0.0;
  queue.push({0.0, static_cast<uint32_t>(a)});
  while (!queue.empty()) {
    auto [c, v] = queue.top();
    queue.pop();
    if (c > cost[v]) continue;
    if (v == b) break;
    for (const Hop& h : hops_[v]) {
      if (!bans.vertex.empty() && bans.vertex[h.to]) continue;
      if (!bans.hop.empty() && bans.hop.count({v, h.to})) continue;
      double w = options_.weighted ? h.weight : 1.0;
      if (c + w < cost[h.to]) {
        cost[h.to] = c + w;
        hops[h.to] = hops[v] + 1;
        via[h.to] = &h;
        previous[h.to] = v;
        queue.push({cost[h.to], h.to});
      }
    }
  }
  if (cost[b] == kInfinity || (max_hops > 0 && hops[b] > max_hops)) return std::nullopt;
  std::vector<const Hop*> taken;
  for (Vertex v = b; v != a; v = previous[v]) taken.push_back(via[v]);
  std::reverse(taken.begin(), taken.end());
  return ToPath(taken, a);
}

std::vector<Path> PathFinder::KShortest(Vertex a, Vertex b, int k) const {
  std::vector<Path> found;
  const size_t n = hops_.size();
  if (k <= 0 || a >= n || b >= n) return found;
  std::optional<Path> first = Shortest(a, b);
  if (!first) return found;
  found.push_back(*first);
  if (a == b) return found;
  // Candidates by (cost, vertices); the set also removes duplicates.
  using Candidate = std::tuple<double, std::vector<Vertex>, Path>;
  auto order = [](const Candidate& x, const Candidate& y) {
    return std::tie(std::get<0>(x), std::get<1>(x)) < std::tie(std::get<0>(y), std::get<1>(y));
  };
  std::set<Candidate, decltype(order)> candidates(order);
  std::set<std::vector<Vertex>> seen = {VerticesOf(*first, a)};
  while (static_cast<int>(found.size()) < k) {
    const Path& last = found.back();
    std::vector<Vertex> last_vertices = VerticesOf(last, a);
    for (size_t i = 0; i < last.size(); ++i) {
      Bans bans;
      bans.vertex.assign(n, false);
      for (size_t j = 0; j < i; ++j) bans.vertex[last_vertices[j]] = true;
      for (const Path& p : found) {
        std::vector<Vertex> pv = VerticesOf(p, a);
        if (pv.size() > i + 1 &&
            std::equal(pv.begin(), pv.begin() + i + 1, last_vertices.begin())) {
          bans.hop.insert({static_cast<uint32_t>(pv[i]), static_cast<uint32_t>(pv[i + 1])});
        }
      }
      int spur_limit = 0;
      if (options_.max_hops > 0) {
        spur_limit = options_.max_hops - static_cast<int>(i);
        if (spur_limit <= 0) continue;
      }
      std::optional<Path> spur = Dijkstra(last_vertices[i], b, bans, spur_limit);
      if (!spur) continue;
      Path total(last.begin(), last.begin() + i);
      total.insert(total.end(), spur->begin(), spur->end());
      std::vector<Vertex> vertices = VerticesOf(total, a);
      if (!seen.insert(vertices).second) continue;
      candidates.insert({PathCost(graph_, total, options_.weighted), vertices, total});
    }
    if (candidates.empty()) break;
    found.push_back(std::get<2>(*candidates.begin()));
    candidates.erase(candidates.begin());
  }
  return found;
}

std::vector<Path> PathFinder::AllSimple(Vertex a, Vertex b, size_t limit, bool* truncated) const {
  *truncated = false;
  std::vector<Path> found;
  const size_t n = hops_.size();
  if (a >= n || b >= n || options_.max_hops <= 0 || limit == 0) return found;
  if (a == b) return {Path{}};
  // Hops left to `b` from every vertex, to prune branches that cannot arrive.
  std::vector<std::vector<uint32_t>> reverse(n);
  for (uint32_t v = 0; v < n; ++v) {
    for (const Hop& h : hops_[v]) reverse[h.to].push_back(v);
  }
  std::vector<int32_t> to_b(n, -1);
  std::vector<uint32_t> queue = {static_cast<uint32_t>(b)};
  to_b[b] = 0;
  for (size_t head = 0; head < queue.size(); ++head) {
    for (uint32_t u : reverse[queue[head]]) {
      if (to_b[u] < 0) {
        to_b[u] = to_b[queue[head]] + 1;
        queue.push_back(u);
      }
    }
  }
  if (to_b[a] < 0) return found;
  std::vector<bool> on_path(n, false);
  std::vector<const Hop*> stack;
  // Paths of exactly `length` hops, in depth-first order (hops sorted by
  // vertex), so that lengths come out shortest first.
  for (int length = to_b[a]; length <= options_.max_hops && !*truncated; ++length) {
    on_path[a] = true;
    std::function<void(Vertex)> extend = [&](Vertex v) {
      if (*truncated) return;
      int depth = static_cast<int>(stack.size());
      for (const Hop& h : hops_[v]) {
        if (on_path[h.to] || to_b[h.to] < 0 || depth + 1 + to_b[h.to] > length) continue;
        if (h.to == b) {
          if (depth + 1 != length) continue;
          if (found.size() == limit) {
            *truncated = true;
            return;
          }
          stack.push_back(&h);
          found.push_back(ToPath(stack, a));
          stack.pop_back();
          continue;
        }
        on_path[h.to] = true;
        stack.push_back(&h);
        extend(h.to);
        stack.pop_back();
        on_path[h.to] = false;
      }
    };
    extend(a);
    on_path[a] = false;
  }
  return found;
}

std::optional<Path> ShortestPath(const KnowledgeGraph& graph, Vertex a, Vertex b,
                                 const PathOptions& options) {
  return PathFinder(graph, options).Shortest(a, b);
}

}  // namespace kg
