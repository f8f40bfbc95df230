#include "extract/name_key.h"

#include <cctype>

#include "extract/ascii_bytes.h"

namespace kg {
namespace {

// Punctuation folded away: ASCII punctuation plus the UTF-8 dashes, quotes,
// Chinese book-title marks and the non-breaking space.
size_t SkippableUtf8(std::string_view s, size_t i) {
  static constexpr std::string_view kSkipped[] = {
      "\u00a0", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2018",
      "\u2019", "\u201c", "\u201d", "\u300a", "\u300b", "\uff08", "\uff09", "\u3000"};
  for (std::string_view p : kSkipped) {
    if (s.substr(i, p.size()) == p) return p.size();
  }
  return 0;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// The lead bytes of the characters SkippableUtf8 knows: any other byte
// starts no skipped character.
bool MaySkip(unsigned char c) { return c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF; }

// ASCII bytes folded away: spaces and punctuation but "&", "+" and "#", as
// std::isspace and std::ispunct class them in the "C" locale kg runs in.
struct DroppedAscii {
  unsigned char kept[128] = {};  // 0 for a dropped byte, else 1
  DroppedAscii() {
    for (int c = 0; c < 128; ++c) {
      bool dropped = std::isspace(c) || (std::ispunct(c) && c != '&' && c != '+' && c != '#');
      kept[c] = dropped ? 0 : 1;
    }
  }
};

}  // namespace

std::string NameKey(std::string_view name) {
  static const DroppedAscii kAscii;
  // Every step keeps or shortens the text, so one string serves for all:
  // the folding below writes the key over the text it reads.
  std::string key(name);
  for (char& c : key) {
    // Without a branch, so that the compiler can do many bytes at once.
    c = static_cast<char>(c | (static_cast<unsigned char>(c - 'A') < 26 ? 0x20 : 0));
  }
  ReplaceAll(key, "isation", "ization");
  // "-ise" at a word end, as score.py does ("standardise" ~ "standardize").
  for (size_t pos = key.find("ise"); pos != std::string::npos; pos = key.find("ise", pos + 3)) {
    size_t end = pos + 3;
    if (end == key.size() || !IsAsciiAlnum(key[end])) key[pos + 1] = 'z';
  }
  std::string_view lowered = key;
  size_t start = 0;
  while (start < lowered.size() && std::isspace(static_cast<unsigned char>(lowered[start]))) {
    ++start;
  }
  if (lowered.substr(start, 4) == "the " || lowered.substr(start, 4) == "the\t") start += 4;

  size_t out = 0;  // never ahead of i
  for (size_t i = start; i < lowered.size();) {
    unsigned char c = lowered[i];
    if (c < 0x80) {
      // Written in any case, kept only if not dropped: out never passes i.
      key[out] = static_cast<char>(c);
      out += kAscii.kept[c];
      ++i;
      continue;
    }
    if (size_t n = MaySkip(c) ? SkippableUtf8(lowered, i) : 0) {
      i += n;
      continue;
    }
    key[out++] = static_cast<char>(c);
    ++i;
  }
  key.resize(out);
  return key;
}

}  // namespace kg
