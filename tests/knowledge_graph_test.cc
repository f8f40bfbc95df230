// KnowledgeGraph's own contract: ids, edge merging, and that moves and copies
// keep the edge index pointing into the graph that owns it (an index left on
// a moved-from graph is a use-after-free that ASan reports on AddRelation).
#include "graph/knowledge_graph.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "graph/node_link_json.h"

namespace kg {
namespace {

RelationEdge Issued(const std::string& doc, int line) {
  RelationEdge e;
  e.relation = Relation::kIssued;
  e.evidence.push_back({doc, line, "text " + std::to_string(line)});
  return e;
}

KnowledgeGraph TwoEntities() {
  KnowledgeGraph g;
  EntityNode a;
  a.id = "a";
  a.type = EntityType::kAgency;
  EntityNode b;
  b.id = "b";
  b.type = EntityType::kStandard;
  g.AddEntity(a);
  g.AddEntity(b);
  g.AddRelation(0, 1, Issued("d.txt", 1));
  return g;
}

// Adds a second piece of evidence for the existing a -issued-> b edge and a
// new drafted edge, and checks the merge went into `g`'s own edge.
void ExpectAddsIntoItself(KnowledgeGraph& g) {
  Vertex a = *g.FindById("a");
  Vertex b = *g.FindById("b");
  Edge merged = g.AddRelation(a, b, Issued("d.txt", 2));
  RelationEdge drafted = Issued("d.txt", 3);
  drafted.relation = Relation::kDrafted;
  g.AddRelation(a, b, drafted);
  ASSERT_EQ(g.num_relations(), 2u);
  EXPECT_EQ(g.edge(merged).evidence.size(), 2u);
  EXPECT_EQ(g.edge(merged).evidence[1].line, 2);
  size_t total = 0;
  for (Edge e : boost::make_iterator_range(boost::edges(g.storage()))) {
    total += g.edge(e).evidence.size();
  }
  EXPECT_EQ(total, 3u);
}

TEST(KnowledgeGraphTest, EvidenceIsSortedAndUniqueHoweverItComes) {
  KnowledgeGraph g = TwoEntities();
  EntityNode c;
  c.id = "c";
  g.AddEntity(c);
  // A new edge given its evidence out of order, with a repeat.
  RelationEdge out_of_order = Issued("d.txt", 9);
  out_of_order.evidence.push_back({"d.txt", 4, "text 4"});
  out_of_order.evidence.push_back({"d.txt", 9, "text 9"});
  out_of_order.evidence.push_back({"c.txt", 5, "text 5"});
  Edge e = g.AddRelation(0, 2, out_of_order);
  auto lines = [&] {
    std::vector<std::pair<std::string, int>> out;
    for (const Evidence& ev : g.edge(e).evidence) out.push_back({ev.doc.str(), ev.line});
    return out;
  };
  using Lines = std::vector<std::pair<std::string, int>>;
  EXPECT_EQ(lines(), (Lines{{"c.txt", 5}, {"d.txt", 4}, {"d.txt", 9}}));
  // More for the same edge, out of order too, before and after what it has.
  RelationEdge more = Issued("d.txt", 7);
  more.evidence.push_back({"a.txt", 1, "text 1"});
  EXPECT_EQ(g.AddRelation(0, 2, more), e);
  EXPECT_EQ(lines(), (Lines{{"a.txt", 1}, {"c.txt", 5}, {"d.txt", 4}, {"d.txt", 7}, {"d.txt", 9}}));
}

TEST(KnowledgeGraphTest, DuplicateIdIsRefused) {
  KnowledgeGraph g = TwoEntities();
  EntityNode again;
  again.id = "a";
  EXPECT_FALSE(g.AddEntity(again).has_value());
  EXPECT_EQ(g.num_entities(), 2u);
}

TEST(KnowledgeGraphTest, LoadedGraphMergesNewEvidence) {
  KnowledgeGraph built = TwoEntities();
  std::string json = GraphToJson(built);
  KnowledgeGraph loaded;
  std::string error;
  ASSERT_TRUE(GraphFromJson(json, "g.json", &loaded, &error)) << error;
  ExpectAddsIntoItself(loaded);
}

TEST(KnowledgeGraphTest, MoveConstructedAndAssignedGraphsMergeIntoThemselves) {
  KnowledgeGraph source = TwoEntities();
  KnowledgeGraph moved(std::move(source));
  ExpectAddsIntoItself(moved);

  KnowledgeGraph target = TwoEntities();
  target = TwoEntities();  // move assignment from a temporary that dies here
  ExpectAddsIntoItself(target);

  // The moved-from graph is empty and usable.
  EXPECT_EQ(source.num_entities(), 0u);
  EXPECT_EQ(source.num_relations(), 0u);
  EXPECT_FALSE(source.FindById("a").has_value());
  KnowledgeGraph refilled = TwoEntities();
  source = std::move(refilled);
  ExpectAddsIntoItself(source);
}

TEST(KnowledgeGraphTest, CopyHasItsOwnEdgeIndex) {
  KnowledgeGraph original = TwoEntities();
  KnowledgeGraph copy(original);
  ExpectAddsIntoItself(copy);
  // The original is untouched: one edge with one piece of evidence.
  ASSERT_EQ(original.num_relations(), 1u);
  Edge e = *boost::edges(original.storage()).first;
  EXPECT_EQ(original.edge(e).evidence.size(), 1u);

  KnowledgeGraph assigned;
  assigned = original;
  ExpectAddsIntoItself(assigned);
  EXPECT_EQ(original.num_relations(), 1u);
}

TEST(KnowledgeGraphTest, FindByIdsMatchesFindById) {
  KnowledgeGraph g;
  for (int i = 0; i < 1000; ++i) {
    EntityNode n;
    n.id = "e" + std::to_string(i);
    g.AddEntity(n);
  }
  std::vector<std::string> ids = {"e999", "e0", "nope", "e500", "", "e5000", "e7"};
  std::vector<std::string_view> views(ids.begin(), ids.end());
  std::vector<std::optional<Vertex>> found;
  g.FindByIds(views, &found);
  ASSERT_EQ(found.size(), ids.size());
  EXPECT_EQ(found[0], std::optional<Vertex>(999));
  EXPECT_EQ(found[1], std::optional<Vertex>(0));
  EXPECT_EQ(found[2], std::nullopt);
  EXPECT_EQ(found[3], std::optional<Vertex>(500));
  EXPECT_EQ(found[4], std::nullopt);
  EXPECT_EQ(found[5], std::nullopt);
  EXPECT_EQ(found[6], std::optional<Vertex>(7));
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(found[i], g.FindById(ids[i])) << ids[i];
}

// Links are read in chunks of 4096: duplicates across chunks still merge, and
// the first bad link is the one reported, even past the first chunk.
std::string ChainJson(int links, int bad_link) {
  std::string json = R"({"nodes": [)";
  for (int i = 0; i <= 100; ++i) {
    json += (i ? "," : "") + std::string(R"({"id": "v)") + std::to_string(i) +
            R"(", "type": "Agency"})";
  }
  json += R"(], "links": [)";
  for (int i = 0; i < links; ++i) {
    std::string target = i == bad_link ? "ghost" : "v" + std::to_string(i % 100 + 1);
    json += (i ? "," : "") + std::string(R"({"source": "v)") + std::to_string(i % 100) +
            R"(", "target": ")" + target +
            R"(", "relation": "issued", "evidence": [{"doc": "d", "line": )" + std::to_string(i) +
            "}]}";
  }
  return json + "]}";
}

TEST(KnowledgeGraphTest, LoaderMergesDuplicatesAcrossChunks) {
  KnowledgeGraph g;
  std::string error;
  ASSERT_TRUE(GraphFromJson(ChainJson(5000, -1), "g.json", &g, &error)) << error;
  EXPECT_EQ(g.num_entities(), 101u);
  EXPECT_EQ(g.num_relations(), 100u);
  Edge first = *boost::edges(g.storage()).first;
  EXPECT_EQ(g.edge(first).evidence.size(), 50u);
  EXPECT_EQ(g.edge(first).evidence[49].line, 4900);
}

TEST(KnowledgeGraphTest, LoaderReportsTheFirstBadLinkPastTheFirstChunk) {
  KnowledgeGraph g;
  std::string error;
  EXPECT_FALSE(GraphFromJson(ChainJson(5000, 4500), "g.json", &g, &error));
  EXPECT_EQ(error, "g.json: links[4500]: link to unknown node \"ghost\"");
}

}  // namespace
}  // namespace kg
