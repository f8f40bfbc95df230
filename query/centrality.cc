#include "query/centrality.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "query/parallel.h"

namespace kg {
namespace {

// Vertices per chunk handed to a worker for per-source searches.
constexpr size_t kSourceChunk = 64;

std::vector<double> DegreeScores(const SimpleGraph& view, CentralityMeasure measure) {
  const size_t n = view.num_vertices();
  // NetworkX gives every vertex 1 when there are fewer than two.
  if (n <= 1) return std::vector<double>(n, 1.0);
  std::vector<double> scores(n, 0.0);
  const double scale = 1.0 / static_cast<double>(n - 1);
  for (uint32_t v = 0; v < n; ++v) {
    size_t count = 0;
    if (measure != CentralityMeasure::kInDegree) count += boost::out_degree(v, view.out());
    if (view.directed() && measure != CentralityMeasure::kOutDegree) {
      count += boost::out_degree(v, view.in());
    }
    scores[v] = static_cast<double>(count) * scale;
  }
  return scores;
}

// Splits `count` work items into blocks whose number depends only on the
// graph's size: each block sums into its own array and blocks are merged in
// order, so floating-point results are the same for any thread count.
struct BlockPlan {
  size_t blocks = 0;
  size_t block_size = 0;
};

BlockPlan PlanBlocks(size_t count, size_t n) {
  BlockPlan plan;
  if (count == 0) return plan;
  size_t blocks = std::min<size_t>(count, 64);
  while (blocks > 1 && blocks * n > (size_t{1} << 23)) blocks /= 2;
  plan.block_size = (count + blocks - 1) / blocks;
  plan.blocks = (count + plan.block_size - 1) / plan.block_size;
  return plan;
}

// Per-worker state of Brandes' search from one source, reset after each use
// so that a search costs only what it visits. value[v] holds the number of
// shortest paths from the source to v, then (1 + dependency) / paths once the
// backward phase is done with v.
struct BrandesScratch {
  BrandesScratch(size_t n, size_t arcs)
      : dist(n, -1),
        value(n),
        pending(n),
        order(n + 1),
        unvisited(n),
        dag(arcs + 1),
        succ_begin(n),
        succ_end(n),
        pred_begin(n),
        pred_end(n) {}
  std::vector<int32_t> dist;
  std::vector<double> value;
  std::vector<double> pending;      // dependency sums spread from successors
  std::vector<uint32_t> order;      // vertices level by level
  std::vector<uint32_t> unvisited;  // not reached yet, once a level went bottom-up
  std::vector<uint32_t> dag;        // shortest-path DAG arcs, see below
  // The DAG arcs of order[i]: its successors when its level was expanded
  // top-down, its predecessors when it was reached bottom-up.
  std::vector<uint32_t> succ_begin, succ_end, pred_begin, pred_end;
  std::vector<uint32_t> level_start;  // order[level_start[d]..level_start[d+1]) is level d
  std::vector<char> bottom_up;        // how level d was expanded into d + 1
};

// Expands level d top-down: scans the arcs of its vertices, counting paths
// into newly reached ones and recording successors. Returns the summed degree
// (incoming) of the vertices reached.
uint64_t ExpandTopDown(CsrRows out, CsrRows in, int32_t d, BrandesScratch& s, uint32_t* tail_io,
                       uint32_t* arcs_io) {
  int32_t* dist = s.dist.data();
  double* value = s.value.data();
  uint32_t* order = s.order.data();
  uint32_t* dag = s.dag.data();
  // Counters in locals: through the pointers they could alias order[] and
  // dag[], and the compiler would reload them at every arc.
  uint32_t tail = *tail_io, arcs = *arcs_io;
  uint64_t reached_degree = 0;
  const int32_t next = d + 1;
  for (uint32_t i = s.level_start[d]; i < s.level_start[d + 1]; ++i) {
    const uint32_t v = order[i];
    const double paths = value[v];
    s.succ_begin[i] = arcs;
    for (uint32_t a = out.rowstart[v]; a < out.rowstart[v + 1]; ++a) {
      const uint32_t w = out.column[a];
      if (dist[w] < 0) {
        dist[w] = next;
        order[tail++] = w;
        reached_degree += in.rowstart[w + 1] - in.rowstart[w];
      }
      if (dist[w] == next) {
        value[w] += paths;
        dag[arcs++] = w;
      }
    }
    s.succ_end[i] = arcs;
  }
  *tail_io = tail;
  *arcs_io = arcs;
  return reached_degree;
}

// Expands level d bottom-up: every unvisited vertex looks for predecessors
// among its incoming arcs. Cheaper than top-down once the unvisited vertices
// have fewer arcs than the level (the last levels of small-world graphs).
uint64_t ExpandBottomUp(CsrRows in, int32_t d, BrandesScratch& s, uint32_t* unvisited_count,
                        uint32_t* tail_io, uint32_t* arcs_io) {
  int32_t* dist = s.dist.data();
  double* value = s.value.data();
  uint32_t* order = s.order.data();
  uint32_t* dag = s.dag.data();
  uint32_t* unvisited = s.unvisited.data();
  uint32_t tail = *tail_io, arcs = *arcs_io;  // locals, as in ExpandTopDown
  const uint32_t level_end = tail, count = *unvisited_count;
  uint64_t reached_degree = 0;
  uint32_t kept = 0;
  for (uint32_t k = 0; k < count; ++k) {
    const uint32_t w = unvisited[k];
    const uint32_t start = arcs;
    double paths = 0.0;
    for (uint32_t a = in.rowstart[w]; a < in.rowstart[w + 1]; ++a) {
      const uint32_t u = in.column[a];
      const bool predecessor = dist[u] == d;
      paths += predecessor ? value[u] : 0.0;
      dag[arcs] = u;
      arcs += predecessor;
    }
    if (arcs == start) {
      unvisited[kept++] = w;
      continue;
    }
    s.pred_begin[tail] = start;
    s.pred_end[tail] = arcs;
    order[tail++] = w;
    value[w] = paths;
    reached_degree += in.rowstart[w + 1] - in.rowstart[w];
  }
  // Only now: a vertex reached at d + 1 must not count as a predecessor above.
  for (uint32_t i = level_end; i < tail; ++i) dist[order[i]] = d + 1;
  *unvisited_count = kept;
  *tail_io = tail;
  *arcs_io = arcs;
  return reached_degree;
}

// Brandes' accumulation for one source, added into `scores`. The search goes
// level by level, each level top-down or bottom-up, whichever scans fewer
// arcs (a choice that depends only on the graph and the source, so results
// stay the same for any thread count), counting paths as it goes and keeping
// the shortest-path DAG so that the backward phase visits DAG arcs only.
void AddSourceBetweenness(CsrRows out, CsrRows in, size_t n, uint32_t source, BrandesScratch& s,
                          double* scores) {
  int32_t* dist = s.dist.data();
  double* value = s.value.data();
  double* pending = s.pending.data();
  uint32_t* order = s.order.data();
  const uint32_t* dag = s.dag.data();
  s.level_start.assign({0, 1});
  s.bottom_up.clear();
  uint32_t tail = 0, arcs = 0, unvisited_count = 0;
  bool listed_unvisited = false;
  order[tail++] = source;
  dist[source] = 0;
  value[source] = 1.0;
  // Incoming degrees: what a bottom-up step scans, per vertex.
  const uint64_t total_degree = in.rowstart[n];
  uint64_t level_degree = in.rowstart[source + 1] - in.rowstart[source];
  uint64_t reached_degree = level_degree;
  for (int32_t d = 0; s.level_start[d] < s.level_start[d + 1]; ++d) {
    const uint64_t out_arcs = [&] {
      uint64_t sum = 0;
      for (uint32_t i = s.level_start[d]; i < s.level_start[d + 1]; ++i) {
        sum += out.rowstart[order[i] + 1] - out.rowstart[order[i]];
      }
      return sum;
    }();
    const bool bottom = total_degree - reached_degree < out_arcs;
    s.bottom_up.push_back(bottom);
    if (bottom && !listed_unvisited) {
      for (uint32_t w = 0; w < n; ++w) {
        if (dist[w] < 0) s.unvisited[unvisited_count++] = w;
      }
      listed_unvisited = true;
    }
    level_degree = bottom ? ExpandBottomUp(in, d, s, &unvisited_count, &tail, &arcs)
                          : ExpandTopDown(out, in, d, s, &tail, &arcs);
    if (!bottom && listed_unvisited) {
      uint32_t kept = 0;
      for (uint32_t k = 0; k < unvisited_count; ++k) {
        if (dist[s.unvisited[k]] < 0) s.unvisited[kept++] = s.unvisited[k];
      }
      unvisited_count = kept;
    }
    reached_degree += level_degree;
    s.level_start.push_back(tail);
  }
  // Backward, deepest level first. When level d + 1 is done, value[] of its
  // vertices is (1 + dependency) / paths, what each passes to a predecessor.
  for (int32_t d = static_cast<int32_t>(s.bottom_up.size()) - 1; d >= 0; --d) {
    const uint32_t begin = s.level_start[d], end = s.level_start[d + 1];
    if (s.bottom_up[d]) {
      for (uint32_t i = end; i < s.level_start[d + 2]; ++i) {
        const double share = value[order[i]];
        for (uint32_t a = s.pred_begin[i]; a < s.pred_end[i]; ++a) pending[dag[a]] += share;
      }
    } else {
      for (uint32_t i = begin; i < end; ++i) {
        double sum = 0.0;
        for (uint32_t a = s.succ_begin[i]; a < s.succ_end[i]; ++a) sum += value[dag[a]];
        pending[order[i]] = sum;
      }
    }
    for (uint32_t i = begin; i < end; ++i) {
      const uint32_t v = order[i];
      const double dependency = value[v] * pending[v];
      pending[v] = 0.0;
      // The source's own dependency is not betweenness.
      if (d > 0) scores[v] += dependency;
      value[v] = (1.0 + dependency) / value[v];
    }
  }
  for (uint32_t i = 0; i < tail; ++i) {
    dist[order[i]] = -1;
    value[order[i]] = 0.0;
  }
}

// Parallel Brandes over blocks of source vertices (see BlockPlan).
std::vector<double> BrandesSums(const SimpleGraph& view, size_t sources, int threads) {
  const size_t n = view.num_vertices();
  std::vector<double> scores(n, 0.0);
  sources = std::min(sources, n);
  if (sources == 0) return scores;
  const BlockPlan plan = PlanBlocks(sources, n);
  const size_t blocks = plan.blocks, block_size = plan.block_size;
  const int workers = WorkerCount(threads);
  std::vector<std::vector<double>> partial(blocks);
  std::vector<BrandesScratch> scratch;
  const size_t arcs = boost::num_edges(view.out());
  for (int w = 0; w < std::min<int>(workers, blocks); ++w) scratch.emplace_back(n, arcs);
  ParallelFor(blocks, 1, workers, [&](size_t begin, size_t end, int worker) {
    for (size_t b = begin; b < end; ++b) {
      partial[b].assign(n, 0.0);
      size_t last = std::min(sources, (b + 1) * block_size);
      for (size_t source = b * block_size; source < last; ++source) {
        AddSourceBetweenness(RowsOf(view.out()), RowsOf(view.in()), n,
                             static_cast<uint32_t>(source), scratch[worker], partial[b].data());
      }
    }
  });
  for (const std::vector<double>& block : partial) {
    for (size_t v = 0; v < n; ++v) scores[v] += block[v];
  }
  return scores;
}

std::vector<double> BetweennessScores(const SimpleGraph& view, int threads) {
  const size_t n = view.num_vertices();
  std::vector<double> scores = BrandesSums(view, n, threads);
  // NetworkX: normalized by 1/((n-1)(n-2)) on the sum over ordered pairs
  // (which counts each undirected pair twice); left as is when n <= 2.
  if (n > 2) {
    double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
    for (double& s : scores) s *= scale;
  }
  return scores;
}

// Per-worker state of a breadth-first search from 64 sources at once, one bit
// per source ("multi-source BFS"): a level costs one pass over the links for
// all 64 searches.
struct BitSearchScratch {
  explicit BitSearchScratch(size_t n) : seen(n), frontier(n), next(n) {}
  std::vector<uint64_t> seen, frontier, next;
};

// Runs the searches from sources [first, first + 64) along the links of
// `view` and calls reach(v, count, distance) for every vertex v that `count`
// of them reach first at `distance`.
template <typename Reach>
void SearchFrom64(const SimpleGraph& view, size_t first, BitSearchScratch& s, Reach reach) {
  const size_t n = view.num_vertices();
  const size_t last = std::min(n, first + 64);
  std::fill(s.seen.begin(), s.seen.end(), 0);
  std::fill(s.frontier.begin(), s.frontier.end(), 0);
  for (size_t v = first; v < last; ++v) s.seen[v] = s.frontier[v] = uint64_t{1} << (v - first);
  for (int distance = 1;; ++distance) {
    uint64_t any = 0;
    for (uint32_t v = 0; v < n; ++v) {
      uint64_t bits = 0;
      auto [it, end] = Neighbours(view.in(), v);
      for (; it != end; ++it) bits |= s.frontier[*it];
      bits &= ~s.seen[v];
      s.next[v] = bits;
      if (bits != 0) {
        s.seen[v] |= bits;
        reach(v, std::popcount(bits), distance);
        any |= bits;
      }
    }
    if (any == 0) return;
    s.frontier.swap(s.next);
  }
}

// Closeness (Wasserman-Faust) or harmonic centrality from the distances to
// every vertex, incoming when directed as NetworkX computes them.
std::vector<double> DistanceScores(const SimpleGraph& view, bool harmonic, int threads) {
  const size_t n = view.num_vertices();
  std::vector<double> scores(n, 0.0);
  const size_t batches = (n + 63) / 64;
  const BlockPlan plan = PlanBlocks(batches, n);
  const int workers = std::min<int>(WorkerCount(threads), std::max<size_t>(plan.blocks, 1));
  std::vector<BitSearchScratch> scratch;
  for (int w = 0; w < workers; ++w) scratch.emplace_back(n);
  // Closeness sums integers, exact in any order, per worker; harmonic sums
  // fractions, per block.
  std::vector<std::vector<uint64_t>> reached(workers, std::vector<uint64_t>(harmonic ? 0 : n));
  std::vector<std::vector<uint64_t>> total(workers, std::vector<uint64_t>(harmonic ? 0 : n));
  std::vector<std::vector<double>> partial(harmonic ? plan.blocks : 0);
  ParallelFor(plan.blocks, 1, workers, [&](size_t begin, size_t end, int worker) {
    for (size_t b = begin; b < end; ++b) {
      if (harmonic) partial[b].assign(n, 0.0);
      size_t last = std::min(batches, (b + 1) * plan.block_size);
      for (size_t batch = b * plan.block_size; batch < last; ++batch) {
        if (harmonic) {
          double* sum = partial[b].data();
          SearchFrom64(view, batch * 64, scratch[worker], [sum](uint32_t v, int count, int d) {
            sum[v] += static_cast<double>(count) / d;
          });
        } else {
          uint64_t* r = reached[worker].data();
          uint64_t* t = total[worker].data();
          SearchFrom64(view, batch * 64, scratch[worker], [r, t](uint32_t v, int count, int d) {
            r[v] += static_cast<uint64_t>(count);
            t[v] += static_cast<uint64_t>(count) * static_cast<uint64_t>(d);
          });
        }
      }
    }
  });
  if (harmonic) {
    for (const std::vector<double>& block : partial) {
      for (size_t v = 0; v < n; ++v) scores[v] += block[v];
    }
    return scores;
  }
  for (size_t v = 0; v < n; ++v) {
    uint64_t r = 0, t = 0;
    for (int w = 0; w < workers; ++w) {
      r += reached[w][v];
      t += total[w][v];
    }
    if (t > 0 && n > 1) {
      double count = static_cast<double>(r);
      scores[v] = (count / static_cast<double>(t)) * (count / static_cast<double>(n - 1));
    }
  }
  return scores;
}

// NetworkX's power iteration: x' = alpha (x A + dangling mass / N) + (1 - alpha) / N,
// stopping when the L1 change is below N * tol.
bool PageRankScores(const SimpleGraph& view, int threads, std::vector<double>* scores,
                    std::string* error) {
  constexpr double kAlpha = 0.85;
  constexpr double kTolerance = 1e-10;
  constexpr int kMaxIterations = 1000;
  const size_t n = view.num_vertices();
  scores->assign(n, n > 0 ? 1.0 / static_cast<double>(n) : 0.0);
  if (n == 0) return true;
  std::vector<double>& x = *scores;
  std::vector<double> next(n), share(n);
  std::vector<uint32_t> dangling;
  for (uint32_t v = 0; v < n; ++v) {
    if (boost::out_degree(v, view.out()) == 0) dangling.push_back(v);
  }
  // Two workers only pay off on large graphs.
  const int workers = view.num_links() >= 100000 ? WorkerCount(threads) : 1;
  const double uniform = 1.0 / static_cast<double>(n);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    double dangling_mass = 0.0;
    for (uint32_t v : dangling) dangling_mass += x[v];
    const double base = kAlpha * dangling_mass * uniform + (1.0 - kAlpha) * uniform;
    for (uint32_t v = 0; v < n; ++v) {
      size_t degree = boost::out_degree(v, view.out());
      share[v] = degree > 0 ? x[v] / static_cast<double>(degree) : 0.0;
    }
    ParallelFor(n, 4096, workers, [&](size_t begin, size_t end, int) {
      for (size_t v = begin; v < end; ++v) {
        double sum = 0.0;
        auto [it, last] = Neighbours(view.in(), static_cast<uint32_t>(v));
        for (; it != last; ++it) sum += share[*it];
        next[v] = kAlpha * sum + base;
      }
    });
    double change = 0.0;
    for (size_t v = 0; v < n; ++v) change += std::fabs(next[v] - x[v]);
    x.swap(next);
    if (change < static_cast<double>(n) * kTolerance) return true;
  }
  *error = "PageRank did not converge in " + std::to_string(kMaxIterations) + " iterations";
  return false;
}

// True when the directed view has a cycle (Kahn's algorithm): without one the
// adjacency matrix is nilpotent and its largest eigenvalue is 0.
bool HasCycle(const SimpleGraph& view) {
  const size_t n = view.num_vertices();
  std::vector<uint32_t> indegree(n), ready;
  for (uint32_t v = 0; v < n; ++v) {
    indegree[v] = static_cast<uint32_t>(boost::out_degree(v, view.in()));
    if (indegree[v] == 0) ready.push_back(v);
  }
  size_t removed = 0;
  while (!ready.empty()) {
    uint32_t v = ready.back();
    ready.pop_back();
    ++removed;
    auto [it, end] = Neighbours(view.out(), v);
    for (; it != end; ++it) {
      if (--indegree[*it] == 0) ready.push_back(*it);
    }
  }
  return removed < n;
}

// Power iteration on (A^T + I): the shift keeps the spectrum's largest
// magnitude on the Perron root even for bipartite graphs, and starting from
// all ones converges to the same unit vector as eigenvector_centrality_numpy.
bool EigenvectorScores(const SimpleGraph& view, std::vector<double>* scores, std::string* error) {
  const size_t n = view.num_vertices();
  if (view.num_links() == 0) {
    *error = "eigenvector centrality is undefined on a graph without links";
    return false;
  }
  if (view.directed() && !HasCycle(view)) {
    *error =
        "eigenvector centrality is undefined: the directed graph has no cycle, so its "
        "largest eigenvalue is 0";
    return false;
  }
  std::vector<double>& x = *scores;
  x.assign(n, 1.0 / std::sqrt(static_cast<double>(n)));
  std::vector<double> next(n);
  // Enough for a spectral gap of 1e-4 on the shifted matrix.
  const int max_iterations = static_cast<int>(
      std::clamp<size_t>(2'000'000'000 / (n + 2 * view.num_links() + 1), 1000, 400000));
  double eigenvalue = 0.0;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    for (uint32_t v = 0; v < n; ++v) {
      double sum = x[v];
      auto [it, end] = Neighbours(view.in(), v);
      for (; it != end; ++it) sum += x[*it];
      next[v] = sum;
    }
    double norm = std::sqrt(std::inner_product(next.begin(), next.end(), next.begin(), 0.0));
    eigenvalue = norm - 1.0;
    double change = 0.0;
    for (size_t v = 0; v < n; ++v) {
      next[v] /= norm;
      change = std::max(change, std::fabs(next[v] - x[v]));
    }
    x.swap(next);
    if (change < 1e-13) break;
    if (iteration + 1 == max_iterations) {
      *error = "eigenvector centrality did not converge (the largest eigenvalue is not unique)";
      return false;
    }
  }
  if (eigenvalue < 1e-9) {
    *error = "eigenvector centrality is undefined: the largest eigenvalue of the graph is 0";
    return false;
  }
  return true;
}

}  // namespace

std::optional<CentralityMeasure> ParseCentralityMeasure(std::string_view name) {
  if (name == "degree") return CentralityMeasure::kDegree;
  if (name == "in-degree") return CentralityMeasure::kInDegree;
  if (name == "out-degree") return CentralityMeasure::kOutDegree;
  if (name == "betweenness") return CentralityMeasure::kBetweenness;
  if (name == "closeness") return CentralityMeasure::kCloseness;
  if (name == "harmonic") return CentralityMeasure::kHarmonic;
  if (name == "pagerank") return CentralityMeasure::kPageRank;
  if (name == "eigenvector") return CentralityMeasure::kEigenvector;
  return std::nullopt;
}

std::string_view ToString(CentralityMeasure measure) {
  static constexpr std::string_view kNames[] = {"degree",      "in-degree",  "out-degree",
                                                "betweenness", "closeness",  "harmonic",
                                                "pagerank",    "eigenvector"};
  return kNames[static_cast<int>(measure)];
}

bool ComputeCentralityOfView(const SimpleGraph& view, CentralityMeasure measure, int threads,
                             std::vector<double>* scores, std::string* error) {
  switch (measure) {
    case CentralityMeasure::kDegree:
    case CentralityMeasure::kInDegree:
    case CentralityMeasure::kOutDegree:
      *scores = DegreeScores(view, measure);
      return true;
    case CentralityMeasure::kBetweenness:
      *scores = BetweennessScores(view, threads);
      return true;
    case CentralityMeasure::kCloseness:
      *scores = DistanceScores(view, /*harmonic=*/false, threads);
      return true;
    case CentralityMeasure::kHarmonic:
      *scores = DistanceScores(view, /*harmonic=*/true, threads);
      return true;
    case CentralityMeasure::kPageRank:
      return PageRankScores(view, threads, scores, error);
    case CentralityMeasure::kEigenvector:
      return EigenvectorScores(view, scores, error);
  }
  return false;
}

bool TryComputeCentrality(const KnowledgeGraph& graph, CentralityMeasure measure,
                          const CentralityOptions& options, std::vector<double>* scores,
                          std::string* error) {
  SimpleGraphOptions view_options;
  view_options.directed = options.directed || measure == CentralityMeasure::kInDegree ||
                          measure == CentralityMeasure::kOutDegree;
  view_options.relations = options.relations;
  SimpleGraph view = SimpleGraph::FromKnowledgeGraph(graph, view_options);
  return ComputeCentralityOfView(view, measure, options.threads, scores, error);
}

std::vector<double> ComputeCentrality(const KnowledgeGraph& graph, CentralityMeasure measure,
                                      const CentralityOptions& options) {
  std::vector<double> scores;
  std::string error;
  if (!TryComputeCentrality(graph, measure, options, &scores, &error)) {
    scores.assign(graph.num_entities(), 0.0);
  }
  return scores;
}

std::vector<double> BetweennessFromSources(const SimpleGraph& view, size_t sources, int threads) {
  return BrandesSums(view, sources, threads);
}

std::vector<Vertex> RankByScore(const KnowledgeGraph& graph, const std::vector<double>& scores,
                                size_t limit) {
  const GraphStorage& g = graph.storage();
  std::vector<Vertex> order(std::min(scores.size(), graph.num_entities()));
  std::iota(order.begin(), order.end(), Vertex{0});
  auto better = [&](Vertex a, Vertex b) {
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    return g[a].id < g[b].id;
  };
  limit = std::min(limit, order.size());
  std::partial_sort(order.begin(), order.begin() + limit, order.end(), better);
  order.resize(limit);
  return order;
}

}  // namespace kg
