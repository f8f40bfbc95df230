// The query library on small graphs whose answers are known exactly:
// centrality (NetworkX's values), communities, paths.
#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/knowledge_graph.h"
#include "query/centrality.h"
#include "query/communities.h"
#include "query/paths.h"
#include "query/simple_graph.h"

namespace kg {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;

// A graph of entities named by `ids` (all Organizations).
KnowledgeGraph Entities(const std::vector<std::string>& ids) {
  KnowledgeGraph g;
  for (const std::string& id : ids) g.AddEntity({id, EntityType::kOrganization, id, {}, {}});
  return g;
}

void Link(KnowledgeGraph& g, const std::string& a, const std::string& b,
          Relation r = Relation::kCooperatesWith, int evidence = 1) {
  RelationEdge e;
  e.relation = r;
  for (int i = 0; i < evidence; ++i) e.evidence.push_back({"doc.txt", i + 1, a + " and " + b});
  g.AddRelation(*g.FindById(a), *g.FindById(b), e);
}

std::vector<double> Scores(const KnowledgeGraph& g, CentralityMeasure m, bool directed = false,
                           int threads = 0) {
  CentralityOptions o;
  o.directed = directed;
  o.threads = threads;
  return ComputeCentrality(g, m, o);
}

// a - b - c - d
KnowledgeGraph PathOfFour() {
  KnowledgeGraph g = Entities({"a", "b", "c", "d"});
  Link(g, "a", "b");
  Link(g, "b", "c");
  Link(g, "c", "d");
  return g;
}

// Centre "c" with leaves x, y, z.
KnowledgeGraph Star() {
  KnowledgeGraph g = Entities({"c", "x", "y", "z"});
  Link(g, "c", "x");
  Link(g, "y", "c");
  Link(g, "c", "z");
  return g;
}

TEST(SimpleGraphTest, CollapsesParallelLinksAndDropsSelfLoops) {
  KnowledgeGraph g = Entities({"a", "b"});
  Link(g, "a", "b", Relation::kIssued);
  Link(g, "a", "b", Relation::kDrafted);
  Link(g, "b", "a", Relation::kIssued);
  Link(g, "a", "a", Relation::kPartOf);
  SimpleGraph undirected = SimpleGraph::FromKnowledgeGraph(g, {});
  EXPECT_EQ(undirected.num_links(), 1u);
  SimpleGraph directed = SimpleGraph::FromKnowledgeGraph(g, {true, {}});
  EXPECT_EQ(directed.num_links(), 2u);
  SimpleGraph drafted = SimpleGraph::FromKnowledgeGraph(g, {true, {Relation::kDrafted}});
  EXPECT_EQ(drafted.num_links(), 1u);
}

TEST(CentralityTest, PathOfFourMatchesNetworkX) {
  KnowledgeGraph g = PathOfFour();
  EXPECT_THAT(Scores(g, CentralityMeasure::kDegree),
              ElementsAre(DoubleNear(1.0 / 3, 1e-12), DoubleNear(2.0 / 3, 1e-12),
                          DoubleNear(2.0 / 3, 1e-12), DoubleNear(1.0 / 3, 1e-12)));
  EXPECT_THAT(Scores(g, CentralityMeasure::kBetweenness),
              ElementsAre(0.0, DoubleNear(2.0 / 3, 1e-12), DoubleNear(2.0 / 3, 1e-12), 0.0));
  EXPECT_THAT(Scores(g, CentralityMeasure::kCloseness),
              ElementsAre(DoubleNear(0.5, 1e-12), DoubleNear(0.75, 1e-12), DoubleNear(0.75, 1e-12),
                          DoubleNear(0.5, 1e-12)));
  EXPECT_THAT(Scores(g, CentralityMeasure::kHarmonic),
              ElementsAre(DoubleNear(1 + 1.0 / 2 + 1.0 / 3, 1e-12), DoubleNear(2.5, 1e-12),
                          DoubleNear(2.5, 1e-12), DoubleNear(1 + 1.0 / 2 + 1.0 / 3, 1e-12)));
}

TEST(CentralityTest, DirectedPathUsesIncomingDistances) {
  // a -> b -> c -> d: NetworkX's closeness counts who reaches a vertex.
  KnowledgeGraph g = Entities({"a", "b", "c", "d"});
  Link(g, "a", "b", Relation::kIssued);
  Link(g, "b", "c", Relation::kIssued);
  Link(g, "c", "d", Relation::kIssued);
  std::vector<double> closeness = Scores(g, CentralityMeasure::kCloseness, true);
  // d is reached by c, b, a at 1, 2, 3: (3/6) * (3/3).
  EXPECT_THAT(closeness,
              ElementsAre(0.0, DoubleNear(1.0 / 3, 1e-12), DoubleNear((2.0 / 3) * (2.0 / 3), 1e-12),
                          DoubleNear(0.5, 1e-12)));
  EXPECT_THAT(Scores(g, CentralityMeasure::kInDegree),
              ElementsAre(0.0, DoubleNear(1.0 / 3, 1e-12), DoubleNear(1.0 / 3, 1e-12),
                          DoubleNear(1.0 / 3, 1e-12)));
  EXPECT_THAT(Scores(g, CentralityMeasure::kOutDegree),
              ElementsAre(DoubleNear(1.0 / 3, 1e-12), DoubleNear(1.0 / 3, 1e-12),
                          DoubleNear(1.0 / 3, 1e-12), 0.0));
  // Directed betweenness: b lies on a->c and a->d, c on a->d and b->d; / (3*2).
  EXPECT_THAT(Scores(g, CentralityMeasure::kBetweenness, true),
              ElementsAre(0.0, DoubleNear(2.0 / 6, 1e-12), DoubleNear(2.0 / 6, 1e-12), 0.0));
}

TEST(CentralityTest, StarPageRankAndEigenvector) {
  KnowledgeGraph g = Star();
  // Centre of a star with k leaves: (1 + 0.85 k) / (n (1 + 0.85)).
  double centre = (1 + 0.85 * 3) / (4 * 1.85);
  double leaf = (1 - centre) / 3;
  EXPECT_THAT(Scores(g, CentralityMeasure::kPageRank),
              ElementsAre(DoubleNear(centre, 1e-9), DoubleNear(leaf, 1e-9), DoubleNear(leaf, 1e-9),
                          DoubleNear(leaf, 1e-9)));
  // A star is bipartite (eigenvalues +-sqrt(3)); the unit Perron vector has
  // the centre at 1/sqrt(2) and each leaf at 1/sqrt(6).
  EXPECT_THAT(
      Scores(g, CentralityMeasure::kEigenvector),
      ElementsAre(DoubleNear(1 / std::sqrt(2.0), 1e-9), DoubleNear(1 / std::sqrt(6.0), 1e-9),
                  DoubleNear(1 / std::sqrt(6.0), 1e-9), DoubleNear(1 / std::sqrt(6.0), 1e-9)));
}

TEST(CentralityTest, DanglingPageRankSpreadsUniformly) {
  // a -> b, directed: b is dangling. NetworkX: a = 0.35087719, b = 0.64912281.
  KnowledgeGraph g = Entities({"a", "b"});
  Link(g, "a", "b", Relation::kIssued);
  EXPECT_THAT(Scores(g, CentralityMeasure::kPageRank, true),
              ElementsAre(DoubleNear(0.35087719298, 1e-8), DoubleNear(0.64912280701, 1e-8)));
}

TEST(CentralityTest, UndefinedMeasuresSaySo) {
  KnowledgeGraph dag = Entities({"a", "b", "c"});
  Link(dag, "a", "b", Relation::kIssued);
  Link(dag, "b", "c", Relation::kIssued);
  std::vector<double> scores;
  std::string error;
  CentralityOptions directed;
  directed.directed = true;
  EXPECT_FALSE(
      TryComputeCentrality(dag, CentralityMeasure::kEigenvector, directed, &scores, &error));
  EXPECT_THAT(error, ::testing::HasSubstr("largest eigenvalue"));
  KnowledgeGraph lonely = Entities({"a", "b"});
  EXPECT_FALSE(TryComputeCentrality(lonely, CentralityMeasure::kEigenvector, {}, &scores, &error));
  EXPECT_THAT(Scores(lonely, CentralityMeasure::kEigenvector), ElementsAre(0.0, 0.0));
}

TEST(CentralityTest, EmptyAndSingleVertexGraphs) {
  KnowledgeGraph empty;
  for (int m = 0; m <= static_cast<int>(CentralityMeasure::kEigenvector); ++m) {
    EXPECT_TRUE(Scores(empty, static_cast<CentralityMeasure>(m)).empty());
  }
  KnowledgeGraph one = Entities({"a"});
  EXPECT_THAT(Scores(one, CentralityMeasure::kDegree), ElementsAre(1.0));  // as NetworkX
  EXPECT_THAT(Scores(one, CentralityMeasure::kBetweenness), ElementsAre(0.0));
  EXPECT_THAT(Scores(one, CentralityMeasure::kCloseness), ElementsAre(0.0));
  EXPECT_THAT(Scores(one, CentralityMeasure::kPageRank), ElementsAre(1.0));
}

TEST(CentralityTest, BetweennessIsTheSameForAnyThreadCount) {
  // A ring of 300 with chords: many tied shortest paths, so summation order matters.
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) ids.push_back("v" + std::to_string(i));
  KnowledgeGraph g = Entities(ids);
  for (int i = 0; i < 300; ++i) {
    Link(g, ids[i], ids[(i + 1) % 300]);
    Link(g, ids[i], ids[(i * 7 + 3) % 300]);
  }
  std::vector<double> one = Scores(g, CentralityMeasure::kBetweenness, false, 1);
  EXPECT_EQ(one, Scores(g, CentralityMeasure::kBetweenness, false, 2));
  EXPECT_EQ(one, Scores(g, CentralityMeasure::kBetweenness, false, 3));
  EXPECT_EQ(Scores(g, CentralityMeasure::kHarmonic, false, 1),
            Scores(g, CentralityMeasure::kHarmonic, false, 2));
}

TEST(CentralityTest, BetweennessOfAHubWithATail) {
  // A hub with 12 leaves and a tail h - p1 - p2, undirected and with one
  // link both ways when directed. Values from NetworkX's betweenness_centrality.
  std::vector<std::string> ids = {"h", "p1", "p2"};
  for (int i = 0; i < 12; ++i) ids.push_back("l" + std::to_string(i));
  KnowledgeGraph g = Entities(ids);
  for (int i = 0; i < 12; ++i) Link(g, "h", "l" + std::to_string(i));
  Link(g, "h", "p1");
  Link(g, "p1", "p2");
  std::vector<double> undirected = Scores(g, CentralityMeasure::kBetweenness);
  EXPECT_NEAR(undirected[0], 0.989010989011, 1e-9);
  EXPECT_NEAR(undirected[1], 0.142857142857, 1e-9);
  for (size_t v = 2; v < ids.size(); ++v) EXPECT_EQ(undirected[v], 0.0) << ids[v];
  Link(g, "l0", "h");
  std::vector<double> directed = Scores(g, CentralityMeasure::kBetweenness, true);
  EXPECT_NEAR(directed[0], 0.071428571429, 1e-9);
  EXPECT_NEAR(directed[1], 0.010989010989, 1e-9);
  for (size_t v = 2; v < ids.size(); ++v) EXPECT_EQ(directed[v], 0.0) << ids[v];
}

TEST(CentralityTest, RankByScoreBreaksTiesById) {
  KnowledgeGraph g = Star();
  std::vector<double> degree = Scores(g, CentralityMeasure::kDegree);
  EXPECT_THAT(RankByScore(g, degree, 10), ElementsAre(0u, 1u, 2u, 3u));
  EXPECT_THAT(RankByScore(g, degree, 2), ElementsAre(0u, 1u));
  EXPECT_TRUE(RankByScore(g, degree, 0).empty());
}

// Two 4-cliques {a..d} and {e..h} joined by d-e.
KnowledgeGraph TwoCliques() {
  KnowledgeGraph g = Entities({"a", "b", "c", "d", "e", "f", "g", "h"});
  for (const char* clique : {"abcd", "efgh"}) {
    for (int i = 0; i < 4; ++i) {
      for (int j = i + 1; j < 4; ++j) Link(g, std::string(1, clique[i]), std::string(1, clique[j]));
    }
  }
  Link(g, "d", "e");
  return g;
}

TEST(CommunitiesTest, LouvainAndLabelPropagationFindTheTwoCliques) {
  KnowledgeGraph g = TwoCliques();
  for (CommunityAlgorithm a :
       {CommunityAlgorithm::kLouvain, CommunityAlgorithm::kLabelPropagation}) {
    Communities c = DetectCommunities(g, a);
    EXPECT_EQ(c.count, 2);
    // Equal sizes: the community of the smallest vertex is numbered 0.
    EXPECT_THAT(c.membership, ElementsAre(0, 0, 0, 0, 1, 1, 1, 1));
    // m = 13; each side has 6 inner links and degree sum 13: 2 (6/13 - 1/4).
    EXPECT_NEAR(c.modularity, 12.0 / 13 - 0.5, 1e-12);
  }
}

TEST(CommunitiesTest, IsolatedEntitiesAreAlone) {
  KnowledgeGraph g = Entities({"a", "b", "c"});
  Link(g, "a", "b");
  Communities c = DetectCommunities(g, CommunityAlgorithm::kLouvain);
  EXPECT_EQ(c.count, 2);
  EXPECT_THAT(c.membership, ElementsAre(0, 0, 1));
  EXPECT_NEAR(c.modularity, 0.0, 1e-12);  // one link, all in one community: 1 - 1
  Communities empty = DetectCommunities(KnowledgeGraph(), CommunityAlgorithm::kLouvain);
  EXPECT_EQ(empty.count, 0);
  EXPECT_EQ(empty.modularity, 0.0);
}

// A five-cycle a-b-c-d-e-a.
KnowledgeGraph FiveCycle() {
  KnowledgeGraph g = Entities({"a", "b", "c", "d", "e"});
  Link(g, "a", "b", Relation::kIssued);
  Link(g, "b", "c", Relation::kIssued);
  Link(g, "c", "d", Relation::kIssued);
  Link(g, "d", "e", Relation::kIssued);
  Link(g, "e", "a", Relation::kIssued);
  return g;
}

std::vector<std::string> Ids(const KnowledgeGraph& g, const Path& p) {
  std::vector<std::string> ids;
  if (!p.empty()) ids.push_back(g.node(p.front().from).id);
  for (const PathHop& h : p) ids.push_back(g.node(h.to).id);
  return ids;
}

TEST(PathsTest, ShortestFollowsDirectionWhenAsked) {
  KnowledgeGraph g = FiveCycle();
  Vertex a = *g.FindById("a"), c = *g.FindById("c"), d = *g.FindById("d");
  auto undirected = ShortestPath(g, a, d, {});
  ASSERT_TRUE(undirected);
  EXPECT_THAT(Ids(g, *undirected), ElementsAre("a", "e", "d"));
  EXPECT_FALSE(undirected->front().forward);  // e -> a is walked backwards
  PathOptions directed;
  directed.directed = true;
  auto forward = ShortestPath(g, a, d, directed);
  ASSERT_TRUE(forward);
  EXPECT_THAT(Ids(g, *forward), ElementsAre("a", "b", "c", "d"));
  PathOptions short_only;
  short_only.max_hops = 1;
  EXPECT_FALSE(ShortestPath(g, a, c, short_only));
  EXPECT_TRUE(ShortestPath(g, a, a, {})->empty());
}

TEST(PathsTest, YenAndAllSimplePaths) {
  KnowledgeGraph g = FiveCycle();
  Vertex a = *g.FindById("a"), c = *g.FindById("c");
  PathFinder finder(g, {});
  std::vector<Path> k = finder.KShortest(a, c, 5);
  ASSERT_EQ(k.size(), 2u);
  EXPECT_THAT(Ids(g, k[0]), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Ids(g, k[1]), ElementsAre("a", "e", "d", "c"));
  PathOptions within;
  within.max_hops = 2;
  bool truncated = true;
  EXPECT_EQ(PathFinder(g, within).AllSimple(a, c, 10, &truncated).size(), 1u);
  EXPECT_FALSE(truncated);
  within.max_hops = 3;
  EXPECT_EQ(PathFinder(g, within).AllSimple(a, c, 10, &truncated).size(), 2u);
  EXPECT_EQ(PathFinder(g, within).AllSimple(a, c, 1, &truncated).size(), 1u);
  EXPECT_TRUE(truncated);
  EXPECT_EQ(PathFinder(g, within).KShortest(a, c, 0).size(), 0u);
}

TEST(PathsTest, WeightPrefersWellAttestedLinks) {
  // a-c stated once; a-b and b-c stated four times each.
  KnowledgeGraph g = Entities({"a", "b", "c"});
  Link(g, "a", "c", Relation::kCooperatesWith, 1);
  Link(g, "a", "b", Relation::kCooperatesWith, 4);
  Link(g, "b", "c", Relation::kCooperatesWith, 4);
  Vertex a = *g.FindById("a"), c = *g.FindById("c");
  EXPECT_THAT(Ids(g, *ShortestPath(g, a, c, {})), ElementsAre("a", "c"));
  PathOptions weighted;
  weighted.weighted = true;
  auto light = ShortestPath(g, a, c, weighted);
  ASSERT_TRUE(light);
  EXPECT_THAT(Ids(g, *light), ElementsAre("a", "b", "c"));
  EXPECT_DOUBLE_EQ(PathCost(g, *light, true), 0.5);
}

TEST(PathsTest, HopShowsTheBestAttestedOfParallelEdges) {
  KnowledgeGraph g = Entities({"a", "b"});
  Link(g, "a", "b", Relation::kIssued, 1);
  Link(g, "b", "a", Relation::kDrafted, 3);
  auto path = ShortestPath(g, *g.FindById("a"), *g.FindById("b"), {});
  ASSERT_TRUE(path);
  ASSERT_EQ(path->size(), 1u);
  EXPECT_EQ(g.edge(path->front().edge).relation, Relation::kDrafted);
  EXPECT_FALSE(path->front().forward);
}

}  // namespace
}  // namespace kg
