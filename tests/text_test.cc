#include "extract/text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kg {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Texts(const NormalizedText& t) {
  std::vector<std::string> out;
  for (const Sentence& s : t.sentences) out.push_back(s.text);
  return out;
}

std::vector<int> Lines(const NormalizedText& t) {
  std::vector<int> out;
  for (const Sentence& s : t.sentences) out.push_back(s.line);
  return out;
}

TEST(TextTest, RejoinsWordsHyphenatedAcrossLines) {
  NormalizedText t = NormalizeText("The national stand-\nardisation body met in Tianjin.\n");
  EXPECT_THAT(Texts(t), ElementsAre("The national standardisation body met in Tianjin."));
}

TEST(TextTest, KeepsTheHyphenOfCompoundsBrokenAcrossLines) {
  NormalizedText t = NormalizeText("Rules for foreign-\nfunded enterprises were eased.\n");
  EXPECT_THAT(Texts(t), ElementsAre("Rules for foreign-funded enterprises were eased."));
}

TEST(TextTest, KeepsTheHyphenOfCapitalisedCompoundsBrokenAcrossLines) {
  NormalizedText t = NormalizeText("The Ministry of Housing and Urban-\nRural Development met.\n");
  EXPECT_THAT(Texts(t), ElementsAre("The Ministry of Housing and Urban-Rural Development met."));
}

TEST(TextTest, JoinsWrappedLinesAndKeepsTheFirstLineNumber) {
  NormalizedText t = NormalizeText(
      "Intro line.\n\nOn 3 March 2022, the ministry published the\n\nnew catalogue of "
      "tools.\nA second sentence.\n");
  EXPECT_THAT(Texts(t), ElementsAre("Intro line.",
                                    "On 3 March 2022, the ministry published the new catalogue "
                                    "of tools.",
                                    "A second sentence."));
  EXPECT_THAT(Lines(t), ElementsAre(1, 3, 6));
}

TEST(TextTest, DropsPageNumbersBulletsMarkupAndUrls) {
  NormalizedText t = NormalizeText(
      "\uF0B7 Promote *open* <b>standards</b> in Europe.\n"
      "12\n"
      "\u2022 Read more at https://example.org/news now.\n");
  EXPECT_THAT(Texts(t), ElementsAre("Promote open standards in Europe.", "Read more at now."));
  EXPECT_THAT(Lines(t), ElementsAre(1, 3));
}

TEST(TextTest, DoesNotSplitAfterAbbreviationsOrCodes) {
  NormalizedText t = NormalizeText(
      "Dr. Wang met Mr. Li, e.g. in Wuhan. The text cites GB/T 22239-2019. It is No. 5 of "
      "SAC/TC 260. Done.\n");
  EXPECT_THAT(Texts(t),
              ElementsAre("Dr. Wang met Mr. Li, e.g. in Wuhan.", "The text cites GB/T 22239-2019.",
                          "It is No. 5 of SAC/TC 260.", "Done."));
}

TEST(TextTest, MarkdownHeadingsAndNumberedHeadlinesAreHeadings) {
  NormalizedText t = NormalizeText(
      "# Weekly News\n\n3. CNIS and SAC: Guide for Smart Port Stand-\n\nards\n\nOn 2 May the guide "
      "appeared.\n");
  ASSERT_EQ(t.sentences.size(), 3u);
  EXPECT_EQ(t.sentences[0].text, "Weekly News");
  EXPECT_TRUE(t.sentences[0].heading);
  EXPECT_EQ(t.sentences[1].text, "CNIS and SAC: Guide for Smart Port Standards");
  EXPECT_TRUE(t.sentences[1].heading);
  EXPECT_EQ(t.sentences[1].line, 3);
  EXPECT_EQ(t.sentences[2].text, "On 2 May the guide appeared.");
  EXPECT_FALSE(t.sentences[2].heading);
}

TEST(TextTest, ListAfterColonStaysInTheSentence) {
  NormalizedText t =
      NormalizeText("The office issued two codes:\nGB/T 1-2020 terms;\nGB/T 2-2021.\n");
  EXPECT_THAT(Texts(t),
              ElementsAre("The office issued two codes: GB/T 1-2020 terms; GB/T 2-2021."));
}

TEST(TextTest, CapitalisedLineInsideProseIsNotAHeadline) {
  // Double-spaced prose: the capitalised middle line carries on a sentence.
  NormalizedText t = NormalizeText(
      "Earlier drafts include the Interim\n\nRules for Harbour Pilot Licensing\n\nand "
      "Training, both withdrawn.\n");
  EXPECT_THAT(Texts(t), ElementsAre("Earlier drafts include the Interim Rules for Harbour Pilot "
                                    "Licensing and Training, both withdrawn."));
}

TEST(TextTest, WideGapStartsAHeadlineAfterAnOpenLine) {
  // A link line is dropped and leaves "visit" open; the gap still ends it.
  NormalizedText t = NormalizeText(
      "The report is online, please visit\nhttps://example.org/r.pdf\n\n\nPort Authority "
      "Plan Released\n#Ports\n\nOn 2 May the plan appeared.\n");
  EXPECT_THAT(Texts(t), ElementsAre("The report is online, please visit",
                                    "Port Authority Plan Released", "On 2 May the plan appeared."));
  EXPECT_TRUE(t.sentences[1].heading);
}

TEST(TextTest, RepairsEncodingWithWarnings) {
  std::vector<std::string> warnings;
  std::string out = RepairEncoding(std::string("\xEF\xBB\xBF"
                                               "a\r\nb\xFF",
                                               8),
                                   &warnings);
  EXPECT_EQ(out, "a\nb\uFFFD");
  // The offset counts from after the byte-order mark.
  EXPECT_THAT(warnings, ElementsAre("invalid UTF-8 at byte 4 (replaced)"));
}

TEST(TextTest, EmptyInputGivesNoSentences) {
  EXPECT_TRUE(NormalizeText("").sentences.empty());
  EXPECT_TRUE(NormalizeText("\n\n  \n").sentences.empty());
}

}  // namespace
}  // namespace kg
