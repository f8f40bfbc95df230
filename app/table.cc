#include "app/table.h"

#include <algorithm>

namespace kg {
namespace {

// Decodes the code point at s[i] and advances i; invalid bytes count as one.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (*i + n > s.size()) n = 1;
  uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (s[*i + k] & 0x3F);
  *i += n;
  return cp;
}

bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0x1F300 && cp <= 0x1FAFF);
}

std::string Cut(const std::string& s, size_t width) {
  if (DisplayWidth(s) <= width) return s;
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, &i);
    size_t cw = IsWide(cp) ? 2 : 1;
    if (w + cw + 1 > width) break;
    out.append(s, start, i - start);
    w += cw;
  }
  return out + "\u2026";
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t w = 0;
  for (size_t i = 0; i < text.size();) w += IsWide(NextCodePoint(text, &i)) ? 2 : 1;
  return w;
}

void Table::Print(std::ostream& out, size_t max_width) const {
  std::vector<std::vector<std::string>> cells;
  cells.push_back(header_);
  for (const auto& r : rows_) {
    std::vector<std::string> row(header_.size());
    for (size_t i = 0; i < header_.size() && i < r.size(); ++i) row[i] = Cut(r[i], max_width);
    cells.push_back(std::move(row));
  }
  std::vector<size_t> widths(header_.size(), 0);
  for (const auto& r : cells) {
    for (size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(r[i]));
  }
  auto print_row = [&](const std::vector<std::string>& r) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(widths[i] - DisplayWidth(r[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(cells[0]);
  std::string rule;
  for (size_t i = 0; i < widths.size(); ++i) {
    rule += std::string(widths[i], '-');
    if (i + 1 < widths.size()) rule += "  ";
  }
  out << rule << '\n';
  for (size_t i = 1; i < cells.size(); ++i) print_row(cells[i]);
}

}  // namespace kg
