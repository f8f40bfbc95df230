#include "extract/re2_chars.h"

#include <algorithm>

#include <re2/re2.h>

#include "extract/ascii_bytes.h"

namespace kg {

bool IsWordChar(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return IsAsciiAlnum(static_cast<char>(c));
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  *len = std::min(n, s.size() - i);
  static const RE2 kWordChar(R"([\p{L}\p{N}])");
  return RE2::FullMatch(s.substr(i, *len), kWordChar);
}

}  // namespace kg
