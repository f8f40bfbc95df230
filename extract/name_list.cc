#include "extract/name_list.h"

#include <algorithm>

#include "extract/ascii_bytes.h"

namespace kg {
namespace {

constexpr size_t kNone = std::string_view::npos;

// The length of the UTF-8 character at s[i], or 0 if none starts there.
size_t CharLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c >= 0xF8 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || n > s.size() - i) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// The code point of the UTF-8 character `ch` (as CharLength delimits it).
uint32_t CodePoint(std::string_view ch) {
  unsigned char c = static_cast<unsigned char>(ch[0]);
  if (ch.size() == 1) return c;
  uint32_t cp = c & (0x7F >> ch.size());
  for (size_t k = 1; k < ch.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(ch[k]) & 0x3F);
  return cp;
}

// Characters without case partners in RE2's Unicode simple case folding
// (CJK symbols, kana, CJK ideographs): they match only themselves, so need
// no regex to tell. The tests check this against RE2.
bool Uncased(uint32_t cp) { return cp >= 0x3000 && cp <= 0x9FFF; }

// What a byte of UTF-8 text is to the scanners: an ASCII letter or digit
// ([\p{L}\p{N}] of ASCII), white space (\s), another ASCII character (a
// delimiter), a continuation byte, or the first byte of a non-ASCII
// character (IsWordChar tells whether a letter or a digit).
enum ByteClass : uint8_t { kWord, kSpace, kDelimiter, kContinuation, kLead };

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool alnum = c < 0x80 && IsAsciiAlnum(static_cast<char>(c));
    bool space = c < 0x80 && IsRe2Space(static_cast<char>(c));
    t[c] = c >= 0xC0   ? kLead
           : c >= 0x80 ? kContinuation
           : alnum     ? kWord
           : space     ? kSpace
                       : kDelimiter;
  }
  return t;
}

constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();

// Whether a letter or a digit starts at text[j]: IsWordChar, without its
// regex for ASCII.
bool WordAt(std::string_view text, size_t j) {
  uint8_t k = kByteClass[static_cast<unsigned char>(text[j])];
  size_t len = 0;
  return k == kWord || (k == kLead && IsWordChar(text, j, &len));
}

}  // namespace

NameList::NameList(const std::vector<std::string>& names, bool case_sensitive)
    : case_sensitive_(case_sensitive), names_(names) {
  root_ascii_.fill(-1);
  for (const std::string& n : names_) {
    if (!Add(n)) use_regex_ = true;
  }
  if (use_regex_) {
    // Not lazily: a list that does not compile is an error of the rules.
    if (Regex() == nullptr) error_ = regex_ == nullptr ? "out of memory" : regex_->error();
    if (!error_.empty()) regex_.reset();
  }
}

bool NameList::Add(const std::string& name) {
  // The regex reads the name character by character: a name that begins or
  // ends with neither a letter nor a digit makes the delimiters ambiguous; a
  // run of white space in the name ("\s+\s+"), or white space other than a
  // space (matched only by itself), a run of white space in the text that
  // the trie reads as one space.
  size_t len = 0, last = name.size();
  while (last > 0 && (static_cast<unsigned char>(name[last - 1]) & 0xC0) == 0x80) --last;
  if (last > 0) --last;
  if (name.empty() || !IsWordChar(name, 0, &len) || !IsWordChar(name, last, &len)) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (IsRe2Space(name[i]) && (name[i] != ' ' || IsRe2Space(name[i + 1]))) return false;
  }
  // SpellingTolerant's "i[sz]ation": lower-case "isation" or "ization", left
  // to right. When the case folds, any other "isation" would match both the
  // tolerant and the literal reading of a text's "ISATION".
  std::vector<bool> tolerant(name.size());
  for (size_t i = 0; i + 7 <= name.size(); ++i) {
    if (name[i] == 'i' &&
        (name.compare(i, 7, "isation") == 0 || name.compare(i, 7, "ization") == 0)) {
      tolerant[i] = true;
      i += 6;
    } else if (!case_sensitive_ && ToAsciiLower(name[i]) == 'i') {
      std::string seven(name, i, 7);
      std::transform(seven.begin(), seven.end(), seven.begin(), ToAsciiLower);
      if (seven == "isation" || seven == "ization") return false;
    }
  }
  std::vector<uint32_t> symbols;
  for (size_t i = 0; i < name.size();) {
    if (tolerant[i]) {
      for (char c : std::string_view("isation")) symbols.push_back(c);
      i += 7;
      continue;
    }
    size_t n = CharLength(name, i);
    if (n == 0) return false;
    if (n == 1) {
      symbols.push_back(
          static_cast<unsigned char>(case_sensitive_ ? name[i] : ToAsciiLower(name[i])));
    } else {
      uint32_t cp = CodePoint(std::string_view(name).substr(i, n));
      // KELVIN SIGN and LONG S fold with ASCII letters.
      if (!case_sensitive_ && (cp == 0x212A || cp == 0x17F)) return false;
      symbols.push_back(case_sensitive_ ? cp : NameSymbol(std::string_view(name).substr(i, n)));
    }
    i += n;
  }
  int node = 0;
  for (uint32_t c : symbols) node = AddChild(node, c);
  nodes_[node].name_ends = true;
  // The first two bytes a text's name may begin with.
  unsigned char first = static_cast<unsigned char>(name[0]);
  std::vector<unsigned char> firsts = TextBytes(symbols[0], first);
  for (unsigned char a : firsts) starts_name_[a] = true;
  std::vector<unsigned char> seconds;
  if (first >= 0x80 || symbols.size() == 1) {
    for (int b = 0; b < 256; ++b) seconds.push_back(static_cast<unsigned char>(b));
  } else if (tolerant[0]) {
    seconds = TextBytes('s', 's');
    for (unsigned char b : TextBytes('z', 'z')) seconds.push_back(b);
  } else if (symbols[1] == ' ') {
    seconds = {' ', '\t', '\n', '\f', '\r'};
  } else {
    seconds = TextBytes(symbols[1], static_cast<unsigned char>(name[1]));
  }
  for (unsigned char a : firsts) {
    for (unsigned char b : seconds) starts_pair_[a << 8 | b] = true;
  }
  return true;
}

std::vector<unsigned char> NameList::TextBytes(uint32_t symbol, unsigned char byte) const {
  if (symbol >= 0x80) {
    if (case_sensitive_ || Uncased(symbol)) return {byte};
    std::vector<unsigned char> leads;  // any of its case partners
    for (int b = 0xC2; b <= 0xF4; ++b) leads.push_back(static_cast<unsigned char>(b));
    return leads;
  }
  if (case_sensitive_ || symbol < 'a' || symbol > 'z') return {static_cast<unsigned char>(symbol)};
  return {static_cast<unsigned char>(symbol), static_cast<unsigned char>(symbol - 'a' + 'A')};
}

uint32_t NameList::NameSymbol(std::string_view ch) {
  uint32_t cp = CodePoint(ch);
  if (Uncased(cp)) return cp;
  for (const auto& [symbol, re] : folds_) {
    if (RE2::FullMatch(ch, *re)) return symbol;
  }
  folds_.emplace_back(cp, std::make_unique<RE2>("(?i)" + RE2::QuoteMeta(ch)));
  return cp;
}

int NameList::Child(int node, uint32_t c) const {
  if (node == 0 && c < 0x80) return root_ascii_[c];
  for (int k = nodes_[node].first_child; k >= 0; k = nodes_[k].next_sibling) {
    if (nodes_[k].c == c) return k;
  }
  return -1;
}

int NameList::AddChild(int node, uint32_t c) {
  int k = Child(node, c);
  if (k >= 0) return k;
  k = static_cast<int>(nodes_.size());
  Node child;
  child.c = c;
  child.next_sibling = nodes_[node].first_child;
  nodes_.push_back(child);
  nodes_[node].first_child = k;
  if (node == 0 && c < 0x80) root_ascii_[c] = k;
  if (!case_sensitive_ && c >= 0x80 && !Uncased(c)) nodes_[node].folding_child = true;
  return k;
}

int NameList::TextChild(int node, std::string_view ch) const {
  int k = Child(node, CodePoint(ch));
  if (k >= 0 || !nodes_[node].folding_child) return k;
  // A case partner of a symbol: at most one, as a character folds with one
  // set of characters only.
  for (k = nodes_[node].first_child; k >= 0; k = nodes_[k].next_sibling) {
    if (nodes_[k].c < 0x80 || Uncased(nodes_[k].c)) continue;
    for (const auto& [symbol, re] : folds_) {
      if (symbol == nodes_[k].c && RE2::FullMatch(ch, *re)) return k;
    }
  }
  return -1;
}

bool NameList::SpellingAt(std::string_view text, size_t j) const {
  if (text.size() - j < 7) return false;
  if (case_sensitive_) {
    return text[j] == 'i' && (text[j + 1] == 's' || text[j + 1] == 'z') &&
           text.compare(j + 2, 5, "ation") == 0;
  }
  char s = ToAsciiLower(text[j + 1]);
  if (ToAsciiLower(text[j]) != 'i' || (s != 's' && s != 'z')) return false;
  for (size_t k = 0; k < 5; ++k) {
    if (ToAsciiLower(text[j + 2 + k]) != "ation"[k]) return false;
  }
  return true;
}

size_t NameList::LongestAt(std::string_view text, size_t t) const {
  size_t best = kNone;
  int node = 0;
  for (size_t j = t;;) {
    if (nodes_[node].name_ends && (j == text.size() || !WordAt(text, j))) best = j;
    if (j >= text.size()) break;
    char c = text[j];
    uint8_t k = kByteClass[static_cast<unsigned char>(c)];
    if (k == kSpace) {
      node = Child(node, ' ');
      j = SkipRe2Spaces(text, j);
    } else if (k == kWord && (c | 0x20) == 'i' && SpellingAt(text, j)) {
      // A name that ends inside the word ends before a letter: no match.
      for (char x : std::string_view("isation")) {
        if (node >= 0) node = Child(node, static_cast<unsigned char>(x));
      }
      j += 7;
    } else if (k <= kDelimiter) {
      node = Child(node, static_cast<unsigned char>(case_sensitive_ ? c : ToAsciiLower(c)));
      ++j;
    } else {
      size_t n = CharLength(text, j);
      if (n == 0) break;  // no name holds invalid UTF-8
      node = TextChild(node, text.substr(j, n));
      j += n;
    }
    if (node < 0) break;
  }
  return best;
}

namespace {

// One step of the scan for names, from text[*q]: skips the rest of a word
// (no name starts inside one), then gives the place of the character that is
// neither letter nor digit in *at and where a name may start after it in
// *start (both 0 for a text that opens with a letter or a digit), and moves
// *q past that character. False at the end of the text.
bool NextNameStart(std::string_view text, size_t* q, size_t* at, size_t* start) {
  const size_t n = text.size();
  for (size_t p = *q; p < n;) {
    uint8_t k = kByteClass[static_cast<unsigned char>(text[p])];
    size_t len = 1;
    size_t s = p + 1;
    if (k == kWord || k == kContinuation) {
      if (p != 0 || k == kContinuation) {
        do {
          ++p;
        } while (p < n && kByteClass[static_cast<unsigned char>(text[p])] == kWord);
        continue;
      }
      s = 0;
    } else if (k == kLead) {
      bool word = IsWordChar(text, p, &len);
      if (word && p != 0) {
        p += len;
        continue;
      }
      s = word ? 0 : p + len;
    }
    *at = p;
    *start = s;
    *q = p + len;
    return true;
  }
  *q = n;
  return false;
}

}  // namespace

void NameStarts::Reset(std::string_view text) {
  text_ = text;
  starts_.clear();
  // The scan of NameList::Next from the start of the text, recording where
  // it would look for a name instead of looking.
  for (size_t q = 0, at, start; NextNameStart(text, &q, &at, &start);) {
    starts_.push_back({at, start});
  }
}

bool NameList::Next(std::string_view text, size_t* pos, size_t* b, size_t* e) const {
  // The leftmost match: a name at the start of the text, or after a
  // character that is neither letter nor digit; then the longest name.
  for (size_t q = *pos, at, start; NextNameStart(text, &q, &at, &start);) {
    if (!MayStartName(text, start)) continue;
    size_t end = LongestAt(text, start);
    if (end == kNone) continue;
    *b = start;
    *e = end;
    *pos = std::max({end, at + 1, *pos + 1});
    return true;
  }
  return false;
}

bool NameList::NeedsRegex(std::string_view text) const {
  if (case_sensitive_) return false;
  // KELVIN SIGN and LONG S fold with "k" and "s"; U+0345 COMBINING GREEK
  // YPOGEGRAMMENI folds with iota, a letter, so is no delimiter. Found by
  // their first bytes, which memchr finds fast.
  static const std::string_view kFolding[] = {"\xE2\x84\xAA", "\xC5\xBF", "\xCD\x85"};
  for (std::string_view ch : kFolding) {
    for (size_t i = text.find(ch[0]); i != std::string_view::npos; i = text.find(ch[0], i + 1)) {
      if (text.compare(i, ch.size(), ch) == 0) return true;
    }
  }
  return false;
}

const RE2* NameList::Regex() const {
  std::call_once(compiled_, [this] {
    regex_ = std::make_unique<RE2>(Alternation(names_), RuleRegexOptions(case_sensitive_));
  });
  return regex_ != nullptr && regex_->ok() ? regex_.get() : nullptr;
}

}  // namespace kg
