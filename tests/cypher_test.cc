// The openCypher subset of `kg query`: parser errors, every clause, and the
// command end to end. Results are compared as whole tables: the header, then
// one line per row, cells joined by " | " (null is an empty cell).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "graph/node_link_json.h"
#include "query/cypher_engine.h"
#include "query/cypher_parser.h"
#include "tests/test_support.h"

namespace kg {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A small graph whose vertex order is also its id order, as in a loaded file:
//
//   Alice Wang -affiliated_with-> SAC/TC 260 -part_of-> SAC -cooperates_with-> MIIT
//   SAC/TC 260 -drafted-> GB/T 22239-2019 -replaces-> GB/T 22239-2008
//   SAC -issued-> Data Security Plan (2021-03-01), Cloud Computing Guidelines (no date)
//   MIIT -issued-> Cloud Computing Guidelines (2020-05), -drafted-> the same
KnowledgeGraph TestGraph() {
  KnowledgeGraph graph;
  auto add = [&](std::string id, EntityType type, std::string name,
                 std::vector<std::string> aliases = {},
                 std::vector<PooledString> docs = {"d1.txt"}) {
    return *graph.AddEntity(
        {std::move(id), type, std::move(name), std::move(aliases), std::move(docs)});
  };
  Vertex alice = add("Alice Wang", EntityType::kPerson, "Alice Wang");
  Vertex cloud =
      add("Cloud Computing Guidelines", EntityType::kPolicy, "Cloud Computing Guidelines");
  Vertex plan = add("Data Security Plan", EntityType::kPolicy, "Data Security Plan");
  Vertex gb2008 = add("GB/T 22239-2008", EntityType::kStandard, "GB/T 22239-2008");
  Vertex gb2019 = add("GB/T 22239-2019", EntityType::kStandard, "GB/T 22239-2019");
  Vertex miit =
      add("MIIT", EntityType::kAgency, "Ministry of Industry and Information Technology", {"MIIT"});
  Vertex sac = add("SAC", EntityType::kAgency, "Standardization Administration of China",
                   {"SAC", "Standardisation Administration of China"}, {"d1.txt", "d2.txt"});
  Vertex tc260 = add("SAC/TC 260", EntityType::kCommittee, "SAC/TC 260");
  add("Standardization Law", EntityType::kLaw, "Standardization Law");
  auto link = [&](Vertex s, Relation r, Vertex t, std::string date = "", std::string role = "") {
    RelationEdge e;
    e.relation = r;
    e.date = std::move(date);
    e.role = std::move(role);
    e.evidence.push_back({"d1.txt", 10 + static_cast<int>(graph.num_relations()), "evidence"});
    graph.AddRelation(s, t, std::move(e));
  };
  RelationEdge issued;
  issued.relation = Relation::kIssued;
  issued.date = "2021-03-01";
  issued.evidence.push_back({"d1.txt", 10, "SAC issued the Data Security Plan."});
  graph.AddRelation(sac, plan, issued);
  link(miit, Relation::kIssued, cloud, "2020-05");
  link(sac, Relation::kIssued, cloud);
  link(tc260, Relation::kDrafted, gb2019, "2019-05-10");
  link(gb2019, Relation::kReplaces, gb2008);
  link(tc260, Relation::kPartOf, sac);
  link(alice, Relation::kAffiliatedWith, tc260, "", "secretary general");
  link(sac, Relation::kCooperatesWith, miit);
  link(miit, Relation::kDrafted, cloud);
  return graph;
}

class CypherTest : public ::testing::Test {
 protected:
  // The result table of `query`, or "ERROR " and the formatted error.
  std::string Q(const std::string& query, const CypherOptions& options = {}) {
    CypherResult result;
    CypherError error;
    if (!RunCypher(graph_, query, options, &result, &error)) {
      return "ERROR " + FormatCypherError(query, error);
    }
    warnings_ = result.warnings;
    std::string out = Join(result.columns);
    for (const auto& row : result.rows) {
      std::vector<std::string> cells;
      for (const CypherValue& v : row) cells.push_back(FormatCypherValue(graph_, v));
      out += "\n" + Join(cells);
    }
    return out;
  }

  static std::string Join(const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) out += (i > 0 ? " | " : "") + cells[i];
    return out;
  }

  KnowledgeGraph graph_ = TestGraph();
  std::vector<std::string> warnings_;
};

// ------------------------------------------------------------ parse errors

TEST_F(CypherTest, ParseErrorPointsAtTheTokenWithACaret) {
  EXPECT_EQ(Q("MATCH (a:Agency RETURN a"),
            "ERROR line 1, column 17: expected ')' but found 'RETURN'\n"
            "  MATCH (a:Agency RETURN a\n"
            "                  ^\n");
  EXPECT_EQ(Q("MATCH (a)-[r:issued->(b) RETURN a"),
            "ERROR line 1, column 20: expected ']' but found '-'\n"
            "  MATCH (a)-[r:issued->(b) RETURN a\n"
            "                     ^\n");
}

TEST_F(CypherTest, ParseErrorOnALaterLineShowsThatLine) {
  EXPECT_EQ(Q("MATCH (a)\nWHERE a.name =\nRETURN a"),
            "ERROR line 3, column 1: expected an expression but found 'RETURN'\n"
            "  RETURN a\n"
            "  ^\n");
}

TEST_F(CypherTest, IncompleteQueryFailsAtTheEnd) {
  std::string text = "MATCH (a) RETURN";
  CypherQuery query;
  CypherError error;
  ASSERT_FALSE(ParseCypher(text, &query, &error));
  EXPECT_EQ(error.message, "expected an expression but found end of input");
  EXPECT_EQ(error.offset, text.size());
  ASSERT_FALSE(ParseCypher("MATCH (a)", &query, &error));
  EXPECT_EQ(error.message,
            "expected MATCH, OPTIONAL MATCH, WHERE or RETURN but found end of input");
}

TEST_F(CypherTest, CaretCountsWideCharactersAsTwoCells) {
  EXPECT_EQ(Q("MATCH (a {name: '国家'}) RETRN a"),
            "ERROR line 1, column 24: expected MATCH, OPTIONAL MATCH, WHERE or RETURN but found "
            "'RETRN'\n"
            "  MATCH (a {name: '国家'}) RETRN a\n"
            "                           ^\n");
}

TEST_F(CypherTest, OtherSyntaxErrorsSayWhatIsWrong) {
  EXPECT_THAT(Q("CREATE (n) RETURN n"),
              StartsWith("ERROR line 1, column 1: kg query is read-only: expected MATCH, OPTIONAL "
                         "MATCH or RETURN but found 'CREATE'"));
  EXPECT_THAT(Q("MATCH (a) WITH a RETURN a"),
              StartsWith("ERROR line 1, column 11: this subset has no WITH: expected MATCH, "
                         "OPTIONAL MATCH, WHERE or RETURN but found 'WITH'"));
  EXPECT_THAT(Q("MATCH (a)<-[r]->(b) RETURN a"),
              StartsWith("ERROR line 1, column 10: a relationship cannot point both ways"));
  EXPECT_THAT(Q("MATCH (a)-[*3..1]->(b) RETURN a"),
              StartsWith("ERROR line 1, column 16: the upper bound of hops is below the lower"));
  EXPECT_THAT(Q("RETURN 'abc"),
              StartsWith("ERROR line 1, column 8: unterminated string: missing closing '"));
  EXPECT_THAT(Q("MATCH (a) RETURN a LIMIT x"),
              StartsWith("ERROR line 1, column 26: expected a whole number of rows but found 'x'"));
  EXPECT_THAT(Q("MATCH p = shortestPath((a)-->(b)-->(c)) RETURN p"),
              StartsWith("ERROR line 1, column 11: shortestPath needs exactly one relationship"));
}

TEST_F(CypherTest, SemanticErrorsPointAtTheCulprit) {
  EXPECT_EQ(Q("MATCH (a) RETURN b"),
            "ERROR line 1, column 18: unknown variable 'b'\n"
            "  MATCH (a) RETURN b\n"
            "                   ^\n");
  EXPECT_THAT(Q("MATCH (a) RETURN foo(a)"),
              StartsWith("ERROR line 1, column 18: unknown function 'foo' (known: count, collect"));
  EXPECT_THAT(
      Q("MATCH (a) WHERE count(a) > 1 RETURN a"),
      StartsWith("ERROR line 1, column 17: count() is allowed only in RETURN and ORDER BY"));
  EXPECT_THAT(Q("MATCH (a)-[a]->(b) RETURN a"),
              StartsWith("ERROR line 1, column 10: variable 'a' is already used for another node"));
  EXPECT_THAT(Q("MATCH (a) RETURN a.id, a.id"),
              StartsWith("ERROR line 1, column 24: column 'a.id' appears twice; name one with AS"));
  EXPECT_THAT(Q("MATCH (n) WHERE n.id =~ '(unclosed' RETURN n"),
              StartsWith("ERROR line 1, column 25: invalid regular expression: missing )"));
  EXPECT_THAT(
      Q("MATCH (n) RETURN n.id - 1"),
      StartsWith("ERROR line 1, column 18: cannot do arithmetic with a string and an integer"));
}

// ------------------------------------------------------------ MATCH

TEST_F(CypherTest, LabelsAreEntityTypes) {
  EXPECT_EQ(Q("MATCH (a:Agency) RETURN a.id, a.name"),
            "a.id | a.name\n"
            "MIIT | Ministry of Industry and Information Technology\n"
            "SAC | Standardization Administration of China");
  EXPECT_EQ(Q("MATCH (n:Policy|Standard) RETURN n"),
            "n\nCloud Computing Guidelines\nData Security Plan\nGB/T 22239-2008\nGB/T 22239-2019");
  EXPECT_EQ(Q("MATCH (n) WHERE n:Law RETURN n.id"), "n.id\nStandardization Law");
}

TEST_F(CypherTest, PropertyMapsSelectNodes) {
  EXPECT_EQ(Q("MATCH (a {name: 'SAC/TC 260'}) RETURN a.type, labels(a)"),
            "a.type | labels(a)\nCommittee | ['Committee']");
  EXPECT_EQ(Q("MATCH (a:Agency {id: 'SAC'}) RETURN a.aliases, a.docs"),
            "a.aliases | a.docs\n['SAC', 'Standardisation Administration of China'] | ['d1.txt', "
            "'d2.txt']");
  EXPECT_EQ(Q("MATCH (a:Policy {id: 'SAC'}) RETURN a"), "a");
  EXPECT_EQ(Q("MATCH (a)-[r {date: '2020-05'}]->(b) RETURN a.id, b.id"),
            "a.id | b.id\nMIIT | Cloud Computing Guidelines");
}

TEST_F(CypherTest, DirectionsOfRelationships) {
  EXPECT_EQ(Q("MATCH (a)-[r:issued]->(p) RETURN a.id, r.date, p.id"),
            "a.id | r.date | p.id\n"
            "MIIT | 2020-05 | Cloud Computing Guidelines\n"
            "SAC | 2021-03-01 | Data Security Plan\n"
            "SAC |  | Cloud Computing Guidelines");
  EXPECT_EQ(Q("MATCH (p:Policy)<-[:issued]-(a) RETURN p.id, a.id"),
            "p.id | a.id\n"
            "Cloud Computing Guidelines | MIIT\n"
            "Cloud Computing Guidelines | SAC\n"
            "Data Security Plan | SAC");
  EXPECT_EQ(Q("MATCH (a {id: 'MIIT'})-[r]-(b) RETURN type(r), b.id"),
            "type(r) | b.id\n"
            "issued | Cloud Computing Guidelines\n"
            "drafted | Cloud Computing Guidelines\n"
            "cooperates_with | SAC");
  EXPECT_EQ(Q("MATCH (a {id: 'MIIT'})-->(b) RETURN count(*) AS out"), "out\n2");
  EXPECT_EQ(Q("MATCH (a {id: 'MIIT'})<--(b) RETURN b"), "b\nSAC");
}

TEST_F(CypherTest, RelationTypeAlternatives) {
  EXPECT_EQ(Q("MATCH (a)-[r:issued|drafted]->(x) WHERE a.id <> 'SAC' RETURN a.id, type(r), x.id"),
            "a.id | type(r) | x.id\n"
            "MIIT | issued | Cloud Computing Guidelines\n"
            "MIIT | drafted | Cloud Computing Guidelines\n"
            "SAC/TC 260 | drafted | GB/T 22239-2019");
}

TEST_F(CypherTest, SeveralPatternsShareVariables) {
  EXPECT_EQ(
      Q("MATCH (a)-[:issued]->(p), (b)-[:issued]->(p) WHERE a.id < b.id RETURN a.id, b.id, p.id"),
      "a.id | b.id | p.id\nMIIT | SAC | Cloud Computing Guidelines");
  EXPECT_EQ(Q("MATCH (a:Agency), (l:Law) RETURN a.id, l.id"),
            "a.id | l.id\nMIIT | Standardization Law\nSAC | Standardization Law");
  // Within one MATCH a relationship is used once: no a = b through the same edge.
  EXPECT_EQ(Q("MATCH (a)-[:issued]->(p)<-[:issued]-(b) RETURN a.id, b.id"),
            "a.id | b.id\nMIIT | SAC\nSAC | MIIT");
  // A variable bound earlier must also satisfy its labels and properties here.
  EXPECT_EQ(Q("MATCH (a:Agency) MATCH (a:Policy) RETURN a"), "a");
  EXPECT_EQ(Q("MATCH (a:Agency) MATCH (a {name: 'Standardization Administration of China'}) "
              "RETURN a.id"),
            "a.id\nSAC");
  // Across MATCH clauses it may be used again.
  EXPECT_EQ(Q("MATCH (a {id: 'MIIT'})-[:issued]->(p) MATCH (p)<-[:issued]-(b) RETURN b.id"),
            "b.id\nMIIT\nSAC");
}

TEST_F(CypherTest, VariableLengthPatterns) {
  EXPECT_EQ(Q("MATCH (a {id: 'Alice Wang'})-[r*1..3]->(x) RETURN x.id, size(r) AS hops"),
            "x.id | hops\n"
            "SAC/TC 260 | 1\n"
            "GB/T 22239-2019 | 2\n"
            "GB/T 22239-2008 | 3\n"
            "SAC | 2\n"
            "Data Security Plan | 3\n"
            "Cloud Computing Guidelines | 3\n"
            "MIIT | 3");
  EXPECT_EQ(Q("MATCH (a {id: 'Alice Wang'})-[*2]->(x) RETURN x.id"), "x.id\nGB/T 22239-2019\nSAC");
  EXPECT_EQ(Q("MATCH (a {id: 'Alice Wang'})-[*..2]->(x) RETURN x.id"),
            "x.id\nSAC/TC 260\nGB/T 22239-2019\nSAC");
  EXPECT_EQ(Q("MATCH ({id: 'SAC'})-[*0..1]->(x) RETURN x.id"),
            "x.id\nSAC\nData Security Plan\nCloud Computing Guidelines\nMIIT");
  EXPECT_EQ(Q("MATCH (x)-[:issued|drafted*1..2]->({id: 'GB/T 22239-2019'}) RETURN x.id"),
            "x.id\nSAC/TC 260");
  EXPECT_EQ(Q("MATCH ({id: 'SAC/TC 260'})-[r:drafted|replaces*]->(x) RETURN x.id, [e IN r | 1]"),
            "ERROR line 1, column 76: expected ']' or ',' but found '|'\n"
            "  MATCH ({id: 'SAC/TC 260'})-[r:drafted|replaces*]->(x) RETURN x.id, [e IN r | 1]\n"
            "                                                                             ^\n");
  EXPECT_EQ(Q("MATCH ({id: 'SAC/TC 260'})-[r:drafted|replaces*]->(x) RETURN x.id, r"),
            "x.id | r\n"
            "GB/T 22239-2019 | [(SAC/TC 260)-[:drafted]->(GB/T 22239-2019)]\n"
            "GB/T 22239-2008 | [(SAC/TC 260)-[:drafted]->(GB/T 22239-2019), "
            "(GB/T 22239-2019)-[:replaces]->(GB/T 22239-2008)]");
}

TEST_F(CypherTest, UnboundedVariableLengthStopsAtMaxHops) {
  // Alice reaches 7 paths within 3 hops and 2 more (MIIT -> Cloud) at 4.
  EXPECT_EQ(Q("MATCH ({id: 'Alice Wang'})-[*]->(x) RETURN count(*) AS n"), "n\n9");
  CypherOptions three;
  three.max_hops = 3;
  EXPECT_EQ(Q("MATCH ({id: 'Alice Wang'})-[*]->(x) RETURN count(*) AS n", three), "n\n7");
  EXPECT_EQ(Q("MATCH ({id: 'Alice Wang'})-[*..4]->(x) RETURN count(*) AS n", three), "n\n9");
}

TEST_F(CypherTest, GuardsStopRunawayQueries) {
  CypherOptions tiny;
  tiny.max_steps = 5;
  EXPECT_THAT(Q("MATCH (a)-[*]-(b) RETURN count(*)", tiny),
              StartsWith("ERROR line 1, column 10: the query examined more than 5 relationships"));
  CypherOptions few_rows;
  few_rows.max_rows = 3;
  EXPECT_THAT(Q("MATCH (a) RETURN a", few_rows),
              StartsWith("ERROR line 1, column 1: the query gives more than 3 rows"));
  EXPECT_EQ(Q("MATCH (a) RETURN a.id LIMIT 2", few_rows),
            "a.id\nAlice Wang\nCloud Computing Guidelines");
}

TEST_F(CypherTest, OptionalMatchGivesNulls) {
  EXPECT_EQ(Q("MATCH (a:Agency) OPTIONAL MATCH (a)<-[:part_of]-(c:Committee) "
              "RETURN a.id, c.id, c IS NULL AS missing"),
            "a.id | c.id | missing\nMIIT |  | true\nSAC | SAC/TC 260 | false");
  EXPECT_EQ(Q("MATCH (a:Agency) OPTIONAL MATCH (a)-[r:issued]->(p) WHERE r.date >= '2021' "
              "RETURN a.id, p.id, r"),
            "a.id | p.id | r\nMIIT |  | \nSAC | Data Security Plan | (SAC)-[:issued]->(Data "
            "Security Plan)");
  EXPECT_EQ(Q("MATCH (a:Agency) OPTIONAL MATCH (a)<-[:part_of]-(c) "
              "RETURN count(*) AS rows, count(c) AS committees, collect(c.id) AS names"),
            "rows | committees | names\n2 | 1 | ['SAC/TC 260']");
  // A later MATCH on a null variable matches nothing; the part_of edge used
  // by the OPTIONAL MATCH may be used again by the next MATCH.
  EXPECT_EQ(
      Q("MATCH (a:Agency) OPTIONAL MATCH (a)<-[:part_of]-(c) MATCH (c)--(x) RETURN a.id, x.id"),
      "a.id | x.id\nSAC | GB/T 22239-2019\nSAC | SAC\nSAC | Alice Wang");
}

// ------------------------------------------------------------ WHERE

TEST_F(CypherTest, Comparisons) {
  EXPECT_EQ(Q("MATCH ()-[r:issued]->(p) WHERE r.date < '2021' RETURN p.id"),
            "p.id\nCloud Computing Guidelines");
  EXPECT_EQ(Q("MATCH ()-[r:issued]->(p) WHERE r.date >= '2020-05' AND r.date <= '2021-03-01' "
              "RETURN r.date"),
            "r.date\n2020-05\n2021-03-01");
  EXPECT_EQ(Q("MATCH ()-[r:issued]->(p) WHERE r.date > '2020-05' RETURN r.date"),
            "r.date\n2021-03-01");
  EXPECT_EQ(Q("MATCH (n:Agency) WHERE n.id = 'SAC' RETURN n.name"),
            "n.name\nStandardization Administration of China");
  EXPECT_EQ(Q("MATCH (n:Agency) WHERE n.id <> 'SAC' RETURN n.id"), "n.id\nMIIT");
  EXPECT_EQ(Q("MATCH (n:Agency) WHERE size(n.aliases) > 1 RETURN n.id"), "n.id\nSAC");
}

TEST_F(CypherTest, BooleanOperators) {
  EXPECT_EQ(Q("MATCH (n:Standard) WHERE NOT n.id ENDS WITH '2019' RETURN n.id"),
            "n.id\nGB/T 22239-2008");
  EXPECT_EQ(Q("MATCH (n) WHERE n.type = 'Agency' XOR n.name CONTAINS 'Administration' RETURN n.id"),
            "n.id\nMIIT");
  EXPECT_EQ(Q("MATCH (n) WHERE n:Law OR n.id STARTS WITH 'GB/T' RETURN n.id"),
            "n.id\nGB/T 22239-2008\nGB/T 22239-2019\nStandardization Law");
  EXPECT_EQ(Q("RETURN null AND false AS a, null OR true AS b, NOT null AS c, true XOR null AS d, "
              "true AND true AS e"),
            "a | b | c | d | e\nfalse | true |  |  | true");
}

TEST_F(CypherTest, StringAndListPredicates) {
  EXPECT_EQ(Q("MATCH (n) WHERE n.id IN ['SAC', 'MIIT', 'nobody'] RETURN n.id"), "n.id\nMIIT\nSAC");
  EXPECT_EQ(Q("MATCH (n) WHERE n.name CONTAINS 'Security' RETURN n.id"),
            "n.id\nData Security Plan");
  EXPECT_EQ(Q("MATCH (n) WHERE 'MIIT' IN n.aliases RETURN n.id"), "n.id\nMIIT");
  EXPECT_EQ(Q("RETURN 1 IN [null, 1] AS a, 2 IN [null, 1] AS b, 2 IN [1] AS c, null IN [1] AS d"),
            "a | b | c | d\ntrue |  | false | ");
}

TEST_F(CypherTest, RegularExpressionsUseRe2AndMatchTheWholeString) {
  EXPECT_EQ(Q("MATCH (n) WHERE n.id =~ 'GB/T \\\\d+-2019' RETURN n.id"), "n.id\nGB/T 22239-2019");
  EXPECT_EQ(Q("MATCH (n) WHERE n.id =~ 'GB' RETURN n.id"), "n.id");
  EXPECT_EQ(Q("MATCH (n) WHERE n.id =~ '(?i)sac.*' RETURN n.id"), "n.id\nSAC\nSAC/TC 260");
}

TEST_F(CypherTest, NullHandling) {
  EXPECT_EQ(Q("MATCH ()-[r:issued]->(p) WHERE r.date = null RETURN p.id"), "p.id");
  EXPECT_EQ(Q("MATCH (a)-[r:issued]->(p) WHERE r.date IS NULL RETURN a.id, p.id"),
            "a.id | p.id\nSAC | Cloud Computing Guidelines");
  EXPECT_EQ(Q("MATCH ()-[r:issued]->(p) WHERE r.date IS NOT NULL RETURN p.id"),
            "p.id\nCloud Computing Guidelines\nData Security Plan");
  EXPECT_EQ(
      Q("RETURN null = null AS a, null IS NULL AS b, coalesce(null, 'x') AS c, [1, null] AS d"),
      "a | b | c | d\n | true | x | [1, null]");
}

// ------------------------------------------------------------ RETURN

TEST_F(CypherTest, AggregationGroupsByTheOtherItems) {
  EXPECT_EQ(
      Q("MATCH (a)-[:issued]->(p) RETURN a.id AS agency, count(p) AS n, collect(p.id) AS policies"),
      "agency | n | policies\n"
      "MIIT | 1 | ['Cloud Computing Guidelines']\n"
      "SAC | 2 | ['Data Security Plan', 'Cloud Computing Guidelines']");
  EXPECT_EQ(
      Q("MATCH (a)-[:issued|drafted]->(p:Policy) RETURN count(p) AS n, count(DISTINCT p) AS d, "
        "collect(DISTINCT a.id) AS who"),
      "n | d | who\n4 | 2 | ['MIIT', 'SAC']");
  EXPECT_EQ(
      Q("MATCH (n) RETURN n.type AS type, count(*) AS n, min(n.id) AS first, max(n.id) AS last "
        "ORDER BY n DESC, type"),
      "type | n | first | last\n"
      "Agency | 2 | MIIT | SAC\n"
      "Policy | 2 | Cloud Computing Guidelines | Data Security Plan\n"
      "Standard | 2 | GB/T 22239-2008 | GB/T 22239-2019\n"
      "Committee | 1 | SAC/TC 260 | SAC/TC 260\n"
      "Law | 1 | Standardization Law | Standardization Law\n"
      "Person | 1 | Alice Wang | Alice Wang");
  EXPECT_EQ(
      Q("MATCH (n) RETURN sum(size(n.docs)) AS s, avg(size(n.aliases)) AS a, count(*) * 2 AS c"),
      "s | a | c\n10 | 0.3333333333333333 | 18");
}

TEST_F(CypherTest, AggregatingNothing) {
  EXPECT_EQ(
      Q("MATCH (n:Law)-[:issued]->(x) RETURN count(*) AS n, collect(x) AS xs, max(x.id) AS m"),
      "n | xs | m\n0 | [] | ");
  EXPECT_EQ(Q("MATCH (n:Law)-[:issued]->(x) RETURN n.id, count(*) AS n"), "n.id | n");
}

TEST_F(CypherTest, DistinctAliasesAndStar) {
  EXPECT_EQ(Q("MATCH (a)-[:issued|drafted]->(p:Policy) RETURN DISTINCT a.id AS who"),
            "who\nMIIT\nSAC");
  EXPECT_EQ(Q("MATCH (a:Person)-[r]->(c) RETURN *"),
            "a | r | c\nAlice Wang | (Alice Wang)-[:affiliated_with]->(SAC/TC 260) | SAC/TC 260");
}

TEST_F(CypherTest, RelationshipProperties) {
  EXPECT_EQ(Q("MATCH (:Person)-[r]->(c) RETURN r.relation, type(r), r.role, r.date, c.name"),
            "r.relation | type(r) | r.role | r.date | c.name\n"
            "affiliated_with | affiliated_with | secretary general |  | SAC/TC 260");
  EXPECT_EQ(
      Q("MATCH ({id: 'SAC'})-[r:issued]->({id: 'Data Security Plan'}) "
        "RETURN r.evidence[0].doc AS doc, r.evidence[0].line AS line, r.evidence"),
      "doc | line | r.evidence\n"
      "d1.txt | 10 | [{doc: 'd1.txt', line: 10, text: 'SAC issued the Data Security Plan.'}]");
  EXPECT_EQ(Q("MATCH (a)-[r:replaces]->(b) RETURN startNode(r) = a AS s, endNode(r).id AS e"),
            "s | e\ntrue | GB/T 22239-2008");
}

TEST_F(CypherTest, UnknownNamesWarnAndMatchNothing) {
  EXPECT_EQ(Q("MATCH (a:Agnecy) RETURN a"), "a");
  EXPECT_THAT(warnings_, ::testing::ElementsAre(
                             "unknown label 'Agnecy' (labels: Agency, Organization, Committee, "
                             "Person, Law, Policy, Standard)"));
  EXPECT_EQ(Q("MATCH (a)-[:isued]->(b) RETURN a"), "a");
  EXPECT_THAT(warnings_, ::testing::ElementsAre(HasSubstr("unknown relation type 'isued'")));
  EXPECT_EQ(Q("MATCH (a:Law) RETURN a.nmae"), "a.nmae\n");
  EXPECT_THAT(warnings_,
              ::testing::ElementsAre("nodes have no property 'nmae' (they have id, name, "
                                     "type, aliases, docs)"));
}

// ------------------------------------------------------------ ORDER BY, SKIP, LIMIT

TEST_F(CypherTest, OrderByKeepsMatchOrderForTies) {
  EXPECT_EQ(Q("MATCH (a)-[r]->(b) RETURN a.id, type(r) ORDER BY a.id DESC"),
            "a.id | type(r)\n"
            "SAC/TC 260 | drafted\n"
            "SAC/TC 260 | part_of\n"
            "SAC | issued\n"
            "SAC | issued\n"
            "SAC | cooperates_with\n"
            "MIIT | issued\n"
            "MIIT | drafted\n"
            "GB/T 22239-2019 | replaces\n"
            "Alice Wang | affiliated_with");
  EXPECT_EQ(Q("MATCH (a)-[r]->(b) RETURN a.id, type(r) AS t ORDER BY t, a.id DESC LIMIT 4"),
            "a.id | t\n"
            "Alice Wang | affiliated_with\n"
            "SAC | cooperates_with\n"
            "SAC/TC 260 | drafted\n"
            "MIIT | drafted");
}

TEST_F(CypherTest, NullsSortLastAscendingAndFirstDescending) {
  EXPECT_EQ(Q("MATCH (a)-[r:issued]->(p) RETURN a.id, r.date ORDER BY r.date"),
            "a.id | r.date\nMIIT | 2020-05\nSAC | 2021-03-01\nSAC | ");
  EXPECT_EQ(Q("MATCH (a)-[r:issued]->(p) RETURN a.id, r.date ORDER BY r.date DESC"),
            "a.id | r.date\nSAC | \nSAC | 2021-03-01\nMIIT | 2020-05");
}

TEST_F(CypherTest, OrderByExpressionsNotReturned) {
  EXPECT_EQ(Q("MATCH (n:Agency) RETURN n.id ORDER BY n.name DESC"), "n.id\nSAC\nMIIT");
  EXPECT_EQ(Q("MATCH (a)-[:issued]->(p) RETURN a.id, count(*) ORDER BY count(*) DESC"),
            "a.id | count(*)\nSAC | 2\nMIIT | 1");
}

TEST_F(CypherTest, SkipAndLimit) {
  EXPECT_EQ(Q("MATCH (n) RETURN n.id ORDER BY n.id SKIP 2 LIMIT 3"),
            "n.id\nData Security Plan\nGB/T 22239-2008\nGB/T 22239-2019");
  EXPECT_EQ(Q("MATCH (n) RETURN n.id LIMIT 2"), "n.id\nAlice Wang\nCloud Computing Guidelines");
  EXPECT_EQ(Q("MATCH (n) RETURN n.id SKIP 8"), "n.id\nStandardization Law");
  EXPECT_EQ(Q("MATCH (n) RETURN n.id SKIP 9"), "n.id");
  EXPECT_EQ(Q("MATCH (n) RETURN n.id LIMIT 0"), "n.id");
  EXPECT_EQ(Q("MATCH (n) RETURN DISTINCT n.type LIMIT 3;"), "n.type\nPerson\nPolicy\nStandard");
}

// ------------------------------------------------------------ paths

TEST_F(CypherTest, ShortestPath) {
  EXPECT_EQ(
      Q("MATCH p = shortestPath((a {id: 'Alice Wang'})-[*]-(b {id: 'MIIT'})) "
        "RETURN length(p), nodes(p), p"),
      "length(p) | nodes(p) | p\n"
      "3 | [Alice Wang, SAC/TC 260, SAC, MIIT] | "
      "(Alice Wang)-[:affiliated_with]->(SAC/TC 260)-[:part_of]->(SAC)-[:cooperates_with]->(MIIT)");
  EXPECT_EQ(Q("MATCH p = shortestPath((a {id: 'MIIT'})-[:issued*]-(b {id: 'SAC'})) "
              "RETURN relationships(p) AS rels"),
            "rels\n[(MIIT)-[:issued]->(Cloud Computing Guidelines), "
            "(SAC)-[:issued]->(Cloud Computing Guidelines)]");
  EXPECT_EQ(Q("MATCH p = shortestPath((a {id: 'MIIT'})-[*]->(b {id: 'SAC'})) RETURN p"), "p");
  EXPECT_EQ(Q("MATCH p = shortestPath((a {id: 'Alice Wang'})-[*..2]-(b {id: 'MIIT'})) RETURN p"),
            "p");
  EXPECT_EQ(
      Q("MATCH p = shortestPath((a {id: 'Alice Wang'})-[*]-(b:Agency)) RETURN b.id, length(p)"),
      "b.id | length(p)\nMIIT | 3\nSAC | 2");
  EXPECT_EQ(Q("MATCH (a:Person), (b:Standard) MATCH p = shortestPath((a)-[*..6]-(b)) "
              "RETURN b.id, length(p) ORDER BY length(p) DESC"),
            "b.id | length(p)\nGB/T 22239-2008 | 3\nGB/T 22239-2019 | 2");
}

TEST_F(CypherTest, NamedPaths) {
  EXPECT_EQ(Q("MATCH p = ({id: 'SAC/TC 260'})-[:drafted]->()-[:replaces]->(x) RETURN p, length(p), "
              "nodes(p)[-1] = x AS last"),
            "p | length(p) | last\n"
            "(SAC/TC 260)-[:drafted]->(GB/T 22239-2019)-[:replaces]->(GB/T 22239-2008) | 2 | true");
}

TEST_F(CypherTest, ExpressionsAndFunctions) {
  EXPECT_EQ(
      Q("RETURN 1 + 2 * 3 AS a, 7 / 2 AS b, 7 % 3 AS c, 2.5 * 2 AS d, 'kg' + 1 AS e, "
        "toUpper('sac') AS f, split('a,b', ',') AS g, [1, 2, 3][1..] AS h, -2 ^ 2 AS i"),
      "a | b | c | d | e | f | g | h | i\n7 | 3 | 1 | 5.0 | kg1 | SAC | ['a', 'b'] | [2, 3] | 4.0");
  EXPECT_THAT(Q("RETURN 1 / 0"), StartsWith("ERROR line 1, column 8: division by zero"));
}

// ------------------------------------------------------------ the command

class CypherCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("cypher_command");
    graph_file_ = dir_ + "/graph.json";
    std::string error;
    ASSERT_TRUE(WriteGraphFile(TestGraph(), graph_file_, &error)) << error;
  }

  testing::CommandResult Query(const std::string& query, const std::string& flags = "") {
    return testing::RunKg(flags + " -g " + testing::ShellQuote(graph_file_) + " query " +
                          testing::ShellQuote(query));
  }

  std::string dir_, graph_file_;
};

TEST_F(CypherCommandTest, PrintsAnAlignedTable) {
  auto r = Query("MATCH (a:Agency)-[r:issued]->(p) RETURN a.name, count(p) AS n ORDER BY n DESC");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "a.name                                           n\n"
            "-----------------------------------------------  -\n"
            "Standardization Administration of China          2\n"
            "Ministry of Industry and Information Technology  1\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(CypherCommandTest, PrintsJsonRowObjects) {
  auto r = Query(
      "MATCH (a {id: 'MIIT'})-[r:issued]->(p) RETURN a, r.date AS date, r.role AS role, "
      "p.id AS p, count(*) AS n",
      "--json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "[\n"
            "  {\n"
            "    \"a\": {\n"
            "      \"id\": \"MIIT\",\n"
            "      \"type\": \"Agency\",\n"
            "      \"name\": \"Ministry of Industry and Information Technology\",\n"
            "      \"aliases\": [\n"
            "        \"MIIT\"\n"
            "      ],\n"
            "      \"docs\": [\n"
            "        \"d1.txt\"\n"
            "      ]\n"
            "    },\n"
            "    \"date\": \"2020-05\",\n"
            "    \"role\": null,\n"
            "    \"p\": \"Cloud Computing Guidelines\",\n"
            "    \"n\": 1\n"
            "  }\n"
            "]\n");
}

TEST_F(CypherCommandTest, NoRowsPrintsTheHeaderAndExitsOne) {
  auto r = Query("MATCH (a:Agnecy) RETURN a.id");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "a.id\n----\n(no rows)\n");
  EXPECT_THAT(r.err, StartsWith("kg: warning: unknown label 'Agnecy'"));
  r = Query("MATCH (a:Law)-->(b) RETURN b", "--json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "[]\n");
}

TEST_F(CypherCommandTest, ParseErrorExitsOneWithACaret) {
  auto r = Query("MATCH (a:Agency RETURN a");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "kg: query error at line 1, column 17: expected ')' but found 'RETURN'\n"
            "  MATCH (a:Agency RETURN a\n"
            "                  ^\n");
}

TEST_F(CypherCommandTest, ReadsQueriesFromStandardInput) {
  std::string input = dir_ + "/queries.txt";
  std::ofstream(input) << "MATCH (a:Agency)\nRETURN a.id;\n"
                          "MATCH (a:Agency RETURN a\n"
                          "RETURN 1 AS one; RETURN 2 AS two\n"
                          "MATCH (x:Law) RETURN count(*) AS laws\n";
  std::string out = dir_ + "/out", err = dir_ + "/err";
  std::string command = testing::ShellQuote(KG_BINARY) + " -g " + testing::ShellQuote(graph_file_) +
                        " query <" + input + " >" + out + " 2>" + err;
  int status = std::system(command.c_str());
  auto slurp = [](const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  // A bad query is reported, the others still run, and the exit code says so.
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(slurp(out),
            "a.id\n----\nMIIT\nSAC\n"
            "one\n---\n1\n"
            "two\n---\n2\n"
            "laws\n----\n1\n");
  EXPECT_EQ(slurp(err),
            "kg: query error at line 1, column 17: expected ')' but found 'RETURN'\n"
            "  MATCH (a:Agency RETURN a\n"
            "                  ^\n");
}

TEST_F(CypherCommandTest, MaxHopsBoundsUnboundedPatterns) {
  std::string query =
      testing::ShellQuote("MATCH ({id: 'Alice Wang'})-[*]->(x) RETURN count(*) AS n");
  auto r =
      testing::RunKg("-g " + testing::ShellQuote(graph_file_) + " query --max-hops 3 " + query);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "n\n-\n7\n");
  r = testing::RunKg("-g " + testing::ShellQuote(graph_file_) + " query " + query);
  EXPECT_EQ(r.out, "n\n-\n9\n");
}

TEST_F(CypherCommandTest, EmptyQueryIsBadInput) {
  auto r = Query(" ");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "kg: the query is empty; omit it for a prompt\n");
}

TEST_F(CypherCommandTest, EmptyStandardInputExitsZero) {
  auto r = testing::RunKg("-g " + testing::ShellQuote(graph_file_) + " query");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace kg
