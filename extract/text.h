// Text normalisation and sentence segmentation for PDF-extracted and markdown
// newsletters. The output keeps, for every sentence, the 1-based line of the
// original file where it starts, so that evidence can be checked by a reader.
#ifndef KG_EXTRACT_TEXT_H_
#define KG_EXTRACT_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace kg {

struct Sentence {
  std::string text;  // cleaned, single-spaced, hyphenated line breaks rejoined
  int line = 0;      // 1-based line of the original text where it starts
  bool heading = false;  // a headline or markdown heading rather than prose
};

struct NormalizedText {
  std::vector<Sentence> sentences;
  std::vector<std::string> warnings;  // e.g. "invalid UTF-8 at byte 1234 (replaced)"
};

// Repairs the encoding of `raw`: drops a UTF-8 byte-order mark, turns CRLF and
// lone CR into LF, replaces NUL bytes and invalid UTF-8 sequences with U+FFFD.
// Each repair of invalid bytes adds a warning naming its byte offset in `raw`.
std::string RepairEncoding(std::string_view raw, std::vector<std::string>* warnings);

// Cleans one document and splits it into sentences. Removes page-number lines,
// bullets, markdown markup, HTML tags and URLs; joins lines wrapped mid-sentence
// and words hyphenated across lines; recognises headlines; does not split after
// abbreviations such as "Dr.", "No.", "e.g.". Never fails: any input gives some
// (possibly empty) list of sentences.
NormalizedText NormalizeText(std::string_view raw);

}  // namespace kg

#endif  // KG_EXTRACT_TEXT_H_
