// Two of RE2's character classes, tested by hand: the scanners that stand in
// for kg's regexes (NameList, the title and acronym scanners) must split text
// exactly where the regexes would.
#ifndef KG_EXTRACT_RE2_CHARS_H_
#define KG_EXTRACT_RE2_CHARS_H_

#include <cstddef>
#include <string_view>

namespace kg {

// True if `c` is in RE2's \s: [\t\n\f\r ] (no \v, no Unicode spaces).
constexpr bool IsRe2Space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// The first position from `i` on that is not in RE2's \s, or s.size():
// where a regex's \s* starting at s[i] stops.
constexpr size_t SkipRe2Spaces(std::string_view s, size_t i) {
  while (i < s.size() && IsRe2Space(s[i])) ++i;
  return i;
}

// True if the character that starts at s[i] is a letter or a digit, as RE2's
// [\p{L}\p{N}] of a case-sensitive regex reads it; sets `*len` to its length
// in bytes (1 for ASCII, else its UTF-8 length, cut at the end of `s`).
// Requires i < s.size().
bool IsWordChar(std::string_view s, size_t i, size_t* len);

}  // namespace kg

#endif  // KG_EXTRACT_RE2_CHARS_H_
