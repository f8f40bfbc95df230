#include "viz/style.h"

#include <vector>

namespace kg {
namespace {

// Byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes,
// so that invalid input still advances).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Display columns of one UTF-8 character: two for the CJK, Hangul, full-width
// and emoji blocks, which all start with lead byte E1..EF or F0.
size_t CharWidth(std::string_view ch) {
  unsigned char lead = static_cast<unsigned char>(ch[0]);
  if (lead >= 0xF0) return 2;
  if (lead >= 0xE3 && lead <= 0xED) return 2;
  if (lead == 0xEF && ch.size() > 1 && static_cast<unsigned char>(ch[1]) >= 0xBC) return 2;
  return 1;
}

// The characters of `text` with white space folded to single spaces.
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < text.size();) {
    size_t n = std::min(SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    std::string_view ch = text.substr(i, n);
    i += n;
    bool space = n == 1 && (ch[0] == ' ' || ch[0] == '\t' || ch[0] == '\n' || ch[0] == '\r');
    if (space) {
      if (!out.empty() && out.back() != " ") out.push_back(" ");
    } else {
      out.push_back(ch);
    }
  }
  while (!out.empty() && out.back() == " ") out.pop_back();
  return out;
}

}  // namespace

TypeStyle StyleOf(EntityType type) {
  switch (type) {
    case EntityType::kAgency:
      return {"box", "#F7D08A", "#B07A10"};
    case EntityType::kOrganization:
      return {"ellipse", "#A6D8F2", "#2F7FB0"};
    case EntityType::kCommittee:
      return {"tab", "#95DBC3", "#1F8A66"};
    case EntityType::kPerson:
      return {"octagon", "#F6F0A0", "#A89A10"};
    case EntityType::kLaw:
      return {"note", "#EDB0CF", "#A8487A"};
    case EntityType::kPolicy:
      return {"folder", "#D2BFEB", "#6E4FA0"};
    case EntityType::kStandard:
      return {"component", "#DEDEDE", "#777777"};
  }
  return {"ellipse", "#FFFFFF", "#777777"};
}

std::string_view RelationColor(Relation relation) {
  switch (relation) {
    case Relation::kIssued:
      return "#D95F02";
    case Relation::kDrafted:
      return "#1B9E77";
    case Relation::kMirrors:
      return "#6A3D9A";
    case Relation::kAdopts:
      return "#66A61E";
    case Relation::kReplaces:
      return "#7570B3";
    case Relation::kPartOf:
      return "#555555";
    case Relation::kAffiliatedWith:
      return "#1F78B4";
    case Relation::kCooperatesWith:
      return "#E7298A";
    case Relation::kEstablished:
      return "#A6761D";
    case Relation::kSecretariatOf:
      return "#B8860B";
  }
  return "#555555";
}

std::string WrapLabel(std::string_view text, size_t width, size_t max_lines) {
  std::vector<std::string_view> chars = Characters(text);
  std::vector<std::string> lines;
  size_t i = 0;
  while (i < chars.size() && lines.size() < max_lines) {
    // Take characters up to `width` columns; remember the last space to break at.
    size_t cols = 0, j = i, last_space = 0;
    while (j < chars.size() && (cols + CharWidth(chars[j]) <= width || j == i)) {
      if (chars[j] == " ") last_space = j;
      cols += CharWidth(chars[j]);
      ++j;
    }
    size_t end = j;
    if (j < chars.size() && chars[j] != " " && last_space > i) end = last_space;
    std::string line;
    for (size_t k = i; k < end; ++k) line += chars[k];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(line);
    i = end;
    while (i < chars.size() && chars[i] == " ") ++i;
  }
  if (i < chars.size() && !lines.empty()) {
    // Make room for "…" if needed: cut the last line at its last word boundary,
    // or else drop its last character.
    std::string& last = lines.back();
    size_t space = last.rfind(' ');
    size_t columns = 0;
    for (std::string_view ch : Characters(last)) columns += CharWidth(ch);
    if (columns + 1 <= width) {
      // The ellipsis fits as it is.
    } else if (space != std::string::npos && space > last.size() / 2) {
      last.resize(space);
    } else {
      const std::string full = last;
      std::vector<std::string_view> tail = Characters(full);
      if (!tail.empty()) tail.pop_back();
      last.clear();
      for (std::string_view ch : tail) last += ch;
    }
    while (!last.empty() && last.back() == ' ') last.pop_back();
    last += "…";
  }
  std::string out;
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k) out += '\n';
    out += lines[k];
  }
  return out;
}

}  // namespace kg
