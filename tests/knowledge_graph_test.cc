// KnowledgeGraph's own contract: ids, edge merging, and that moves and copies
// keep the edge index pointing into the graph that owns it (an index left on
// a moved-from graph is a use-after-free that ASan reports on AddRelation).
#include "graph/knowledge_graph.h"

#include <string>
#include <utility>

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

}  // namespace
}  // namespace kg
