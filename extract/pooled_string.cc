#include "extract/pooled_string.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <new>
#include <ostream>
#include <vector>

namespace kg {

char* pooled_string_internal::chunks[pooled_string_internal::kMaxChunks];

namespace {

// Strings are stored as [uint32 length][bytes][NUL], padded to kUnit bytes,
// in chunks of kChunkBytes that are never freed or moved; a string's number is
// its offset in kUnit steps, so 32 bits address 32 GB of text. A string
// longer than a chunk gets a run of adjacent chunk numbers in one block.
using pooled_string_internal::kChunkBytes;
using pooled_string_internal::kMaxChunks;
using pooled_string_internal::kUnit;
using pooled_string_internal::kUnitsPerChunk;

class Pool {
 public:
  uint32_t Intern(std::string_view s) {
    uint32_t hash = static_cast<uint32_t>(std::hash<std::string_view>()(s));
    std::lock_guard<std::mutex> lock(mutex_);
    if (slots_.empty() && count_ > 0) Reindex();
    if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
    return Probe(s, hash, slots_.size() - 1);
  }

  // Intern for each of `texts`, handing text i's number to set(i, number), a
  // batch at a time: the hashes first, outside the lock, then the probes,
  // each slot (and the text it may hold) prefetched a few strings before it
  // is probed.
  template <typename Set>
  void InternAll(std::span<const std::string_view> texts, const Set& set) {
    constexpr size_t kBatch = 64;
    constexpr size_t kSlotAhead = 16, kTextAhead = 8;
    uint32_t hashes[kBatch];
    for (size_t begin = 0; begin < texts.size(); begin += kBatch) {
      const size_t n = std::min(kBatch, texts.size() - begin);
      const std::string_view* batch = texts.data() + begin;
      for (size_t i = 0; i < n; ++i) {
        hashes[i] = static_cast<uint32_t>(std::hash<std::string_view>()(batch[i]));
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (slots_.empty() && count_ > 0) Reindex();
      // Room for the whole batch now, so that no slot moves while it is probed.
      while ((count_ + n) * 4 > slots_.size() * 3) Grow();
      const size_t mask = slots_.size() - 1;
      const Slot* slots = slots_.data();
      for (size_t i = 0; i < n && i < kSlotAhead; ++i) __builtin_prefetch(&slots[hashes[i] & mask]);
      for (size_t i = 0; i < n; ++i) {
        if (i + kSlotAhead < n) __builtin_prefetch(&slots[hashes[i + kSlotAhead] & mask]);
        if (i + kTextAhead < n) {
          // Most strings are known already: their home slot names them.
          const Slot& home = slots[hashes[i + kTextAhead] & mask];
          if (home.id != 0 && home.hash == hashes[i + kTextAhead]) {
            __builtin_prefetch(chunks_[home.id / kUnitsPerChunk] +
                               (home.id % kUnitsPerChunk) * kUnit);
          }
        }
        set(begin + i, batch[i].empty() ? 0 : Probe(batch[i], hashes[i], mask));
      }
    }
  }

  // Lock-free: a number is only known after Intern stored its chunk.
  static std::string_view View(uint32_t id) {
    const char* p = chunks_[id / kUnitsPerChunk] + (id % kUnitsPerChunk) * kUnit;
    uint32_t size;
    std::memcpy(&size, p, sizeof size);
    return std::string_view(p + sizeof size, size);
  }

  void DropIndex() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Slot>().swap(slots_);
  }

  size_t Bytes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return chunk_count_ * kChunkBytes + slots_.size() * sizeof(Slot);
  }

 private:
  struct Slot {
    uint32_t hash;
    uint32_t id;  // 0: empty
  };

  // The number of `s` (of hash `hash`), stored if new; under the lock, with
  // room for it in slots_ (of size mask + 1).
  uint32_t Probe(std::string_view s, uint32_t hash, size_t mask) {
    size_t i = hash & mask;
    for (; slots_[i].id != 0; i = (i + 1) & mask) {
      if (slots_[i].hash == hash && View(slots_[i].id) == s) return slots_[i].id;
    }
    uint32_t id = Store(s);
    slots_[i] = {hash, id};
    ++count_;
    return id;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{0, 0});
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == 0) continue;
      size_t i = s.hash & mask;
      while (slots_[i].id != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  // Indexes every stored string again, reading the chunks in order.
  void Reindex() {
    slots_.assign(1024, Slot{0, 0});
    while (count_ * 4 > slots_.size() * 3) slots_.resize(slots_.size() * 2);
    const size_t mask = slots_.size() - 1;
    for (size_t c = 0; c < chunk_count_; ++c) {
      for (size_t at = c == 0 ? kUnit : 0; at < chunk_used_[c];) {
        uint32_t id = static_cast<uint32_t>(c * kUnitsPerChunk + at / kUnit);
        std::string_view s = View(id);
        uint32_t hash = static_cast<uint32_t>(std::hash<std::string_view>()(s));
        size_t i = hash & mask;
        while (slots_[i].id != 0) i = (i + 1) & mask;
        slots_[i] = {hash, id};
        at += Need(s.size());
      }
    }
  }

  static size_t Need(size_t size) {
    return (sizeof(uint32_t) + size + 1 + kUnit - 1) / kUnit * kUnit;
  }

  // Appends `s` to the chunks; returns its number.
  uint32_t Store(std::string_view s) {
    const size_t need = Need(s.size());
    if (used_ == 0 || used_ + need > kChunkBytes) {
      // Number 0 is the empty string: the first chunk starts with one.
      const size_t first = chunk_count_ == 0 ? kUnit : 0;
      size_t chunks = (first + need + kChunkBytes - 1) / kChunkBytes;
      if (chunk_count_ + chunks > kMaxChunks) throw std::bad_alloc();
      // Mapped, not malloc'ed: the extraction threads intern, and chunks
      // kept for good amid their short-lived allocations would pin those
      // threads' malloc arenas, whose free room then never goes back.
      void* mapped = mmap(nullptr, chunks * kChunkBytes, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (mapped == MAP_FAILED) throw std::bad_alloc();
      char* block = static_cast<char*>(mapped);
      for (size_t k = 0; k < chunks; ++k) chunks_[chunk_count_ + k] = block + k * kChunkBytes;
      std::memset(block, 0, first);
      used_ = first;
      chunk_count_ += chunks;
      // A long string fills its block: the next one starts a fresh chunk.
      current_ = chunk_count_ - chunks;
    }
    char* p = chunks_[current_] + used_;
    uint32_t size = static_cast<uint32_t>(s.size());
    std::memcpy(p, &size, sizeof size);
    std::memcpy(p + sizeof size, s.data(), s.size());
    p[sizeof size + s.size()] = '\0';
    uint32_t id = static_cast<uint32_t>(current_ * kUnitsPerChunk + used_ / kUnit);
    used_ += need;
    chunk_used_[current_] = used_;
    if (used_ >= kChunkBytes) used_ = 0;  // full, or a long string's block
    return id;
  }

  // The chunks by number, shared with PooledString::view.
  static constexpr char** chunks_ = pooled_string_internal::chunks;
  // Bytes used in each chunk (a long string's: in the first of its block).
  size_t chunk_used_[kMaxChunks] = {};
  std::mutex mutex_;
  std::vector<Slot> slots_;
  size_t count_ = 0;
  size_t chunk_count_ = 0;
  size_t current_ = 0;  // chunk being filled
  size_t used_ = 0;     // bytes used in it; 0: start a new one
};

Pool& ThePool() {
  // Never destroyed: strings may be read while other statics are destroyed.
  static Pool* pool = new Pool;
  return *pool;
}

}  // namespace

PooledString::PooledString(std::string_view s) {
  if (!s.empty()) id_ = ThePool().Intern(s);
}

std::ostream& operator<<(std::ostream& out, PooledString s) { return out << s.view(); }

void PooledString::Intern(std::span<const std::string_view> texts, PooledString* out) {
  ThePool().InternAll(texts, [out](size_t i, uint32_t id) { out[i].id_ = id; });
}

void PooledString::DropIndex() { ThePool().DropIndex(); }

size_t PooledStringBytes() { return ThePool().Bytes(); }

}  // namespace kg
