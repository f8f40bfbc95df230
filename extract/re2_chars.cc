#include "extract/re2_chars.h"

#include <algorithm>

#include <re2/re2.h>

namespace kg {

bool IsWordChar(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    // Not std::isalnum: a locale must not change what a word is, and this is
    // called for every byte of every name search.
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  *len = std::min(n, s.size() - i);
  static const RE2 kWordChar(R"([\p{L}\p{N}])");
  return RE2::FullMatch(s.substr(i, *len), kWordChar);
}

}  // namespace kg
