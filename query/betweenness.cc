#include "query/betweenness.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "query/parallel.h"

// The path-counting kernel is compiled twice on x86-64, for AVX-512 (one
// instruction per eight lanes) and for the baseline, and the loader picks the
// one the processor runs; elsewhere the compiler's generic vector code is used.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KG_LANES_TARGETS __attribute__((target_clones("avx512f", "default")))
#else
#define KG_LANES_TARGETS
#endif

namespace kg {
namespace {

// Sources searched together by one breadth-first search, one bit each.
constexpr size_t kBatch = 64;
// Levels kept per batch: level-synchronous passes cost (levels x links), a
// queue per source (64 x links), so deeper searches go one source at a time,
// as do those whose levels would take more than kMaxLevelCells words.
constexpr size_t kMaxLevels = 48;
constexpr size_t kMaxLevelCells = size_t{1} << 25;
// Sources whose paths are counted together, one vector lane each.
constexpr size_t kLanes = 8;

// Eight doubles, one per source of a lane group, and the bit masks that select
// some of them (GCC and Clang vector extensions). The alignment is explicit
// because GCC otherwise aligns them to what the baseline target handles (16),
// and the AVX-512 kernel would store them with aligned instructions.
using Lanes = double __attribute__((vector_size(8 * sizeof(double)), aligned(64)));
using LaneBits = int64_t __attribute__((vector_size(8 * sizeof(int64_t)), aligned(64)));
static_assert(alignof(Lanes) == 64 && alignof(LaneBits) == 64);

// The storage of one Lanes value. Containers get this type, not Lanes:
// template arguments drop the vector type's alignment attribute.
struct alignas(64) LaneValues {
  double value[8];
};
static_assert(sizeof(LaneValues) == sizeof(Lanes));

// LaneSelect()[m] keeps lane i where bit i of m is set and clears the others.
struct LaneSelectTable {
  LaneSelectTable() {
    for (int m = 0; m < 256; ++m) {
      for (int i = 0; i < 8; ++i) mask[m][i] = (m >> i & 1) ? -1 : 0;
    }
  }
  LaneBits mask[256];
};

const LaneBits* LaneSelect() {
  static const LaneSelectTable table;
  return table.mask;
}

// Compressed rows of uint32 vertex numbers.
struct Rows {
  std::vector<uint32_t> start;
  std::vector<uint32_t> column;
};

// The view with its vertices renumbered in breadth-first order from the
// best-connected vertex, so that the vertices a search meets together sit
// together in memory: on small-world graphs the path counts then stay in
// cache, which makes the passes about a third faster.
struct OrderedGraph {
  size_t n = 0;
  bool directed = false;
  std::vector<uint32_t> old_of_new;
  std::vector<uint32_t> new_of_old;
  Rows out;
  Rows in;  // empty when undirected: predecessors are the successors
  const Rows& predecessors() const { return directed ? in : out; }
};

// The order: breadth-first searches over links in both directions, each
// started from the unvisited vertex of highest degree, neighbours visited by
// descending degree; ties go to the lower vertex number.
std::vector<uint32_t> BreadthFirstOrder(const SimpleGraph& view) {
  const size_t n = view.num_vertices();
  const CsrRows out = RowsOf(view.out()), in = RowsOf(view.in());
  std::vector<uint32_t> degree(n);
  for (uint32_t v = 0; v < n; ++v) {
    degree[v] = out.rowstart[v + 1] - out.rowstart[v];
    if (view.directed()) degree[v] += in.rowstart[v + 1] - in.rowstart[v];
  }
  auto before = [&](uint32_t a, uint32_t b) {
    return degree[a] != degree[b] ? degree[a] > degree[b] : a < b;
  };
  std::vector<uint32_t> by_degree(n);
  std::iota(by_degree.begin(), by_degree.end(), 0u);
  std::sort(by_degree.begin(), by_degree.end(), before);
  std::vector<uint32_t> order;
  order.reserve(n);
  std::vector<char> seen(n, 0);
  std::vector<uint32_t> neighbours;
  for (uint32_t start : by_degree) {
    if (seen[start]) continue;
    seen[start] = 1;
    order.push_back(start);
    for (size_t head = order.size() - 1; head < order.size(); ++head) {
      const uint32_t v = order[head];
      neighbours.assign(out.column + out.rowstart[v], out.column + out.rowstart[v + 1]);
      if (view.directed()) {
        neighbours.insert(neighbours.end(), in.column + in.rowstart[v],
                          in.column + in.rowstart[v + 1]);
      }
      std::sort(neighbours.begin(), neighbours.end(), before);
      for (uint32_t w : neighbours) {
        if (seen[w]) continue;
        seen[w] = 1;
        order.push_back(w);
      }
    }
  }
  return order;
}

// `rows` in g's numbering: row i is the row of g.old_of_new[i], its
// neighbours renumbered and sorted.
Rows Renumber(CsrRows rows, const OrderedGraph& g) {
  Rows r;
  r.start.assign(1, 0);
  r.start.reserve(g.n + 1);
  r.column.reserve(rows.rowstart[g.n]);
  for (uint32_t v : g.old_of_new) {
    const size_t first = r.column.size();
    for (uint32_t a = rows.rowstart[v]; a < rows.rowstart[v + 1]; ++a) {
      r.column.push_back(g.new_of_old[rows.column[a]]);
    }
    std::sort(r.column.begin() + static_cast<ptrdiff_t>(first), r.column.end());
    r.start.push_back(static_cast<uint32_t>(r.column.size()));
  }
  return r;
}

OrderedGraph Reorder(const SimpleGraph& view) {
  OrderedGraph g;
  g.n = view.num_vertices();
  g.directed = view.directed();
  g.old_of_new = BreadthFirstOrder(view);
  g.new_of_old.resize(g.n);
  for (uint32_t i = 0; i < g.n; ++i) g.new_of_old[g.old_of_new[i]] = i;
  g.out = Renumber(RowsOf(view.out()), g);
  if (g.directed) g.in = Renumber(RowsOf(view.in()), g);
  return g;
}

// Per-worker state, sized once for the graph.
struct Scratch {
  explicit Scratch(size_t n) : seen(n), frontier(n), next(n), paths(n), share(n), totals(n) {}
  std::vector<uint64_t> seen, frontier, next;
  // levels[d * n + v]: bit i set when v is at distance d from source i of the batch.
  std::vector<uint64_t> levels;
  // The same for the eight sources of one lane group, a byte per vertex.
  std::vector<uint8_t> lane_levels;
  std::vector<LaneValues> paths;   // shortest paths from each lane's source
  std::vector<LaneValues> share;   // (1 + dependency) / paths, once a vertex is done
  std::vector<LaneValues> totals;  // dependencies summed lane by lane, see MoveBlockTotals
  // One source at a time (AddSourceDependencies), sized on first use.
  std::vector<int32_t> distance;
  std::vector<uint32_t> queue;
  std::vector<double> path_count, source_share;
};

// Breadth-first search from up to 64 sources at once, recording every level
// into s.levels and the greatest distance reached into *depth; false, with
// s.levels unusable, as soon as a search goes deeper than max_depth.
bool SearchLevels(const OrderedGraph& g, const uint32_t* sources, size_t count, size_t max_depth,
                  Scratch& s, size_t* depth) {
  const size_t n = g.n;
  const Rows& pred = g.predecessors();
  std::fill(s.seen.begin(), s.seen.end(), 0);
  std::fill(s.frontier.begin(), s.frontier.end(), 0);
  for (size_t i = 0; i < count; ++i) s.frontier[sources[i]] |= uint64_t{1} << i;
  s.seen = s.frontier;
  s.levels.assign(s.frontier.begin(), s.frontier.end());
  for (*depth = 0;; ++*depth) {
    uint64_t any = 0;
    for (uint32_t w = 0; w < n; ++w) {
      uint64_t bits = 0;
      for (uint32_t a = pred.start[w]; a < pred.start[w + 1]; ++a)
        bits |= s.frontier[pred.column[a]];
      bits &= ~s.seen[w];
      s.seen[w] |= bits;
      s.next[w] = bits;
      any |= bits;
    }
    if (any == 0) return true;
    if (*depth == max_depth) return false;
    s.levels.insert(s.levels.end(), s.next.begin(), s.next.end());
    s.frontier.swap(s.next);
  }
}

// *sum = the sum of values[x] over the neighbours x = column[begin..end),
// each lane kept only where it is among `lanes` and among level[x] (select
// is LaneSelect(), fetched once by the caller): the
// neighbour's value counts for the sources that put it one level away.
// Inlined into the kernel, whose vector width it takes.
__attribute__((always_inline)) inline void SumNeighbours(uint32_t begin, uint32_t end,
                                                         const uint32_t* column,
                                                         const Lanes* values, const uint8_t* level,
                                                         uint8_t lanes, const LaneBits* select,
                                                         Lanes* sum) {
  // Two sums: with one, every link would wait for the previous addition.
  Lanes even = {}, odd = {};
  uint32_t a = begin;
  for (; a + 1 < end; a += 2) {
    const uint32_t x = column[a], y = column[a + 1];
    even += (Lanes)((LaneBits)values[x] & select[level[x] & lanes]);
    odd += (Lanes)((LaneBits)values[y] & select[level[y] & lanes]);
  }
  if (a < end) even += (Lanes)((LaneBits)values[column[a]] & select[level[column[a]] & lanes]);
  *sum = even + odd;
}

// Counts shortest paths level by level, then accumulates dependencies from
// the deepest level up, for the eight sources whose levels are `levels`
// (levels[d * n + v]: bit i set when v is at distance d from source i), and
// adds each vertex's dependencies into totals[v], lane by lane. A vertex is at one level per
// source, so each lane of paths[v] and share[v] is written at that level and
// read, through the masks, only by its neighbours one level away.
KG_LANES_TARGETS
void CountPathsAndAccumulate(const OrderedGraph& g, const uint8_t* levels, size_t depth,
                             Lanes* paths, Lanes* share, Lanes* totals) {
  const size_t n = g.n;
  const LaneBits* select = LaneSelect();
  // Raw pointers: the compiler cannot keep a vector's data pointer in a
  // register across the stores below, which it must assume could change it.
  const uint32_t* pred_start = g.predecessors().start.data();
  const uint32_t* pred_column = g.predecessors().column.data();
  const uint32_t* succ_start = g.out.start.data();
  const uint32_t* succ_column = g.out.column.data();
  const Lanes ones = {1, 1, 1, 1, 1, 1, 1, 1};
  for (size_t v = 0; v < n; ++v) paths[v] = (Lanes)((LaneBits)ones & select[levels[v]]);
  for (size_t d = 1; d <= depth; ++d) {
    const uint8_t* here = levels + d * n;
    const uint8_t* above = here - n;
    for (uint32_t w = 0; w < n; ++w) {
      const uint8_t lanes = here[w];
      if (lanes == 0) continue;
      Lanes sum;
      SumNeighbours(pred_start[w], pred_start[w + 1], pred_column, paths, above, lanes, select,
                    &sum);
      const LaneBits keep = select[lanes];
      paths[w] = (Lanes)(((LaneBits)sum & keep) | ((LaneBits)paths[w] & ~keep));
    }
  }
  // The sources themselves (level 0) take no dependency.
  for (size_t d = depth; d >= 1; --d) {
    const uint8_t* here = levels + d * n;
    const uint8_t* below = d < depth ? here + n : nullptr;
    for (uint32_t v = 0; v < n; ++v) {
      const uint8_t lanes = here[v];
      if (lanes == 0) continue;
      Lanes sum = {};
      if (below != nullptr) {
        SumNeighbours(succ_start[v], succ_start[v + 1], succ_column, share, below, lanes, select,
                      &sum);
      }
      const LaneBits keep = select[lanes];
      const Lanes dependency = (Lanes)((LaneBits)(paths[v] * sum) & keep);
      totals[v] += dependency;
      // Lanes off this level divide by one, not by a stale count.
      const Lanes divisor = (Lanes)(((LaneBits)paths[v] & keep) | ((LaneBits)ones & ~keep));
      const Lanes next_share = (ones + dependency) / divisor;
      share[v] = (Lanes)(((LaneBits)next_share & keep) | ((LaneBits)share[v] & ~keep));
    }
  }
}

// Brandes' search from one source with a queue, its dependencies added into
// lane 0 of s.totals: linear in the links however deep the search goes.
void AddSourceDependencies(const OrderedGraph& g, uint32_t source, Scratch& s) {
  if (s.distance.empty()) {
    s.distance.assign(g.n, -1);
    s.queue.resize(g.n);
    s.path_count.assign(g.n, 0.0);
    s.source_share.assign(g.n, 0.0);
  }
  const Rows& succ = g.out;
  uint32_t head = 0, tail = 0;
  s.queue[tail++] = source;
  s.distance[source] = 0;
  s.path_count[source] = 1.0;
  while (head < tail) {
    const uint32_t v = s.queue[head++];
    const int32_t next = s.distance[v] + 1;
    for (uint32_t a = succ.start[v]; a < succ.start[v + 1]; ++a) {
      const uint32_t w = succ.column[a];
      if (s.distance[w] < 0) {
        s.distance[w] = next;
        s.queue[tail++] = w;
      }
      if (s.distance[w] == next) s.path_count[w] += s.path_count[v];
    }
  }
  for (uint32_t i = tail; i-- > 0;) {
    const uint32_t v = s.queue[i];
    const int32_t next = s.distance[v] + 1;
    double sum = 0.0;
    for (uint32_t a = succ.start[v]; a < succ.start[v + 1]; ++a) {
      const uint32_t w = succ.column[a];
      if (s.distance[w] == next) sum += s.source_share[w];
    }
    const double dependency = s.path_count[v] * sum;
    if (v != source) s.totals[v].value[0] += dependency;
    s.source_share[v] = (1.0 + dependency) / s.path_count[v];
  }
  for (uint32_t i = 0; i < tail; ++i) {
    const uint32_t v = s.queue[i];
    s.distance[v] = -1;
    s.path_count[v] = 0.0;
    s.source_share[v] = 0.0;
  }
}

// All dependencies from one batch of up to 64 sources, added into s.totals.
void AddBatch(const OrderedGraph& g, const uint32_t* sources, size_t count, Scratch& s) {
  const size_t n = g.n;
  const size_t max_levels = std::min(kMaxLevels, kMaxLevelCells / n);
  size_t depth = 0;
  if (max_levels < 2 || !SearchLevels(g, sources, count, max_levels - 1, s, &depth)) {
    for (size_t i = 0; i < count; ++i) AddSourceDependencies(g, sources[i], s);
    return;
  }
  const size_t cells = (depth + 1) * n;
  s.lane_levels.resize(cells);
  for (size_t group = 0; group * kLanes < count; ++group) {
    const unsigned shift = static_cast<unsigned>(group * kLanes);
    for (size_t i = 0; i < cells; ++i)
      s.lane_levels[i] = static_cast<uint8_t>(s.levels[i] >> shift);
    CountPathsAndAccumulate(
        g, s.lane_levels.data(), depth, reinterpret_cast<Lanes*>(s.paths.data()),
        reinterpret_cast<Lanes*>(s.share.data()), reinterpret_cast<Lanes*>(s.totals.data()));
  }
}

// Moves the lane totals of a block into scores, one sum per vertex: adding
// the lanes once per block rather than once per level saves the shuffles.
void MoveBlockTotals(Scratch& s, double* scores) {
  for (size_t v = 0; v < s.totals.size(); ++v) {
    double sum = 0.0;
    for (double lane : s.totals[v].value) sum += lane;
    scores[v] = sum;
    s.totals[v] = LaneValues{};
  }
}

}  // namespace

std::vector<double> BrandesDependencySums(const SimpleGraph& view, size_t sources, int threads) {
  const size_t n = view.num_vertices();
  std::vector<double> scores(n, 0.0);
  sources = std::min(sources, n);
  if (sources == 0) return scores;
  const OrderedGraph g = Reorder(view);
  std::vector<uint32_t> source_list(sources);
  for (uint32_t i = 0; i < sources; ++i) source_list[i] = g.new_of_old[i];
  const size_t batches = (sources + kBatch - 1) / kBatch;
  const BlockPlan plan = PlanBlocks(batches, n);
  const size_t blocks = plan.blocks, block_size = plan.block_size;
  const int workers = std::min<int>(WorkerCount(threads), static_cast<int>(blocks));
  std::vector<Scratch> scratch;
  scratch.reserve(workers);
  for (int w = 0; w < workers; ++w) scratch.emplace_back(n);
  std::vector<std::vector<double>> partial(blocks);
  ParallelFor(blocks, 1, workers, [&](size_t begin, size_t end, int worker) {
    for (size_t b = begin; b < end; ++b) {
      partial[b].resize(n);
      const size_t last = std::min(batches, (b + 1) * block_size);
      for (size_t batch = b * block_size; batch < last; ++batch) {
        const size_t first = batch * kBatch;
        const size_t count = std::min(kBatch, sources - first);
        AddBatch(g, source_list.data() + first, count, scratch[worker]);
      }
      MoveBlockTotals(scratch[worker], partial[b].data());
    }
  });
  std::vector<double> ordered(n, 0.0);
  for (const std::vector<double>& block : partial) {
    for (size_t v = 0; v < n; ++v) ordered[v] += block[v];
  }
  for (size_t v = 0; v < n; ++v) scores[g.old_of_new[v]] = ordered[v];
  return scores;
}

}  // namespace kg
