// NameList against the regex it stands for: every test compares the names it
// finds with those ForEachName finds over Alternation() compiled with
// RuleRegexOptions, in both case modes, on crafted and on random texts.
#include "extract/name_list.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "extract/list_regex.h"
#include "extract/rules.h"
#include "tests/test_support.h"

namespace kg {
namespace {

using Spans = std::vector<std::pair<size_t, size_t>>;

Spans ByRegex(const RE2& re, std::string_view text) {
  Spans out;
  ForEachName(re, text, [&](size_t b, size_t e) { out.emplace_back(b, e); });
  return out;
}

Spans ByList(const NameList& list, std::string_view text) {
  Spans out;
  list.ForEach(text, [&](size_t b, size_t e) { out.emplace_back(b, e); });
  return out;
}

// ByList through the places of a NameStarts, as the extractor reads them.
Spans ByStarts(const NameList& list, std::string_view text) {
  NameStarts starts;
  starts.Reset(text);
  Spans out;
  list.ForEach(starts, [&](size_t b, size_t e) { out.emplace_back(b, e); });
  return out;
}

// The spans as "[text]" for readable failures.
std::string Show(std::string_view text, const Spans& spans) {
  std::string out;
  for (const auto& [b, e] : spans) out += "[" + std::string(text.substr(b, e - b)) + "]";
  return out;
}

// A list and the regex it stands for.
struct Pair {
  Pair(const std::vector<std::string>& names, bool case_sensitive)
      : list(names, case_sensitive), re(Alternation(names), RuleRegexOptions(case_sensitive)) {}
  NameList list;
  RE2 re;
};

// Expects the list to find in `text` what the regex finds.
void ExpectSame(const Pair& p, const std::string& text) {
  ASSERT_TRUE(p.re.ok()) << p.re.error();
  Spans want = ByRegex(p.re, text);
  Spans got = ByList(p.list, text);
  EXPECT_EQ(got, want) << "text: \"" << text << "\"\n  regex: " << Show(text, want)
                       << "\n  list:  " << Show(text, got);
  Spans from_starts = ByStarts(p.list, text);
  EXPECT_EQ(from_starts, want) << "text: \"" << text << "\"\n  regex: " << Show(text, want)
                               << "\n  starts: " << Show(text, from_starts);
}

const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {
      "SAMR",
      "SAC",
      "SAC/TC28",
      "SAC/TC28/SC42",
      "ISO",
      "ISO/IEC JTC 1",
      "IEC",
      "KS",
      "Sass",
      "Kelvin Institute",
      "State Administration for Market Regulation",
      "State Council",
      "State",
      "Standardization Administration of China",
      "European Committee for Standardisation",
      "International Organization for Standardization",
      "China National Institute of Standardization",
      "Comité Européen de Normalisation",
      "Association Française de Normalisation",
      "Deutsches Institut für Normung",
      "Straße Institut",
      "Σίσυφος Lab",
      "Standardization Administration of the People’s Republic of China",
      "People’s Bank",
      "国家市场监督管理总局",
      "国务院",
      "工业和信息化部",
      "工信部",
      "A1",
      "x",
      "isation Lab",
      "Zizationz",
  };
  return names;
}

// Texts that touch every rule of the regex: case, adjacent names, text
// ends, spellings, white space, folding to ASCII, Chinese, delimiters, names
// inside longer words.
const std::vector<std::string>& CraftedTexts() {
  static const std::vector<std::string> texts = {
      "",
      "SAMR",
      "samr",
      "Samr and sAc",
      "SAMR and SAC",
      "SAMR,SAC;ISO.IEC",
      "SAMR SAC ISO",
      "(SAMR)",
      "SAMRs and xSAC and SACx and SAC2 and 2SAC",
      "the SAC/TC28/SC42 and SAC/TC28 and SAC/TC2",
      "SAC/TC28/SC4",
      "ISO/IEC JTC 1 and ISO/IEC JTC 12",
      "ISO/IEC  JTC\t1 and ISO/IEC\nJTC \t 1",
      "State Administration for Market Regulation",
      "STATE ADMINISTRATION FOR MARKET REGULATION said",
      "state administration   for\tmarket\nregulation.",
      "State Administration for Market RegulationX",
      "the State Council's State",
      "Standardisation Administration of China",
      "STANDARDIZATION ADMINISTRATION OF CHINA",
      "STANDARDISATION administration of china",
      "StandardiZation Administration of China",
      "European Committee for Standardization and European Committee for Standardisation",
      "EUROPEAN COMMITTEE FOR STANDARDIZATION",
      "International Organisation for Standardisation",
      "International Organiszation for Standardization",
      "International Organization for Standardizations",
      "China National Institute of Standardization",
      "Comité Européen de Normalisation",
      "COMITÉ EUROPÉEN DE NORMALISATION",
      "Comite Europeen de Normalisation",
      "comité européen de normalization",
      "ASSOCIATION FRANÇAISE DE NORMALISATION",
      "Deutsches Institut FÜR Normung",
      "Deutsches Institut fuer Normung",
      "Straße Institut and STRASSE INSTITUT and STRAẞE INSTITUT",
      "ΣΊΣΥΦΟΣ LAB and σίσυφοσ lab and ΣΙΣΥΦΟΣ Lab",
      "Standardization Administration of the People’s Republic of China",
      "Standardization Administration of the People's Republic of China",
      "PEOPLE’S BANK",
      "the \xE2\x84\xAAS and the Kelvin Institute and the \xE2\x84\xAA"
      "elvin Institute",
      "\xC5\xBF"
      "ass and Sass and SA\xC5\xBF"
      "S",
      "Standardi\xC5\xBF"
      "ation Administration of China",
      "SAC\xCD\x85 and SAC",
      "SAC\xCD\x85",
      "国家市场监督管理总局和国务院",
      "国家市场监督管理总局 和 国务院",
      "（国务院）",
      "“工信部”、工业和信息化部。",
      "工信部",
      "A1 a1 A12 xA1 x x",
      "x",
      " x ",
      "SAMR\xC2\xA0SAC",
      "SAMR—SAC–ISO",
      "SAMR\xE2\x80\x99s SAC’s",
      "éSAC SACé 1SAC SAC1 _SAC SAC_",
      "Sass Sass",
      "SASS sass",
      "ization Lab, ISATION LAB, isationLab, iization Lab",
      "Zizationz ZISATIONZ zisationz Zizationzz",
  };
  return texts;
}

TEST(NameListTest, UsesTheTrieForThePlainLists) {
  EXPECT_TRUE(NameList(Names(), true).uses_trie());
  EXPECT_TRUE(NameList(Names(), false).uses_trie());
}

TEST(NameListTest, FindsWhatTheRegexFindsCaseSensitive) {
  Pair p(Names(), true);
  for (const std::string& text : CraftedTexts()) ExpectSame(p, text);
}

TEST(NameListTest, FindsWhatTheRegexFindsCaseInsensitive) {
  Pair p(Names(), false);
  for (const std::string& text : CraftedTexts()) ExpectSame(p, text);
}

TEST(NameListTest, FindsWhatTheRegexFindsInCraftedHits) {
  // Spot checks that the regex itself does what the other tests assume.
  Pair exact(Names(), true);
  EXPECT_EQ(Show("SAMR and SAC", ByList(exact.list, "SAMR and SAC")), "[SAMR][SAC]");
  EXPECT_EQ(ByList(exact.list, "samr"), Spans());
  Pair folded(Names(), false);
  EXPECT_EQ(Show("samr and sac", ByList(folded.list, "samr and sac")), "[samr][sac]");
  std::string kelvin = "\xE2\x84\xAAS";
  EXPECT_EQ(ByList(folded.list, kelvin), Spans({{0, kelvin.size()}}));
  EXPECT_EQ(ByList(exact.list, kelvin), Spans());
  std::string upper = "STANDARDIZATION ADMINISTRATION OF CHINA";
  EXPECT_EQ(ByList(folded.list, upper), Spans({{0, upper.size()}}));
}

// Random texts made of names, their variants and delimiters.
std::string RandomText(std::mt19937* rng, const std::vector<std::string>& names) {
  static const std::vector<std::string> kGlue = {" ",
                                                 "  ",
                                                 "\t",
                                                 "\n",
                                                 ", ",
                                                 " and ",
                                                 "(",
                                                 ")",
                                                 "/",
                                                 "-",
                                                 "’",
                                                 "“",
                                                 "x",
                                                 "1",
                                                 "é",
                                                 "",
                                                 "国",
                                                 "、",
                                                 "\xE2\x84\xAA",
                                                 "\xC5\xBF",
                                                 "\xCD\x85",
                                                 " the ",
                                                 ".",
                                                 "_",
                                                 "\xC2\xA0"};
  std::uniform_int_distribution<int> coin(0, 9);
  std::string text;
  int parts = std::uniform_int_distribution<int>(0, 6)(*rng);
  for (int k = 0; k < parts; ++k) {
    if (coin(*rng) < 6) {
      std::string n = names[std::uniform_int_distribution<size_t>(0, names.size() - 1)(*rng)];
      // Variants: case, spelling, white space, a cut.
      std::string v;
      for (size_t i = 0; i < n.size(); ++i) {
        char c = n[i];
        int r = coin(*rng);
        if (c >= 'a' && c <= 'z' && r < 2) c = static_cast<char>(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z' && r == 2) c = static_cast<char>(c - 'A' + 'a');
        if ((c == 's' || c == 'z') && r == 3) c = c == 's' ? 'z' : 's';
        if ((c == 'S' || c == 'Z') && r == 3) c = c == 'S' ? 'Z' : 'S';
        if (c == ' ' && r == 4) {
          v += " \t";
          continue;
        }
        if (c == ' ' && r == 5) c = '\n';
        v.push_back(c);
      }
      // Less its last character (texts are valid UTF-8, as NormalizeText
      // makes them).
      if (coin(*rng) == 0 && !v.empty()) {
        size_t last = v.size() - 1;
        while (last > 0 && (static_cast<unsigned char>(v[last]) & 0xC0) == 0x80) --last;
        v.resize(last);
      }
      // Non-ASCII case partners, and letters that fold to ASCII ones.
      static const std::vector<std::pair<std::string, std::string>> kPartners = {
          {"é", "É"},
          {"ü", "Ü"},
          {"ç", "Ç"},
          {"ß", "ẞ"},
          {"σ", "Σ"},
          {"ς", "σ"},
          {"ί", "Ί"},
          {"ο", "Ο"},
          {"k", "\xE2\x84\xAA"},
          {"K", "\xE2\x84\xAA"},
          {"s", "\xC5\xBF"}};
      for (const auto& [from, to] : kPartners) {
        size_t at = v.find(from);
        if (at != std::string::npos && coin(*rng) < 3) v.replace(at, from.size(), to);
      }
      text += v;
    } else {
      text += kGlue[std::uniform_int_distribution<size_t>(0, kGlue.size() - 1)(*rng)];
    }
    if (coin(*rng) < 7) text += kGlue[coin(*rng) < 5 ? 0 : 5];
  }
  return text;
}

TEST(NameListTest, FindsWhatTheRegexFindsInRandomTexts) {
  for (bool case_sensitive : {true, false}) {
    Pair p(Names(), case_sensitive);
    std::mt19937 rng(case_sensitive ? 1 : 2);
    size_t found = 0;
    for (int k = 0; k < 20000; ++k) {
      std::string text = RandomText(&rng, Names());
      ExpectSame(p, text);
      found += ByRegex(p.re, text).size();
    }
    EXPECT_GT(found, 4000u);  // the texts do hold names
  }
}

TEST(NameListTest, FindsWhatTheRegexFindsForTheGazetteer) {
  Rules rules;
  std::string error;
  ASSERT_TRUE(LoadRules(testing::RulesDir(), &rules, &error)) << error;
  std::vector<std::string> names;
  for (const GazetteerEntry& e : rules.gazetteer) {
    for (const std::string& n : e.aliases) names.push_back(n);
    names.push_back(e.name);
    names.push_back(e.id);
  }
  for (bool case_sensitive : {true, false}) {
    Pair p(names, case_sensitive);
    EXPECT_TRUE(p.list.uses_trie());
    std::mt19937 rng(3);
    for (int k = 0; k < 5000; ++k) ExpectSame(p, RandomText(&rng, names));
  }
}

// Lists the trie cannot hold use the regex, and still find the same names.
TEST(NameListTest, ListsTheTrieCannotHoldUseTheRegex) {
  const std::vector<std::vector<std::string>> lists = {
      {"SAC", "(SAC)"},                 // begins with a delimiter
      {"SAC", "SAC."},                  // ends with one
      {"ISO  IEC", "SAC"},              // "\s+\s+"
      {"ISO\tIEC", "SAC"},              // a tab matches only a tab
      {"SAC", "STANDARDISATION Body"},  // folded, read letter by letter
      {"SAC",
       "\xE2\x84\xAA"
       "elvin"},  // folds with ASCII
  };
  const std::vector<std::string> texts = {
      "(SAC) and SAC. and SAC", "ISO IEC, ISO  IEC, ISO\t\tIEC, ISO \tIEC", "ISO\tIEC and ISO IEC",
      "standardisation body and STANDARDIZATION BODY",
      "Kelvin and \xE2\x84\xAA"
      "ELVIN"};
  for (const std::vector<std::string>& names : lists) {
    for (bool case_sensitive : {true, false}) {
      Pair p(names, case_sensitive);
      bool folds_only = names[1] == "STANDARDISATION Body" || names[1][0] == '\xE2';
      EXPECT_EQ(p.list.uses_trie(), folds_only && case_sensitive) << names[1];
      for (const std::string& text : texts) ExpectSame(p, text);
    }
  }
}

TEST(NameListTest, ReportsAListThatDoesNotCompile) {
  EXPECT_EQ(NameList({"SAC", "(SAC"}, true).error(), "");
  // Invalid UTF-8 is no plain name, and RE2 refuses it.
  NameList list({"SAC", "S\xFF"}, true);
  EXPECT_FALSE(list.uses_trie());
  EXPECT_NE(list.error(), "");
  EXPECT_EQ(ByList(list, "SAC"), Spans());
}

// RE2's case folding, as NameList relies on it: which characters fold with
// ASCII letters or change [^\p{L}\p{N}] when the case folds (NeedsRegex), and
// that the CJK block it reads byte for byte has no case partners.
std::string Utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | cp >> 6);
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | cp >> 12);
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | cp >> 18);
    s += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

TEST(NameListTest, Re2FoldsAsNameListAssumes) {
  RE2 ascii("(?i)[a-z]");
  RE2 cjk("(?i)[\\x{3000}-\\x{9FFF}]");
  RE2 delimiter("[^\\p{L}\\p{N}]");
  RE2 folded_delimiter("(?i)[^\\p{L}\\p{N}]");
  std::vector<uint32_t> to_ascii, outside_cjk, delimiter_changes;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s = Utf8(cp);
    if (cp >= 0x80 && RE2::FullMatch(s, ascii)) to_ascii.push_back(cp);
    if ((cp < 0x3000 || cp > 0x9FFF) && RE2::FullMatch(s, cjk)) outside_cjk.push_back(cp);
    if (RE2::FullMatch(s, delimiter) != RE2::FullMatch(s, folded_delimiter)) {
      delimiter_changes.push_back(cp);
    }
  }
  EXPECT_EQ(to_ascii, std::vector<uint32_t>({0x17F, 0x212A}));
  EXPECT_EQ(outside_cjk, std::vector<uint32_t>());
  EXPECT_EQ(delimiter_changes, std::vector<uint32_t>({0x345}));
  // Inside the block: a character with case partners compiles, folded, to a
  // larger program than alone.
  for (char32_t cp = 0x3000; cp <= 0x9FFF; ++cp) {
    std::string quoted = RE2::QuoteMeta(Utf8(cp));
    ASSERT_EQ(RE2(quoted).ProgramSize(), RE2("(?i)" + quoted).ProgramSize())
        << static_cast<uint32_t>(cp);
  }
  ASSERT_LT(RE2("é").ProgramSize(), RE2("(?i)é").ProgramSize());
}

}  // namespace
}  // namespace kg
