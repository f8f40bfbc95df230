// Crafted sentences (not taken from the corpus) with the exact entities and
// edges the extractor must find, one test per pattern family and relation.
#include "extract/extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "extract/extraction_json.h"
#include "extract/name_key.h"
#include "extract/rules.h"
#include "tests/test_support.h"

namespace kg {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

DocumentExtraction ExtractText(const std::string& text) {
  return testing::ProjectExtractor().Extract("t.txt", text);
}

// The entity any of whose names folds to the key of `name`, or nullptr.
const ExtractedEntity* Find(const DocumentExtraction& d, const std::string& name) {
  std::string key = NameKey(name);
  for (const ExtractedEntity& e : d.entities) {
    if (NameKey(e.id) == key || NameKey(e.name) == key) return &e;
    for (const std::string& a : e.aliases) {
      if (NameKey(a) == key) return &e;
    }
  }
  return nullptr;
}

// Every relation as "subject -relation-> object" with entity ids.
std::set<std::string> Edges(const DocumentExtraction& d) {
  std::set<std::string> out;
  for (const ExtractedRelation& r : d.relations) {
    out.insert(r.subject + " -" + std::string(ToString(r.relation)) + "-> " + r.object);
  }
  return out;
}

// The ids of the entities found.
std::set<std::string> EntityIds(const DocumentExtraction& d) {
  std::set<std::string> out;
  for (const ExtractedEntity& e : d.entities) out.insert(e.id);
  return out;
}

// The names of the entities found.
std::set<std::string> EntityNames(const DocumentExtraction& d) {
  std::set<std::string> out;
  for (const ExtractedEntity& e : d.entities) out.insert(e.name);
  return out;
}

const ExtractedRelation* FindEdge(const DocumentExtraction& d, const std::string& subject,
                                  Relation relation, const std::string& object) {
  for (const ExtractedRelation& r : d.relations) {
    if (r.subject == subject && r.relation == relation && r.object == object) return &r;
  }
  return nullptr;
}

TEST(ExtractorTest, ActiveIssuanceWithDateAndEvidence) {
  DocumentExtraction d = ExtractText(
      "Intro.\nOn 5 March 2024, the Ministry of Transport released the Measures for the "
      "Administration of Port Pilotage.\n");
  const ExtractedEntity* law = Find(d, "Measures for the Administration of Port Pilotage");
  ASSERT_NE(law, nullptr);
  EXPECT_EQ(law->type, EntityType::kLaw);
  EXPECT_THAT(Edges(d), UnorderedElementsAre(
                            "MOT -issued-> Measures for the Administration of Port Pilotage"));
  const ExtractedRelation* r = FindEdge(d, "MOT", Relation::kIssued, law->id);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->date, "2024-03-05");
  EXPECT_EQ(r->evidence.line, 2);
  EXPECT_EQ(r->evidence.doc, "t.txt");
}

TEST(ExtractorTest, DatesOfIssuance) {
  // The date printed first in the sentence, in any of the orders and
  // spellings the extractor reads; else "In 2019,"; else none.
  const std::pair<std::string, std::string> kCases[] = {
      {"On 5 March 2024,", "2024-03-05"},
      {"On 21st March, 2021,", "2021-03-21"},
      {"On March 3rd, 2021,", "2021-03-03"},
      {"On MARCH 3 2021,", "2021-03-03"},
      {"on 1 may 2020,", "2020-05-01"},
      {"On 09 September, 2019,", "2019-09-09"},
      {"On August 15th 2021,", "2021-08-15"},
      {"In May of 2022,", "2022-05"},
      {"Since April 2020,", "2020-04"},
      {"From June 2023 onwards,", "2023-06"},
      {"On 31 December 2020 and 1 January 2021,", "2020-12-31"},
      {"After the 2 March 2021 meeting, on 4 April 2022,", "2021-03-02"},
      {"On 123 March 2021,", ""},
      {"On 5 March 20215,", ""},
      {"On 3 June2021,", ""},
      {"On 7th of March 2021,", ""},
      {"Ref5 March 2021,", ""},
      {"In 2019,", "2019"},
      {"In 2019, on 5 Marchx 2021", "2019"},
  };
  for (const auto& [opening, date] : kCases) {
    DocumentExtraction d = ExtractText(opening +
                                       " the Ministry of Transport released the Measures for the "
                                       "Administration of Port Pilotage.");
    const ExtractedRelation* r =
        FindEdge(d, "MOT", Relation::kIssued, "Measures for the Administration of Port Pilotage");
    ASSERT_NE(r, nullptr) << opening;
    EXPECT_EQ(r->date, date) << opening;
  }
}

TEST(ExtractorTest, PassiveIssuanceAndAcronymDefinition) {
  DocumentExtraction d = ExtractText(
      "The Outline for the Development of Smart Ports was issued by the National Development "
      "and Reform Commission (NDRC) in May 2022.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("NDRC -issued-> Outline for the Development of Smart Ports"));
  EXPECT_EQ(Find(d, "Outline for the Development of Smart Ports")->type, EntityType::kPolicy);
  EXPECT_EQ(d.relations[0].date, "2022-05");
}

TEST(ExtractorTest, JointIssuanceGivesOneEdgePerIssuer) {
  DocumentExtraction d = ExtractText(
      "The Ministry of Education, the Ministry of Finance and the National Health Commission "
      "jointly issued the Guidelines on School Canteen Safety.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("MOE -issued-> Guidelines on School Canteen Safety",
                                             "MOF -issued-> Guidelines on School Canteen Safety",
                                             "NHC -issued-> Guidelines on School Canteen Safety"));
}

TEST(ExtractorTest, BodyJustSetUpIsNotTheNextVerbsSubject) {
  DocumentExtraction d = ExtractText(
      "Ningbo has set up a Harbour Safety Standardisation General Group led by experts, and "
      "formulated the Plan on Pilot Fees.");
  ASSERT_NE(Find(d, "Harbour Safety Standardisation General Group"), nullptr);
  EXPECT_THAT(Edges(d), IsEmpty());
}

TEST(ExtractorTest, SlashBeforeADepartmentIsNotAList) {
  DocumentExtraction d = ExtractText(
      "MOT/Maritime Safety Bureau released the Guide on Pilot Fees. SAMR/SAC issued the Notice on "
      "Crane Labels.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("Maritime Safety Bureau -issued-> Guide on Pilot Fees",
                                             "SAMR -issued-> Notice on Crane Labels",
                                             "SAC -issued-> Notice on Crane Labels"));
}

TEST(ExtractorTest, CoIssuersNamedInTheNextSentence) {
  DocumentExtraction d = ExtractText(
      "On 2 May 2022, the Notice on Harbour Fees was jointly issued by the Ministry of Transport "
      "with two other ministries. These other two ministries are the NDRC and SAMR. The NDRC "
      "and SAMR welcomed it.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("MOT -issued-> Notice on Harbour Fees",
                                             "NDRC -issued-> Notice on Harbour Fees",
                                             "SAMR -issued-> Notice on Harbour Fees"));
  for (const ExtractedRelation& r : d.relations) EXPECT_EQ(r.date, "2022-05-02");
}

TEST(ExtractorTest, ListedTitlesWithAppositions) {
  DocumentExtraction d = ExtractText(
      "The China Ports Association drafted “Test Method for Crane Cables”, an industry standard, "
      "and “Safety Requirements for Harbour Cranes”, a national standard.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre(
                  "China Ports Association -drafted-> Test Method for Crane Cables",
                  "China Ports Association -drafted-> Safety Requirements for Harbour Cranes"));
}

TEST(ExtractorTest, CommaAloneBeforeTheVerbIsNotAList) {
  DocumentExtraction d = ExtractText(
      "Under the guidance of the Ministry of Finance, the National Health Commission issued the "
      "Catalogue of Rare Diseases.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("NHC -issued-> Catalogue of Rare Diseases"));
}

TEST(ExtractorTest, ObjectBeyondAClauseIsNotTheVerbs) {
  DocumentExtraction d = ExtractText(
      "CNIS published a set of guidelines, with a view to implementing the Metrology Law. CESI "
      "developed two standards, namely \"Test Methods for Smart Locks\" and \"Safety "
      "Requirements for Smart Locks\".");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("CESI -drafted-> Test Methods for Smart Locks",
                                   "CESI -drafted-> Safety Requirements for Smart Locks"));
}

TEST(ExtractorTest, SentenceCaseTitleBeforeADraftNote) {
  DocumentExtraction d = ExtractText(
      "On 3 July 2022, the Ministry of Commerce issued the Measures for export licence "
      "management of dual-use items (Draft for Comments).");
  const ExtractedEntity* law = Find(d, "Measures for export licence management of dual-use items");
  ASSERT_NE(law, nullptr);
  EXPECT_EQ(law->type, EntityType::kLaw);
  EXPECT_THAT(Edges(d), UnorderedElementsAre(
                            "MOFCOM -issued-> Measures for export licence management of dual-use "
                            "items"));
}

// A new extractor of the project's rules, not the one the tests share.
std::unique_ptr<Extractor> NewProjectExtractor() {
  Rules rules;
  std::string error;
  EXPECT_TRUE(LoadRules(testing::RulesDir(), &rules, &error)) << error;
  std::unique_ptr<Extractor> extractor = Extractor::Create(rules, &error);
  EXPECT_NE(extractor, nullptr) << error;
  return extractor;
}

TEST(ExtractorTest, WarmingUpInBackgroundChangesNoResult) {
  // The largest rule patterns (titles before a draft note) and a trigger,
  // run while the reverse programs are being built on the other thread.
  const std::string text =
      "On 3 July 2022, the Ministry of Commerce issued the Measures for export licence "
      "management of dual-use items (Draft for Comments). The draft was prepared by "
      "SAC/TC260, which is under the SAC.";
  std::string expected = ExtractionToJsonLine(testing::ProjectExtractor().Extract("t.txt", text));
  std::unique_ptr<Extractor> extractor = NewProjectExtractor();
  ASSERT_NE(extractor, nullptr);
  extractor->WarmUpInBackground();
  EXPECT_EQ(ExtractionToJsonLine(extractor->Extract("t.txt", text)), expected);
  extractor->WarmUpInBackground();  // a second call starts nothing more
  EXPECT_EQ(ExtractionToJsonLine(extractor->Extract("t.txt", text)), expected);
}

TEST(ExtractorTest, AnExtractorWarmingUpMayBeDestroyedAtOnce) {
  // Under AddressSanitizer, a warm-up thread left reading the regexes of a
  // destroyed extractor is a use after free.
  for (int i = 0; i < 3; ++i) {
    std::unique_ptr<Extractor> extractor = NewProjectExtractor();
    ASSERT_NE(extractor, nullptr);
    extractor->WarmUpInBackground();
    extractor.reset();
  }
}

TEST(ExtractorTest, TitleWithABracketedAcronymInside) {
  DocumentExtraction d = ExtractText(
      "TC268 published the Key Points of Autonomous Mobile Robots (AMR) Standardization in 2025.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("TC268 -issued-> Key Points of Autonomous Mobile Robots (AMR) "
                                   "Standardization in 2025"));
}

// The bracketed acronym joins a title after its second word or later,
// never after its first.
TEST(ExtractorTest, BracketedAcronymJoinsATitleOnlyAfterItsFirstWord) {
  DocumentExtraction d = ExtractText(
      "Vehicles (ICV) Standardization Group met. The Smart Vehicles (ICV) Standardization Group "
      "met.");
  std::set<std::string> ids = EntityIds(d);
  EXPECT_THAT(ids, UnorderedElementsAre("Standardization Group",
                                        "Smart Vehicles (ICV) Standardization Group"));
}

TEST(ExtractorTest, HeadlineWithVerb) {
  DocumentExtraction d = ExtractText("# SAMR Publishes Guidelines for Product Recall Management\n");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("SAMR -issued-> Guidelines for Product Recall Management"));
}

TEST(ExtractorTest, AppositionGivesAffiliationWithRole) {
  DocumentExtraction d = ExtractText(
      "Zhang Wei, Deputy Director of the China Association for Standardization (CAS), opened "
      "the meeting.");
  const ExtractedEntity* person = Find(d, "Zhang Wei");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type, EntityType::kPerson);
  const ExtractedRelation* r = FindEdge(d, "Zhang Wei", Relation::kAffiliatedWith, "CAS");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->role, "Deputy Director");
}

TEST(ExtractorTest, TitledPersonAndFromOrganisation) {
  DocumentExtraction d = ExtractText("Ms. Karin HU from ETSI presented the roadmap.");
  const ExtractedEntity* person = Find(d, "Karin HU");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->name, "Karin HU");
  EXPECT_THAT(person->aliases, Contains("Ms. Karin HU"));
  EXPECT_THAT(Edges(d), UnorderedElementsAre("Karin HU -affiliated_with-> ETSI"));
}

TEST(ExtractorTest, CapitalisedSurnameEndsAGivenNameFirstName) {
  DocumentExtraction d = ExtractText("Speakers: Dr. Anna ZHOU Language: English.");
  ASSERT_EQ(d.entities.size(), 1u);
  EXPECT_EQ(d.entities[0].name, "Anna ZHOU");
  EXPECT_THAT(d.entities[0].aliases, UnorderedElementsAre("Dr. Anna ZHOU"));
}

TEST(ExtractorTest, PeopleWithBracketedRolesShareTheirOrganisation) {
  DocumentExtraction d = ExtractText(
      "Mr. Pierre Dubois (Secretary General) and Mrs. Ana Costa (Head of Policy) of the European "
      "Committee for Standardization visited Shanghai.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("Pierre Dubois -affiliated_with-> CEN",
                                             "Ana Costa -affiliated_with-> CEN"));
  EXPECT_EQ(FindEdge(d, "Ana Costa", Relation::kAffiliatedWith, "CEN")->role, "Head of Policy");
}

TEST(ExtractorTest, SurnameFirstPersonNameVariantsAreOneEntity) {
  DocumentExtraction d = ExtractText(
      "Professor LIU Yang opened the session. Later LIU Yang, Chair of ISO/TC 207, spoke again.");
  const ExtractedEntity* person = Find(d, "LIU Yang");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->name, "LIU Yang");
  EXPECT_THAT(person->aliases, Contains("Professor LIU Yang"));
  EXPECT_THAT(Edges(d), Contains("LIU Yang -affiliated_with-> ISO/TC 207"));
}

TEST(ExtractorTest, AcronymAfterFullNameDefinesAnOrganisation) {
  DocumentExtraction d = ExtractText(
      "The Shenzhen Institute of Standards and Technology (SIST) drafted GB/T 41234-2022. Later "
      "SIST hosted a seminar.");
  const ExtractedEntity* org = Find(d, "SIST");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->id, "SIST");
  EXPECT_EQ(org->type, EntityType::kOrganization);
  EXPECT_EQ(org->name, "Shenzhen Institute of Standards and Technology");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("SIST -drafted-> GB/T 41234-2022"));
}

// A name the document defines is found again however it is spelt
// (-isation/-ization) or spaced, and not inside a longer word.
TEST(ExtractorTest, DefinedNameFoundWhateverItsSpellingAndSpacing) {
  DocumentExtraction d = ExtractText(
      "The Zhejiang Robotics Standardization Alliance (ZRSA) was founded in Hangzhou. The "
      "Zhejiang  Robotics\tStandardisation Alliance released the Guidelines for Robot Safety. "
      "ZRSAX is another body.");
  const ExtractedEntity* org = Find(d, "ZRSA");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->id, "ZRSA");
  EXPECT_EQ(org->name, "Zhejiang Robotics Standardization Alliance");
  EXPECT_EQ(Find(d, "Zhejiang Robotics Standardisation Alliance"), org);
  EXPECT_EQ(Find(d, "ZRSAX"), nullptr);
  EXPECT_THAT(Edges(d), UnorderedElementsAre("ZRSA -issued-> Guidelines for Robot Safety"));
}

TEST(ExtractorTest, AcronymBeforeFullName) {
  DocumentExtraction d =
      ExtractText("CSTC (China Smart Textile Consortium) published T/CSTC 12-2023.");
  const ExtractedEntity* org = Find(d, "China Smart Textile Consortium");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->id, "CSTC");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("CSTC -issued-> T/CSTC 12-2023"));
}

TEST(ExtractorTest, AbbreviationTableGivesChineseAliases) {
  DocumentExtraction d = ExtractText(
      "Abbreviations\n\nNIM National Institute of Metrology 中国计量科学研究院\n\nCCC China "
      "Compulsory Certification 中国强制性产品认证\n\nContents\n\nNIM calibrated the clocks.\n");
  const ExtractedEntity* nim = Find(d, "NIM");
  ASSERT_NE(nim, nullptr);
  EXPECT_EQ(nim->name, "National Institute of Metrology");
  EXPECT_THAT(nim->aliases, Contains("中国计量科学研究院"));
  // A certification scheme has no head word of a body: not an entity.
  EXPECT_EQ(Find(d, "CCC"), nullptr);
}

TEST(ExtractorTest, AbbreviationTableRowsGiveOnlyTheirBodies) {
  // "MT" is not a short form the rules know, but its full name is; the second
  // line of the HPTC row must not become a name of its own.
  DocumentExtraction d = ExtractText(
      "Abbreviations\n\nMT Ministry of Transport 交通运输部\n\nHPTC Harbour Pilot Training\n\n"
      "Centre of Ningbo\n\nContents\n\nMT praised the work of HPTC.\n");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(names, UnorderedElementsAre("Ministry of Transport",
                                          "Harbour Pilot Training Centre of Ningbo"));
  const ExtractedEntity* mot = Find(d, "MT");
  ASSERT_NE(mot, nullptr);
  EXPECT_EQ(mot->type, EntityType::kAgency);
  EXPECT_EQ(Find(d, "Ministry of Transport"), mot);
}

TEST(ExtractorTest, AbbreviationTablePrintedWithMarkup) {
  DocumentExtraction d = ExtractText(
      "## Abbreviations\n\n<b>HPTC</b>\tHarbour Pilot Training Centre\t引航培训中心\n"
      "<b>MT</b>\tMinistry of Transport\n\nHPTC trains pilots.\n");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(names,
              UnorderedElementsAre("Harbour Pilot Training Centre", "Ministry of Transport"));
  ASSERT_NE(Find(d, "HPTC"), nullptr);
  EXPECT_THAT(Find(d, "HPTC")->aliases, Contains("引航培训中心"));
}

TEST(ExtractorTest, CommitteeCodesWithAndWithoutParentPrefix) {
  DocumentExtraction d = ExtractText(
      "SAC/TC 28 oversees many groups. SAC/TC28/SC42 is the mirror committee of ISO/IEC JTC "
      "1/SC 42. TC28 met in Beijing.");
  const ExtractedEntity* tc28 = Find(d, "SAC/TC 28");
  ASSERT_NE(tc28, nullptr);
  EXPECT_EQ(tc28->type, EntityType::kCommittee);
  EXPECT_EQ(Find(d, "TC28"), tc28);
  // Parents printed in a code are bodies of the rules: SAC, ISO/IEC JTC 1.
  EXPECT_THAT(Edges(d), UnorderedElementsAre("TC28/SC42 -mirrors-> ISO/IEC JTC 1/SC 42",
                                             "TC28/SC42 -part_of-> TC28", "TC28 -part_of-> SAC",
                                             "ISO/IEC JTC 1/SC 42 -part_of-> ISO/IEC JTC 1"));
}

TEST(ExtractorTest, SectorCommitteeAndBareNumberAreOneEntity) {
  DocumentExtraction d = ExtractText("CCSA TC5 met in Xi'an. TC5 approved nine drafts.");
  const ExtractedEntity* tc5 = Find(d, "CCSA TC5");
  ASSERT_NE(tc5, nullptr);
  EXPECT_EQ(Find(d, "TC5"), tc5);
  EXPECT_EQ(tc5->id, "CCSA TC5");
}

TEST(ExtractorTest, CommitteeNamedInFullWithCodeInBrackets) {
  DocumentExtraction d = ExtractText(
      "The National Technical Committee on Food Packaging (SAC/TC 397) published the Guide for "
      "Food Contact Paper Labels.");
  const ExtractedEntity* tc = Find(d, "National Technical Committee on Food Packaging");
  ASSERT_NE(tc, nullptr);
  EXPECT_EQ(tc->type, EntityType::kCommittee);
  EXPECT_EQ(Find(d, "TC397"), tc);
  EXPECT_THAT(Edges(d), Contains(tc->id + " -issued-> Guide for Food Contact Paper Labels"));
}

TEST(ExtractorTest, CommitteeCodeFollowedByItsNameInBrackets) {
  DocumentExtraction d = ExtractText(
      "The SAC/TC 999 (National Technical Committee on Harbour Cranes) met in Dalian. "
      "CCSATC77 (Maritime Radio Technical Committee) held its first meeting.");
  const ExtractedEntity* cranes = Find(d, "TC999");
  ASSERT_NE(cranes, nullptr);
  EXPECT_EQ(Find(d, "National Technical Committee on Harbour Cranes"), cranes);
  const ExtractedEntity* radio = Find(d, "CCSA TC77");
  ASSERT_NE(radio, nullptr);
  EXPECT_EQ(radio->id, "CCSA TC77");
  EXPECT_EQ(Find(d, "CCSATC77"), radio);
  EXPECT_EQ(Find(d, "Maritime Radio Technical Committee"), radio);
  // The two committees and SAC and CCSA, whose codes name them as parents.
  EXPECT_EQ(d.entities.size(), 4u);
}

TEST(ExtractorTest, SubgroupsOnlyDescribedWithTheirCodes) {
  DocumentExtraction d = ExtractText(
      "CCSA TC9 was set up last year. This TC will include crane safety working group (WG1) and "
      "harbour pilot training working group (WG2).");
  const ExtractedEntity* wg1 = Find(d, "CCSA TC9 WG1");
  ASSERT_NE(wg1, nullptr);
  EXPECT_EQ(wg1->name, "crane safety working group");
  EXPECT_EQ(wg1->type, EntityType::kCommittee);
  ASSERT_NE(Find(d, "harbour pilot training working group"), nullptr);
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("CCSA TC9 WG1 -part_of-> CCSA TC9",
                                   "CCSA TC9 WG2 -part_of-> CCSA TC9", "CCSA TC9 -part_of-> CCSA"));
}

TEST(ExtractorTest, StandardCodesAreNormalisedAndReplaces) {
  DocumentExtraction d = ExtractText("GB/T35273-2020 replaces GB/T 35273-2017 from 1 October.");
  const ExtractedEntity* s2020 = Find(d, "GB/T 35273-2020");
  ASSERT_NE(s2020, nullptr);
  EXPECT_EQ(s2020->name, "GB/T 35273-2020");
  EXPECT_NE(Find(d, "GB/T 35273-2017"), s2020);
  EXPECT_THAT(Edges(d), UnorderedElementsAre("GB/T 35273-2020 -replaces-> GB/T 35273-2017"));
}

TEST(ExtractorTest, OneDigitStandardCodesNeedTheirYear) {
  DocumentExtraction d =
      ExtractText("SAC issued GB/T 1.1-2020 and GB 3-2019. Chapter GB 7 was cited.");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(names, UnorderedElementsAre("Standardization Administration of China",
                                          "GB/T 1.1-2020", "GB 3-2019"));
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("SAC -issued-> GB/T 1.1-2020", "SAC -issued-> GB 3-2019"));
}

TEST(ExtractorTest, IdenticalToIsAdopts) {
  DocumentExtraction d = ExtractText("GB 4943.1-2022 is identical to IEC 62368-1:2018.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("GB 4943.1-2022 -adopts-> IEC 62368-1:2018"));
  EXPECT_EQ(Find(d, "IEC 62368-1")->id, "IEC 62368-1:2018");
}

TEST(ExtractorTest, QuotedStandardTitleAndDrafting) {
  DocumentExtraction d = ExtractText(
      "CESI led the drafting of \"Safety Requirements for Delivery Robots\", a national "
      "standard.");
  const ExtractedEntity* s = Find(d, "Safety Requirements for Delivery Robots");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, EntityType::kStandard);
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("CESI -drafted-> Safety Requirements for Delivery Robots"));
}

TEST(ExtractorTest, QuotedTitlesAreStandardsByTheirWordsOrTheirContext) {
  DocumentExtraction d = ExtractText(
      "Ningbo launched a “Smart Harbour,” campaign with standardized signs. The group approved "
      "“Test Method for Crane Cable Wear” and “Harbour Crane Lighting”. The project "
      "20230145-T-469 was approved.");
  std::set<std::string> names;
  for (const ExtractedEntity& e : d.entities) {
    names.insert(e.name);
    EXPECT_EQ(e.type, EntityType::kStandard) << e.name;
  }
  EXPECT_THAT(names, UnorderedElementsAre("Test Method for Crane Cable Wear", "20230145-T-469"));
}

TEST(ExtractorTest, TitlesWithTheSameWordsAreOneDocument) {
  DocumentExtraction d = ExtractText(
      "The Ministry of Transport issued the Guidelines for the Construction of the Port "
      "Standards System (2022 Version). The Guidelines for the Construction of the Port "
      "Standard System (2022 Edition) cover cranes. The Outline for Harbour Pilotage "
      "Development was published. It differs from the Outline for the Development of "
      "Harbour Pilotage.");
  const ExtractedEntity* guide =
      Find(d, "Guidelines for the Construction of the Port Standards System (2022 Version)");
  ASSERT_NE(guide, nullptr);
  EXPECT_EQ(Find(d, "Guidelines for the Construction of the Port Standard System (2022 Edition)"),
            guide);
  const ExtractedEntity* outline = Find(d, "Outline for Harbour Pilotage Development");
  ASSERT_NE(outline, nullptr);
  EXPECT_EQ(Find(d, "Outline for the Development of Harbour Pilotage"), outline);
  EXPECT_EQ(d.entities.size(), 3u);
}

TEST(ExtractorTest, LawOfThePeoplesRepublicIsTheLaw) {
  DocumentExtraction d = ExtractText(
      "The Harbour Safety Law of the People's Republic of China was revised. The Harbour Safety "
      "Law applies to pilots.");
  ASSERT_EQ(d.entities.size(), 1u);
  EXPECT_EQ(Find(d, "Harbour Safety Law"), &d.entities[0]);
  EXPECT_EQ(d.entities[0].type, EntityType::kLaw);
}

TEST(ExtractorTest, ItsShortTitleIsTheFullTitleSeenBefore) {
  DocumentExtraction d = ExtractText(
      "2021 Work Plan of the Harbour Crane Working Group\n\nOn 3 May, the Harbour Crane Working "
      "Group released its Work Plan for 2021. The group will publish its Work Plan for 2022 "
      "later.\n");
  const ExtractedEntity* plan = Find(d, "Work Plan for 2021");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->name, "2021 Work Plan of the Harbour Crane Working Group");
  const ExtractedEntity* next = Find(d, "Work Plan for 2022");
  ASSERT_NE(next, nullptr);
  EXPECT_NE(next, plan);
  EXPECT_THAT(Edges(d), UnorderedElementsAre("Harbour Crane Working Group -issued-> " + plan->id));
}

TEST(ExtractorTest, YearlessCodeNamesTheLatestEdition) {
  DocumentExtraction d =
      ExtractText("GB/T 1111-2021 replaces GB/T 1111-2009. Both editions cite GB/T 2222-2015.");
  const ExtractedEntity* latest = Find(d, "GB/T 1111");
  ASSERT_NE(latest, nullptr);
  EXPECT_EQ(latest->name, "GB/T 1111-2021");
  const ExtractedEntity* old = Find(d, "GB/T 1111-2009");
  ASSERT_NE(old, nullptr);
  EXPECT_THAT(old->aliases, IsEmpty());
  EXPECT_EQ(Find(d, "GB/T 2222")->name, "GB/T 2222-2015");
  EXPECT_THAT(Edges(d), UnorderedElementsAre("GB/T 1111-2021 -replaces-> GB/T 1111-2009"));
}

TEST(ExtractorTest, HeadlineTitlesMustOpenWithTheirHeadWord) {
  // A headline that is only a law's name, "... Law", is that law.
  DocumentExtraction d = ExtractText(
      "Ningbo Fleshes Out Detailed Regulation on Harbour Pilots\n\nAnnual Report on Harbour "
      "Safety (2022)\n\nHarbour Pilotage Law (revision)\n\nOn 3 May 2023, the Ministry of "
      "Transport released the Notice on Harbour Pilot Training.\n");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(
      names, UnorderedElementsAre("Ministry of Transport", "Annual Report on Harbour Safety (2022)",
                                  "Harbour Pilotage Law", "Notice on Harbour Pilot Training"));
}

TEST(ExtractorTest, BodiesNeedANameWordAndEndWithTheirHeadWord) {
  // Head words alone are generic; a head word followed by other nouns
  // ("Association ... Platform") names something else; demonstration
  // projects are activities, not bodies.
  DocumentExtraction d = ExtractText(
      "The Special Working Group met in May. The National Association Standards Information "
      "Platform lists 900 entries. The Harbour Demonstration Project of Ningbo Port started. The "
      "China Ports Association issued the Notice on Pilot Fees.");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(names, UnorderedElementsAre("China Ports Association", "Notice on Pilot Fees"));
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("China Ports Association -issued-> Notice on Pilot Fees"));
}

TEST(ExtractorTest, QuotedSentencesAndPlanningPeriodsAreNotTitles) {
  DocumentExtraction d = ExtractText(
      "The notice says, “Support the training of harbour pilots according to laws”. Ports met "
      "their “13th Five-Year Plan” targets. The port office drafted the “Administrative "
      "measures for harbour data”.");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(names, UnorderedElementsAre("Administrative measures for harbour data"));
  EXPECT_EQ(Find(d, "Administrative measures for harbour data")->type, EntityType::kLaw);
}

TEST(ExtractorTest, TheLongestHeadWordDecidesTheType) {
  DocumentExtraction d = ExtractText(
      "The Leading Group for Harbour Safety met on Monday. The Ningbo Municipal Committee of the "
      "Communist Party of China and the National Crane Standardisation Group attended.");
  const ExtractedEntity* group = Find(d, "Leading Group for Harbour Safety");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->type, EntityType::kAgency);
  const ExtractedEntity* party =
      Find(d, "Ningbo Municipal Committee of the Communist Party of China");
  ASSERT_NE(party, nullptr);
  EXPECT_EQ(party->type, EntityType::kAgency);
  const ExtractedEntity* cranes = Find(d, "National Crane Standardisation Group");
  ASSERT_NE(cranes, nullptr);
  EXPECT_EQ(cranes->type, EntityType::kCommittee);
}

TEST(ExtractorTest, QuotedTitlesCalledStandardsAreStandards) {
  DocumentExtraction d = ExtractText(
      "The institute drafted the national standards of “Guidelines for Crane Safety” last year. "
      "It wrote “Crane Inspection Rules”, an industry standard. The ministry issued the “Rules for "
      "Crane Operators”.");
  ASSERT_NE(Find(d, "Guidelines for Crane Safety"), nullptr);
  EXPECT_EQ(Find(d, "Guidelines for Crane Safety")->type, EntityType::kStandard);
  ASSERT_NE(Find(d, "Crane Inspection Rules"), nullptr);
  EXPECT_EQ(Find(d, "Crane Inspection Rules")->type, EntityType::kStandard);
  ASSERT_NE(Find(d, "Rules for Crane Operators"), nullptr);
  EXPECT_EQ(Find(d, "Rules for Crane Operators")->type, EntityType::kLaw);
}

TEST(ExtractorTest, TitlesIntroducedByTheirKind) {
  DocumentExtraction d = ExtractText(
      "The seminar discussed two white papers: Safety of Harbour Data and Identity Security of "
      "Crane Networks. Association standards: In 2020, 900 groups registered.");
  std::map<std::string, EntityType> types;
  for (const ExtractedEntity& e : d.entities) types[e.name] = e.type;
  using Named = std::pair<const std::string, EntityType>;
  EXPECT_THAT(types, UnorderedElementsAre(
                         Named("Safety of Harbour Data", EntityType::kPolicy),
                         Named("Identity Security of Crane Networks", EntityType::kPolicy)));
}

TEST(ExtractorTest, GenericMentionInTheNextSentenceRefersBack) {
  DocumentExtraction d = ExtractText(
      "On 2 June 2023, the Cyberspace Administration of China published the Provisions on Deep "
      "Synthesis Services. The Provisions were drafted by the Cybersecurity Bureau.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("CAC -issued-> Provisions on Deep Synthesis Services",
                                   "Cybersecurity Bureau -drafted-> Provisions on Deep Synthesis "
                                   "Services"));
}

TEST(ExtractorTest, GenericCommitteeOfAKindHeadedByAndIssuing) {
  DocumentExtraction d = ExtractText(
      "The Harbour Crane Special Working Group was founded in 2019. The Special Working Group is "
      "headed by the minister of MOT. The China Ports Association took the lead in developing "
      "and issuing the Guide on Pilot Fees.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("Harbour Crane Special Working Group -part_of-> MOT",
                                   "China Ports Association -drafted-> Guide on Pilot Fees",
                                   "China Ports Association -issued-> Guide on Pilot Fees"));
}

TEST(ExtractorTest, DraftAndFinalInstrumentAreOneEntity) {
  DocumentExtraction d = ExtractText(
      "The Food Safety Law (Draft 2024) was released by the NPC Standing Committee. The Food "
      "Safety Law takes effect next year.");
  const ExtractedEntity* law = Find(d, "Food Safety Law");
  ASSERT_NE(law, nullptr);
  EXPECT_EQ(law->name, "Food Safety Law");
  EXPECT_THAT(law->aliases, Contains("Food Safety Law (Draft 2024)"));
  EXPECT_THAT(Edges(d), UnorderedElementsAre("NPC Standing Committee -issued-> Food Safety Law"));
}

TEST(ExtractorTest, SpellingVariantsResolveToTheGazetteerEntry) {
  DocumentExtraction d = ExtractText(
      "The Standardisation Administration of China and the State Administration of Market "
      "Regulation met.");
  ASSERT_EQ(d.entities.size(), 2u);
  EXPECT_EQ(Find(d, "Standardisation Administration of China")->id, "SAC");
  EXPECT_EQ(Find(d, "State Administration of Market Regulation")->id, "SAMR");
}

TEST(ExtractorTest, SecretariatEstablishedCooperatesAndUnder) {
  DocumentExtraction d = ExtractText(
      "CNIS holds the secretariat of SAC/TC 146. In 2021, the China Communications Standards "
      "Association set up CCSA TC12. DIN and CNIS signed a memorandum of understanding on smart "
      "manufacturing. The Beijing Institute of Metrology is under the State Administration for "
      "Market Regulation.");
  // The code "CCSA TC12" itself says whose committee it is.
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("CNIS -secretariat_of-> TC146", "CCSA -established-> CCSA TC12",
                                   "CCSA TC12 -part_of-> CCSA", "TC146 -part_of-> SAC",
                                   "CNIS -cooperates_with-> DIN",
                                   "Beijing Institute of Metrology -part_of-> SAMR"));
  EXPECT_EQ(FindEdge(d, "CCSA", Relation::kEstablished, "CCSA TC12")->date, "2021");
}

TEST(ExtractorTest, DepartmentOfAnAgencyIsPartOfIt) {
  DocumentExtraction d = ExtractText(
      "The Market Supervision Department of the Ministry of Commerce issued the Notice on "
      "Cold Chain Logistics.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("Market Supervision Department -part_of-> MOFCOM",
                                   "Market Supervision Department -issued-> Notice on Cold Chain "
                                   "Logistics"));
}

TEST(ExtractorTest, TwoBodiesJoinedByAndAreTwo) {
  DocumentExtraction d = ExtractText(
      "Zhoushan Harbour University and Ningbo Maritime University signed an MoU. The Ministry of "
      "Ecology and Environment agreed.");
  std::set<std::string> names = EntityNames(d);
  EXPECT_THAT(names,
              UnorderedElementsAre("Zhoushan Harbour University", "Ningbo Maritime University",
                                   "Ministry of Ecology and Environment"));
  // cooperates_with is symmetric: one edge, either way round.
  ASSERT_EQ(d.relations.size(), 1u);
  EXPECT_EQ(d.relations[0].relation, Relation::kCooperatesWith);
}

TEST(ExtractorTest, CommasInsideADepartmentsName) {
  DocumentExtraction d = ExtractText(
      "Meanwhile, the Planning, Finance and Statistics Department of the Ministry of Transport "
      "issued the Notice on Harbour Fees.");
  const ExtractedEntity* dept = Find(d, "Planning, Finance and Statistics Department");
  ASSERT_NE(dept, nullptr);
  EXPECT_EQ(dept->type, EntityType::kAgency);
  EXPECT_THAT(Edges(d), UnorderedElementsAre(dept->id + " -issued-> Notice on Harbour Fees",
                                             dept->id + " -part_of-> MOT"));
}

TEST(ExtractorTest, PeopleAfterRolesBodiesBeforeOthersAndParentsInCodes) {
  DocumentExtraction d = ExtractText(
      "Vice Minister Hans Becker welcomed the guests. An MoU between SAC/TC 999 and DIN/NAM "
      "was signed in 2019. Harbour Robotics and other companies joined.");
  std::map<std::string, EntityType> types;
  for (const ExtractedEntity& e : d.entities) types[e.name] = e.type;
  EXPECT_THAT(
      types,
      UnorderedElementsAre(
          std::pair<const std::string, EntityType>("Hans Becker", EntityType::kPerson),
          std::pair<const std::string, EntityType>("SAC/TC 999", EntityType::kCommittee),
          std::pair<const std::string, EntityType>("DIN/NAM", EntityType::kCommittee),
          std::pair<const std::string, EntityType>("Deutsches Institut für Normung",
                                                   EntityType::kOrganization),
          std::pair<const std::string, EntityType>("Standardization Administration of China",
                                                   EntityType::kAgency),
          std::pair<const std::string, EntityType>("Harbour Robotics", EntityType::kOrganization)));
  EXPECT_THAT(Edges(d), UnorderedElementsAre("TC999 -cooperates_with-> DIN/NAM",
                                             "DIN/NAM -part_of-> DIN", "TC999 -part_of-> SAC"));
}

TEST(ExtractorTest, PronounOpeningASentenceRefersToThePreviousSubject) {
  DocumentExtraction d = ExtractText(
      "CNIS trained many auditors this year. It also set up the \"Centre for Green Product "
      "Labelling\" in Hangzhou.");
  EXPECT_THAT(Edges(d),
              UnorderedElementsAre("CNIS -established-> Centre for Green Product Labelling"));
}

TEST(ExtractorTest, PronounSkipsThePeopleWhoSpeakForABody) {
  DocumentExtraction d = ExtractText(
      "Zhou Li, the director of the China Ports Association, said that the association had "
      "grown. It has set up the Harbour Crane Inspection Centre.");
  EXPECT_THAT(Edges(d), UnorderedElementsAre(
                            "Zhou Li -affiliated_with-> China Ports Association",
                            "China Ports Association -established-> Harbour Crane Inspection "
                            "Centre"));
}

TEST(ExtractorTest, NamesListedWithPeopleArePeople) {
  DocumentExtraction d = ExtractText(
      "Dr. Anna Berg, Professor WANG Lei, and Maria Elena Costa were invited. Professor WANG Lei, "
      "Deputy Director of Ningbo Port Institute, spoke.");
  std::set<std::string> people;
  for (const ExtractedEntity& e : d.entities) {
    if (e.type == EntityType::kPerson) people.insert(e.name);
  }
  EXPECT_THAT(people, UnorderedElementsAre("Anna Berg", "WANG Lei", "Maria Elena Costa"));
}

TEST(ExtractorTest, UnknownOrganisationAfterPersonFrom) {
  DocumentExtraction d = ExtractText("Marta Lopez from Quantix Robotics chaired the panel.");
  const ExtractedEntity* org = Find(d, "Quantix Robotics");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->type, EntityType::kOrganization);
  EXPECT_THAT(Edges(d), UnorderedElementsAre("Marta Lopez -affiliated_with-> Quantix Robotics"));
}

TEST(ExtractorTest, EventsAreNotEntities) {
  DocumentExtraction d =
      ExtractText("The Yellow River Basin Market Regulation Joint Conference was held in Jinan.");
  EXPECT_THAT(d.entities, IsEmpty());
}

TEST(ExtractorTest, BodiesHoldingEventsAreEntities) {
  DocumentExtraction d = ExtractText(
      "The 3rd Yangtze Port Cooperation Alliance Conference was held in Wuhan. At the Plenary "
      "Session of the China-France Harbour Cooperation Committee on the 12th, experts spoke. The "
      "Ninth Working Group Meeting ended.");
  std::map<std::string, EntityType> types;
  for (const ExtractedEntity& e : d.entities) types[e.name] = e.type;
  EXPECT_THAT(types,
              UnorderedElementsAre(
                  std::pair<const std::string, EntityType>("Yangtze Port Cooperation Alliance",
                                                           EntityType::kOrganization),
                  std::pair<const std::string, EntityType>(
                      "China-France Harbour Cooperation Committee", EntityType::kCommittee)));
}

TEST(ExtractorTest, TitleEdgesPossessivesArticlesVerbsAndContentsPages) {
  DocumentExtraction d = ExtractText(
      "SAC/TC 99’s Subcommittee 5 on Crane Safety met. Art. 12 of the Harbour Law applies.\n\n"
      "Guidelines for Crane Inspection Released by MOT\n\nNotice on Pilot Fees\t3\tMOT Unveils "
      "New Harbour Administration Measures\t4\n\nThe Crane Testing Working Group met.\n");
  std::map<std::string, EntityType> types;
  for (const ExtractedEntity& e : d.entities) types[e.name] = e.type;
  using Named = std::pair<const std::string, EntityType>;
  EXPECT_THAT(types, UnorderedElementsAre(
                         Named("SAC/TC 99", EntityType::kCommittee),
                         Named("Standardization Administration of China", EntityType::kAgency),
                         Named("Subcommittee 5 on Crane Safety", EntityType::kCommittee),
                         Named("Harbour Law", EntityType::kLaw),
                         Named("Guidelines for Crane Inspection", EntityType::kPolicy),
                         Named("Ministry of Transport", EntityType::kAgency),
                         Named("Notice on Pilot Fees", EntityType::kPolicy),
                         Named("Crane Testing Working Group", EntityType::kCommittee)));
  EXPECT_THAT(Edges(d), Contains("MOT -issued-> Guidelines for Crane Inspection"));
}

TEST(ExtractorTest, GenericMentionsAloneAreNotEntities) {
  DocumentExtraction d =
      ExtractText("The ministry said the plan works. Chinese experts attended the forum.");
  EXPECT_THAT(d.entities, IsEmpty());
  EXPECT_THAT(d.relations, IsEmpty());
}

TEST(ExtractorTest, CommitteeNameInBracketsAfterItsCodeIsAnAlias) {
  // Spaces inside the brackets are not the name's.
  DocumentExtraction d = ExtractText(
      "Intro.\nSAC/TC28 (  National Technical Committee on Information Technology Standardization "
      " ) met in Beijing.\n");
  const ExtractedEntity* tc = Find(d, "SAC/TC28");
  ASSERT_NE(tc, nullptr);
  EXPECT_THAT(tc->aliases,
              Contains("National Technical Committee on Information Technology Standardization"));
}

// Title spans are found by a hand-written scanner in ASCII sentences and by
// the title_span regex in the others (extractor.cc, TitleSpanAt). Sentences
// made of capitalised words, connectors, brackets, digits and odd spacing
// must give the same entities and edges either way; a lower-case word with an
// accent at the end sends a sentence to the regex without touching its titles.
TEST(ExtractorTest, TitleSpansAreTheSameWithAndWithoutTheRegex) {
  const std::vector<std::string> pieces = {
      "Ministry",  "of",    "Industry", "and",      "Information", "Technology", "the",
      "Standards", "for",   "on",       "&",        "(ICV)",       "(AB)",       "(Data)",
      "2025",      "GB/T",  "Plan",     "Measures", "issued",      "by",         "Group",
      "Committee", "TC260", "Smart",    "Vehicles", "released",    "O'Neil",     "e-Gov",
      "with",      "(x)",   "Guide.",   "A+",       "institute",   "SAMR",       "CESI"};
  const std::vector<std::string> spaces = {" ", " ", " ", "  ", "\t", " \t "};
  std::mt19937 random(20261202);
  auto pick = [&random](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(random)];
  };
  for (int sentence = 0; sentence < 300; ++sentence) {
    std::string text = "The " + pick(pieces);
    int words = std::uniform_int_distribution<int>(3, 14)(random);
    for (int w = 0; w < words; ++w) text += pick(spaces) + pick(pieces);
    DocumentExtraction ascii = ExtractText(text + " today.");
    DocumentExtraction accented = ExtractText(text + " d\xC3\xA9j\xC3\xA0.");
    EXPECT_EQ(EntityIds(ascii), EntityIds(accented)) << text;
    EXPECT_EQ(Edges(ascii), Edges(accented)) << text;
  }
}

}  // namespace
}  // namespace kg
