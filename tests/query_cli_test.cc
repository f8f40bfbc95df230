// The query commands end to end (kg find, neighbors, rel, path, centrality,
// communities) on a small graph.json: exact output, exit codes, edge cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_link_json.h"
#include "tests/test_support.h"

namespace kg {
namespace {

using ::testing::HasSubstr;
using testing::RunKg;
using testing::ShellQuote;

class QueryCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    KnowledgeGraph g;
    auto add = [&](const std::string& id, EntityType type, const std::string& name,
                   std::vector<std::string> aliases = {}) {
      g.AddEntity({id, type, name, std::move(aliases), {"a.txt"}});
    };
    add("SAC", EntityType::kAgency, "Standardization Administration of China",
        {"SAC", "Standardisation Administration of China"});
    add("MIIT", EntityType::kAgency, "Ministry of Industry and Information Technology", {"MIIT"});
    add("CESI", EntityType::kOrganization, "China Electronics Standardization Institute", {"CESI"});
    add("GB 1", EntityType::kStandard, "GB 1");
    add("GB 2", EntityType::kStandard, "GB 2");
    add("Plan", EntityType::kPolicy, "Standardization Plan");
    add("Lonely", EntityType::kPerson, "Lonely Person");
    add("TC 1", EntityType::kCommittee, "Technical Committee");
    add("TC 2", EntityType::kCommittee, "Technical Committee");
    auto link = [&](const std::string& s, Relation r, const std::string& t, const std::string& date,
                    int line) {
      RelationEdge e;
      e.relation = r;
      e.date = date;
      e.evidence.push_back({"a.txt", line, s + " " + std::string(ToString(r)) + " " + t + "."});
      g.AddRelation(*g.FindById(s), *g.FindById(t), e);
    };
    link("SAC", Relation::kIssued, "GB 1", "2021-03-01", 3);
    link("SAC", Relation::kIssued, "GB 2", "2022", 7);
    link("MIIT", Relation::kIssued, "Plan", "", 9);
    link("CESI", Relation::kDrafted, "GB 1", "", 4);
    link("CESI", Relation::kPartOf, "MIIT", "", 12);
    link("TC 1", Relation::kPartOf, "SAC", "", 15);
    std::string error;
    dir_ = new std::string(testing::TempDir("query_cli"));
    ASSERT_TRUE(WriteGraphFile(g, *dir_ + "/graph.json", &error)) << error;
    ASSERT_TRUE(WriteGraphFile(KnowledgeGraph(), *dir_ + "/empty.json", &error)) << error;
  }

  static testing::CommandResult Kg(const std::string& args,
                                   const std::string& file = "graph.json") {
    return RunKg("-g " + ShellQuote(*dir_ + "/" + file) + " " + args);
  }

  static std::string* dir_;
};

std::string* QueryCliTest::dir_ = nullptr;

TEST_F(QueryCliTest, FindFoldsCaseSpacingPunctuationAndSpelling) {
  auto r = Kg("find 'standardisation  ADMINISTRATION of china'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("SAC "));
  EXPECT_EQ(Kg("find sac").exit_code, 0);
  auto typo = Kg("find Standardizaton-Administration-of-Chna");
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.out, HasSubstr("did you mean"));
  EXPECT_THAT(typo.out, HasSubstr("SAC"));
  auto ambiguous = Kg("find 'technical committee'");
  EXPECT_EQ(ambiguous.exit_code, 1);
  EXPECT_THAT(ambiguous.err, HasSubstr("ambiguous"));
  EXPECT_THAT(ambiguous.out, HasSubstr("TC 1"));
  EXPECT_THAT(ambiguous.out, HasSubstr("TC 2"));
  EXPECT_EQ(Kg("find zzzzqqqq").exit_code, 1);
}

TEST_F(QueryCliTest, EntityArgumentsResolveTheSameWay) {
  auto ambiguous = Kg("neighbors 'Technical Committee'");
  EXPECT_EQ(ambiguous.exit_code, 1);
  EXPECT_THAT(ambiguous.err, HasSubstr("ambiguous"));
  auto unknown = Kg("path Standardisation-Administration-of-Chin MIIT");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean"));
}

TEST_F(QueryCliTest, NeighborsByDepthDirectionAndType) {
  auto r = Kg("--json neighbors sac");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"id\": \"GB 1\""));
  EXPECT_THAT(r.out, HasSubstr("\"id\": \"TC 1\""));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("\"id\": \"CESI\"")));
  auto deep = Kg("neighbors SAC --depth 1000000 --type Agency");
  EXPECT_EQ(deep.exit_code, 0) << deep.err;
  EXPECT_THAT(deep.out, HasSubstr("MIIT"));  // SAC -> GB 1 <- CESI -> MIIT
  auto out = Kg("neighbors SAC --direction out --relation issued");
  EXPECT_THAT(out.out, HasSubstr("-issued->"));
  EXPECT_THAT(out.out, ::testing::Not(HasSubstr("TC 1")));
  EXPECT_EQ(Kg("neighbors Lonely").exit_code, 1);
  EXPECT_EQ(Kg("neighbors SAC --direction sideways").exit_code, 2);
  EXPECT_EQ(Kg("neighbors SAC --depth 0").exit_code, 2);
  EXPECT_EQ(Kg("neighbors SAC --depth -3").exit_code, 2);
}

TEST_F(QueryCliTest, IssuedRowsHaveDateAndEvidence) {
  auto r = Kg("issued --by SAC --since 2021-06");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "subject                                  relation  object  type      date  evidence\n"
            "---------------------------------------  --------  ------  --------  ----  --------\n"
            "Standardization Administration of China  issued    GB 2    Standard  2022  a.txt:7\n");
  EXPECT_EQ(Kg("rel drafted --what 'GB 1'").exit_code, 0);
  EXPECT_EQ(Kg("issued --by SAC --until 2020").exit_code, 1);
  EXPECT_EQ(Kg("issued --by SAC --since 2021-6").exit_code, 2);
  EXPECT_EQ(Kg("rel founded --by SAC").exit_code, 1);
}

TEST_F(QueryCliTest, PathShowsEveryHopWithEvidence) {
  auto r = Kg("--json path SAC MIIT");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"length\": 3"));
  EXPECT_THAT(r.out, HasSubstr("CESI part_of MIIT."));
  auto table = Kg("path SAC MIIT");
  EXPECT_EQ(table.out,
            "path of 3 hop(s) from SAC to MIIT\n"
            "SAC: Standardization Administration of China (Agency)\n"
            "  -issued->  a.txt:3  \"SAC issued GB 1.\"\n"
            "GB 1 (Standard)\n"
            "  <-drafted-  a.txt:4  \"CESI drafted GB 1.\"\n"
            "CESI: China Electronics Standardization Institute (Organization)\n"
            "  -part_of->  a.txt:12  \"CESI part_of MIIT.\"\n"
            "MIIT: Ministry of Industry and Information Technology (Agency)\n");
  EXPECT_EQ(Kg("path SAC MIIT --max-hops 2").exit_code, 1);
  EXPECT_EQ(Kg("path SAC MIIT --directed").exit_code, 1);
  auto apart = Kg("path SAC Lonely");
  EXPECT_EQ(apart.exit_code, 1);
  EXPECT_EQ(apart.out, "");
  EXPECT_EQ(apart.err, "kg: no path from SAC to Lonely: they are not connected\n");
  EXPECT_EQ(Kg("path SAC MIIT --directed").err,
            "kg: no path from SAC to MIIT along directed edges\n");
  EXPECT_EQ(Kg("path SAC MIIT --all").exit_code, 2);
  EXPECT_EQ(Kg("path SAC MIIT --all --max-hops 1000000").exit_code, 0);
  EXPECT_EQ(Kg("path SAC MIIT --k 3").exit_code, 0);
  EXPECT_EQ(Kg("path SAC MIIT --k 0").exit_code, 2);
  EXPECT_EQ(Kg("path SAC MIIT --max-hops -1").exit_code, 2);
}

TEST_F(QueryCliTest, CentralityTopAndEdgeCases) {
  auto r = Kg("centrality --measure degree --top 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "rank  id    type          name                                         degree\n"
            "----  ----  ------------  -------------------------------------------  ------\n"
            "1     SAC   Agency        Standardization Administration of China      0.375\n"
            "2     CESI  Organization  China Electronics Standardization Institute  0.25\n");
  auto all = Kg("--json centrality --measure pagerank --top 0");
  EXPECT_EQ(all.exit_code, 0);
  EXPECT_THAT(all.out, HasSubstr("\"rank\": 9"));
  EXPECT_EQ(Kg("centrality --top 99999999999").exit_code, 0);
  auto negative = Kg("centrality --top -1");
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_THAT(
      negative.err,
      HasSubstr("--top: expected a whole number from 0 to 18446744073709551615, got \"-1\""));
  auto huge = Kg("centrality --top 99999999999999999999999");
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_THAT(huge.err, HasSubstr("got \"99999999999999999999999\""));
  EXPECT_EQ(Kg("centrality --top 1e3").exit_code, 2);
  EXPECT_EQ(Kg("centrality --measure fame").exit_code, 2);
  EXPECT_EQ(Kg("centrality --measure betweenness --type Law").exit_code, 1);
  auto dag = Kg("centrality --measure eigenvector --directed");
  EXPECT_EQ(dag.exit_code, 1);
  EXPECT_THAT(dag.err, HasSubstr("eigenvalue"));
  EXPECT_EQ(Kg("centrality --measure betweenness", "empty.json").exit_code, 1);
}

TEST_F(QueryCliTest, CommunitiesListMembersAndModularity) {
  auto r = Kg("communities");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("modularity"));
  auto json = Kg("--json communities --algorithm label-propagation --min-size 1");
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"members\""));
  EXPECT_EQ(Kg("communities --algorithm magic").exit_code, 2);
  auto empty = Kg("communities", "empty.json");
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_EQ(empty.out, "");
  EXPECT_EQ(empty.err, "kg: the graph has no entities, so no communities\n");
  EXPECT_EQ(Kg("--json communities", "empty.json").exit_code, 1);
  auto negative = Kg("communities --min-size -1");
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_THAT(negative.err, HasSubstr("--min-size: expected a whole number from 1 to"));
  EXPECT_EQ(Kg("communities --seed -1").exit_code, 2);
  EXPECT_EQ(Kg("communities --top 99999999999999999999999").exit_code, 2);
}

TEST_F(QueryCliTest, HugeDepthStopsWhereTheGraphEnds) {
  // SAC's component is seven entities at most four hops away: any larger
  // depth gives the same rows, at once.
  auto four = Kg("neighbors SAC --depth 4");
  ASSERT_EQ(four.exit_code, 0) << four.err;
  auto huge = Kg("neighbors SAC --depth 1000000");
  EXPECT_EQ(huge.exit_code, 0) << huge.err;
  EXPECT_EQ(huge.out, four.out);
  EXPECT_THAT(huge.out, HasSubstr("4      MIIT  -issued->   Plan"));
  EXPECT_EQ(Kg("neighbors SAC --depth 1000000000").out, four.out);
  EXPECT_EQ(Kg("neighbors SAC --depth 1000000001").exit_code, 2);
  EXPECT_EQ(Kg("neighbors Lonely --depth 1000000").exit_code, 1);
}

TEST_F(QueryCliTest, OutputIsDeterministic) {
  for (const char* args : {"--json centrality --measure betweenness --top 0", "--json communities",
                           "--json path SAC MIIT --k 4"}) {
    EXPECT_EQ(Kg(args).out, Kg(args).out) << args;
  }
}

TEST_F(QueryCliTest, ExplainShowsAnEntityAndEveryEdgeWithEvidence) {
  auto r = Kg("explain 'China Electronics Standardisation Institute'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "id:         CESI\n"
            "type:       Organization\n"
            "name:       China Electronics Standardization Institute\n"
            "aliases:    CESI\n"
            "documents:  a.txt\n"
            "\n"
            "2 relation(s):\n"
            "\n"
            "CESI -drafted-> GB 1\n"
            "  a.txt:4\n"
            "    CESI drafted GB 1.\n"
            "\n"
            "CESI -part_of-> MIIT\n"
            "  a.txt:12\n"
            "    CESI part_of MIIT.\n");
  auto dated = Kg("explain 'GB 2'");
  EXPECT_THAT(dated.out, HasSubstr("SAC -issued-> GB 2  date 2022\n  a.txt:7\n"));
  EXPECT_THAT(Kg("explain Lonely").out, HasSubstr("\nno relations\n"));
  auto json = Kg("--json explain CESI");
  EXPECT_THAT(json.out, HasSubstr("\"line\": 12"));
  EXPECT_EQ(Kg("explain Nobody-At-All").exit_code, 1);
}

}  // namespace
}  // namespace kg
