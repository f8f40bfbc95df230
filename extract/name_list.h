// Finds a list of names in text without a regex: where ForEachName would find
// the matches of Alternation(names) compiled with RuleRegexOptions. Compiling
// such a regex, and the reverse program its searches need, costs more than the
// rest of the extraction of a short newsletter (a document's acronyms) and was
// a good part of kg's start-up (the gazetteer); a trie of the names costs next
// to nothing to build and about as much as the regex's DFA to search.
#ifndef KG_EXTRACT_NAME_LIST_H_
#define KG_EXTRACT_NAME_LIST_H_

#include <algorithm>
#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "extract/list_regex.h"

namespace kg {

// Where a name of any NameList may start in one text: the places the scan of
// NameList::ForEach stops at, which depend on the text alone. Made once for
// a text that several lists search, so that the text is read once.
class NameStarts {
 public:
  // Finds the places of `text`, which must outlive this object or the next
  // Reset. Keeps the storage of the places for the next text.
  void Reset(std::string_view text);

 private:
  friend class NameList;

  // A character that is neither a letter nor a digit, at `at`, and the
  // start of the name that may follow it, `at` + its length; or, for a
  // text that opens with a letter or a digit, at = start = 0.
  struct Start {
    size_t at;
    size_t start;
  };

  std::string_view text_;
  std::vector<Start> starts_;
};

// The names are found as the regex finds them: the leftmost name that a
// character other than a letter or a digit (or an end of the text) precedes
// and follows, the longest of those that start there, then the next one from
// its end on. A space in a name matches a run of white space, and a
// lower-case "isation" or "ization" either spelling. When the list is not
// case-sensitive, letters match as RE2 folds their case (Unicode simple case
// folding: "k" also matches U+212A KELVIN SIGN, "é" matches "É").
//
// The trie stands in for the regex when every name begins and ends with a
// letter or a digit and has no white space but single spaces, and, when not
// case-sensitive, no KELVIN SIGN or LONG S (which fold with ASCII letters) and
// no "isation" that the regex reads letter by letter ("ISATION" would match a
// text's "isation" two ways). Otherwise the list uses the regex, compiled by
// the constructor. When not case-sensitive, a text with U+212A or U+017F
// (which fold with "k" and "s") or U+0345 (which folds with a letter, so is no
// delimiter) uses the regex too, compiled when first needed.
//
// Texts must be valid UTF-8, as NormalizeText makes them. Thread-safe: ForEach
// may run on many threads at once.
class NameList {
 public:
  // The list of `names`; `case_sensitive` as the regex would be compiled.
  // Compiles the regex here only when the trie cannot hold the list.
  NameList(const std::vector<std::string>& names, bool case_sensitive);
  NameList(const NameList&) = delete;
  NameList& operator=(const NameList&) = delete;

  // Why the regex of a list the trie cannot hold does not compile, or empty.
  // A regex compiled later for one text that fails to compile finds nothing
  // in it.
  const std::string& error() const { return error_; }

  // Whether ForEach uses the trie for every text that needs no regex.
  bool uses_trie() const { return !use_regex_; }

  // Calls on_match(b, e) for each name [b, e) found in `text`, in order.
  template <typename F>
  void ForEach(std::string_view text, F&& on_match) const {
    if (use_regex_ || NeedsRegex(text)) {
      if (const RE2* re = Regex()) ForEachName(*re, text, on_match);
      return;
    }
    size_t pos = 0, b = 0, e = 0;
    while (Next(text, &pos, &b, &e)) on_match(b, e);
  }

  // ForEach(text, on_match) for the text of `starts`, whose places spare
  // reading the text again.
  template <typename F>
  void ForEach(const NameStarts& starts, F&& on_match) const {
    std::string_view text = starts.text_;
    if (use_regex_ || NeedsRegex(text)) {
      if (const RE2* re = Regex()) ForEachName(*re, text, on_match);
      return;
    }
    // As Next goes on from the end of each name: the places before it are
    // passed, as the scan would skip them.
    size_t pos = 0;
    for (const NameStarts::Start& s : starts.starts_) {
      if (s.at < pos) continue;
      if (!MayStartName(text, s.start)) continue;
      size_t end = LongestAt(text, s.start);
      if (end == std::string_view::npos) continue;
      on_match(s.start, end);
      pos = std::max({end, s.at + 1, pos + 1});
    }
  }

 private:
  // A trie node; `c` is the symbol of the edge from its parent: an ASCII byte
  // (lower-cased when not case-sensitive), or the code point of a non-ASCII
  // character (when not case-sensitive, the one that stands for every
  // character of the list that folds with it). A space stands for a run of
  // white space, and "isation" for "i[sz]ation".
  struct Node {
    uint32_t c = 0;
    bool name_ends = false;
    bool folding_child = false;  // some child's symbol is in folds_
    int first_child = -1;
    int next_sibling = -1;
  };

  // Adds `name` to the trie; false if the trie cannot stand for the regex.
  bool Add(const std::string& name);
  // The bytes of a text that the first byte of a name's character, read as
  // `symbol`, may stand for.
  std::vector<unsigned char> TextBytes(uint32_t symbol, unsigned char byte) const;
  // The symbol that stands for the non-ASCII character `ch` of a name.
  uint32_t NameSymbol(std::string_view ch);
  int AddChild(int node, uint32_t c);
  int Child(int node, uint32_t c) const;
  // The child of `node` that the non-ASCII character `ch` of a text walks.
  int TextChild(int node, std::string_view ch) const;
  // Whether "i[sz]ation" in either case (when not case-sensitive) starts at
  // text[j].
  bool SpellingAt(std::string_view text, size_t j) const;
  // The end of the longest name at text[t] that a delimiter or the end of the
  // text follows, or npos.
  size_t LongestAt(std::string_view text, size_t t) const;
  // Whether some name may start at text[start] (which may be the end of the
  // text, where none does): most words start no name, and this tells
  // without the trie.
  bool MayStartName(std::string_view text, size_t start) const {
    const size_t n = text.size();
    return start < n && (start + 1 < n ? starts_pair_[static_cast<unsigned char>(text[start]) << 8 |
                                                      static_cast<unsigned char>(text[start + 1])]
                                       : starts_name_[static_cast<unsigned char>(text[start])]);
  }
  // Finds the next name [*b, *e) from *pos on, and moves *pos past it.
  bool Next(std::string_view text, size_t* pos, size_t* b, size_t* e) const;
  // Whether `text` has a character the trie would read unlike the regex.
  bool NeedsRegex(std::string_view text) const;
  // The regex of the list, compiled on first use; null if it does not compile.
  const RE2* Regex() const;

  bool case_sensitive_;
  std::vector<std::string> names_;
  std::vector<Node> nodes_ = {Node()};   // nodes_[0] is the root
  std::array<int, 128> root_ascii_;      // the root's child by ASCII symbol, or -1
  std::array<bool, 256> starts_name_{};  // some name may begin with this byte
  // Some name may begin with this pair of bytes (first << 8 | second): most
  // words of a text begin no name, and this tells without the trie.
  std::bitset<1 << 16> starts_pair_;
  // Not case-sensitive: the non-ASCII symbols that may have case partners
  // (all but the CJK block, which has none), each with "(?i)" and its
  // character, which matches it and exactly its partners.
  std::vector<std::pair<uint32_t, std::unique_ptr<RE2>>> folds_;
  bool use_regex_ = false;  // some name is not plain: the regex finds them all
  std::string error_;
  mutable std::once_flag compiled_;
  mutable std::unique_ptr<RE2> regex_;
};

}  // namespace kg

#endif  // KG_EXTRACT_NAME_LIST_H_
