#include "graph/node_link_json.h"

#include <sys/mman.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include <rapidjson/filewritestream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "extract/file_io.h"

namespace kg {

// The buffer links are written to: a type of its own, so that the writer
// below copies runs of plain characters at once only there (the hook
// RapidJSON's SSE2 build uses for its StringBuffer).
//
// Its memory comes straight from the system and goes back when freed: blocks
// of links are formatted on other threads, whose malloc arenas would lay one
// block after another over all the free room they hold, making every page of
// it resident again (tens of MB on a large graph).
struct LinkAllocator {
  static const bool kNeedFree = true;

  void* Malloc(size_t size) { return Realloc(nullptr, 0, size); }

  void* Realloc(void* p, size_t /*old_size*/, size_t size) {
    if (size == 0) {
      Free(p);
      return nullptr;
    }
    const size_t page = 4096;
    const size_t total = (size + kHeader + page - 1) / page * page;
    void* base;
    if (p == nullptr) {
      base = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    } else {
      base = static_cast<char*>(p) - kHeader;
      size_t mapped;
      std::memcpy(&mapped, base, sizeof mapped);
      if (mapped >= total) return p;
      base = mremap(base, mapped, total, MREMAP_MAYMOVE);
    }
    if (base == MAP_FAILED) throw std::bad_alloc();
    std::memcpy(base, &total, sizeof total);
    return static_cast<char*>(base) + kHeader;
  }

  static void Free(void* p) {
    if (p == nullptr) return;
    void* base = static_cast<char*>(p) - kHeader;
    size_t mapped;
    std::memcpy(&mapped, base, sizeof mapped);
    munmap(base, mapped);
  }

 private:
  // The size of the mapping, before the memory handed out.
  static constexpr size_t kHeader = 16;
};
using LinkBuffer = rapidjson::GenericStringBuffer<rapidjson::UTF8<>, LinkAllocator>;

}  // namespace kg

namespace rapidjson {

// Copies the characters from the stream's position up to the next one that
// needs escaping (a control character, '"' or '\\': RapidJSON's escape table)
// into the output, which WriteString has reserved room for; true if any
// character is left. RapidJSON then escapes that one as usual.
template <>
inline bool Writer<kg::LinkBuffer>::ScanWriteUnescapedString(StringStream& is, size_t length) {
  const char* p = is.src_;
  const char* end = is.head_ + length;
  const char* q = p;
#ifdef __SSE2__
  // Sixteen characters a step: evidence sentences are most of a graph's bytes.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control = _mm_set1_epi8(0x1F);  // c <= 0x1F iff max(c, 0x1F) == 0x1F
  for (; end - q >= 16; q += 16) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, quote), _mm_cmpeq_epi8(c, backslash)),
                     _mm_cmpeq_epi8(_mm_max_epu8(c, control), control));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) {
      // The loop below stops at once, on that character.
      q += __builtin_ctz(static_cast<unsigned>(mask));
      break;
    }
  }
#endif
  while (q < end) {
    const unsigned char c = static_cast<unsigned char>(*q);
    if (c < 0x20 || c == '"' || c == '\\') break;
    ++q;
  }
  if (q > p) {
    std::memcpy(os_->PushUnsafe(static_cast<size_t>(q - p)), p, static_cast<size_t>(q - p));
    is.src_ = q;
  }
  return q < end;
}

}  // namespace rapidjson

namespace kg {
namespace {

template <typename Writer, typename Strings>
void WriteStrings(Writer& w, const Strings& items) {
  w.StartArray();
  for (std::string_view s : items) w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
}

template <typename Writer>
void WriteCounts(Writer& w, const std::map<std::string, size_t>& counts) {
  w.StartObject();
  for (const auto& [k, v] : counts) {
    w.Key(k);
    w.Uint64(v);
  }
  w.EndObject();
}

template <typename Writer>
void WriteGraphAttributes(Writer& w, const KnowledgeGraph& graph) {
  GraphStatistics s = ComputeTotals(graph);
  w.StartObject();
  w.Key("generator");
  w.String("kg");
  w.Key("documents");
  w.StartArray();
  for (const DocumentInfo& d : graph.documents()) {
    w.StartObject();
    w.Key("name");
    w.String(d.name);
    w.Key("hash");
    w.String(d.content_hash);
    w.Key("bytes");
    w.Uint64(d.bytes);
    w.EndObject();
  }
  w.EndArray();
  w.Key("statistics");
  w.StartObject();
  w.Key("documents");
  w.Uint64(s.documents);
  w.Key("entities");
  w.Uint64(s.entities);
  w.Key("relations");
  w.Uint64(s.relations);
  w.Key("evidence");
  w.Uint64(s.evidence);
  w.Key("entities_by_type");
  WriteCounts(w, s.entities_by_type);
  w.Key("relations_by_type");
  WriteCounts(w, s.relations_by_type);
  w.EndObject();
  w.EndObject();
}

template <typename Writer>
void WriteNode(Writer& w, const EntityNode& n) {
  w.StartObject();
  w.Key("id");
  w.String(n.id);
  w.Key("type");
  w.String(ToString(n.type).data(), ToString(n.type).size());
  w.Key("name");
  w.String(n.name);
  w.Key("aliases");
  WriteStrings(w, n.aliases);
  w.Key("docs");
  WriteStrings(w, n.docs);
  w.EndObject();
}

template <typename Writer>
void WriteLink(Writer& w, const EntityNode& s, const EntityNode& t, const RelationEdge& r) {
  w.StartObject();
  w.Key("source");
  w.String(s.id);
  w.Key("target");
  w.String(t.id);
  w.Key("key");
  w.String(ToString(r.relation).data(), ToString(r.relation).size());
  w.Key("relation");
  w.String(ToString(r.relation).data(), ToString(r.relation).size());
  if (!r.date.empty()) {
    w.Key("date");
    w.String(r.date);
  }
  if (!r.role.empty()) {
    w.Key("role");
    w.String(r.role);
  }
  w.Key("evidence");
  w.StartArray();
  for (const Evidence& ev : r.evidence) {
    w.StartObject();
    w.Key("doc");
    w.String(ev.doc.data(), static_cast<rapidjson::SizeType>(ev.doc.size()));
    w.Key("line");
    w.Int(ev.line);
    w.Key("text");
    w.String(ev.text.data(), static_cast<rapidjson::SizeType>(ev.text.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string Where(const std::string& name, const char* what, size_t index) {
  return name + ": " + what + "[" + std::to_string(index) + "]";
}

template <typename String>
bool ReadStringArray(const rapidjson::Value& obj, const char* key, std::vector<String>* out) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsArray()) return false;
  for (const auto& s : it->value.GetArray()) {
    if (!s.IsString()) return false;
    out->emplace_back(std::string_view(s.GetString(), s.GetStringLength()));
  }
  return true;
}

// The string at `key`, or empty when absent or not a string. Points into
// `obj`, so it lives as long as the document.
std::string_view OptionalView(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString()
             ? std::string_view(it->value.GetString(), it->value.GetStringLength())
             : std::string_view();
}

std::string OptionalString(const rapidjson::Value& obj, const char* key) {
  return std::string(OptionalView(obj, key));
}

// Node ids may be strings or numbers (NetworkX writes both). A string id is
// returned in place; a number is written into `digits`.
bool IdOf(const rapidjson::Value& v, std::string* digits, std::string_view* id) {
  if (v.IsString()) {
    *id = std::string_view(v.GetString(), v.GetStringLength());
    return true;
  }
  if (v.IsInt64()) {
    *digits = std::to_string(v.GetInt64());
    *id = *digits;
    return true;
  }
  return false;
}

bool IdOf(const rapidjson::Value& v, std::string* id) {
  std::string_view view;
  if (!IdOf(v, id, &view)) return false;
  if (view.data() != id->data()) id->assign(view);
  return true;
}

bool ReadNodes(const rapidjson::Value& nodes, const std::string& name, KnowledgeGraph* graph,
               std::string* error) {
  for (rapidjson::SizeType i = 0; i < nodes.Size(); ++i) {
    const rapidjson::Value& n = nodes[i];
    EntityNode node;
    if (!n.IsObject()) return (*error = Where(name, "nodes", i) + ": not an object", false);
    auto id = n.FindMember("id");
    if (id == n.MemberEnd() || !IdOf(id->value, &node.id)) {
      return (
          *error = Where(name, "nodes", i) + ": missing \"id\" (must be a string or an integer)",
          false);
    }
    auto type_member = n.FindMember("type");
    if (type_member != n.MemberEnd() && !type_member->value.IsString()) {
      return (*error = Where(name, "nodes", i) + " (" + node.id + "): \"type\" must be a string",
              false);
    }
    std::string_view type = OptionalView(n, "type");
    auto parsed = ParseEntityType(type);
    if (!parsed) {
      return (*error = Where(name, "nodes", i) + " (" + node.id + "): unknown type \"" +
                       std::string(type) + "\"",
              false);
    }
    node.type = *parsed;
    node.name = OptionalString(n, "name");
    if (node.name.empty()) node.name = node.id;
    if (!ReadStringArray(n, "aliases", &node.aliases) || !ReadStringArray(n, "docs", &node.docs)) {
      return (*error = Where(name, "nodes", i) + " (" + node.id +
                       "): aliases and docs must be lists of strings",
              false);
    }
    std::string id_copy = node.id;
    if (!graph->AddEntity(std::move(node))) {
      return (*error = Where(name, "nodes", i) + ": duplicate id \"" + id_copy + "\"", false);
    }
  }
  return true;
}

bool ReadEvidence(const rapidjson::Value& link, std::vector<Evidence>* out) {
  auto it = link.FindMember("evidence");
  if (it == link.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsArray()) return false;
  for (const auto& ev : it->value.GetArray()) {
    if (!ev.IsObject()) return false;
    Evidence e;
    e.doc = OptionalView(ev, "doc");
    e.text = OptionalView(ev, "text");
    auto line = ev.FindMember("line");
    if (line != ev.MemberEnd()) {
      if (!line->value.IsInt()) return false;
      e.line = line->value.GetInt();
    }
    out->push_back(std::move(e));
  }
  return true;
}

// The parts of one link read before its ends are looked up.
struct LinkHead {
  std::string_view source, target;
  std::optional<Relation> relation;
};

// Reads the link ends of links [begin, end) into `heads`, stopping at the
// first link that is not an object or lacks an end: returns its index (or
// `end`) and sets `error`. Numeric ids are spelt into `digits`.
size_t ReadLinkHeads(const rapidjson::Value& links, size_t begin, size_t end,
                     const std::string& name, std::vector<LinkHead>* heads,
                     std::vector<std::string>* digits, std::string* error) {
  heads->clear();
  digits->assign(2 * (end - begin), std::string());
  for (size_t i = begin; i < end; ++i) {
    const rapidjson::Value& l = links[static_cast<rapidjson::SizeType>(i)];
    if (!l.IsObject()) return (*error = Where(name, "links", i) + ": not an object", i);
    LinkHead head;
    auto s = l.FindMember("source");
    auto t = l.FindMember("target");
    std::string* digit = &(*digits)[2 * (i - begin)];
    if (s == l.MemberEnd() || t == l.MemberEnd() || !IdOf(s->value, digit, &head.source) ||
        !IdOf(t->value, digit + 1, &head.target)) {
      return (*error = Where(name, "links", i) + ": missing \"source\" or \"target\"", i);
    }
    head.relation = ParseRelation(OptionalView(l, "relation"));
    heads->push_back(head);
  }
  return end;
}

bool ReadLinks(const rapidjson::Value& links, const std::string& name, KnowledgeGraph* graph,
               std::string* error) {
  // Links go in chunks: their ends are looked up together (see FindByIds),
  // and each relation is prefetched a few links before it is added. Errors
  // are still reported for the first bad link, in the order of the checks.
  constexpr size_t kChunk = 4096;
  constexpr size_t kPrefetch = 8;
  std::vector<LinkHead> heads;
  std::vector<std::string> digits;
  std::vector<std::string_view> ends;
  std::vector<std::optional<Vertex>> vertices;
  for (size_t begin = 0; begin < links.Size(); begin += kChunk) {
    const size_t end = std::min<size_t>(links.Size(), begin + kChunk);
    std::string head_error;
    const size_t good = ReadLinkHeads(links, begin, end, name, &heads, &digits, &head_error);
    ends.clear();
    for (const LinkHead& h : heads) {
      ends.push_back(h.source);
      ends.push_back(h.target);
    }
    graph->FindByIds(ends, &vertices);
    for (size_t i = begin; i < good; ++i) {
      const size_t k = i - begin;
      if (k + kPrefetch < heads.size()) {
        const size_t p = k + kPrefetch;
        if (vertices[2 * p] && vertices[2 * p + 1] && heads[p].relation) {
          graph->PrefetchRelation(*vertices[2 * p], *heads[p].relation, *vertices[2 * p + 1]);
        }
      }
      const LinkHead& head = heads[k];
      const std::optional<Vertex>& sv = vertices[2 * k];
      const std::optional<Vertex>& tv = vertices[2 * k + 1];
      if (!sv || !tv) {
        return (*error = Where(name, "links", i) + ": link to unknown node \"" +
                         std::string(sv ? head.target : head.source) + "\"",
                false);
      }
      const rapidjson::Value& l = links[static_cast<rapidjson::SizeType>(i)];
      if (!head.relation) {
        return (*error = Where(name, "links", i) + ": unknown relation \"" +
                         std::string(OptionalView(l, "relation")) + "\"",
                false);
      }
      RelationEdge edge;
      edge.relation = *head.relation;
      edge.date = OptionalView(l, "date");
      edge.role = OptionalView(l, "role");
      if (!ReadEvidence(l, &edge.evidence)) {
        return (
            *error = Where(name, "links", i) + ": \"evidence\" must be a list of {doc, line, text}",
            false);
      }
      graph->AddRelation(*sv, *tv, std::move(edge));
    }
    if (good < end) return (*error = head_error, false);
  }
  return true;
}

void ReadDocuments(const rapidjson::Value& root, KnowledgeGraph* graph) {
  auto g = root.FindMember("graph");
  if (g == root.MemberEnd() || !g->value.IsObject()) return;
  auto docs = g->value.FindMember("documents");
  if (docs == g->value.MemberEnd() || !docs->value.IsArray()) return;
  for (const auto& d : docs->value.GetArray()) {
    if (!d.IsObject()) continue;
    DocumentInfo info;
    info.name = OptionalString(d, "name");
    info.content_hash = OptionalString(d, "hash");
    auto bytes = d.FindMember("bytes");
    if (bytes != d.MemberEnd() && bytes->value.IsUint64()) info.bytes = bytes->value.GetUint64();
    if (!info.name.empty()) graph->documents().push_back(std::move(info));
  }
}

// A writer at the depth of the links' array, as the first block's writer
// opens it; a block after the first starts with a placeholder element, so
// that its first link comes after ", " as in one writer's output. Returns
// where the block's own text starts in `buffer`.
size_t OpenLinks(rapidjson::PrettyWriter<LinkBuffer>& writer, LinkBuffer& buffer, bool first) {
  writer.SetIndent(' ', 1);
  writer.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  writer.StartObject();
  writer.Key("links");
  writer.StartArray();
  if (!first) writer.RawValue("", 0, rapidjson::kObjectType);
  return buffer.GetSize();
}

// Writes the links in blocks, each through a writer of its own at the depth
// of the links (see OpenLinks), which makes the same bytes as one writer,
// into a buffer that copies runs of plain characters at once (see
// LinkBuffer): escaping hundreds of MB of evidence is most of the time a
// large graph takes to write. Blocks go to `append` in order, on the calling
// thread, in Finish().
//
// With `threads` > 0 the blocks are formatted on that many threads of the
// writer's own, which start at once, so that the links are formatted while
// the caller writes what comes before them; at most a few blocks wait in
// memory. With 0, Finish() formats each block itself.
class LinkBlocks {
 public:
  LinkBlocks(const GraphStorage& g, const std::vector<Edge>& links, int threads)
      : g_(g), links_(links) {
    CutBlocks();
    blocks_ = starts_.size() - 1;
    size_t slots = threads > 0 ? 2 * static_cast<size_t>(threads) : 1;
    slots_.resize(std::min(blocks_, slots));
    for (int t = 0; t < threads && static_cast<size_t>(t) < blocks_; ++t) {
      pool_.emplace_back([this] { Work(); });
    }
  }
  ~LinkBlocks() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      written_ = blocks_;  // lets waiting workers finish
      next_ = blocks_;
    }
    cv_.notify_all();
    for (std::thread& t : pool_) t.join();
  }

  template <typename Writer, typename Append>
  void Finish(Writer& w, const Append& append) {
    if (blocks_ == 0) return;
    // For `w`, all the links are one value, written by the blocks' writers.
    w.RawValue("", 0, rapidjson::kObjectType);
    for (size_t b = 0; b < blocks_; ++b) {
      Slot& slot = slots_[b % slots_.size()];
      if (pool_.empty()) {
        Format(b, &slot);
      } else {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return slot.ready; });
      }
      append(
          std::string_view(slot.buffer.GetString() + slot.from, slot.buffer.GetSize() - slot.from));
      // A block of links with thousands of sentences each leaves its slot
      // that large: without this, every slot would end up the size of the
      // largest block.
      if (slot.buffer.GetSize() > kKeep) {
        slot.buffer.Clear();
        slot.buffer.ShrinkToFit();
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        slot.ready = false;
        ++written_;
      }
      cv_.notify_all();
    }
  }

 private:
  // Sentences a block: a few hundred KB of text. Blocks are measured in
  // sentences, most of the text, so that the blocks waiting to be written
  // hold little more than the largest link even where links of thousands
  // of sentences follow one another.
  static constexpr size_t kSentences = 1024;
  // Sentences that may wait to be written, in blocks after the next one.
  static constexpr size_t kWaiting = 8 * kSentences;
  // Room a slot keeps for the next block.
  static constexpr size_t kKeep = size_t{1} << 20;

  struct Slot {
    LinkBuffer buffer;
    size_t from = 0;
    bool ready = false;
  };

  // A link's text is about that many sentences long.
  size_t Sentences(const Edge& e) const { return 1 + g_[e].evidence.size(); }

  // Fills starts_ and before_, in one pass over the links.
  void CutBlocks() {
    size_t in_block = kSentences;
    size_t total = 0;
    for (size_t i = 0; i < links_.size(); ++i) {
      if (in_block >= kSentences) {
        starts_.push_back(i);
        before_.push_back(total);
        in_block = 0;
      }
      size_t n = Sentences(links_[i]);
      in_block += n;
      total += n;
    }
    starts_.push_back(links_.size());
    before_.push_back(total);
  }

  // Starts loading what links after the i-th one (of the block that ends
  // before `end`) are written from: each is three cache misses in a row (the
  // edge, its evidence, their sentences), so each is asked for a few links
  // before the one before it is needed. Formatting otherwise waits for most.
  void Prefetch(size_t i, size_t end) const {
    constexpr size_t kEdge = 6, kEvidence = 4, kText = 2, kTexts = 16;
    if (i + kEdge < end) __builtin_prefetch(&g_[links_[i + kEdge]]);
    if (i + kEvidence < end) __builtin_prefetch(g_[links_[i + kEvidence]].evidence.data());
    if (i + kText < end) {
      const std::vector<Evidence>& evidence = g_[links_[i + kText]].evidence;
      for (size_t k = 0; k < evidence.size() && k < kTexts; ++k) evidence[k].text.Prefetch();
    }
  }

  // Formats block `b` into `slot`.
  void Format(size_t b, Slot* slot) const {
    slot->buffer.Clear();
    rapidjson::PrettyWriter<LinkBuffer> writer(slot->buffer);
    slot->from = OpenLinks(writer, slot->buffer, b == 0);
    const size_t end = starts_[b + 1];
    for (size_t i = starts_[b]; i < end; ++i) {
      Prefetch(i, end);
      const Edge& e = links_[i];
      WriteLink(writer, g_[boost::source(e, g_)], g_[boost::target(e, g_)], g_[e]);
    }
  }

  void Work() {
    while (true) {
      size_t b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (next_ >= blocks_) return;
        b = next_++;
        // Beside the number of blocks, the sentences waiting are bounded,
        // for blocks of one link of a hundred thousand sentences.
        // Everything "written" means the writing stopped (see the destructor).
        cv_.wait(lock, [&] {
          return written_ >= blocks_ ||
                 (b < written_ + slots_.size() &&
                  (b == written_ || before_[b + 1] - before_[written_] <= kWaiting));
        });
        if (written_ >= blocks_) return;
      }
      Slot& slot = slots_[b % slots_.size()];
      Format(b, &slot);
      {
        std::lock_guard<std::mutex> lock(mu_);
        slot.ready = true;
      }
      cv_.notify_all();
    }
  }

  const GraphStorage& g_;
  const std::vector<Edge>& links_;
  std::vector<size_t> starts_;  // where each block starts in links_, then links_.size()
  std::vector<size_t> before_;  // sentences in the blocks before each, then in all
  size_t blocks_ = 0;
  std::vector<Slot> slots_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t next_ = 0;     // the next block to format
  size_t written_ = 0;  // blocks handed to append
  std::vector<std::thread> pool_;
};

// Writes the whole graph to `stream` (a RapidJSON output stream), trailing
// newline included, so that a file can be written without a copy in memory.
template <typename Stream, typename Append>
void WriteGraph(const KnowledgeGraph& graph, Stream& stream, int threads, const Append& append) {
  const GraphStorage& g = graph.storage();
  std::vector<Vertex> nodes(boost::vertices(g).first, boost::vertices(g).second);
  // GraphBuilder adds vertices in id order: then, as ids are unique,
  // comparing vertices is comparing ids, without reading strings.
  bool in_id_order = true;
  for (size_t i = 1; i < nodes.size() && in_id_order; ++i) {
    in_id_order = g[nodes[i - 1]].id < g[nodes[i]].id;
  }
  if (!in_id_order) {
    std::sort(nodes.begin(), nodes.end(), [&](Vertex a, Vertex b) { return g[a].id < g[b].id; });
  }
  // Reserved: grown from nothing, the list of millions of links would peak
  // at half as much again.
  std::vector<Edge> links;
  links.reserve(boost::num_edges(g));
  links.assign(boost::edges(g).first, boost::edges(g).second);
  if (in_id_order) {
    const auto less = [&](const Edge& a, const Edge& b) {
      return std::tie(a.m_source, g[a].relation, a.m_target) <
             std::tie(b.m_source, g[b].relation, b.m_target);
    };
    // GraphBuilder adds the edges in this order too: then one pass checks it.
    if (!std::is_sorted(links.begin(), links.end(), less)) {
      std::sort(links.begin(), links.end(), less);
    }
  } else {
    std::sort(links.begin(), links.end(), [&](const Edge& a, const Edge& b) {
      return std::tie(g[boost::source(a, g)].id, g[a].relation, g[boost::target(a, g)].id) <
             std::tie(g[boost::source(b, g)].id, g[b].relation, g[boost::target(b, g)].id);
    });
  }

  // The links, most of the text, are formatted on other threads while this
  // one writes the rest.
  LinkBlocks link_blocks(g, links, threads > 1 ? threads : 0);
  rapidjson::PrettyWriter<Stream> w(stream);
  w.SetIndent(' ', 1);
  w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  w.StartObject();
  w.Key("directed");
  w.Bool(true);
  w.Key("multigraph");
  w.Bool(true);
  w.Key("graph");
  WriteGraphAttributes(w, graph);
  w.Key("nodes");
  w.StartArray();
  for (Vertex v : nodes) WriteNode(w, g[v]);
  w.EndArray();
  w.Key("links");
  w.StartArray();
  link_blocks.Finish(w, append);
  w.EndArray();
  w.EndObject();
  stream.Put('\n');
  stream.Flush();
}

}  // namespace

std::string GraphToJson(const KnowledgeGraph& graph) {
  rapidjson::StringBuffer buffer;
  WriteGraph(graph, buffer, 1, [&](std::string_view text) {
    std::memcpy(buffer.Push(text.size()), text.data(), text.size());
  });
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool GraphFromJson(std::string_view text, const std::string& name, KnowledgeGraph* graph,
                   std::string* error) {
  rapidjson::Document doc;
  if (!ParseJson(text, name, &doc, error)) return false;
  if (!doc.IsObject()) return (*error = name + ": top level is not a JSON object", false);
  auto nodes = doc.FindMember("nodes");
  if (nodes == doc.MemberEnd() || !nodes->value.IsArray()) {
    return (*error = name + ": no \"nodes\" list (is this a kg graph.json?)", false);
  }
  auto links = doc.FindMember("links");
  if (links == doc.MemberEnd()) links = doc.FindMember("edges");
  if (links != doc.MemberEnd() && !links->value.IsArray()) {
    return (*error = name + ": \"links\" is not a list", false);
  }
  KnowledgeGraph result;
  result.Reserve(nodes->value.Size(), links != doc.MemberEnd() ? links->value.Size() : 0);
  if (!ReadNodes(nodes->value, name, &result, error)) return false;
  if (links != doc.MemberEnd() && !ReadLinks(links->value, name, &result, error)) return false;
  ReadDocuments(doc, &result);
  *graph = std::move(result);
  return true;
}

bool WriteGraphFile(const KnowledgeGraph& graph, const std::string& path, std::string* error,
                    int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Streamed to the temporary file: a graph of hundreds of MB is never held
  // as text in memory.
  return WriteFileAtomicallyWith(
      path,
      [&](std::FILE* file) {
        char buffer[1 << 16];
        rapidjson::FileWriteStream stream(file, buffer, sizeof buffer);
        WriteGraph(graph, stream, threads, [&](std::string_view text) {
          stream.Flush();
          std::fwrite(text.data(), 1, text.size(), file);
        });
        return std::ferror(file) == 0;
      },
      error);
}

bool ReadGraphFile(const std::string& path, KnowledgeGraph* graph, std::string* error) {
  std::string text;
  return ReadFile(path, &text, error) && GraphFromJson(text, path, graph, error);
}

}  // namespace kg
