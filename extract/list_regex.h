// Regexes built from lists of words and names (rules/*.json lists, the
// gazetteer, a document's acronyms), and the options every rule regex of kg is
// compiled with. NameList finds the same names without a regex; its tests
// compare it with ForEachName over Alternation().
#ifndef KG_EXTRACT_LIST_REGEX_H_
#define KG_EXTRACT_LIST_REGEX_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "extract/re2_chars.h"

namespace kg {

// The options of kg's rule regexes: leftmost-longest matching (so that an
// alternation of names finds the fullest one), quiet, 256 MB of memory.
RE2::Options RuleRegexOptions(bool case_sensitive);

// Rewrites a RE2::QuoteMeta'd name so that "Standardisation" in a rule
// matches "Standardization" in text and back (each lower-case "isation" or
// "ization" becomes "i[sz]ation"), and a space matches any run of white
// space ("\s+").
std::string SpellingTolerant(const std::string& quoted);

// "(?:a|b|c)" of `words` quoted and made SpellingTolerant, longest first;
// upper-cased first when `upper`.
std::string QuotedAlternation(std::vector<std::string> words, bool upper = false);

// "(?:^|[^\p{L}\p{N}])(a|b|c)(?:$|[^\p{L}\p{N}])" of the distinct `names`,
// longest first, so that the leftmost-longest match picks the fullest name
// that neither a letter nor a digit touches.
std::string Alternation(std::vector<std::string> names);

// Calls on_match(b, e) for each name [b, e) that `re`, made by Alternation()
// and compiled with RuleRegexOptions, finds in `text`, left to right; after a
// name the search restarts at its end, so that the delimiter between adjacent
// names ("SAMR and SAC") can lead the next one.
//
// The name is the match less its one-character delimiters, so the DFA alone
// finds it; the costly submatch search (an NFA over a program of every name)
// runs only for a match at either end of the text, where "^" or "$" may stand
// for the delimiter.
template <typename F>
void ForEachName(const RE2& re, std::string_view text, F&& on_match) {
  re2::StringPiece sm[2];
  size_t pos = 0;
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, sm, 1)) {
    size_t match_begin = static_cast<size_t>(sm[0].data() - text.data());
    size_t match_end = match_begin + sm[0].size();
    size_t last = match_end;
    while (last > match_begin && (static_cast<unsigned char>(text[last - 1]) & 0xC0) == 0x80) {
      --last;
    }
    if (last > match_begin) --last;
    size_t first_len = 0, last_len = 0;
    bool first_word = match_end > match_begin && IsWordChar(text, match_begin, &first_len);
    bool last_word = match_end > match_begin && IsWordChar(text, last, &last_len);
    re2::StringPiece hit;
    if (match_end == match_begin || (match_begin == 0 && !first_word) ||
        (match_end == text.size() && !last_word)) {
      re.Match(text, pos, text.size(), RE2::UNANCHORED, sm, 2);
      hit = sm[1];
    } else {
      size_t b = first_word ? match_begin : match_begin + first_len;
      size_t e = last_word ? match_end : last;
      hit = b < e ? re2::StringPiece(text.data() + b, e - b) : re2::StringPiece();
    }
    if (hit.data() != nullptr && !hit.empty()) {
      on_match(static_cast<size_t>(hit.data() - text.data()),
               static_cast<size_t>(hit.data() - text.data() + hit.size()));
    }
    size_t hit_end = hit.empty() ? 0 : static_cast<size_t>(hit.data() - text.data()) + hit.size();
    pos = std::max({hit_end, match_begin + 1, pos + 1});
  }
}

}  // namespace kg

#endif  // KG_EXTRACT_LIST_REGEX_H_
