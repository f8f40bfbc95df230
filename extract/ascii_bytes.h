// Byte tests for text, without a call per byte and without the locale: the
// extractor's scanners read every byte of every sentence, and what is a
// letter, a digit or a space must not depend on the locale kg runs in.
#ifndef KG_EXTRACT_ASCII_BYTES_H_
#define KG_EXTRACT_ASCII_BYTES_H_

#include <cstdint>
#include <cstring>

namespace kg {

// std::isspace, std::isalpha and std::isalnum of the "C" locale: only ASCII
// bytes are spaces, letters or digits.
constexpr bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// std::tolower of the "C" locale.
constexpr char ToAsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The eight bytes at `p`, for the tests below: scans that read eight bytes
// at a time past text that cannot hold what they look for.
inline uint64_t Load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// Whether some byte of `word` is zero.
inline bool HasZeroByte(uint64_t word) {
  return ((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) != 0;
}

// Whether some byte of `word` is `c`.
inline bool HasByte(uint64_t word, char c) {
  return HasZeroByte(word ^ (0x0101010101010101ULL * static_cast<unsigned char>(c)));
}

// The top bit of each byte of `word` that is an ASCII capital or digit, and
// no other bit. Every byte of `word` must be below 0x80: then adding 0x80 - lo
// to each sets its top bit exactly when it is lo or more, and no sum carries
// into the next byte.
inline uint64_t AsciiCapitalOrDigitBytes(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  auto at_least = [word](unsigned lo) { return word + kOnes * (0x80 - lo); };
  uint64_t capital = at_least('A') & ~at_least('Z' + 1);
  uint64_t digit = at_least('0') & ~at_least('9' + 1);
  return (capital | digit) & 0x8080808080808080ULL;
}

}  // namespace kg

#endif  // KG_EXTRACT_ASCII_BYTES_H_
