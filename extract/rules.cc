#include "extract/rules.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "extract/file_io.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

bool ReadStrings(const rapidjson::Value& v, std::vector<std::string>* out) {
  if (!v.IsArray()) return false;
  for (const auto& s : v.GetArray()) {
    if (!s.IsString()) return false;
    out->emplace_back(s.GetString(), s.GetStringLength());
  }
  return true;
}

bool ReadTypes(const rapidjson::Value& v, std::vector<EntityType>* out) {
  std::vector<std::string> names;
  if (!ReadStrings(v, &names)) return false;
  for (const std::string& n : names) {
    auto t = ParseEntityType(n);
    if (!t) return false;
    out->push_back(*t);
  }
  return true;
}

std::string Str(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

bool LoadGazetteer(const rapidjson::Value& list, Rules* rules, std::string* what) {
  if (!list.IsArray()) return (*what = "\"gazetteer\" must be an array", false);
  for (const auto& item : list.GetArray()) {
    GazetteerEntry e;
    e.id = Str(item, "id");
    e.name = Str(item, "name");
    auto type = ParseEntityType(Str(item, "type"));
    if (e.id.empty() || !type) {
      return (*what = "gazetteer entry \"" + e.id + "\" needs an id and a valid type", false);
    }
    e.type = *type;
    if (e.name.empty()) e.name = e.id;
    if (item.HasMember("aliases") && !ReadStrings(item["aliases"], &e.aliases)) {
      return (*what = "gazetteer entry \"" + e.id + "\": aliases must be strings", false);
    }
    rules->gazetteer.push_back(std::move(e));
  }
  return true;
}

bool LoadTriggers(const rapidjson::Value& list, Rules* rules, std::string* what) {
  if (!list.IsArray()) return (*what = "\"triggers\" must be an array", false);
  for (const auto& item : list.GetArray()) {
    RelationTrigger t;
    auto rel = ParseRelation(Str(item, "relation"));
    if (!rel) return (*what = "trigger with unknown relation \"" + Str(item, "relation") + "\"", false);
    t.relation = *rel;
    bool ok = true;
    if (item.HasMember("active")) ok = ok && ReadStrings(item["active"], &t.active);
    if (item.HasMember("passive")) ok = ok && ReadStrings(item["passive"], &t.passive);
    if (item.HasMember("subject_types")) ok = ok && ReadTypes(item["subject_types"], &t.subject_types);
    if (item.HasMember("object_types")) ok = ok && ReadTypes(item["object_types"], &t.object_types);
    if (!ok) return (*what = "trigger for " + std::string(ToString(t.relation)) + " is malformed", false);
    rules->triggers.push_back(std::move(t));
  }
  return true;
}

bool LoadPatterns(const rapidjson::Value& list, Rules* rules, std::string* what) {
  if (!list.IsArray()) return (*what = "\"patterns\" must be an array", false);
  for (const auto& item : list.GetArray()) {
    EntityPattern p;
    p.name = Str(item, "name");
    p.regex = Str(item, "regex");
    auto type = ParseEntityType(Str(item, "type"));
    if (p.regex.empty() || !type) return (*what = "pattern \"" + p.name + "\" needs a regex and type", false);
    p.type = *type;
    rules->patterns.push_back(std::move(p));
  }
  return true;
}

bool LoadLists(const rapidjson::Value& obj, Rules* rules, std::string* what) {
  if (!obj.IsObject()) return (*what = "\"lists\" must be an object", false);
  for (const auto& m : obj.GetObject()) {
    if (!ReadStrings(m.value, &rules->lists[m.name.GetString()])) {
      return (*what = std::string("list \"") + m.name.GetString() + "\" must hold strings", false);
    }
  }
  return true;
}

bool LoadRulesFile(const std::string& path, Rules* rules, std::string* error) {
  rapidjson::Document doc;
  if (!ParseJsonFile(path, &doc, error)) return false;
  if (!doc.IsObject()) return (*error = path + ": top level must be an object", false);
  std::string what;
  bool ok = true;
  for (const auto& m : doc.GetObject()) {
    std::string_view key = m.name.GetString();
    if (key == "gazetteer") ok = LoadGazetteer(m.value, rules, &what);
    else if (key == "triggers") ok = LoadTriggers(m.value, rules, &what);
    else if (key == "patterns") ok = LoadPatterns(m.value, rules, &what);
    else if (key == "lists") ok = LoadLists(m.value, rules, &what);
    if (!ok) return (*error = path + ": " + what, false);
  }
  return true;
}

}  // namespace

const std::vector<std::string>& Rules::List(const std::string& key) const {
  static const std::vector<std::string> kEmpty;
  auto it = lists.find(key);
  return it == lists.end() ? kEmpty : it->second;
}

bool LoadRules(const std::string& dir, Rules* rules, std::string* error) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  if (ec) return (*error = dir + ": " + ec.message(), false);
  if (files.empty()) return (*error = dir + ": no rules (*.json) found", false);
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    if (!LoadRulesFile(f, rules, error)) return false;
  }
  return true;
}

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("KG_RULES"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path() / "../share/kg/rules",
                                      exe.parent_path() / "../rules",
                                      exe.parent_path() / "../../rules"}) {
      if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
    }
  }
#ifdef KG_SOURCE_RULES_DIR
  if (fs::is_directory(KG_SOURCE_RULES_DIR, ec)) return KG_SOURCE_RULES_DIR;
#endif
  return "";
}

}  // namespace kg
