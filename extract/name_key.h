// Folding of entity names for matching: two names that differ only in case,
// white space, punctuation, dashes, a leading "the", or the British/American
// -isation/-ization spelling get the same key. The same folding as
// ../shared/eval/score.py, so that what kg merges is what a reader would merge.
#ifndef KG_EXTRACT_NAME_KEY_H_
#define KG_EXTRACT_NAME_KEY_H_

#include <string>
#include <string_view>

namespace kg {

// Returns the matching key of `name`. Non-ASCII letters (Chinese names) are
// kept as they are; ASCII letters are lower-cased. Never throws.
std::string NameKey(std::string_view name);

}  // namespace kg

#endif  // KG_EXTRACT_NAME_KEY_H_
