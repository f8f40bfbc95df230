// WordSet: count() of a view answers as a plain set of strings would,
// whatever the first byte and the length of the word.
#include "extract/word_set.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(WordSetTest, AnswersAsASetOfStrings) {
  const std::vector<std::string> words = {"of",
                                          "the",
                                          "Committee",
                                          "Ministry",
                                          "and",
                                          "&",
                                          "",
                                          "\xE4\xB8\xAD",
                                          std::string(63, 'x'),
                                          std::string(64, 'x'),
                                          std::string(200, 'y')};
  WordSet set;
  EXPECT_TRUE(set.empty());
  set.insert(words.begin(), words.end());
  set.insert(std::string("of"));  // twice
  EXPECT_FALSE(set.empty());
  const std::set<std::string> plain(words.begin(), words.end());
  // Present words, and absent ones that share a first byte, a length or both
  // with a present one.
  const std::vector<std::string> asked = {"of",
                                          "off",
                                          "o",
                                          "fo",
                                          "the",
                                          "tha",
                                          "The",
                                          "Committee",
                                          "Committees",
                                          "Committed",
                                          "Ministry",
                                          "and",
                                          "an",
                                          "&",
                                          "&&",
                                          "",
                                          "\xE4\xB8\xAD",
                                          "\xE4\xB8",
                                          std::string(63, 'x'),
                                          std::string(62, 'x'),
                                          std::string(64, 'x'),
                                          std::string(65, 'x'),
                                          std::string(200, 'y'),
                                          std::string(199, 'y'),
                                          std::string(64, 'y'),
                                          std::string(1, '\0')};
  for (const std::string& w : asked) {
    EXPECT_EQ(set.count(std::string_view(w)), plain.count(w)) << "word of " << w.size() << " bytes";
  }
}

TEST(WordSetTest, InsertsOneByOne) {
  WordSet set;
  set.insert(std::string("Law"));
  EXPECT_EQ(set.count("Law"), 1u);
  EXPECT_EQ(set.count("Lab"), 0u);
  EXPECT_EQ(set.count("La"), 0u);
  EXPECT_EQ(set.count(""), 0u);
  set.insert(std::string(""));
  EXPECT_EQ(set.count(""), 1u);
  EXPECT_EQ(set.count(std::string_view("\0", 1)), 0u);
}

}  // namespace
}  // namespace kg
