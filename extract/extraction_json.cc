#include "extract/extraction_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "extract/file_io.h"

namespace kg {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Put(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteEntity(Writer& w, const ExtractedEntity& e) {
  w.StartObject();
  Put(w, "id", e.id);
  Put(w, "type", ToString(e.type));
  Put(w, "name", e.name);
  w.Key("aliases");
  w.StartArray();
  for (const std::string& a : e.aliases) w.String(a);
  w.EndArray();
  w.EndObject();
}

void WriteRelation(Writer& w, const ExtractedRelation& r) {
  w.StartObject();
  Put(w, "subject", r.subject);
  Put(w, "relation", ToString(r.relation));
  Put(w, "object", r.object);
  Put(w, "date", r.date);
  Put(w, "role", r.role);
  w.Key("evidence");
  w.StartObject();
  Put(w, "doc", r.evidence.doc.view());
  w.Key("line");
  w.Int(r.evidence.line);
  Put(w, "text", r.evidence.text.view());
  w.EndObject();
  w.EndObject();
}

// The string member `key` of `obj`; false if present and not a string, or
// absent while `required`.
bool GetString(const rapidjson::Value& obj, const char* key, bool required, std::string* out) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return !required;
  if (!it->value.IsString()) return false;
  out->assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

// The optional string member `key` of `obj`, pooled; false if not a string.
bool GetPooled(const rapidjson::Value& obj, const char* key, PooledString* out) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsString()) return false;
  *out = std::string_view(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool ReadEntity(const rapidjson::Value& v, ExtractedEntity* e, std::string* what) {
  std::string type;
  if (!v.IsObject() || !GetString(v, "id", true, &e->id) || e->id.empty() ||
      !GetString(v, "type", true, &type) || !GetString(v, "name", false, &e->name)) {
    return (*what = "entity needs string \"id\" and \"type\"", false);
  }
  auto parsed = ParseEntityType(type);
  if (!parsed) return (*what = "unknown entity type \"" + type + "\"", false);
  e->type = *parsed;
  if (e->name.empty()) e->name = e->id;
  auto aliases = v.FindMember("aliases");
  if (aliases == v.MemberEnd()) return true;
  if (!aliases->value.IsArray()) return (*what = "\"aliases\" must be a list of strings", false);
  for (const auto& a : aliases->value.GetArray()) {
    if (!a.IsString()) return (*what = "\"aliases\" must be a list of strings", false);
    e->aliases.emplace_back(a.GetString(), a.GetStringLength());
  }
  return true;
}

bool ReadRelation(const rapidjson::Value& v, ExtractedRelation* r, std::string* what) {
  std::string relation;
  if (!v.IsObject() || !GetString(v, "subject", true, &r->subject) ||
      !GetString(v, "object", true, &r->object) || !GetString(v, "relation", true, &relation) ||
      !GetString(v, "date", false, &r->date) || !GetString(v, "role", false, &r->role)) {
    return (*what = "relation needs string \"subject\", \"relation\" and \"object\"", false);
  }
  auto parsed = ParseRelation(relation);
  if (!parsed) return (*what = "unknown relation \"" + relation + "\"", false);
  r->relation = *parsed;
  auto ev = v.FindMember("evidence");
  if (ev == v.MemberEnd()) return true;
  const rapidjson::Value& e = ev->value;
  if (!e.IsObject() || !GetPooled(e, "doc", &r->evidence.doc) ||
      !GetPooled(e, "text", &r->evidence.text)) {
    return (*what = "\"evidence\" must be {doc, line, text}", false);
  }
  auto line = e.FindMember("line");
  if (line != e.MemberEnd()) {
    if (!line->value.IsInt()) return (*what = "evidence \"line\" must be an integer", false);
    r->evidence.line = line->value.GetInt();
  }
  return true;
}

}  // namespace

std::string ExtractionToJsonLine(const DocumentExtraction& doc) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Put(w, "doc", doc.doc);
  Put(w, "hash", doc.content_hash);
  w.Key("bytes");
  w.Uint64(doc.bytes);
  w.Key("entities");
  w.StartArray();
  for (const ExtractedEntity& e : doc.entities) WriteEntity(w, e);
  w.EndArray();
  w.Key("relations");
  w.StartArray();
  for (const ExtractedRelation& r : doc.relations) WriteRelation(w, r);
  w.EndArray();
  w.Key("warnings");
  w.StartArray();
  for (const ExtractionWarning& warning : doc.warnings) w.String(warning.message);
  w.EndArray();
  w.EndObject();
  std::string line(buffer.GetString(), buffer.GetSize());
  line.push_back('\n');
  return line;
}

bool ExtractionFromJsonLine(std::string_view line, const std::string& where,
                            DocumentExtraction* doc, std::string* error) {
  rapidjson::Document json;
  std::string parse_error;
  if (!ParseJson(line, where, &json, &parse_error)) {
    // ParseJson says "WHERE:1:COLUMN"; within one line the column is what counts.
    *error = parse_error;
    return false;
  }
  DocumentExtraction result;
  std::string what;
  auto fail = [&](const std::string& message) {
    *error = where + ": " + message;
    return false;
  };
  if (!json.IsObject()) return fail("record is not a JSON object");
  if (!GetString(json, "doc", true, &result.doc) || result.doc.empty()) {
    return fail("record needs a non-empty string \"doc\"");
  }
  if (!GetString(json, "hash", false, &result.content_hash))
    return fail("\"hash\" must be a string");
  auto bytes = json.FindMember("bytes");
  if (bytes != json.MemberEnd()) {
    if (!bytes->value.IsUint64()) return fail("\"bytes\" must be a non-negative integer");
    result.bytes = bytes->value.GetUint64();
  }
  for (const char* key : {"entities", "relations", "warnings"}) {
    auto it = json.FindMember(key);
    if (it != json.MemberEnd() && !it->value.IsArray())
      return fail(std::string("\"") + key + "\" must be a list");
  }
  if (auto it = json.FindMember("entities"); it != json.MemberEnd()) {
    for (const auto& v : it->value.GetArray()) {
      if (!ReadEntity(v, &result.entities.emplace_back(), &what)) return fail(what);
    }
  }
  if (auto it = json.FindMember("relations"); it != json.MemberEnd()) {
    for (const auto& v : it->value.GetArray()) {
      if (!ReadRelation(v, &result.relations.emplace_back(), &what)) return fail(what);
    }
  }
  if (auto it = json.FindMember("warnings"); it != json.MemberEnd()) {
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString()) return fail("\"warnings\" must be a list of strings");
      result.warnings.push_back({std::string(v.GetString(), v.GetStringLength())});
    }
  }
  *doc = std::move(result);
  return true;
}

}  // namespace kg
