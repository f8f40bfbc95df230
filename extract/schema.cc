#include "extract/schema.h"

#include <strings.h>

namespace kg {
namespace {

constexpr std::array<std::string_view, kEntityTypeCount> kEntityTypeNames = {
    "Agency", "Organization", "Committee", "Person", "Law", "Policy", "Standard"};
constexpr std::array<std::string_view, kRelationCount> kRelationNames = {
    "issued",          "drafted",         "mirrors",     "adopts",        "replaces",
    "part_of",         "affiliated_with", "cooperates_with", "established", "secretariat_of"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string_view ToString(EntityType type) { return kEntityTypeNames[static_cast<int>(type)]; }
std::string_view ToString(Relation relation) { return kRelationNames[static_cast<int>(relation)]; }

std::optional<EntityType> ParseEntityType(std::string_view text) {
  for (int i = 0; i < kEntityTypeCount; ++i) {
    if (EqualsIgnoreCase(text, kEntityTypeNames[i])) return static_cast<EntityType>(i);
  }
  // The British spelling is common among our users.
  if (EqualsIgnoreCase(text, "Organisation")) return EntityType::kOrganization;
  return std::nullopt;
}

std::optional<Relation> ParseRelation(std::string_view text) {
  for (int i = 0; i < kRelationCount; ++i) {
    if (EqualsIgnoreCase(text, kRelationNames[i])) return static_cast<Relation>(i);
  }
  return std::nullopt;
}

const std::array<EntityType, kEntityTypeCount>& AllEntityTypes() {
  static const std::array<EntityType, kEntityTypeCount> all = [] {
    std::array<EntityType, kEntityTypeCount> a{};
    for (int i = 0; i < kEntityTypeCount; ++i) a[i] = static_cast<EntityType>(i);
    return a;
  }();
  return all;
}

const std::array<Relation, kRelationCount>& AllRelations() {
  static const std::array<Relation, kRelationCount> all = [] {
    std::array<Relation, kRelationCount> a{};
    for (int i = 0; i < kRelationCount; ++i) a[i] = static_cast<Relation>(i);
    return a;
  }();
  return all;
}

}  // namespace kg
