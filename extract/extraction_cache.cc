#include "extract/extraction_cache.h"

#include <cstring>

namespace kg {
namespace {

constexpr char kVersion = 1;
constexpr std::string_view kHeader("kg extractions\n\x01", 16);
constexpr std::string_view kTrailerMagic("kg-end\n\x01", 8);
constexpr size_t kTrailerSize = 8 + 8 + 8;
constexpr size_t kFrameSize = 4 + 8;
// An evidence document stored as this size is the record's own document.
constexpr uint32_t kSameDoc = UINT32_MAX;

static_assert(kHeader.back() == kVersion && kTrailerMagic.back() == kVersion);

// A fast 64-bit checksum, eight bytes a step: it finds damage, not attacks.
uint64_t Checksum(std::string_view data) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ data.size();
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 29;
  }
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001B3ULL;
  return h ^ (h >> 31);
}

template <typename T>
void Put(std::string* out, T value) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  out->append(bytes, sizeof value);
}

void PutString(std::string* out, std::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

template <typename T>
T Get(std::string_view data, size_t at) {
  T value;
  std::memcpy(&value, data.data() + at, sizeof value);
  return value;
}

// Reads a payload front to back; after the first failure every read fails.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  template <typename T>
  bool Fixed(T* value) {
    if (!ok_ || data_.size() - at_ < sizeof(T)) return ok_ = false;
    *value = Get<T>(data_, at_);
    at_ += sizeof(T);
    return true;
  }

  bool String(std::string_view* s) {
    uint32_t size;
    if (!Fixed(&size) || data_.size() - at_ < size) return ok_ = false;
    *s = data_.substr(at_, size);
    at_ += size;
    return true;
  }

  bool String(std::string* s) {
    std::string_view view;
    if (!String(&view)) return false;
    s->assign(view);
    return true;
  }

  // A count of items of at least `min_bytes` each, checked against what is left.
  bool Count(size_t min_bytes, uint32_t* n) {
    if (!Fixed(n) || *n > (data_.size() - at_) / min_bytes) return ok_ = false;
    return true;
  }

  bool Enum(int count, uint8_t* value) {
    if (!Fixed(value) || *value >= count) return ok_ = false;
    return true;
  }

  bool done() const { return ok_ && at_ == data_.size(); }

 private:
  std::string_view data_;
  size_t at_ = 0;
  bool ok_ = true;
};

void PutPayload(const DocumentExtraction& doc, std::string* out) {
  PutString(out, doc.doc);
  PutString(out, doc.content_hash);
  Put<uint64_t>(out, doc.bytes);
  Put<uint32_t>(out, static_cast<uint32_t>(doc.entities.size()));
  for (const ExtractedEntity& e : doc.entities) {
    PutString(out, e.id);
    Put<uint8_t>(out, static_cast<uint8_t>(e.type));
    PutString(out, e.name);
    Put<uint32_t>(out, static_cast<uint32_t>(e.aliases.size()));
    for (const std::string& a : e.aliases) PutString(out, a);
  }
  Put<uint32_t>(out, static_cast<uint32_t>(doc.relations.size()));
  for (const ExtractedRelation& r : doc.relations) {
    PutString(out, r.subject);
    Put<uint8_t>(out, static_cast<uint8_t>(r.relation));
    PutString(out, r.object);
    PutString(out, r.date);
    PutString(out, r.role);
    if (r.evidence.doc == doc.doc) {
      Put<uint32_t>(out, kSameDoc);
    } else {
      PutString(out, r.evidence.doc.view());
    }
    Put<int32_t>(out, r.evidence.line);
    PutString(out, r.evidence.text.view());
  }
  Put<uint32_t>(out, static_cast<uint32_t>(doc.warnings.size()));
  for (const ExtractionWarning& w : doc.warnings) PutString(out, w.message);
}

// The document's name (never empty), content hash and size, which start a payload.
bool ReadHead(Reader& in, DocumentExtraction* doc) {
  return in.String(&doc->doc) && !doc->doc.empty() && in.String(&doc->content_hash) &&
         in.Fixed(&doc->bytes);
}

bool ReadEntity(Reader& in, ExtractedEntity* e) {
  uint8_t type;
  uint32_t aliases;
  if (!in.String(&e->id) || !in.Enum(kEntityTypeCount, &type) || !in.String(&e->name) ||
      !in.Count(4, &aliases)) {
    return false;
  }
  e->type = static_cast<EntityType>(type);
  e->aliases.resize(aliases);
  for (std::string& a : e->aliases) {
    if (!in.String(&a)) return false;
  }
  return true;
}

// Reads one relation but its evidence text, left in `text` for the caller to
// pool with the others (see PooledString::Intern).
bool ReadRelation(Reader& in, PooledString doc, ExtractedRelation* r, std::string_view* text) {
  uint8_t relation;
  if (!in.String(&r->subject) || !in.Enum(kRelationCount, &relation) || !in.String(&r->object) ||
      !in.String(&r->date) || !in.String(&r->role)) {
    return false;
  }
  r->relation = static_cast<Relation>(relation);
  uint32_t same;
  std::string_view view;
  Reader peek = in;
  if (peek.Fixed(&same) && same == kSameDoc) {
    in.Fixed(&same);
    r->evidence.doc = doc;
  } else if (in.String(&view)) {
    r->evidence.doc = view;
  } else {
    return false;
  }
  return in.Fixed(&r->evidence.line) && in.String(text);
}

}  // namespace

std::string_view ExtractionCacheHeader() { return kHeader; }

void AppendExtractionRecord(const DocumentExtraction& doc, std::string* out) {
  const size_t start = out->size();
  out->append(kFrameSize, '\0');
  PutPayload(doc, out);
  std::string_view payload = std::string_view(*out).substr(start + kFrameSize);
  uint32_t size = static_cast<uint32_t>(payload.size());
  uint64_t checksum = Checksum(payload);
  std::memcpy(out->data() + start, &size, 4);
  std::memcpy(out->data() + start + 4, &checksum, 8);
}

std::string ExtractionCacheTrailer(uint64_t graph_bytes, int64_t graph_time) {
  std::string out(kTrailerMagic);
  Put(&out, graph_bytes);
  Put(&out, graph_time);
  return out;
}

bool SplitExtractionCache(std::string_view content, ExtractionCacheParts* parts,
                          std::string* error) {
  if (content.substr(0, kHeader.size() - 1) != kHeader.substr(0, kHeader.size() - 1)) {
    return (*error = "not a kg extraction cache", false);
  }
  if (content.size() < kHeader.size() || content[kHeader.size() - 1] != kVersion) {
    return (*error = "extraction cache of another kg version", false);
  }
  if (content.size() < kHeader.size() + kTrailerSize ||
      content.substr(content.size() - kTrailerSize, kTrailerMagic.size()) != kTrailerMagic) {
    return (*error = "extraction cache is truncated (no end mark)", false);
  }
  parts->graph_bytes = Get<uint64_t>(content, content.size() - 16);
  parts->graph_time = Get<int64_t>(content, content.size() - 8);
  std::string_view rest =
      content.substr(kHeader.size(), content.size() - kHeader.size() - kTrailerSize);
  parts->records.clear();
  for (size_t n = 1; !rest.empty(); ++n) {
    if (rest.size() < kFrameSize || rest.size() - kFrameSize < Get<uint32_t>(rest, 0)) {
      return (*error = "extraction cache record " + std::to_string(n) + " is truncated", false);
    }
    const size_t size = kFrameSize + Get<uint32_t>(rest, 0);
    if (Checksum(rest.substr(kFrameSize, size - kFrameSize)) != Get<uint64_t>(rest, 4)) {
      return (*error = "extraction cache record " + std::to_string(n) + " is damaged (checksum)",
              false);
    }
    parts->records.push_back(rest.substr(0, size));
    rest.remove_prefix(size);
  }
  return true;
}

bool ReadExtractionRecordHead(std::string_view record, DocumentExtraction* doc,
                              std::string* error) {
  Reader in(record.substr(std::min(record.size(), kFrameSize)));
  if (!ReadHead(in, doc)) return (*error = "extraction cache record is invalid", false);
  return true;
}

bool ReadExtractionRecord(std::string_view record, DocumentExtraction* doc, std::string* error) {
  // Decoded in place: the strings and lists `doc` holds from an earlier
  // record keep their room, so that decoding record after record into one
  // document allocates little.
  Reader in(record.substr(std::min(record.size(), kFrameSize)));
  DocumentExtraction& result = *doc;
  uint32_t entities = 0, relations = 0, warnings = 0;
  bool ok = ReadHead(in, &result) && in.Count(4 + 1 + 4 + 4, &entities);
  result.entities.resize(ok ? entities : 0);
  for (size_t i = 0; ok && i < result.entities.size(); ++i)
    ok = ReadEntity(in, &result.entities[i]);
  ok = ok && in.Count(4 + 1 + 4 * 6, &relations);
  result.relations.resize(ok ? relations : 0);
  const PooledString name(result.doc);
  thread_local std::vector<std::string_view> texts;
  thread_local std::vector<PooledString> pooled;
  texts.resize(result.relations.size());
  for (size_t i = 0; ok && i < result.relations.size(); ++i) {
    ok = ReadRelation(in, name, &result.relations[i], &texts[i]);
  }
  if (ok) {
    pooled.resize(texts.size());
    PooledString::Intern(texts, pooled.data());
    for (size_t i = 0; i < pooled.size(); ++i) result.relations[i].evidence.text = pooled[i];
  }
  ok = ok && in.Count(4, &warnings);
  result.warnings.resize(ok ? warnings : 0);
  for (size_t i = 0; ok && i < result.warnings.size(); ++i) {
    ok = in.String(&result.warnings[i].message);
  }
  if (!ok || !in.done()) return (*error = "extraction cache record is invalid", false);
  return true;
}

}  // namespace kg
