// GraphBuilder's merge of queued documents: which relations become edges,
// which date an edge keeps, and that Build and TakeGraph agree whatever the
// order documents are added in.
#include "graph/graph_builder.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "graph/node_link_json.h"

namespace kg {
namespace {

ExtractedRelation Rel(const std::string& s, Relation r, const std::string& o,
                      const std::string& date, const std::string& doc, int line) {
  return {s, r, o, date, "", {doc, line, "sentence " + doc + " " + std::to_string(line)}};
}

DocumentExtraction DocA() {
  DocumentExtraction d;
  d.doc = "a.txt";
  d.entities = {{"SAC", EntityType::kAgency, "Standardization Administration", {}},
                {"GB/T 22239-2019", EntityType::kStandard, "GB/T 22239-2019", {}},
                // A second entity with an id already used: relations mean the first.
                {"SAC", EntityType::kOrganization, "Other SAC", {}}};
  d.relations = {Rel("SAC", Relation::kIssued, "GB/T 22239-2019", "2019-05", "a.txt", 3),
                 Rel("SAC", Relation::kIssued, "NOPE", "", "a.txt", 4),  // unknown object
                 Rel("SAC", Relation::kIssued, "SAC", "", "a.txt", 5)};  // itself
  return d;
}

DocumentExtraction DocB() {
  DocumentExtraction d;
  d.doc = "b.txt";
  d.entities = {{"SAC", EntityType::kAgency, "SAC", {}},
                {"GB/T 22239-2019", EntityType::kStandard, "GB/T 22239-2019", {}},
                {"ZZZ", EntityType::kOrganization, "ZZZ", {}}};
  d.relations = {Rel("SAC", Relation::kIssued, "GB/T 22239-2019", "2020", "b.txt", 1),
                 Rel("ZZZ", Relation::kCooperatesWith, "SAC", "", "b.txt", 2)};
  return d;
}

TEST(GraphBuilderTest, MergesRelationsOfDocumentsInNameOrder) {
  GraphBuilder builder;
  builder.Add(DocB());
  builder.Add(DocA());
  KnowledgeGraph g = builder.TakeGraph();
  EXPECT_EQ(builder.size(), 0u);
  ASSERT_EQ(g.num_entities(), 3u);
  ASSERT_EQ(g.num_relations(), 2u);
  const GraphStorage& s = g.storage();
  for (Edge e : boost::make_iterator_range(boost::edges(s))) {
    const RelationEdge& r = s[e];
    const std::string& from = s[boost::source(e, s)].id;
    const std::string& to = s[boost::target(e, s)].id;
    if (r.relation == Relation::kIssued) {
      EXPECT_EQ(from, "SAC");
      EXPECT_EQ(to, "GB/T 22239-2019");
      EXPECT_EQ(r.date, "2019-05");  // a.txt comes first
      ASSERT_EQ(r.evidence.size(), 2u);
      EXPECT_EQ(r.evidence[0], (Evidence{"a.txt", 3, "sentence a.txt 3"}));
      EXPECT_EQ(r.evidence[1], (Evidence{"b.txt", 1, "sentence b.txt 1"}));
    } else {
      EXPECT_EQ(r.relation, Relation::kCooperatesWith);
      EXPECT_EQ(from, "SAC");  // symmetric: smaller id first
      EXPECT_EQ(to, "ZZZ");
    }
  }
  ASSERT_EQ(g.documents().size(), 2u);
  EXPECT_EQ(g.documents()[0].name, "a.txt");
}

TEST(GraphBuilderTest, BuildKeepsTheQueueAndMatchesTakeGraph) {
  GraphBuilder builder;
  builder.Add(DocA());
  builder.Add(DocB());
  std::string first = GraphToJson(builder.Build());
  EXPECT_EQ(GraphToJson(builder.Build()), first);
  EXPECT_EQ(builder.size(), 2u);
  GraphBuilder reversed;
  reversed.Add(DocB());
  reversed.Add(DocA());
  EXPECT_EQ(GraphToJson(reversed.TakeGraph()), first);
}

TEST(GraphBuilderTest, AddingADocumentAgainReplacesIt) {
  GraphBuilder builder;
  builder.Add(DocA());
  DocumentExtraction empty;
  empty.doc = "a.txt";
  builder.Add(empty);
  KnowledgeGraph g = builder.TakeGraph();
  EXPECT_EQ(g.num_entities(), 0u);
  EXPECT_EQ(g.num_relations(), 0u);
  EXPECT_EQ(g.documents().size(), 1u);
}

DocumentExtraction DocC() {
  DocumentExtraction d;
  d.doc = "c.txt";
  d.entities = {{"GB/T 22239", EntityType::kStandard, "GB/T 22239", {}},
                {"Standardization Administration",
                 EntityType::kAgency,
                 "Standardization Administration",
                 {"SAC"}}};
  d.relations = {
      Rel("Standardization Administration", Relation::kIssued, "GB/T 22239", "", "c.txt", 7)};
  return d;
}

// Documents merged as they come (Expect) make the graph that merging them all
// at the end makes, whatever the order they come in, with documents missing,
// undeclared or repeated, on any number of threads.
TEST(GraphBuilderTest, MergingAheadMakesTheSameGraph) {
  GraphBuilder all;
  all.Add(DocA());
  all.Add(DocB());
  all.Add(DocC());
  const std::string expected = GraphToJson(all.Build());
  for (int threads : {1, 2, 3}) {
    GraphBuilder in_order;
    in_order.Expect({"a.txt", "b.txt", "c.txt"});
    in_order.Add(DocA());
    in_order.Add(DocB());
    in_order.Add(DocC());
    EXPECT_EQ(GraphToJson(in_order.TakeGraph(threads)), expected) << threads;

    GraphBuilder reversed;
    reversed.Expect({"c.txt", "b.txt", "a.txt"});
    reversed.Add(DocC());
    reversed.Add(DocB());
    reversed.Add(DocA());
    EXPECT_EQ(GraphToJson(reversed.TakeGraph(threads)), expected) << threads;

    GraphBuilder missing;
    missing.Expect({"a.txt", "b.txt", "c.txt", "0.txt", "bb.txt", "d.txt"});
    missing.Missing("0.txt");
    missing.Add(DocA());
    missing.Add(DocC());
    missing.Missing("bb.txt");
    missing.Add(DocB());
    EXPECT_EQ(GraphToJson(missing.TakeGraph(threads)), expected) << threads;

    GraphBuilder undeclared;
    undeclared.Expect({"a.txt", "c.txt"});
    undeclared.Add(DocA());
    undeclared.Add(DocB());
    undeclared.Add(DocC());
    EXPECT_EQ(GraphToJson(undeclared.TakeGraph(threads)), expected) << threads;

    GraphBuilder repeated;
    repeated.Expect({"a.txt", "b.txt", "c.txt"});
    DocumentExtraction empty;
    empty.doc = "a.txt";
    repeated.Add(empty);
    repeated.Add(DocB());
    repeated.Add(DocA());
    repeated.Add(DocC());
    EXPECT_EQ(GraphToJson(repeated.TakeGraph(threads)), expected) << threads;
  }
}

TEST(GraphBuilderTest, EntitiesThatShareAnIdGetUniqueOnes) {
  // B-2001 is first an alias of the standard A-2000, which then holds its
  // key: the standard B-2001 of each later document is kept apart from
  // A-2000 (another edition), and from the other B-2001, whose id finds
  // A-2000. Two entities end up with the id B-2001.
  auto doc = [](const std::string& name, ExtractedEntity e) {
    DocumentExtraction d;
    d.doc = name;
    d.entities = {std::move(e)};
    return d;
  };
  GraphBuilder builder;
  builder.Add(doc("1.txt", {"A-2000", EntityType::kStandard, "A-2000", {"B-2001"}}));
  builder.Add(doc("2.txt", {"B-2001", EntityType::kStandard, "B-2001", {}}));
  builder.Add(doc("3.txt", {"B-2001", EntityType::kStandard, "B-2001", {}}));
  KnowledgeGraph g = builder.TakeGraph();
  std::vector<std::string> ids;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g.storage()))) {
    ids.push_back(g.node(v).id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"A-2000", "B-2001", "B-2001 (Standard)"}));
}

}  // namespace
}  // namespace kg
