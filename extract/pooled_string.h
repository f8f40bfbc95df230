// An immutable string kept once per process in a shared pool, named by a
// 32-bit number. Evidence sentences and document names repeat across millions
// of relations: as PooledStrings they cost 4 bytes each, their text is stored
// once, and two of them are equal exactly when their numbers are.
#ifndef KG_EXTRACT_POOLED_STRING_H_
#define KG_EXTRACT_POOLED_STRING_H_

#include <compare>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace kg {

namespace pooled_string_internal {
// Where the pool keeps its text (see pooled_string.cc), for view() to be
// inline: sorting and writing a graph read millions of pooled strings.
inline constexpr size_t kUnit = 8;
inline constexpr size_t kChunkBytes = size_t{1} << 20;
inline constexpr size_t kUnitsPerChunk = kChunkBytes / kUnit;
inline constexpr size_t kMaxChunks = (size_t{1} << 32) / kUnitsPerChunk;
extern char* chunks[kMaxChunks];
}  // namespace pooled_string_internal

class PooledString {
 public:
  // The empty string, which needs no pool.
  PooledString() = default;

  // Finds `s` in the pool, adding it if it is new. Thread-safe. What is added
  // stays until the process ends: meant for the text of one corpus, not for
  // strings made and dropped in a loop.
  PooledString(std::string_view s);  // NOLINT: implicit, like std::string's
  PooledString(const std::string& s) : PooledString(std::string_view(s)) {}  // NOLINT
  PooledString(const char* s) : PooledString(std::string_view(s)) {}         // NOLINT

  // The text; valid until the process ends, and NUL-terminated.
  std::string_view view() const {
    namespace internal = pooled_string_internal;
    if (id_ == 0) return std::string_view("", 0);
    // Lock-free: a number is only known after the pool stored its chunk.
    const char* p = internal::chunks[id_ / internal::kUnitsPerChunk] +
                    (id_ % internal::kUnitsPerChunk) * internal::kUnit;
    uint32_t size;
    std::memcpy(&size, p, sizeof size);
    return std::string_view(p + sizeof size, size);
  }
  // A hint that view() comes soon: starts loading the text without waiting
  // for it. For loops over many strings, a few strings ahead (the texts of a
  // large corpus are far apart in memory, a cache miss each).
  void Prefetch() const {
    namespace internal = pooled_string_internal;
    if (id_ == 0) return;
    __builtin_prefetch(internal::chunks[id_ / internal::kUnitsPerChunk] +
                       (id_ % internal::kUnitsPerChunk) * internal::kUnit);
  }
  operator std::string_view() const { return view(); }  // NOLINT
  const char* data() const { return view().data(); }
  const char* c_str() const { return data(); }
  size_t size() const { return view().size(); }
  bool empty() const { return id_ == 0; }
  std::string str() const { return std::string(view()); }

  // Pools each of `texts` into out[i], as PooledString(texts[i]) would, for
  // `out` of the same size. Quicker for many strings: the lookups' memory
  // accesses, a cache miss or two each in a pool of millions, overlap
  // instead of waiting one after the other, and the pool is locked once for
  // a few dozen strings rather than for each.
  static void Intern(std::span<const std::string_view> texts, PooledString* out);

  // Frees the index that finds a string's number from its text, the larger
  // part of the pool after the text itself, for a phase that adds no new
  // strings. A later new string builds it again from the text.
  static void DropIndex();

  // The number naming the string in the pool; 0 is the empty string.
  uint32_t id() const { return id_; }

  friend bool operator==(PooledString a, PooledString b) { return a.id_ == b.id_; }
  friend std::strong_ordering operator<=>(PooledString a, PooledString b) {
    if (a.id_ == b.id_) return std::strong_ordering::equal;
    return a.view() <=> b.view();
  }
  friend bool operator==(PooledString a, std::string_view b) { return a.view() == b; }
  friend bool operator==(PooledString a, const std::string& b) { return a.view() == b; }
  friend bool operator==(PooledString a, const char* b) { return a.view() == b; }

 private:
  uint32_t id_ = 0;
};

// For hash tables of pooled strings: equal strings have equal numbers.
struct PooledStringHash {
  size_t operator()(PooledString s) const { return s.id(); }
};

std::ostream& operator<<(std::ostream& out, PooledString s);

// Bytes the pool holds (text and index), for tests and memory reports.
size_t PooledStringBytes();

}  // namespace kg

#endif  // KG_EXTRACT_POOLED_STRING_H_
