// A set of words asked, many times a sentence, whether it holds a word of the
// text: the title heuristics of the extractor look up most words of every
// run of capitalised words in several such sets, and most words are in none.
#ifndef KG_EXTRACT_WORD_SET_H_
#define KG_EXTRACT_WORD_SET_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace kg {

// An unordered set of strings that answers count() of a std::string_view
// without copying it, and answers "no" to most absent words without hashing
// them: it keeps, for each first byte, the lengths of its words, and a word
// whose first byte and length no member shares is not looked up. Never
// iterated, so in no order.
class WordSet {
 public:
  // Adds `word`; adding it twice keeps one.
  void insert(std::string word) {
    if (word.size() < kLengths) {
      lengths_[FirstByte(word)] |= uint64_t{1} << word.size();
    } else {
      lengths_[FirstByte(word)] |= kLong;
    }
    words_.insert(std::move(word));
  }

  // Adds every word of [first, last).
  template <typename It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(std::string(*first));
  }

  // Whether the set holds no word.
  bool empty() const { return words_.empty(); }

  // 1 if the set holds `word`, else 0.
  size_t count(std::string_view word) const {
    uint64_t lengths = lengths_[FirstByte(word)];
    if (word.size() < kLengths) {
      if (((lengths >> word.size()) & 1) == 0) return 0;
    } else if ((lengths & kLong) == 0) {
      return 0;
    }
    return words_.count(word);
  }

 private:
  // Lengths below this have their own bit; longer words share the top one.
  static constexpr size_t kLengths = 63;
  static constexpr uint64_t kLong = uint64_t{1} << kLengths;

  // Hashes std::string and std::string_view alike, for count() of a view.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  // The byte that files `word` in lengths_; 0 for the empty word (whose
  // length, 0, no other word starting with byte 0 has).
  static unsigned char FirstByte(std::string_view word) {
    return word.empty() ? 0 : static_cast<unsigned char>(word[0]);
  }

  std::array<uint64_t, 256> lengths_{};  // by first byte, bit n: a word of n bytes
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
};

}  // namespace kg

#endif  // KG_EXTRACT_WORD_SET_H_
