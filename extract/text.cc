#include "extract/text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>

#include <re2/re2.h>

#include "extract/ascii_bytes.h"

namespace kg {
namespace {

constexpr std::string_view kReplacement = "\uFFFD";
// Sentences longer than this are cut, so that one runaway line (a table dump,
// a file with no punctuation) cannot make pattern matching quadratic.
constexpr size_t kMaxSentenceBytes = 4000;

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Whether the eight bytes at `p` are ASCII and neither NUL nor '\r': bytes
// RepairEncoding copies as they are.
bool PlainAscii8(const char* p) {
  uint64_t word = Load8(p);
  return (word & 0x8080808080808080ULL) == 0 && !HasZeroByte(word) && !HasByte(word, '\r');
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Bullet glyphs that PDF converters leave at the start of list items.
bool StripBullet(std::string_view* s) {
  static constexpr std::string_view kBullets[] = {"\uF0B7", "\u2022", "\u25AA", "\uF06C",
                                                  "\uF0A7", "\u25CF", "\u25E6", "\u2023",
                                                  "\u00B7", "-",      "*"};
  for (std::string_view b : kBullets) {
    if (s->substr(0, b.size()) == b && (s->size() == b.size() || (*s)[b.size()] == ' ')) {
      s->remove_prefix(b.size());
      *s = Trim(*s);
      return true;
    }
  }
  return false;
}

bool IsPageNumberLine(std::string_view s) {
  // " 12. ", "3", "Page 4", "- 5 -"
  static const RE2 kPage(R"((?i)^(?:page\s*)?[-\s]*\d{1,4}\s*[.-]?\s*(?:of\s*\d+)?$)");
  return s.size() <= 16 &&
         std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         RE2::FullMatch(s, kPage);
}

bool IsHashtagLine(std::string_view s) {
  // "#ETSI #Standardisation" tag lines under a headline.
  return !s.empty() && s[0] == '#' && s.size() > 1 && s[1] != '#' && s[1] != ' ' &&
         std::count(s.begin(), s.end(), '#') >= 1 && s.find(". ") == std::string_view::npos;
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr uint64_t kLowBits = 0x7F7F7F7F7F7F7F7FULL;

// The top bit of each byte of `word` that is `c`, and no other bit: exact,
// unlike HasByte, which may flag the bytes above a match.
uint64_t BytesEqual(uint64_t word, char c) {
  uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((x & kLowBits) + kLowBits) | x) & kHighBits;
}

// The top bit of each byte of `word` that is below 0x21: a space or a
// control character.
uint64_t BytesBelow21(uint64_t word) {
  return ~(((word & kLowBits) + kOnes * (0x80 - 0x21)) | word) & kHighBits;
}

// How many bytes of `bits`, a result of the tests above, have their top bit
// set: the sum of eight 0s and 1s, gathered in the top byte by a product.
int CountHighBits(uint64_t bits) { return static_cast<int>(((bits >> 7) * kOnes) >> 56); }

// Whether StripMarkup may change `s`: false only when it has none of what
// the patterns need ("[", "://" or "www.", "<", "*", "__") and no two spaces
// in a row. Eight bytes at a time: most lines have no markup.
bool MayHaveMarkup(std::string_view s) {
  auto at = [&](size_t i, std::string_view what) { return s.compare(i, what.size(), what) == 0; };
  // Scalar, for the bytes of one block of eight that need a closer look.
  auto check = [&](size_t i) {
    char c = s[i];
    return c == '[' || c == '<' || c == '*' || (c == '_' && at(i, "__")) ||
           (c == ':' && at(i, "://")) || (c == 'w' && at(i, "www."));
  };
  uint64_t previous_low = 0;  // the top bit of the last byte read, if below 0x21
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word = Load8(s.data() + i);
    uint64_t low = BytesBelow21(word);
    // Two bytes below 0x21 in a row: maybe two spaces.
    if ((low & ((low << 8) | (previous_low >> 56))) != 0) return true;
    previous_low = low;
    uint64_t marks = BytesEqual(word, '[') | BytesEqual(word, '<') | BytesEqual(word, '*') |
                     BytesEqual(word, '_') | BytesEqual(word, ':') | BytesEqual(word, 'w');
    if (marks == 0) continue;
    for (size_t k = i; k < i + 8; ++k) {
      if (check(k)) return true;
    }
  }
  bool previous_space = (previous_low >> 63) != 0;
  for (; i < s.size(); ++i) {
    bool space = static_cast<unsigned char>(s[i]) < 0x21;
    if ((space && previous_space) || check(i)) return true;
    previous_space = space;
  }
  return false;
}

// Removes markdown emphasis, inline HTML tags and URLs from one line.
std::string StripMarkup(std::string_view s) {
  static const RE2 kUrl(R"((?:https?://|www\.)[^\s)\]>]*)");
  static const RE2 kTag(R"(</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)");
  static const RE2 kEmphasis(R"(\*{1,3}|__)");
  static const RE2 kLink(R"(\[([^\]]*)\]\([^)]*\))");
  std::string out(s);
  // Each pattern runs only where its first character occurs: most lines of
  // a newsletter have no markup, and a search costs a pass over the line.
  auto has = [&](std::string_view needle) { return out.find(needle) != std::string::npos; };
  if (has("[")) RE2::GlobalReplace(&out, kLink, R"(\1)");
  if (has("http") || has("www.")) RE2::GlobalReplace(&out, kUrl, "");
  if (has("<")) RE2::GlobalReplace(&out, kTag, "");
  if (has("*") || has("__")) RE2::GlobalReplace(&out, kEmphasis, "");
  // What was removed may leave two spaces behind.
  static const RE2 kSpaces(R"(\s{2,})");
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  };
  bool two_spaces = false;
  for (size_t i = 1; i < out.size() && !two_spaces; ++i) {
    two_spaces = is_space(out[i]) && is_space(out[i - 1]);
  }
  if (two_spaces) RE2::GlobalReplace(&out, kSpaces, " ");
  return out;
}

bool EndsWithAny(std::string_view s, std::initializer_list<std::string_view> ends) {
  for (std::string_view e : ends) {
    if (s.size() >= e.size() && s.substr(s.size() - e.size()) == e) return true;
  }
  return false;
}

std::string_view LastWord(std::string_view s) {
  size_t pos = s.find_last_of(' ');
  return pos == std::string_view::npos ? s : s.substr(pos + 1);
}

bool EndsSentence(std::string_view s) {
  return EndsWithAny(s, {".", "!", "?", ".\"", ".\u201d", ".)", "\u3002"});
}

// Words after which a line cannot end a sentence or a headline.
bool EndsWithFunctionWord(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "the",   "of",   "and",  "for", "in",  "on",  "to",   "a",     "an",
      "by",    "with", "from", "at",  "as",  "or",  "its",  "their", "that",
      "which", "was",  "were", "is",  "are", "has", "have", "be"};
  std::string_view w = LastWord(s);
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return EndsWithAny(s, {",", "-", "(", "&", "/"});
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = s[0];
  return std::isupper(c) || std::isdigit(c) || c == '"' || c >= 0x80;
}

// A line most of whose words are capitalised: a headline, not wrapped prose.
bool LooksLikeTitle(std::string_view s) {
  int words = 0;
  int capitalised = 0;
  // A word starts at a byte other than ' ' after a ' ' or at the start; it
  // is capitalised if that byte is a capital, a digit or not ASCII. Eight
  // bytes at a time, then byte by byte.
  bool previous_space = true;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word = Load8(s.data() + i);
    uint64_t spaces = BytesEqual(word, ' ');
    uint64_t starts = ~spaces & kHighBits & ((spaces << 8) | (previous_space ? 0x80 : 0));
    previous_space = (spaces >> 63) != 0;
    if (starts == 0) continue;
    // A byte of 0x80 or more counts as capitalised whatever its low bits.
    uint64_t capital = AsciiCapitalOrDigitBytes(word & kLowBits) | (word & kHighBits);
    words += CountHighBits(starts);
    capitalised += CountHighBits(starts & capital);
    // More words than a headline has: whatever follows, no headline.
    if (words > 16) return false;
  }
  for (; i < s.size(); ++i) {
    bool space = s[i] == ' ';
    if (!space && previous_space) {
      if (++words > 16) return false;
      unsigned char c = s[i];
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) ++capitalised;
    }
    previous_space = space;
  }
  // A list item ("GB/T 1-2020 terms;") or a clause is not a headline.
  if (EndsWithAny(s, {";", ","})) return false;
  // Prose broken across lines often has a clause ("On 10 May 2021, the ...").
  if (words > 4 && s.find(", ") != std::string_view::npos) return false;
  return words > 0 && words <= 16 && capitalised * 10 >= words * 6;
}

// Whether `next` starts with a word that usually follows a hyphen in a
// compound ("funded" in "foreign-funded"), rather than the rest of a word
// broken across lines ("ardisation").
bool IsCompoundTail(std::string_view next) {
  static constexpr std::string_view kTails[] = {
      "funded",  "based",  "level",    "term",   "scale",     "oriented", "related",   "owned",
      "quality", "making", "wide",     "free",   "driven",    "specific", "border",    "chain",
      "party",   "time",   "known",    "up",     "in",        "out",      "off",       "end",
      "to",      "by",     "of",       "and",    "year",      "round",    "sized",     "speed",
      "range",   "carbon", "energy",   "hand",   "way",       "led",      "run",       "made",
      "sector",  "side",   "specific", "access", "efficient", "saving",   "intensive", "friendly"};
  size_t n = 0;
  while (n < next.size() && std::isalpha(static_cast<unsigned char>(next[n]))) ++n;
  std::string_view word = next.substr(0, n);
  for (std::string_view t : kTails) {
    if (word == t) return true;
  }
  return false;
}

struct Line {
  // The cleaned line: a view of the repaired text, or of the copy that
  // StripMarkup made of it (kept in the arena of CleanLines).
  std::string_view text;
  int number = 0;
  bool heading = false;
  bool table_row = false;
  int blank_lines_before = 0;
  int gap_lines_before = 0;  // blank and tag lines only, not page numbers
  // LooksLikeTitle(text) once known, else -1: asked up to three times a line.
  mutable int looks_like_title = -1;
};

// LooksLikeTitle(line.text), computed once per line.
bool LooksLikeTitle(const Line& line) {
  if (line.looks_like_title < 0) line.looks_like_title = LooksLikeTitle(line.text) ? 1 : 0;
  return line.looks_like_title == 1;
}

// `arena` keeps the lines that StripMarkup changed, which `text` does not
// hold: a deque, whose strings stay where they are as it grows.
std::vector<Line> CleanLines(std::string_view text, std::deque<std::string>* arena) {
  std::vector<Line> lines;
  int number = 0;
  int blanks = 0;
  int gaps = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string_view raw = Trim(text.substr(start, end - start));
    start = end + 1;
    if (raw.empty() || IsPageNumberLine(raw) || IsHashtagLine(raw)) {
      ++blanks;
      if (!IsPageNumberLine(raw)) ++gaps;
      if (end == text.size()) break;
      continue;
    }
    Line line;
    line.number = number;
    line.blank_lines_before = blanks;
    line.gap_lines_before = gaps;
    blanks = gaps = 0;
    if (raw[0] == '#') {
      line.heading = true;
      // A line of only '#' has no text after the marks (substr(npos) throws).
      raw = Trim(raw.substr(std::min(raw.size(), raw.find_first_not_of('#'))));
    } else if (raw[0] == '|') {
      line.table_row = true;
      if (raw.find_first_not_of("|-: ") == std::string_view::npos) {
        if (end == text.size()) break;
        continue;  // markdown table rule "|---|---|"
      }
    }
    // "8. SAC and NEA: Guidelines for ...": a numbered news headline.
    static const RE2 kNumbered(R"(^\d{1,2}\.\s+([A-Z].*)$)");
    re2::StringPiece headline;
    if (!line.heading && !line.table_row && std::isdigit(static_cast<unsigned char>(raw[0])) &&
        RE2::FullMatch(raw, kNumbered, &headline) && !EndsSentence(raw)) {
      line.heading = true;
      raw = std::string_view(headline.data(), headline.size());
    }
    StripBullet(&raw);
    // Most lines have no markup: they are used where they are, uncopied.
    if (MayHaveMarkup(raw)) {
      arena->push_back(StripMarkup(raw));
      line.text = arena->back();
    } else {
      line.text = raw;
    }
    line.text = Trim(line.text);
    if (!line.text.empty()) lines.push_back(line);
    if (end == text.size()) break;
  }
  return lines;
}

// Whether line `next` starts a new sentence regardless of punctuation.
// `prev_continues` tells that `prev` carries on a sentence of the line before
// it: then it is wrapped prose, not a headline, however capitalised.
bool IsHardBreak(const Line& prev, const Line& next, bool prev_continues = false) {
  // A headline wrapped onto a second line ("Energy In-" + "ternet").
  if (prev.heading && !next.heading &&
      (EndsWithFunctionWord(prev.text) || !StartsUpper(next.text))) {
    return false;
  }
  // "... General Working" + "Group (AIGWG) of 2019 was held": a short line
  // without final punctuation or clause still belongs to the headline.
  if (prev.heading && !next.heading && !prev.table_row && !next.table_row &&
      !EndsSentence(prev.text) && !EndsSentence(next.text) && next.text.size() < 60 &&
      next.text.find(", ") == std::string::npos) {
    return false;
  }
  if (prev.heading || next.heading || prev.table_row || next.table_row) return true;
  if (EndsWithFunctionWord(prev.text)) return false;
  // A wide gap before a capitalised line ends the paragraph even without a
  // full stop ("... please visit" + link + gap + headline).
  if (next.gap_lines_before >= 2 && std::isupper(static_cast<unsigned char>(next.text[0]))) {
    return true;
  }
  if (!StartsUpper(next.text)) return false;
  if (EndsSentence(prev.text)) return true;
  if (prev_continues) return false;
  return LooksLikeTitle(prev) && (next.blank_lines_before > 0 || prev.text.size() < 80);
}

bool IsAbbreviation(std::string_view word) {
  static constexpr std::string_view kAbbreviations[] = {
      "Dr",  "Mr",  "Mrs", "Ms", "Prof", "No",  "Nos", "e.g",    "i.e", "etc",  "vs",   "St", "Co",
      "Ltd", "Inc", "Jr",  "Sr", "Fig",  "Art", "Vol", "approx", "cf",  "Dept", "Corp", "Mt", "Nr"};
  for (std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  // A single capital letter: an initial ("J. Smith") or a list label ("A.").
  return word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]));
}

// Splits one block of joined text into sentences at ". ", "! " and "? "
// followed by an upper-case letter, a digit or a quote.
void SplitBlock(const std::string& block, const std::vector<std::pair<size_t, int>>& line_starts,
                bool heading, std::vector<Sentence>* out) {
  auto line_at = [&](size_t offset) {
    auto it =
        std::upper_bound(line_starts.begin(), line_starts.end(), std::make_pair(offset, INT32_MAX));
    return std::prev(it)->second;
  };
  auto emit = [&](size_t begin, size_t end) {
    std::string_view s = Trim(std::string_view(block).substr(begin, end - begin));
    if (s.empty()) return;
    size_t offset = s.data() - block.data();
    while (s.size() > kMaxSentenceBytes) {
      size_t cut = s.rfind(' ', kMaxSentenceBytes);
      if (cut == std::string_view::npos || cut == 0) cut = kMaxSentenceBytes;
      while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) ++cut;
      out->push_back({std::string(Trim(s.substr(0, cut))), line_at(offset), heading});
      s = Trim(s.substr(cut));
      offset = s.data() - block.data();
    }
    if (!s.empty()) out->push_back({std::string(s), line_at(offset), heading});
  };
  size_t begin = 0;
  for (size_t i = 0; i + 1 < block.size(); ++i) {
    // Most of the text has no stop: eight bytes at a time past it, short of
    // the last byte, which the loop never reads.
    while (i + 10 <= block.size()) {
      uint64_t word = Load8(block.data() + i);
      if (HasByte(word, '.') || HasByte(word, '!') || HasByte(word, '?')) break;
      i += 8;
    }
    char c = block[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < block.size() && (block[j] == '"' || block[j] == ')' || block[j] == '\'')) ++j;
    if (j >= block.size() || block[j] != ' ') continue;
    size_t k = j + 1;
    if (k >= block.size() || !StartsUpper(std::string_view(block).substr(k))) continue;
    if (c == '.') {
      size_t word_start = block.find_last_of(' ', i);
      word_start = word_start == std::string::npos ? begin : word_start + 1;
      std::string_view word = std::string_view(block).substr(word_start, i - word_start);
      if (IsAbbreviation(word)) continue;
    }
    emit(begin, j);
    begin = k;
  }
  emit(begin, block.size());
}

}  // namespace

std::string RepairEncoding(std::string_view raw, std::vector<std::string>* warnings) {
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  std::string out;
  out.reserve(raw.size());
  size_t bad_bytes = 0;
  for (size_t i = 0; i < raw.size();) {
    // Runs of plain ASCII, most of a newsletter, are copied as they are.
    size_t run = i;
    while (run + 8 <= raw.size() && PlainAscii8(raw.data() + run)) run += 8;
    while (run < raw.size() && static_cast<unsigned char>(raw[run]) < 0x80 && raw[run] != '\r' &&
           raw[run] != 0) {
      ++run;
    }
    if (run > i) {
      out.append(raw.substr(i, run - i));
      i = run;
      continue;
    }
    unsigned char c = raw[i];
    if (c == '\r') {
      out.push_back('\n');
      i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c == 0) {
      out.append(kReplacement);
      ++bad_bytes;
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(raw, i);
    if (n == 0) {
      if (warnings != nullptr && bad_bytes < 10) {
        warnings->push_back("invalid UTF-8 at byte " + std::to_string(i) + " (replaced)");
      }
      ++bad_bytes;
      out.append(kReplacement);
      ++i;
      continue;
    }
    out.append(raw.substr(i, n));
    i += n;
  }
  if (warnings != nullptr && bad_bytes >= 10) {
    warnings->push_back(std::to_string(bad_bytes) + " invalid or NUL bytes replaced in all");
  }
  return out;
}

NormalizedText NormalizeText(std::string_view raw) {
  NormalizedText result;
  std::string text = RepairEncoding(raw, &result.warnings);
  std::deque<std::string> arena;
  std::vector<Line> lines = CleanLines(text, &arena);

  std::string block;
  std::vector<std::pair<size_t, int>> line_starts;
  bool block_heading = false;
  auto flush = [&] {
    if (!block.empty()) SplitBlock(block, line_starts, block_heading, &result.sentences);
    block.clear();
    line_starts.clear();
  };
  const Line* prev = nullptr;
  Line continued;
  // Whether `prev` went on with a sentence left open by the line before it.
  bool prev_continues = false;
  for (const Line& line : lines) {
    bool line_continues = false;
    if (prev != nullptr && IsHardBreak(*prev, line, prev_continues)) {
      flush();
    } else if (prev != nullptr) {
      // Within prose only: headlines and list items wrap too, and a colon
      // opens a list.
      line_continues = !block_heading && !prev->heading && !EndsSentence(prev->text) &&
                       !EndsWithAny(prev->text, {":"}) && !LooksLikeTitle(*prev);
    }
    prev_continues = line_continues;
    if (block.empty()) {
      block_heading = line.heading || (LooksLikeTitle(line) && !EndsSentence(line.text));
    } else if (block.back() == '-' && block.size() >= 2 &&
               std::isalpha(static_cast<unsigned char>(block[block.size() - 2])) &&
               std::islower(static_cast<unsigned char>(line.text[0]))) {
      // "stand-" + "ardisation": rejoin without a space, and without the
      // hyphen unless the second part is a word that forms compounds
      // ("foreign-funded", "high-level"), so that names match their spelling.
      if (!IsCompoundTail(line.text)) block.pop_back();
    } else if (block.back() == '-' && block.size() >= 2 &&
               std::isalpha(static_cast<unsigned char>(block[block.size() - 2])) &&
               std::isupper(static_cast<unsigned char>(line.text[0]))) {
      // "Urban-" + "Rural Development": a compound of names keeps its hyphen
      // and takes no space.
    } else {
      block.push_back(' ');
    }
    line_starts.emplace_back(block.size(), line.number);
    block += line.text;
    // A line that continues a headline is part of the headline.
    if (prev != nullptr && prev->heading && !IsHardBreak(*prev, line)) {
      continued = line;
      continued.heading = true;
      prev = &continued;
    } else {
      prev = &line;
    }
  }
  flush();
  return result;
}

}  // namespace kg
