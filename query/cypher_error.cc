#include "query/cypher_error.h"

#include <algorithm>
#include <cstdint>

namespace kg {
namespace {

// Decodes the UTF-8 character at s[*i] and moves *i past it; a stray byte
// counts as one character.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (*i + n > s.size()) n = 1;
  uint32_t code = n == 1 ? c : c & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) code = (code << 6) | (s[*i + k] & 0x3F);
  *i += n;
  return code;
}

// Characters that take two cells in a terminal (CJK, Hangul, full-width forms).
bool IsWide(uint32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0x1F300 && c <= 0x1FAFF);
}

}  // namespace

std::string FormatCypherError(std::string_view query, const CypherError& error) {
  size_t offset = std::min(error.offset, query.size());
  size_t line_start = 0;
  if (offset > 0) {
    size_t newline = query.rfind('\n', offset - 1);
    if (newline != std::string_view::npos) line_start = newline + 1;
  }
  size_t line_end = query.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = query.size();
  int line = 1 + static_cast<int>(std::count(query.begin(), query.begin() + line_start, '\n'));
  // Columns count characters; the caret's indent counts terminal cells, two
  // for East Asian wide characters.
  size_t column = 0, indent = 0;
  for (size_t i = line_start; i < offset;) {
    uint32_t c = NextCodePoint(query, &i);
    ++column;
    indent += IsWide(c) ? 2 : 1;
  }
  std::string text(query.substr(line_start, line_end - line_start));
  std::replace(text.begin(), text.end(), '\t', ' ');
  // Appends only: GCC 12 warns wrongly about "literal" + std::string.
  std::string out = "line ";
  out.append(std::to_string(line)).append(", column ").append(std::to_string(column + 1));
  out.append(": ").append(error.message).append("\n  ").append(text).append("\n  ");
  out.append(indent, ' ').append("^\n");
  return out;
}

}  // namespace kg
