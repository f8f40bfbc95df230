// The binary extraction cache: records round-trip exactly, and every kind of
// damage (another format, truncation, a flipped byte, invalid content) is
// reported instead of trusted.
#include "extract/extraction_cache.h"

#include <string>

#include <gtest/gtest.h>

namespace kg {
namespace {

DocumentExtraction Sample() {
  DocumentExtraction d;
  d.doc = "a.txt";
  d.content_hash = "0123456789abcdef";
  d.bytes = 1234;
  d.entities = {{"SAC", EntityType::kAgency, "Standardization Administration", {"SACN", "SA"}},
                {"GB/T 22239-2019", EntityType::kStandard, "GB/T 22239-2019", {}}};
  d.relations = {
      {"SAC", Relation::kIssued, "GB/T 22239-2019", "2019-05", "", {"a.txt", 3, "SAC issued it."}},
      {"SAC", Relation::kAffiliatedWith, "SAC", "", "director", {"other.txt", 7, ""}}};
  d.warnings = {{"invalid UTF-8 at byte 9"}};
  return d;
}

std::string File(const std::vector<DocumentExtraction>& docs) {
  std::string out(ExtractionCacheHeader());
  for (const DocumentExtraction& d : docs) AppendExtractionRecord(d, &out);
  return out + ExtractionCacheTrailer(207920655, -42);
}

// Every field of two extractions, for comparing a decoded one with a fresh one.
void ExpectSame(const DocumentExtraction& a, const DocumentExtraction& b) {
  EXPECT_EQ(a.doc, b.doc);
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.bytes, b.bytes);
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].id, b.entities[i].id);
    EXPECT_EQ(a.entities[i].type, b.entities[i].type);
    EXPECT_EQ(a.entities[i].name, b.entities[i].name);
    EXPECT_EQ(a.entities[i].aliases, b.entities[i].aliases);
  }
  ASSERT_EQ(a.relations.size(), b.relations.size());
  for (size_t i = 0; i < a.relations.size(); ++i) {
    EXPECT_EQ(a.relations[i].subject, b.relations[i].subject);
    EXPECT_EQ(a.relations[i].relation, b.relations[i].relation);
    EXPECT_EQ(a.relations[i].object, b.relations[i].object);
    EXPECT_EQ(a.relations[i].date, b.relations[i].date);
    EXPECT_EQ(a.relations[i].role, b.relations[i].role);
    EXPECT_EQ(a.relations[i].evidence, b.relations[i].evidence);
  }
  ASSERT_EQ(a.warnings.size(), b.warnings.size());
  for (size_t i = 0; i < a.warnings.size(); ++i) {
    EXPECT_EQ(a.warnings[i].message, b.warnings[i].message);
  }
}

TEST(ExtractionCacheTest, RoundTrip) {
  DocumentExtraction second = Sample();
  second.doc = "b.txt";
  second.warnings.clear();
  std::string file = File({Sample(), second});
  ExtractionCacheParts parts;
  std::string error;
  ASSERT_TRUE(SplitExtractionCache(file, &parts, &error)) << error;
  EXPECT_EQ(parts.graph_bytes, 207920655u);
  EXPECT_EQ(parts.graph_time, -42);
  ASSERT_EQ(parts.records.size(), 2u);

  DocumentExtraction d;
  ASSERT_TRUE(ReadExtractionRecord(parts.records[0], &d, &error)) << error;
  ExpectSame(d, Sample());
  ASSERT_EQ(d.entities.size(), 2u);
  EXPECT_EQ(d.entities[0].id, "SAC");
  EXPECT_EQ(d.entities[0].type, EntityType::kAgency);
  EXPECT_EQ(d.entities[0].name, "Standardization Administration");
  EXPECT_EQ(d.entities[0].aliases, (std::vector<std::string>{"SACN", "SA"}));
  EXPECT_EQ(d.entities[1].type, EntityType::kStandard);
  ASSERT_EQ(d.relations.size(), 2u);
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].message, "invalid UTF-8 at byte 9");

  ASSERT_TRUE(ReadExtractionRecordHead(parts.records[1], &d, &error)) << error;
  EXPECT_EQ(d.doc, "b.txt");
  ASSERT_TRUE(ReadExtractionRecord(parts.records[1], &d, &error)) << error;
  EXPECT_EQ(d.doc, "b.txt");
  EXPECT_TRUE(d.warnings.empty());
}

TEST(ExtractionCacheTest, DecodingIntoAUsedDocumentLeavesNothingOfIt) {
  // A larger record first, so that the second one, decoded into the same
  // document, has fewer entities, aliases, relations and warnings to overwrite.
  DocumentExtraction large = Sample();
  large.entities[1].aliases = {"GB/T 22239", "Baseline", "MLPS 2.0"};
  large.entities.push_back({"TC260", EntityType::kCommittee, "TC260", {"NISSTC"}});
  large.relations.push_back(large.relations[0]);
  large.warnings.push_back({"second warning"});
  DocumentExtraction small;
  small.doc = "small.txt";
  small.content_hash = "ff";
  small.bytes = 2;
  small.entities = {{"CAC", EntityType::kAgency, "CAC", {}}};
  small.relations = {{"CAC", Relation::kIssued, "CAC", "", "", {"small.txt", 1, "x"}}};
  std::string file = File({large, small});
  ExtractionCacheParts parts;
  std::string error;
  ASSERT_TRUE(SplitExtractionCache(file, &parts, &error)) << error;
  DocumentExtraction d;
  ASSERT_TRUE(ReadExtractionRecord(parts.records[0], &d, &error)) << error;
  ExpectSame(d, large);
  ASSERT_TRUE(ReadExtractionRecord(parts.records[1], &d, &error)) << error;
  ExpectSame(d, small);
  ASSERT_TRUE(ReadExtractionRecord(parts.records[0], &d, &error)) << error;
  ExpectSame(d, large);
}

TEST(ExtractionCacheTest, ExactLayout) {
  DocumentExtraction d;
  d.doc = "a.txt";
  d.content_hash = "h";
  d.bytes = 3;
  std::string record;
  AppendExtractionRecord(d, &record);
  // Frame (4 + 8), doc (4 + 5), hash (4 + 1), bytes (8), three empty counts (3 * 4).
  EXPECT_EQ(record.size(), 12u + 9 + 5 + 8 + 12);
  EXPECT_EQ(record.substr(0, 4), std::string("\x22\0\0\0", 4));
  EXPECT_EQ(record.substr(12, 9), std::string("\x05\0\0\0a.txt", 9));
  EXPECT_EQ(ExtractionCacheHeader(), std::string_view("kg extractions\n\x01", 16));
  EXPECT_EQ(ExtractionCacheTrailer(1, 2),
            std::string("kg-end\n\x01\x01\0\0\0\0\0\0\0\x02\0\0\0\0\0\0\0", 24));
}

TEST(ExtractionCacheTest, EmptyCache) {
  ExtractionCacheParts parts;
  std::string error;
  ASSERT_TRUE(SplitExtractionCache(File({}), &parts, &error)) << error;
  EXPECT_TRUE(parts.records.empty());
}

std::string SplitError(const std::string& file) {
  ExtractionCacheParts parts;
  std::string error;
  EXPECT_FALSE(SplitExtractionCache(file, &parts, &error));
  return error;
}

TEST(ExtractionCacheTest, DamageIsReported) {
  const std::string good = File({Sample()});
  EXPECT_EQ(SplitError(""), "not a kg extraction cache");
  EXPECT_EQ(SplitError("{\"doc\": \"a.txt\"}\n"), "not a kg extraction cache");
  std::string other = good;
  other[15] = '\x02';
  EXPECT_EQ(SplitError(other), "extraction cache of another kg version");
  EXPECT_EQ(SplitError(good.substr(0, good.size() - 1)),
            "extraction cache is truncated (no end mark)");
  // Cut inside the record, the trailer kept.
  EXPECT_EQ(SplitError(good.substr(0, 40) + good.substr(good.size() - 24)),
            "extraction cache record 1 is truncated");
  std::string flipped = good;
  flipped[16 + 12 + 4] ^= 1;  // the first letter of the document name
  EXPECT_EQ(SplitError(flipped), "extraction cache record 1 is damaged (checksum)");
}

TEST(ExtractionCacheTest, InvalidContentIsReported) {
  std::string record;
  AppendExtractionRecord(Sample(), &record);
  DocumentExtraction d;
  std::string error;
  // The entity type byte of the first entity: frame, doc, hash, bytes, count, id.
  const size_t type_at = 12 + (4 + 5) + (4 + 16) + 8 + 4 + (4 + 3);
  ASSERT_EQ(record[type_at], static_cast<char>(EntityType::kAgency));
  std::string bad = record;
  bad[type_at] = 7;
  EXPECT_FALSE(ReadExtractionRecord(bad, &d, &error));
  EXPECT_EQ(error, "extraction cache record is invalid");
  // A count larger than what is left.
  bad = record;
  bad[12 + (4 + 5) + (4 + 16) + 8] = '\x7f';
  EXPECT_FALSE(ReadExtractionRecord(bad, &d, &error));
  // Trailing bytes after the payload.
  EXPECT_FALSE(ReadExtractionRecord(record + "x", &d, &error));
  EXPECT_FALSE(ReadExtractionRecord(record.substr(0, record.size() - 1), &d, &error));
  EXPECT_TRUE(ReadExtractionRecord(record, &d, &error)) << error;
}

}  // namespace
}  // namespace kg
