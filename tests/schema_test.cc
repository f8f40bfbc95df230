#include "extract/schema.h"

#include <gtest/gtest.h>

#include "extract/name_key.h"

namespace kg {
namespace {

TEST(SchemaTest, EntityTypesRoundTrip) {
  for (EntityType t : AllEntityTypes()) EXPECT_EQ(ParseEntityType(ToString(t)), t);
  EXPECT_EQ(ParseEntityType("organisation"), EntityType::kOrganization);
  EXPECT_FALSE(ParseEntityType("Country"));
}

TEST(SchemaTest, RelationsRoundTrip) {
  for (Relation r : AllRelations()) EXPECT_EQ(ParseRelation(ToString(r)), r);
  EXPECT_EQ(ToString(Relation::kAffiliatedWith), "affiliated_with");
  EXPECT_FALSE(ParseRelation("likes"));
}

TEST(NameKeyTest, FoldsCaseSpacingPunctuationAndSpelling) {
  EXPECT_EQ(NameKey("Standardisation Administration of China"),
            NameKey("standardization  administration of china"));
  EXPECT_EQ(NameKey("SAC/TC 260"), NameKey("SAC/TC260"));
  EXPECT_EQ(NameKey("The State Council"), NameKey("State Council"));
  EXPECT_EQ(NameKey("GB/T 22239\u20132019"), NameKey("GB/T 22239-2019"));
  EXPECT_NE(NameKey("GB/T 22239-2019"), NameKey("GB/T 22239-2008"));
  EXPECT_EQ(NameKey("国家市场监督管理总局"), "国家市场监督管理总局");
}

}  // namespace
}  // namespace kg
