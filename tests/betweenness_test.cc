// Brandes' dependency sums on graphs whose values have a closed form, sized
// to cross the implementation's boundaries: more than one 64-source batch,
// lane groups left partly empty, vertices that some sources never reach, and
// searches deeper than the 48 levels the vector passes keep (paths and cycles
// of more than 48 vertices), which go one source at a time.
#include "query/betweenness.h"

#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "query/simple_graph.h"

namespace kg {
namespace {

// 0 - 1 - ... - (n-1); with `shuffle`, vertex i sits at position (i * 7) % n
// so that numbering and position differ.
SimpleGraph Path(uint32_t n, bool shuffle = false) {
  auto at = [&](uint32_t position) { return shuffle ? (position * 7) % n : position; };
  std::vector<std::pair<uint32_t, uint32_t>> links;
  for (uint32_t p = 0; p + 1 < n; ++p) links.emplace_back(at(p), at(p + 1));
  return SimpleGraph::FromLinks(n, links, /*directed=*/false);
}

TEST(BetweennessTest, PathFromEverySource) {
  // On a path, v lies between every pair on either side of it: 2 i (n-1-i)
  // ordered pairs for the vertex at position i. Integers, so exact. 40 is
  // shallow enough for the vector passes; 150 (two full batches of 64 and one
  // of 22) is not.
  for (uint32_t n : {40u, 150u}) {
    std::vector<double> sums = BrandesDependencySums(Path(n), n, 1);
    ASSERT_EQ(sums.size(), n);
    for (uint32_t i = 0; i < n; ++i) EXPECT_EQ(sums[i], 2.0 * i * (n - 1 - i)) << n << " " << i;
    EXPECT_EQ(BrandesDependencySums(Path(n), n + 10, 2), sums);
  }
}

// The tree where vertex v > 0 hangs from (v - 1) / 3; with `directed`, links
// point from parent to child.
SimpleGraph TernaryTree(uint32_t n, bool directed) {
  std::vector<std::pair<uint32_t, uint32_t>> links;
  for (uint32_t v = 1; v < n; ++v) links.emplace_back((v - 1) / 3, v);
  return SimpleGraph::FromLinks(n, links, directed);
}

TEST(BetweennessTest, TreesUndirectedAndDirected) {
  // Undirected: v separates the tree into its children's subtrees and the
  // rest, and lies between every ordered pair from different parts:
  // (n-1)^2 - sum of squared part sizes. Directed (parent to child): v lies
  // between each of its ancestors and each of its strict descendants.
  const uint32_t n = 200;
  std::vector<uint32_t> subtree(n, 1), ancestors(n, 0);
  for (uint32_t v = n - 1; v > 0; --v) subtree[(v - 1) / 3] += subtree[v];
  for (uint32_t v = 1; v < n; ++v) ancestors[v] = ancestors[(v - 1) / 3] + 1;
  std::vector<double> undirected = BrandesDependencySums(TernaryTree(n, false), n, 2);
  std::vector<double> directed = BrandesDependencySums(TernaryTree(n, true), n, 2);
  for (uint32_t v = 0; v < n; ++v) {
    double squares = static_cast<double>(n - subtree[v]) * (n - subtree[v]);
    for (uint32_t c = 3 * v + 1; c <= 3 * v + 3 && c < n; ++c) {
      squares += static_cast<double>(subtree[c]) * subtree[c];
    }
    EXPECT_EQ(undirected[v], static_cast<double>(n - 1) * (n - 1) - squares) << v;
    EXPECT_EQ(directed[v], static_cast<double>(ancestors[v]) * (subtree[v] - 1)) << v;
  }
}

TEST(BetweennessTest, PathFromTheFirstSourcesOnly) {
  // Source s depends on v for every t beyond v: n-1-v targets when s < v, v
  // when s > v. The sources are the vertices numbered 0..k-1, wherever they sit.
  const uint32_t n = 100, k = 70;
  std::vector<double> sums = BrandesDependencySums(Path(n), k, 2);
  for (uint32_t v = 0; v < n; ++v) {
    const double before = std::min(k, v), after = k > v + 1 ? k - v - 1 : 0;
    EXPECT_EQ(sums[v], before * (n - 1 - v) + after * v) << v;
  }
  std::vector<double> shuffled = BrandesDependencySums(Path(n, true), n, 1);
  for (uint32_t p = 0; p < n; ++p) EXPECT_EQ(shuffled[(p * 7) % n], 2.0 * p * (n - 1 - p)) << p;
}

TEST(BetweennessTest, DirectedCycleAndUnreachedVertices) {
  // A directed cycle of 70: from each source the path runs all the way round,
  // so every vertex carries (n-1)(n-2)/2. A second component, a directed
  // 3-path 70 -> 71 -> 72, is unreachable from the cycle: 71 carries one pair.
  std::vector<std::pair<uint32_t, uint32_t>> links;
  const uint32_t n = 70;
  for (uint32_t v = 0; v < n; ++v) links.emplace_back(v, (v + 1) % n);
  links.emplace_back(70, 71);
  links.emplace_back(71, 72);
  SimpleGraph g = SimpleGraph::FromLinks(73, links, /*directed=*/true);
  std::vector<double> sums = BrandesDependencySums(g, 73, 2);
  for (uint32_t v = 0; v < n; ++v) EXPECT_EQ(sums[v], (n - 1) * (n - 2) / 2.0) << v;
  EXPECT_EQ(sums[70], 0.0);
  EXPECT_EQ(sums[71], 1.0);
  EXPECT_EQ(sums[72], 0.0);
}

TEST(BetweennessTest, TiedPathsSplitTheDependency) {
  // A 4-cycle a-b-c-d: a reaches c through b and through d, half a pair each.
  // Repeated 20 times as separate components (80 vertices, two batches).
  std::vector<std::pair<uint32_t, uint32_t>> links;
  for (uint32_t c = 0; c < 20; ++c) {
    const uint32_t a = 4 * c;
    links.insert(links.end(), {{a, a + 1}, {a + 1, a + 2}, {a + 2, a + 3}, {a + 3, a}});
  }
  SimpleGraph g = SimpleGraph::FromLinks(80, links, /*directed=*/false);
  // Each vertex is between its two neighbours, which are opposite each other:
  // two ordered pairs, each with one of two shortest paths through it.
  for (double sum : BrandesDependencySums(g, 80, 1)) EXPECT_EQ(sum, 1.0);
}

TEST(BetweennessTest, EmptyAndSingleVertex) {
  EXPECT_TRUE(BrandesDependencySums(SimpleGraph::FromLinks(0, {}, false), 0, 1).empty());
  EXPECT_EQ(BrandesDependencySums(SimpleGraph::FromLinks(1, {}, false), 1, 1),
            std::vector<double>{0.0});
  EXPECT_EQ(BrandesDependencySums(Path(5), 0, 1), std::vector<double>(5, 0.0));
}

}  // namespace
}  // namespace kg
