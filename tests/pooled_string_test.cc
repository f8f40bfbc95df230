// PooledString: one number per distinct text, shared by every thread, and
// kept across DropIndex.
#include "extract/pooled_string.h"

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(PooledStringTest, SameTextSameNumber) {
  PooledString a("pooled test sentence one");
  PooledString b(std::string("pooled test sentence one"));
  PooledString c("pooled test sentence two");
  EXPECT_EQ(a.id(), b.id());
  EXPECT_NE(a.id(), c.id());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.view(), "pooled test sentence one");
  EXPECT_EQ(a.size(), 24u);
  EXPECT_EQ(std::string(a.c_str()), "pooled test sentence one");
  EXPECT_TRUE(a == "pooled test sentence one");
  EXPECT_TRUE(a == std::string("pooled test sentence one"));
  EXPECT_TRUE(a < c);
  EXPECT_TRUE(PooledString("b") > PooledString("abc"));
  std::ostringstream out;
  out << a;
  EXPECT_EQ(out.str(), "pooled test sentence one");
}

TEST(PooledStringTest, Empty) {
  PooledString e;
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(e.id(), 0u);
  EXPECT_EQ(PooledString("").id(), 0u);
  EXPECT_EQ(e.view(), "");
  EXPECT_EQ(e.c_str()[0], '\0');
  EXPECT_TRUE(e < PooledString("a"));
}

TEST(PooledStringTest, EmbeddedNulAndLongText) {
  std::string nul("a\0b", 3);
  EXPECT_EQ(PooledString(nul).view(), nul);
  EXPECT_NE(PooledString(nul), PooledString("a"));
  std::string longer(3 << 20, 'x');  // longer than a chunk
  longer.back() = 'y';
  PooledString l(longer);
  EXPECT_EQ(l.view(), longer);
  PooledString after("after a long string");
  EXPECT_EQ(after.view(), "after a long string");
  EXPECT_EQ(PooledString(longer).id(), l.id());
}

TEST(PooledStringTest, DropIndexKeepsNumbers) {
  std::vector<PooledString> before;
  for (int i = 0; i < 5000; ++i) before.emplace_back("drop index " + std::to_string(i));
  PooledString::DropIndex();
  for (int i = 0; i < 5000; ++i) {
    PooledString again("drop index " + std::to_string(i));
    ASSERT_EQ(again.id(), before[i].id()) << i;
  }
  EXPECT_NE(PooledString("drop index new").id(), 0u);
}

TEST(PooledStringTest, InternManyAgreesWithOneByOne) {
  // Several batches' worth, with repeats inside a batch and across them,
  // strings pooled before, the empty string, and a pool grown on the way.
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) texts.push_back("intern many " + std::to_string(i % 1700));
  texts[5] = "";
  texts[77] = "intern many known before";
  PooledString known("intern many known before");
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<PooledString> pooled(views.size());
  PooledString::Intern(views, pooled.data());
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(pooled[i].view(), texts[i]) << i;
    ASSERT_EQ(pooled[i].id(), PooledString(texts[i]).id()) << i;
  }
  EXPECT_EQ(pooled[5].id(), 0u);
  EXPECT_EQ(pooled[77], known);
  // After DropIndex, a batch finds what was pooled before.
  PooledString::DropIndex();
  std::vector<PooledString> again(views.size());
  PooledString::Intern(views, again.data());
  for (size_t i = 0; i < texts.size(); ++i) ASSERT_EQ(again[i].id(), pooled[i].id()) << i;
}

TEST(PooledStringTest, ThreadsAgree) {
  constexpr int kStrings = 20000;
  std::vector<uint32_t> ids[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kStrings; ++i) {
        int k = t == 0 ? i : kStrings - 1 - i;
        ids[t].push_back(PooledString("thread sentence " + std::to_string(k)).id());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kStrings; ++i) {
    ASSERT_EQ(ids[0][i], ids[1][kStrings - 1 - i]) << i;
    ASSERT_EQ(PooledString("thread sentence " + std::to_string(i)).view(),
              "thread sentence " + std::to_string(i));
  }
}

}  // namespace
}  // namespace kg
