#include "query/centrality.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "query/betweenness.h"
#include "query/parallel.h"

namespace kg {
namespace {

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

std::vector<double> BetweennessScores(const SimpleGraph& view, int threads) {
  const size_t n = view.num_vertices();
  std::vector<double> scores = BrandesDependencySums(view, n, threads);
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
