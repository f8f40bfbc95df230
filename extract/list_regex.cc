#include "extract/list_regex.h"

namespace kg {

RE2::Options RuleRegexOptions(bool case_sensitive) {
  RE2::Options options;
  options.set_longest_match(true);
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  options.set_max_mem(256 << 20);
  return options;
}

std::string SpellingTolerant(const std::string& quoted) {
  std::string out;
  for (size_t i = 0; i < quoted.size(); ++i) {
    if (quoted.compare(i, 7, "isation") == 0 || quoted.compare(i, 7, "ization") == 0) {
      out += "i[sz]ation";
      i += 6;
    } else if (quoted.compare(i, 2, "\\ ") == 0) {
      out += "\\s+";
      ++i;
    } else {
      out.push_back(quoted[i]);
    }
  }
  return out;
}

std::string QuotedAlternation(std::vector<std::string> words, bool upper) {
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out = "(?:";
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (upper) std::transform(w.begin(), w.end(), w.begin(), ::toupper);
    if (i > 0) out += '|';
    out += SpellingTolerant(RE2::QuoteMeta(w));
  }
  return out + ")";
}

std::string Alternation(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string alt = QuotedAlternation(names);
  return "(?:^|[^\\p{L}\\p{N}])(" + alt.substr(3, alt.size() - 4) + ")(?:$|[^\\p{L}\\p{N}])";
}

}  // namespace kg
