// The viz library on hand-made graphs: selection, label wrapping, escaping,
// CSV fields and in-process rendering.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "viz/csv_writer.h"
#include "viz/dot_writer.h"
#include "viz/renderer.h"
#include "viz/selection.h"
#include "viz/style.h"
#include "viz/xml_text.h"

namespace kg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A -issued(2020)-> P1, A -issued-> P2, B -part_of(2022)-> A, C -drafted-> P1,
// D alone; types: A,B Agency, C Committee, P1,P2 Policy, D Law.
class VizSelectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add("A", EntityType::kAgency, "a.txt");
    Add("B", EntityType::kAgency, "b.txt");
    Add("C", EntityType::kCommittee, "b.txt");
    Add("D", EntityType::kLaw, "a.txt");
    Add("P1", EntityType::kPolicy, "a.txt");
    Add("P2", EntityType::kPolicy, "a.txt");
    Link("A", Relation::kIssued, "P1", "2020", "a.txt");
    Link("A", Relation::kIssued, "P2", "", "a.txt");
    Link("B", Relation::kPartOf, "A", "2022-05", "b.txt");
    Link("C", Relation::kDrafted, "P1", "", "b.txt");
  }

  void Add(const std::string& id, EntityType type, const std::string& doc) {
    EntityNode n;
    n.id = id;
    n.type = type;
    n.name = "Name of " + id;
    n.docs = {doc};
    graph_.AddEntity(n);
  }

  void Link(const std::string& s, Relation r, const std::string& t, const std::string& date,
            const std::string& doc) {
    RelationEdge e;
    e.relation = r;
    e.date = date;
    e.evidence = {Evidence{doc, 1, s + " " + t}};
    graph_.AddRelation(*graph_.FindById(s), *graph_.FindById(t), e);
  }

  Vertex V(const std::string& id) { return *graph_.FindById(id); }

  // The ids of the selected vertices, and "S-relation-T" for each edge.
  std::vector<std::string> Ids(const SelectionOptions& o) {
    Selection s;
    std::string error;
    EXPECT_TRUE(SelectSubgraph(graph_, o, &s, &error)) << error;
    std::vector<std::string> out;
    for (Vertex v : s.vertices) out.push_back(graph_.node(v).id);
    return out;
  }

  std::vector<std::string> Edges(const SelectionOptions& o) {
    Selection s;
    std::string error;
    EXPECT_TRUE(SelectSubgraph(graph_, o, &s, &error)) << error;
    const GraphStorage& g = graph_.storage();
    std::vector<std::string> out;
    for (Edge e : s.edges) {
      out.push_back(g[boost::source(e, g)].id + "-" + std::string(ToString(g[e].relation)) + "-" +
                    g[boost::target(e, g)].id);
    }
    return out;
  }

  KnowledgeGraph graph_;
};

TEST_F(VizSelectionTest, DefaultSelectsEverythingInIdOrder) {
  SelectionOptions o;
  EXPECT_FALSE(IsRestricted(o));
  EXPECT_THAT(Ids(o), ElementsAre("A", "B", "C", "D", "P1", "P2"));
  EXPECT_THAT(Edges(o), ElementsAre("A-issued-P1", "A-issued-P2", "B-part_of-A", "C-drafted-P1"));
}

TEST_F(VizSelectionTest, FocusFollowsEdgesBothWaysUpToDepth) {
  SelectionOptions o;
  o.focus = V("A");
  o.depth = 1;
  EXPECT_THAT(Ids(o), ElementsAre("A", "B", "P1", "P2"));
  o.depth = 2;
  EXPECT_THAT(Ids(o), ElementsAre("A", "B", "C", "P1", "P2"));
  o.depth = 0;
  EXPECT_THAT(Ids(o), ElementsAre("A"));
}

TEST_F(VizSelectionTest, FocusKeepsItsCentreWhateverTheTypeFilter) {
  SelectionOptions o;
  o.focus = V("A");
  o.types = {EntityType::kPolicy};
  EXPECT_THAT(Ids(o), ElementsAre("A", "P1", "P2"));
}

TEST_F(VizSelectionTest, PathSelectsTheNodesOnTheShortestPath) {
  SelectionOptions o;
  o.path = std::make_pair(V("B"), V("C"));
  EXPECT_THAT(Ids(o), ElementsAre("A", "B", "C", "P1"));
  EXPECT_THAT(Edges(o), ElementsAre("A-issued-P1", "B-part_of-A", "C-drafted-P1"));
}

TEST_F(VizSelectionTest, PathWithoutConnectionIsAnError) {
  SelectionOptions o;
  o.path = std::make_pair(V("A"), V("D"));
  Selection s;
  std::string error;
  EXPECT_FALSE(SelectSubgraph(graph_, o, &s, &error));
  EXPECT_EQ(error, "no path between A and D");
}

TEST_F(VizSelectionTest, TopKeepsTheMostCentralWithTiesById) {
  SelectionOptions o;
  o.top = 2;
  o.measure = CentralityMeasure::kDegree;
  // Degrees: A 3, P1 2, then B, C, P2 1.
  EXPECT_THAT(Ids(o), ElementsAre("A", "P1"));
}

TEST_F(VizSelectionTest, RelationFilterDropsEntitiesLeftWithoutEdges) {
  SelectionOptions o;
  o.relations = {Relation::kIssued};
  EXPECT_THAT(Ids(o), ElementsAre("A", "P1", "P2"));
  EXPECT_THAT(Edges(o), ElementsAre("A-issued-P1", "A-issued-P2"));
}

TEST_F(VizSelectionTest, DateBoundsKeepOnlyDatedEdgesInRange) {
  SelectionOptions o;
  o.since = "2021";
  EXPECT_THAT(Edges(o), ElementsAre("B-part_of-A"));
  o.since = "";
  o.until = "2021-12";
  EXPECT_THAT(Edges(o), ElementsAre("A-issued-P1"));
}

TEST_F(VizSelectionTest, DocKeepsEntitiesAndEvidenceOfThatDocument) {
  SelectionOptions o;
  o.doc = "b.txt";
  EXPECT_THAT(Ids(o), ElementsAre("B", "C"));
  EXPECT_THAT(Edges(o), ElementsAre());
}

TEST_F(VizSelectionTest, MinDegreeAndTypes) {
  SelectionOptions o;
  o.min_degree = 2;
  EXPECT_THAT(Ids(o), ElementsAre("A", "P1"));
  o.min_degree = 0;
  o.types = {EntityType::kAgency, EntityType::kLaw};
  EXPECT_THAT(Ids(o), ElementsAre("A", "B", "D"));
  EXPECT_THAT(Edges(o), ElementsAre("B-part_of-A"));
}

TEST_F(VizSelectionTest, EmptySelectionIsAnError) {
  SelectionOptions o;
  o.types = {EntityType::kPerson};
  Selection s;
  std::string error;
  EXPECT_FALSE(SelectSubgraph(graph_, o, &s, &error));
  EXPECT_EQ(error, "no entity matches the selection");
}

TEST_F(VizSelectionTest, ComponentsAndSelectedGraph) {
  Selection s;
  std::string error;
  ASSERT_TRUE(SelectSubgraph(graph_, SelectionOptions{}, &s, &error));
  EXPECT_EQ(CountComponents(graph_, s), 2u);  // {A,B,C,P1,P2} and {D}
  SelectionOptions o;
  o.relations = {Relation::kIssued};
  ASSERT_TRUE(SelectSubgraph(graph_, o, &s, &error));
  KnowledgeGraph sub = SelectedGraph(graph_, s);
  EXPECT_EQ(sub.num_entities(), 3u);
  EXPECT_EQ(sub.num_relations(), 2u);
}

TEST(WrapLabelTest, BreaksAtSpacesAndCutsWithEllipsis) {
  EXPECT_EQ(WrapLabel("State Administration for Market Regulation", 24, 4),
            "State Administration for\nMarket Regulation");
  EXPECT_EQ(WrapLabel("one two three four five six", 9, 2), "one two\nthree…");
  EXPECT_EQ(WrapLabel("  a \n\t b  ", 10, 2), "a b");
}

TEST(WrapLabelTest, CountsChineseAsTwoColumnsAndNeverSplitsACharacter) {
  EXPECT_EQ(WrapLabel("国家市场监督管理总局", 8, 3), "国家市场\n监督管理\n总局");
  EXPECT_EQ(WrapLabel("国家市场监督管理总局", 8, 1), "国家市…");
}

TEST(EscapeDotStringTest, EscapesQuotesBackslashesAmpersandsAndNewlines) {
  EXPECT_EQ(EscapeDotString("a\"b\\N&c\nd\re\x01"), "a\\\"b\\\\N&amp;c\\nde ");
  EXPECT_EQ(EscapeDotString("国家 😀 <b>"), "国家 😀 <b>");
}

TEST(EscapeXmlTest, EscapesMarkupAndControlCharacters) {
  EXPECT_EQ(EscapeXml("<a href=\"x\">'&'</a>\n\x02"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;&#10; ");
}

TEST(CsvFieldTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "two lines");
  EXPECT_EQ(CsvField(" pad"), "\" pad\"");
}

TEST(CsvOutputPathsTest, DirectoryOrPrefix) {
  EXPECT_EQ(CsvOutputPaths("out/").nodes, "out/nodes.csv");
  EXPECT_EQ(CsvOutputPaths("out/").edges, "out/edges.csv");
  EXPECT_EQ(CsvOutputPaths("/no/such/kg").nodes, "/no/such/kg.nodes.csv");
  EXPECT_EQ(CsvOutputPaths("/tmp").edges, "/tmp/edges.csv");
}

TEST(RendererTest, FormatFromExtensionAndDefaultLayout) {
  EXPECT_EQ(ImageFormatFromPath("a/b.SVG"), ImageFormat::kSvg);
  EXPECT_EQ(ImageFormatFromPath("x.png"), ImageFormat::kPng);
  EXPECT_EQ(ImageFormatFromPath("x.pdf"), ImageFormat::kPdf);
  EXPECT_EQ(ImageFormatFromPath("x.jpg"), std::nullopt);
  EXPECT_EQ(ImageFormatFromPath("dir.svg/x"), std::nullopt);
  EXPECT_EQ(DefaultLayout(20, 30, 1), "dot");
  EXPECT_EQ(DefaultLayout(20, 10, 8), "neato");
  EXPECT_EQ(DefaultLayout(61, 60, 1), "sfdp");
}

TEST(RendererTest, RendersSvgInProcess) {
  RenderedImage image;
  std::string error;
  ASSERT_TRUE(RenderDot("digraph { a -> b [label=\"x &amp; y\"]; }", "dot", ImageFormat::kSvg,
                        &image, &error))
      << error;
  EXPECT_THAT(image.data, HasSubstr("<svg"));
  EXPECT_THAT(image.data, HasSubstr(">x &amp; y</text>"));
  EXPECT_TRUE(image.warnings.empty());
}

TEST(RendererTest, RendersPngAndPdf) {
  RenderedImage png, pdf;
  std::string error;
  ASSERT_TRUE(RenderDot("digraph { a -> b; }", "neato", ImageFormat::kPng, &png, &error)) << error;
  EXPECT_EQ(png.data.substr(1, 3), "PNG");
  ASSERT_TRUE(RenderDot("digraph { a -> b; }", "dot", ImageFormat::kPdf, &pdf, &error)) << error;
  EXPECT_EQ(pdf.data.substr(0, 5), "%PDF-");
}

TEST(RendererTest, ReportsGraphvizSyntaxErrors) {
  RenderedImage image;
  std::string error;
  EXPECT_FALSE(RenderDot("digraph { a -> ; }", "dot", ImageFormat::kSvg, &image, &error));
  EXPECT_THAT(error, HasSubstr("Graphviz could not read the DOT text"));
  EXPECT_THAT(error, HasSubstr("syntax error in line 1"));
  EXPECT_FALSE(RenderDot("digraph { a; }", "nope", ImageFormat::kSvg, &image, &error));
  EXPECT_EQ(error, "unknown layout \"nope\"");
}

}  // namespace
}  // namespace kg
