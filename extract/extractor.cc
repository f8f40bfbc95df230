#include "extract/extractor.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <re2/re2.h>
#include <re2/set.h>

#include "extract/ascii_bytes.h"
#include "extract/list_regex.h"
#include "extract/name_key.h"
#include "extract/name_list.h"
#include "extract/pooled_string.h"
#include "extract/re2_chars.h"
#include "extract/text.h"
#include "extract/word_set.h"

namespace kg {
namespace {

// Where a mention comes from; decides which of two overlapping spans wins and
// which mentions may anchor a title ("of the State Council").
enum class Source : uint8_t { kGeneric, kTitle, kQuoted, kPattern, kPerson, kAcronym, kGazetteer };

// One span of a sentence that names an entity.
struct Mention {
  size_t begin = 0;
  size_t end = 0;
  EntityType type = EntityType::kOrganization;
  std::string name;                  // the canonical name for this mention
  std::vector<std::string> aliases;  // other names it implies (acronym, code without year)
  std::string id;                    // preferred id, if known (gazetteer, acronym)
  int priority = 0;                  // wins ties between overlapping spans
  Source source = Source::kTitle;
  std::string parent_code;  // a committee code's parent ("SAC/TC28" of "SAC/TC28/SC42")
  std::string role;         // a person's role printed in brackets after the name
  int entity = -1;          // index into the document's entities, once resolved
};

// Where a strong mention (IsStrong) lies in its sentence.
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

bool IsStrong(const Mention& m) {
  return m.source == Source::kGazetteer || m.source == Source::kAcronym ||
         m.source == Source::kPattern || m.source == Source::kPerson;
}

bool HasLower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsOrgType(EntityType t) {
  return t == EntityType::kAgency || t == EntityType::kOrganization || t == EntityType::kCommittee;
}

bool IsDocumentType(EntityType t) {
  return t == EntityType::kLaw || t == EntityType::kPolicy || t == EntityType::kStandard;
}

// Whether `phrase` is `word` or ends with a space and `word`.
bool EndsWithWord(std::string_view phrase, std::string_view word) {
  return phrase == word ||
         (phrase.size() > word.size() && phrase[phrase.size() - word.size() - 1] == ' ' &&
          phrase.substr(phrase.size() - word.size()) == word);
}

std::unique_ptr<RE2> Compile(const std::string& pattern, bool case_sensitive, std::string* error,
                             const std::string& what) {
  auto re = std::make_unique<RE2>(pattern, RuleRegexOptions(case_sensitive));
  if (!re->ok()) {
    *error = what + ": " + re->error();
    return nullptr;
  }
  return re;
}

// Replaces "{list}" and "{upper:list}" in a pattern by the alternation of that
// list of the rules, so that patterns can share the word lists.
std::string ExpandLists(const std::string& regex, const Rules& rules) {
  std::string out;
  size_t pos = 0;
  while (pos < regex.size()) {
    size_t open = regex.find('{', pos);
    size_t close = open == std::string::npos ? open : regex.find('}', open);
    if (close == std::string::npos) {
      out += regex.substr(pos);
      break;
    }
    std::string key = regex.substr(open + 1, close - open - 1);
    bool upper = key.rfind("upper:", 0) == 0;
    if (upper) key = key.substr(6);
    if (key.empty() || !std::isalpha(static_cast<unsigned char>(key[0])) ||
        rules.lists.find(key) == rules.lists.end()) {
      out += regex.substr(pos, close + 1 - pos);  // a repetition such as {1,3}
    } else {
      out += regex.substr(pos, open - pos) + QuotedAlternation(rules.List(key), upper);
    }
    pos = close + 1;
  }
  return out;
}

// Whether group 1 of `pattern` is its whole match: the pattern is "(X)",
// "\\b(X)" or "\\b(X)\\b", where "\\b" takes no text. Then the DFA alone
// finds the group, without the submatch search, which for a program of a
// long list of names runs an NFA over the match.
bool GroupIsWholeMatch(std::string_view pattern) {
  size_t i = pattern.substr(0, 2) == "\\b" ? 2 : 0;
  if (pattern.substr(i, 1) != "(" || pattern.substr(i + 1, 1) == "?") return false;
  int depth = 0;
  bool in_class = false;
  for (; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;  // an escaped character, in a class or not
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      // "[]...]" and "[^]...]": a "]" first in a class is one of its members.
      if (pattern.substr(i + 1, 1) == "^") ++i;
      if (pattern.substr(i + 1, 1) == "]") ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      std::string_view rest = pattern.substr(i + 1);
      return rest.empty() || rest == "\\b";
    }
  }
  return false;
}

// Finds every non-overlapping match of `re` in `text`; group 1 when the
// pattern has one, else the whole match. `max_groups` is how many groups to
// read at most: 0 when group 1 is known to be the whole match
// (GroupIsWholeMatch).
template <typename F>
void ForEachMatch(const RE2& re, std::string_view text, F&& on_match, int max_groups = 1) {
  int groups = std::min(re.NumberOfCapturingGroups(), max_groups);
  re2::StringPiece sm[2];
  size_t pos = 0;
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, sm, groups + 1)) {
    re2::StringPiece hit = groups ? sm[1] : sm[0];
    if (hit.data() != nullptr && !hit.empty()) {
      on_match(static_cast<size_t>(hit.data() - text.data()),
               static_cast<size_t>(hit.data() - text.data() + hit.size()));
    }
    // Restart at the end of the name, not of the whole match, so that the
    // delimiter between adjacent names ("SAMR and SAC") can lead the next one.
    size_t match_begin = static_cast<size_t>(sm[0].data() - text.data());
    size_t hit_end = hit.empty() ? 0 : static_cast<size_t>(hit.data() - text.data()) + hit.size();
    pos = std::max({hit_end, match_begin + 1, pos + 1});
  }
}

// `s` without leading and trailing white space, each run of it inside made
// one space. Copies the words whole: names have few spaces.
std::string FoldSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    if (i == s.size()) break;
    size_t word = i;
    while (i < s.size() && !IsAsciiSpace(s[i])) ++i;
    if (!out.empty()) out.push_back(' ');
    out.append(s.data() + word, i - word);
  }
  return out;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

// A head word found in a name, and what it makes the name.
struct Head {
  size_t pos = std::string_view::npos;
  EntityType type = EntityType::kOrganization;
};

// "two white papers: A and B", "the standards, namely A" (see
// RuleExtractor::AddIntroducedTitles).
const RE2& IntroRegex() {
  static const RE2 re(
      R"((?i)\b(white papers?|reports?|standards?|plans?|guidelines)\s*(?::|,?\s+(?:namely|entitled|titled|called))\s+)");
  return re;
}

// Whether `s` has what IntroRegex needs after its noun: ":" or "namely",
// "titled" (of "entitled") or "called" in any case; only ASCII letters fold
// to theirs. Most sentences have none.
bool HasIntroSeparator(std::string_view s) {
  auto word_at = [&](size_t i, std::string_view word) {
    if (s.size() - i < word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      // Setting bit 5 lower-cases an ASCII letter and makes no other byte one.
      if ((s[i + k] | 0x20) != word[k]) return false;
    }
    return true;
  };
  if (s.find(':') != std::string_view::npos) return true;
  // Each word has an "l" as its fourth or fifth letter, a rare letter: the
  // text is read eight bytes at a time up to one.
  for (size_t p = 0; p < s.size(); ++p) {
    while (p + 8 <= s.size() && !HasByte(Load8(s.data() + p) | 0x2020202020202020ULL, 'l')) {
      p += 8;
    }
    if (p >= s.size()) break;
    if ((s[p] | 0x20) != 'l') continue;
    if (p >= 4 && word_at(p - 4, "namely")) return true;
    if (p >= 3 && (word_at(p - 3, "titled") || word_at(p - 3, "called"))) return true;
  }
  return false;
}

// "working group (WG1)" (see AddDescribedSubgroups).
const RE2& DescribedRegex() {
  static const RE2 re(
      R"((?:^|[,;:(]\s*|\b(?:and|include|includes|including|of|with)\s+)((?:[a-z][a-z\-]*\s+){1,6}(?:working group|subcommittee|sub-committee|task force))\s*\(\s*((?:WG|SC|TF|SWG|AG)\s?\d{1,3})\s*\))");
  return re;
}

// The regexes of the code in the sentence filter (RuleExtractor::filter_),
// by index; those of the rules follow them.
constexpr int kQuotedFilter = 0;
constexpr int kGenericFilter = 1;
constexpr int kAcronymAfterFilter = 2;
constexpr int kAcronymBeforeFilter = 3;
constexpr int kUnfiltered = -1;  // a regex the filter does not know

// What the sentence filter says of one sentence.
class SentenceHits {
 public:
  explicit SentenceHits(const uint64_t* words) : words_(words) {}

  // False when regex `filter` (an index into the filter) cannot match
  // anywhere in the sentence; true for kUnfiltered.
  bool May(int filter) const {
    return filter < 0 || ((words_[filter >> 6] >> (filter & 63)) & 1) != 0;
  }

 private:
  const uint64_t* words_;
};

// SentenceHits for every sentence of a document.
struct FilterHits {
  size_t words_per_sentence = 0;
  std::vector<uint64_t> words;

  SentenceHits operator[](size_t sentence) const {
    return SentenceHits(words.data() + sentence * words_per_sentence);
  }
};

// The types of `allowed` as bits (1 << type), every type when it is empty:
// a trigger asks of each mention of a sentence, often several times, whether
// its type fits, and a bit answers without a search.
uint32_t TypeBits(const std::vector<EntityType>& allowed) {
  if (allowed.empty()) return (uint32_t{1} << kEntityTypeCount) - 1;
  uint32_t bits = 0;
  for (EntityType t : allowed) bits |= uint32_t{1} << static_cast<int>(t);
  return bits;
}

bool TypeAllowed(uint32_t type_bits, EntityType t) {
  return ((type_bits >> static_cast<int>(t)) & 1) != 0;
}

// The evidence of the relations of one sentence, made when the first of
// them is found and then copied: each relation's own would search the
// string pool for the document's name and the sentence again. Most
// sentences give no relation, and make none.
class SentenceEvidence {
 public:
  // `doc` holds the document's name in the pool once a sentence of the
  // document has made its evidence; it outlives this object.
  SentenceEvidence(std::string_view doc_name, std::optional<PooledString>* doc,
                   const Sentence& sentence)
      : doc_name_(doc_name), doc_(doc), sentence_(sentence) {}

  const Evidence& Get() {
    if (!made_) {
      // The name first, then the sentence: what the pool receives, in the
      // order it did when each relation made its own.
      if (!doc_->has_value()) doc_->emplace(doc_name_);
      evidence_ = {**doc_, sentence_.line, sentence_.text};
      made_ = true;
    }
    return evidence_;
  }

 private:
  std::string_view doc_name_;
  std::optional<PooledString>* doc_;
  const Sentence& sentence_;
  bool made_ = false;
  Evidence evidence_;
};

// Hashes std::string and std::string_view alike, so that the sets and maps
// keyed by std::string can be asked about a view without copying it.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class RuleExtractor : public Extractor {
 public:
  explicit RuleExtractor(const Rules& rules) : rules_(rules) {}
  ~RuleExtractor() override { stop_warming_ = true; }

  bool Init(std::string* error);
  DocumentExtraction Extract(std::string_view doc_name, std::string_view raw_text) const override;
  void WarmUpInBackground() override;

 private:
  struct CompiledPattern {
    EntityType type;
    std::string name;
    std::unique_ptr<RE2> re;
    int filter = kUnfiltered;  // its index in filter_
    int groups = 1;            // for ForEachMatch: 0 if GroupIsWholeMatch
  };
  struct CompiledTrigger {
    const RelationTrigger* rule;
    std::unique_ptr<RE2> active;
    std::unique_ptr<RE2> passive;
    int active_filter = kUnfiltered;
    int passive_filter = kUnfiltered;
    uint32_t subject_types = 0;  // TypeBits of the rule's
    uint32_t object_types = 0;
  };
  struct Acronym {
    std::string acronym;
    std::string full;
    EntityType type;
    std::vector<std::string> aliases;
  };
  // An entity mentioned earlier in the document, for generic references.
  struct Recent {
    int entity;
    EntityType type;
    std::string name;
  };

  // The regexes of the code; then those of the rules, and filter_.
  bool CompileRegexes(std::string* error);
  bool CompileRulesAndFilter(std::string* error);
  // Makes filter_ of `patterns` (each with whether it is case-sensitive);
  // returns why it cannot, or "".
  std::string CompileFilter(const std::vector<std::pair<std::string, bool>>& patterns);
  // RE2::FindAndConsume(text, acronym_after_ or acronym_before_, first,
  // second), with the DFA alone when the pattern is one whose groups can be
  // read off the match around its only "(" (acronym_shapes_known_).
  bool FindDefinition(const RE2& re, re2::StringPiece* text, re2::StringPiece* first,
                      re2::StringPiece* second) const;
  // The answers of filter_ for every sentence: one pass of a set of all the
  // sentence regexes tells, for all of them at once, which ones cannot match
  // anywhere in a sentence, so that the costly searches (submatches, one
  // restart per hit) run only on sentences where they can find something.
  FilterHits FilterSentences(const std::vector<Sentence>& sentences) const;
  std::vector<Acronym> FindAcronymDefinitions(const std::vector<Sentence>& sentences,
                                              const FilterHits& hits) const;
  // `table_lines`, when given, receives the first and last line of the table.
  void FindAbbreviationTable(std::string_view raw, std::vector<Acronym>* out,
                             std::pair<int, int>* table_lines = nullptr) const;
  std::vector<Mention> FindMentions(std::string_view s, SentenceHits may, const NameList* local,
                                    const std::unordered_map<std::string, int>& local_by_key,
                                    const std::vector<Acronym>& acronyms) const;
  void AddTitleMentions(std::string_view s, const std::vector<Span>& strong,
                        std::vector<Mention>* out) const;
  void AddQuotedMentions(std::string_view s, SentenceHits may, std::vector<Mention>* out) const;
  // Titles listed after the kind of document they are ("two white papers:
  // A and B", "the standards, namely A"): no head word needed.
  void AddIntroducedTitles(std::string_view s, std::vector<Mention>* out) const;
  void AddPatternMentions(std::string_view s, SentenceHits may, std::vector<Mention>* out) const;
  void AddGenericMentions(std::string_view s, SentenceHits may, const std::vector<Recent>& recent,
                          std::vector<Mention>* out) const;
  // Calls on_span(b, e) for every match [b, e) of title_span_ in `s`, as
  // ForEachMatch does.
  template <typename F>
  void ForEachTitleSpan(std::string_view s, F&& on_span) const;
  // Where the match of title_span_ anchored at s[b] ends, or npos when
  // there is none; by hand when the text and the connectors are ASCII.
  size_t TitleSpanAt(std::string_view s, size_t b) const;
  // TitleSpanAt by hand, for ASCII `s` and title_connectors_ not empty.
  size_t AsciiTitleSpanAt(std::string_view s, size_t b) const;
  bool MakeTitle(std::string_view s, size_t b, size_t e, const std::vector<Span>& strong,
                 bool quoted, Mention* m) const;
  Head DecisiveHead(std::string_view name) const;
  // Whether a connector ("of", "for") comes before `head_pos` in `name`.
  bool HeadAfterFirstConnector(std::string_view name, size_t head_pos) const;
  // How many words, years and numbers aside, come before the decisive head
  // word of `name`.
  size_t HeadWordIndex(std::string_view name) const;
  void MergeBracketed(std::string_view s, std::vector<Mention>* mentions) const;
  // "The 4th X Alliance Conference", "Plenary Session of the Y Committee":
  // an event is no entity but the body holding it is. Returns whether
  // [b, e) names an event.
  bool SalvageBodiesAroundEvent(std::string_view s, size_t b, size_t e,
                                const std::vector<Span>& strong, std::vector<Mention>* out) const;
  // "Professor JIANG Feng, and Sylvia Schwaag Serger were invited": a name
  // listed after a person's, followed by a verb or a stop, is a person's.
  void AddPeopleListedWithPeople(std::string_view s, std::vector<Mention>* mentions) const;
  std::string DateOf(std::string_view sentence) const;
  void FindRelations(const Sentence& sentence, SentenceHits may,
                     const std::vector<Mention>& mentions,
                     const std::vector<ExtractedEntity>& entities, SentenceEvidence* evidence,
                     std::vector<ExtractedRelation>* out) const;
  // The groups of role_gap_ in a gap, if it matches: (bracket role, role).
  using RoleGap = std::optional<std::pair<std::string, std::string>>;
  // role_gap_'s answers for the gaps of one document, by gap: the same few
  // (", Director of the ") come back through a document, and the submatch
  // search over a program of every role costs much.
  using RoleGapMemo = std::unordered_map<std::string, RoleGap, StringHash, std::equal_to<>>;
  void FindAffiliations(const Sentence& sentence, const std::vector<Mention>& mentions,
                        const std::vector<ExtractedEntity>& entities, SentenceEvidence* evidence,
                        RoleGapMemo* memo, std::vector<ExtractedRelation>* out) const;
  // Parents named only inside another name ("of the State Council") are
  // added to `parents_seen`, so that the edge has both ends.
  void FindPartOf(const Sentence& sentence, const std::vector<Mention>& mentions,
                  const std::vector<ExtractedEntity>& entities, SentenceEvidence* evidence,
                  const std::unordered_map<std::string, int>& by_key,
                  std::vector<ExtractedRelation>* out,
                  std::vector<ExtractedEntity>* parents_seen) const;

  Rules rules_;
  std::unique_ptr<NameList> gazetteer_exact_;  // acronyms: case-sensitive
  std::unique_ptr<NameList> gazetteer_names_;  // full names: case-insensitive
  std::unordered_map<std::string, int> gazetteer_by_key_;
  std::vector<CompiledPattern> patterns_;
  std::vector<CompiledTrigger> triggers_;
  std::unique_ptr<RE2> acronym_after_;   // "Full Name (ACR)"
  std::unique_ptr<RE2> acronym_before_;  // "ACR (Full Name)"
  std::unique_ptr<RE2> title_span_;      // runs of capitalised words
  // The words title_span_ lets join two capitalised ones, when each is
  // ASCII lower-case letters or "&" (then TitleSpanEnd can stand in for the
  // regex on ASCII text); else empty.
  WordSet title_connectors_;
  std::unique_ptr<RE2> quoted_;   // “Title”, "Title", ''Title''
  std::unique_ptr<RE2> generic_;  // "the Measures", "this TC"
  std::unique_ptr<RE2> date_;
  std::unique_ptr<RE2> year_;
  std::unique_ptr<RE2> role_gap_;       // person -> organisation
  std::unique_ptr<RE2> appointed_gap_;  // "was nominated as the"
  std::unique_ptr<RE2> abbreviation_line_;
  bool acronym_shapes_known_ = false;
  WordSet stop_words_;
  WordSet generic_acronyms_;
  std::set<std::string> parent_prefixes_;
  std::vector<std::pair<std::string, EntityType>> heads_;
  // Indexes into heads_ by first byte, for DecisiveHead; unusable (and
  // unused) when a head could hide another occurrence of itself.
  std::vector<std::vector<int>> heads_by_first_byte_;
  bool heads_overlap_ = false;
  // The same by first two bytes (first << 8 | second): heads_by_pair_
  // [pair_begin_[k], pair_begin_[k + 1]) for pair k, in the order of heads_.
  // Empty, and unused, when a head has one byte only.
  std::vector<uint32_t> pair_begin_;
  std::vector<int> heads_by_pair_;
  WordSet head_phrases_;  // the first of each pair of heads_
  // Each head of a body (IsOrgType), and each of its ends after a space:
  // the words that EndsWithWord(head, word) for one of them.
  WordSet org_head_endings_;
  WordSet connectors_;
  WordSet event_words_;     // "Conference", "Newsletter": not entities
  WordSet standard_words_;  // "Requirements", "Method": a standard's title
  WordSet head_words_;      // every word of the head phrases but connectors
  WordSet non_body_words_;  // "Demonstration": a programme, not a body
  // The code's regexes, then the rules' (see the filter ids of
  // CompiledPattern and CompiledTrigger), for FilterSentences.
  std::unique_ptr<RE2::Set> filter_;
  int filter_size_ = 0;

  // WarmUpInBackground's thread. Last, so that it is waited for before the
  // regexes it reads are destroyed.
  std::atomic<bool> stop_warming_{false};
  std::future<void> warming_;
};

bool RuleExtractor::Init(std::string* error) {
  std::vector<std::string> exact, names;
  for (size_t i = 0; i < rules_.gazetteer.size(); ++i) {
    const GazetteerEntry& e = rules_.gazetteer[i];
    std::vector<std::string> all = e.aliases;
    all.push_back(e.name);
    all.push_back(e.id);
    for (const std::string& n : all) {
      if (n.empty()) continue;
      gazetteer_by_key_.emplace(NameKey(n), static_cast<int>(i));
      (HasLower(n) ? names : exact).push_back(n);
    }
  }
  // Tries of the names: compiling the regexes they stand for (and their
  // reverse programs) was most of the start-up.
  gazetteer_exact_ = std::make_unique<NameList>(exact, true);
  gazetteer_names_ = std::make_unique<NameList>(names, false);
  for (const NameList* list : {gazetteer_exact_.get(), gazetteer_names_.get()}) {
    if (!list->error().empty()) {
      *error = "gazetteer: " + list->error();
      return false;
    }
  }
  static const std::pair<const char*, EntityType> kHeadLists[] = {
      {"committee_heads", EntityType::kCommittee},
      {"agency_heads", EntityType::kAgency},
      {"organization_heads", EntityType::kOrganization},
      {"law_heads", EntityType::kLaw},
      {"policy_heads", EntityType::kPolicy}};
  for (const auto& [list, type] : kHeadLists) {
    for (const std::string& h : rules_.List(list)) heads_.emplace_back(h, type);
  }
  for (const auto& [head, type] : heads_) {
    head_phrases_.insert(head);
    if (!IsOrgType(type)) continue;
    org_head_endings_.insert(head);
    for (size_t sp = head.find(' '); sp != std::string::npos; sp = head.find(' ', sp + 1)) {
      org_head_endings_.insert(head.substr(sp + 1));
    }
  }
  for (const std::string& w : rules_.List("title_connectors")) connectors_.insert(w);
  for (const auto& [head, type] : heads_) {
    std::vector<std::string> words;
    bool joined = false;  // "Centre of China" must not make "China" a head word
    for (size_t p = 0; p < head.size();) {
      size_t sp = std::min(head.find(' ', p), head.size());
      words.push_back(head.substr(p, sp - p));
      joined |= connectors_.count(words.back()) > 0;
      p = sp + 1;
    }
    if (joined) continue;
    for (const std::string& w : words) {
      // "Standardisation" of "Standardisation Group" names a subject, not
      // a kind of body: "Guidelines for Standardization" has content.
      if (w.find("isation") == std::string::npos && w.find("ization") == std::string::npos) {
        head_words_.insert(w);
      }
    }
  }
  heads_by_first_byte_.resize(256);
  for (size_t i = 0; i < heads_.size(); ++i) {
    const std::string& h = heads_[i].first;
    if (h.empty()) {
      heads_overlap_ = true;
      continue;
    }
    heads_by_first_byte_[static_cast<unsigned char>(h[0])].push_back(static_cast<int>(i));
    // "A-B A": an occurrence that find() skips because it starts inside an
    // earlier one. Then only the original scan gives the original answer.
    for (size_t k = 1; k < h.size(); ++k) {
      if (!std::isalpha(static_cast<unsigned char>(h[k - 1])) &&
          h.compare(k, std::string::npos, h, 0, h.size() - k) == 0) {
        heads_overlap_ = true;
      }
    }
  }
  bool short_head = false;
  for (const auto& [head, type] : heads_) short_head |= head.size() < 2;
  if (!short_head) {
    // A counting sort of the heads by their first two bytes, stable.
    pair_begin_.assign((1 << 16) + 1, 0);
    auto pair_of = [](const std::string& h) {
      return static_cast<unsigned char>(h[0]) << 8 | static_cast<unsigned char>(h[1]);
    };
    for (const auto& [head, type] : heads_) ++pair_begin_[pair_of(head) + 1];
    for (size_t k = 1; k < pair_begin_.size(); ++k) pair_begin_[k] += pair_begin_[k - 1];
    heads_by_pair_.resize(heads_.size());
    std::vector<uint32_t> next(pair_begin_.begin(), pair_begin_.end() - 1);
    for (size_t i = 0; i < heads_.size(); ++i) {
      heads_by_pair_[next[pair_of(heads_[i].first)]++] = static_cast<int>(i);
    }
  }
  for (const std::string& w : rules_.List("title_stop_words")) stop_words_.insert(w);
  for (const std::string& w : rules_.List("generic_acronyms")) generic_acronyms_.insert(w);
  for (const std::string& w : rules_.List("committee_parent_prefixes")) parent_prefixes_.insert(w);
  for (const std::string& w : rules_.List("title_connectors")) connectors_.insert(w);
  for (const std::string& w : rules_.List("event_words")) event_words_.insert(w);
  for (const std::string& w : rules_.List("non_body_words")) non_body_words_.insert(w);
  for (const std::string& w : rules_.List("standard_title_words")) standard_words_.insert(w);
  return CompileRegexes(error) && CompileRulesAndFilter(error);
}

bool RuleExtractor::CompileRulesAndFilter(std::string* error) {
  // Compiling the rules' regexes is most of the start-up of kg build, and two
  // of them most of that: they are compiled, with the set, on two threads.
  struct Job {
    std::string pattern;  // empty: no regex
    bool case_sensitive;
    std::string what, error;
    std::unique_ptr<RE2> re;
  };
  std::vector<Job> jobs;
  for (const EntityPattern& p : rules_.patterns) {
    jobs.push_back({ExpandLists(p.regex, rules_), true, "pattern " + p.name, "", nullptr});
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out = "\\b(?:";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? "|" : "") + v[i];
    return out + ")\\b";
  };
  for (const RelationTrigger& t : rules_.triggers) {
    std::string what = "trigger " + std::string(ToString(t.relation));
    jobs.push_back({t.active.empty() ? "" : join(t.active), false, what, "", nullptr});
    jobs.push_back({t.passive.empty() ? "" : join(t.passive), false, what, "", nullptr});
  }
  // The code's regexes in the set, ahead of the rules' (the set numbers its
  // regexes in the order of `filtered`), at kQuotedFilter and the others.
  const RE2* const fixed[] = {quoted_.get(), generic_.get(), acronym_after_.get(),
                              acronym_before_.get()};
  static_assert(kQuotedFilter == 0 && kGenericFilter == 1 && kAcronymAfterFilter == 2 &&
                kAcronymBeforeFilter == 3);
  std::vector<std::pair<std::string, bool>> filtered;
  for (const RE2* re : fixed) filtered.emplace_back(re->pattern(), re->options().case_sensitive());
  for (const Job& job : jobs) {
    if (!job.pattern.empty()) filtered.emplace_back(job.pattern, job.case_sensitive);
  }
  std::string filter_error;
  std::atomic<size_t> next{0};
  auto work = [&] {
    // Job jobs.size() is the set.
    for (size_t k = next++; k <= jobs.size(); k = next++) {
      if (k == jobs.size()) {
        filter_error = CompileFilter(filtered);
      } else if (!jobs[k].pattern.empty()) {
        Job& job = jobs[k];
        job.re = Compile(job.pattern, job.case_sensitive, &job.error, job.what);
      }
    }
  };
  std::thread helper(work);
  work();
  helper.join();

  for (const Job& job : jobs) {
    if (!job.pattern.empty() && job.re == nullptr) {
      *error = job.error;
      return false;
    }
  }
  if (!filter_error.empty()) {
    *error = filter_error;
    return false;
  }
  size_t k = 0;
  for (const EntityPattern& p : rules_.patterns) {
    patterns_.push_back({p.type, p.name, std::move(jobs[k++].re)});
  }
  for (const RelationTrigger& t : rules_.triggers) {
    triggers_.push_back({&t, std::move(jobs[k].re), std::move(jobs[k + 1].re)});
    k += 2;
  }
  int index = static_cast<int>(std::size(fixed));
  for (CompiledPattern& p : patterns_) {
    p.filter = index++;
    p.groups = GroupIsWholeMatch(p.re->pattern()) ? 0 : 1;
  }
  for (CompiledTrigger& t : triggers_) {
    if (t.active) t.active_filter = index++;
    if (t.passive) t.passive_filter = index++;
    t.subject_types = TypeBits(t.rule->subject_types);
    t.object_types = TypeBits(t.rule->object_types);
  }
  filter_size_ = index;
  return true;
}

bool RuleExtractor::CompileRegexes(std::string* error) {
  const std::string word = R"([A-Z][\p{L}\p{N}’'&\-]*)";
  const std::string connector = R"((?:of|for|on|the|and|in|to|with|by|from|a|an|at|under|&))";
  acronym_after_ = Compile("(" + word + "(?:,?\\s+(?:" + connector + "\\s+)*" + word + ")*)" +
                               R"(\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9&\-]{1,12})\s*\))",
                           true, error, "acronym definition");
  acronym_before_ = Compile(
      R"(\b([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*)\s*\(\s*((?:[A-Z][\p{L}’'\-]*)(?:\s+(?:of|for|on|the|and|in|to|&)?\s*[A-Z][\p{L}’'\-]*)+)\s*\))",
      true, error, "acronym definition");
  // The patterns FindDefinition knows the groups of. Another pattern here
  // is still right, only slower.
  static const std::string kAfterShape =
      R"(([A-Z][\p{L}\p{N}’'&\-]*(?:,?\s+(?:(?:of|for|on|the|and|in|to|with|by|from|a|an|at|under|&)\s+)*[A-Z][\p{L}\p{N}’'&\-]*)*)\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9&\-]{1,12})\s*\))";
  static const std::string kBeforeShape =
      R"(\b([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*)\s*\(\s*((?:[A-Z][\p{L}’'\-]*)(?:\s+(?:of|for|on|the|and|in|to|&)?\s*[A-Z][\p{L}’'\-]*)+)\s*\))";
  acronym_shapes_known_ = acronym_after_ && acronym_before_ &&
                          acronym_after_->pattern() == kAfterShape &&
                          acronym_before_->pattern() == kBeforeShape;
  std::string connectors;
  std::vector<std::string> connector_words = rules_.List("title_connectors");
  if (connector_words.empty()) connector_words = {"of", "for", "on", "the", "and"};
  bool plain_connectors = true;
  for (const std::string& c : connector_words) {
    connectors += (connectors.empty() ? "" : "|") + RE2::QuoteMeta(c);
    plain_connectors &= !c.empty() && std::all_of(c.begin(), c.end(), [](char x) {
      return (x >= 'a' && x <= 'z') || x == '&';
    });
  }
  if (plain_connectors) title_connectors_.insert(connector_words.begin(), connector_words.end());
  // A bracketed acronym may sit inside a title: "Key Points of Intelligent
  // Connected Vehicles (ICV) Standardization in 2019". TitleSpanEnd reads
  // this regex by hand: change both together.
  title_span_ = Compile(
      R"((?:[A-Z0-9][\p{L}\p{N}’'\-/.+]*)(?:\s+(?:(?:)" + connectors +
          R"()\s+)*[A-Z0-9][\p{L}\p{N}’'\-/.+]*(?:\s\([A-Z][A-Za-z]{1,7}\)(?:\s+[A-Z][\p{L}\-]*)+)?)*)",
      true, error, "title span");
  quoted_ = Compile(R"([“"]\s*([^“”"]{4,240}?)\s*[”"]|()''\s*([^'“”"]{4,240}?)\s*'')", true, error,
                    "quoted title");
  std::vector<std::string> generic_heads = rules_.List("generic_heads");
  if (generic_heads.empty()) generic_heads = {"Law", "Measures", "Guidelines", "Outline", "Plan"};
  generic_ = Compile(
      R"(\b(?:[Tt]he|[Tt]his|[Tt]hese|[Ii]ts|[Tt]heir)\s+(?:(?:draft|new|revised|final|above|said|two|three|four)\s+)*()" +
          QuotedAlternation(generic_heads) + R"()\b)",
      true, error, "generic mention");
  const std::string months =
      "January|February|March|April|May|June|July|August|September|October|November|December";
  // MatchDate reads this regex by hand on ASCII text: change both together.
  date_ =
      Compile(R"((?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+()" + months + R"(),?\s+(\d{4})|()" + months +
                  R"()\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(?:in|on|since|from)\s+()" + months +
                  R"()\s+(?:of\s+)?(\d{4}))\b)",
              true, error, "date");
  year_ = Compile(R"((?:^|[,;]\s*)[Ii]n\s+((?:19|20)\d{2})\s*,)", true, error, "year");
  std::string roles = QuotedAlternation(rules_.List("roles"));
  // EndsLikeRoleGap knows how this one ends.
  role_gap_ = Compile(
      R"(^\s*(?:\(([^()]{1,80})\))?\s*,?\s*(?:(?i:the|a|an)\s+)?((?i:(?:deputy|vice|executive|acting|former|chief|general|senior|honorary|permanent)[\s\-]+)*)" +
          roles +
          R"((?:\s+(?:and|&)\s+[\w\s&\-]{1,40}?)?(?:\s+(?i:of|for)\s+[\w\s&\-]{1,60}?)?)?\s*(?i:of|at|from|in|with)\s+(?i:the\s+)?$)",
      false, error, "role apposition");
  appointed_gap_ = Compile(
      R"(^\s+(?:was|is|has been|had been|will be)\s+(?:nominated|appointed|named|elected|designated)\s+(?:as\s+)?(?:the\s+|a\s+|an\s+)?(?:new\s+)?$)",
      true, error, "appointment");
  abbreviation_line_ = Compile(
      R"(^\s*([A-Z][A-Za-z0-9&\-]{1,9})\s+((?:[A-Z][\p{L}’'\-,]*|of|for|and|the|on|in|&)(?:\s+(?:[A-Za-z][\p{L}’'\-/,]*|&))*?)\s*(\p{Han}[\p{Han}\s（）()]*)?\s*$)",
      true, error, "abbreviation table line");
  return acronym_after_ && acronym_before_ && title_span_ && quoted_ && generic_ && date_ &&
         year_ && role_gap_ && appointed_gap_ && abbreviation_line_;
}

// `pattern` with every bounded repetition of a large bound, "x{4,240}",
// made unbounded, "x{4,}": a regex that matches wherever `pattern` does, and
// whose DFA need not count. Counting to 240 in a set of every regex made
// compiling the set cost as much as all the rest of the start-up, and its
// searches keep making new states.
std::string Unbounded(const std::string& pattern) {
  constexpr int kLargeBound = 16;
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      out += c;
      // A ']' first in a class ("[]a]", "[^]a]") is a member, not its end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    } else if (c == '{') {
      size_t comma = i + 1;
      while (comma < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[comma]))) {
        ++comma;
      }
      size_t close = comma + 1;
      while (close < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[close]))) {
        ++close;
      }
      if (comma > i + 1 && comma < pattern.size() && pattern[comma] == ',' && close > comma + 1 &&
          close < pattern.size() && pattern[close] == '}' &&
          std::stoi(pattern.substr(comma + 1, close - comma - 1)) >= kLargeBound) {
        out += pattern.substr(i, comma + 1 - i) + "}";
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string RuleExtractor::CompileFilter(
    const std::vector<std::pair<std::string, bool>>& patterns) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(256 << 20);
  filter_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const auto& [pattern, case_sensitive] : patterns) {
    // Whether a match exists does not depend on leftmost-longest semantics,
    // so the set needs only the case option of each regex; and a looser
    // regex only lets more sentences through to the exact search.
    std::string why;
    std::string loose = Unbounded(pattern);
    if (filter_->Add(case_sensitive ? loose : "(?i:" + loose + ")", &why) < 0) {
      return "sentence filter: " + why;
    }
  }
  if (!filter_->Compile()) return "sentence filter: out of memory";
  return "";
}

re2::StringPiece TrimRe2Spaces(re2::StringPiece s) {
  while (!s.empty() && IsRe2Space(s[0])) s.remove_prefix(1);
  while (!s.empty() && IsRe2Space(s[s.size() - 1])) s.remove_suffix(1);
  return s;
}

// Whether the first character of `s` after any spaces is `c`: what a regex
// anchored at the start of `s` with "\s*c" needs, known without running it.
bool NextAfterSpacesIs(std::string_view s, char c) {
  size_t i = SkipRe2Spaces(s, 0);
  return i < s.size() && s[i] == c;
}

// Whether `s` ends with `c` and then one space or more: what a regex
// anchored at the end of `s` with "c\s+$" needs.
bool EndsWithBeforeSpaces(std::string_view s, char c) {
  size_t i = s.size();
  while (i > 0 && IsRe2Space(s[i - 1])) --i;
  return i < s.size() && i > 0 && s[i - 1] == c;
}

// Whether `gap` ends as role_gap_ must: "of", "at", "from", "in" or "with"
// in any case, white space, and "the" and white space or not. Most gaps
// between a person and a body do not, and then the submatch search, which
// runs before any DFA on text this short, is not worth starting.
bool EndsLikeRoleGap(std::string_view gap) {
  auto trim_spaces = [](std::string_view* g) {
    size_t n = g->size();
    while (!g->empty() && IsRe2Space(g->back())) g->remove_suffix(1);
    return n - g->size();
  };
  // Only ASCII letters fold to the letters of these words.
  auto ends_with = [](std::string_view g, std::string_view word) {
    if (g.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(g[g.size() - word.size() + i])) != word[i]) {
        return false;
      }
    }
    return true;
  };
  auto ends_with_preposition = [&](std::string_view g) {
    for (std::string_view p : {"of", "at", "from", "in", "with"}) {
      if (ends_with(g, p)) return true;
    }
    return false;
  };
  std::string_view g = gap;
  if (trim_spaces(&g) == 0) return false;
  if (ends_with_preposition(g)) return true;
  if (!ends_with(g, "the")) return false;
  g.remove_suffix(3);
  return trim_spaces(&g) > 0 && ends_with_preposition(g);
}

// RE2::PartialMatch(text, re, inner) for `re` of the shape
// "^\s*\(\s*([A-Z][^()]{least,n}?)\s*\)", with the DFA alone: the submatch
// search of a regex that counts to n runs through a large program. The lazy
// group starts at the letter after the bracket and its spaces, and ends where
// only spaces are left before the ")", unless it would then be shorter than
// 1 + least characters.
bool BracketedName(const RE2& re, int least, re2::StringPiece text, re2::StringPiece* inner) {
  re2::StringPiece match;
  if (!re.Match(text, 0, text.size(), RE2::ANCHOR_START, &match, 1)) return false;
  size_t close = match.size() - 1;
  size_t begin = match.find('(') + 1;
  while (IsRe2Space(match[begin])) ++begin;
  size_t end = close;
  while (end > begin && IsRe2Space(match[end - 1])) --end;
  size_t shortest = begin;  // after 1 + least characters
  for (int chars = 0; chars <= least && shortest < close; ++chars) {
    ++shortest;
    while (shortest < close && (static_cast<unsigned char>(match[shortest]) & 0xC0) == 0x80) {
      ++shortest;
    }
  }
  *inner = match.substr(begin, std::max(end, shortest) - begin);
  return true;
}

bool RuleExtractor::FindDefinition(const RE2& re, re2::StringPiece* text, re2::StringPiece* first,
                                   re2::StringPiece* second) const {
  if (!acronym_shapes_known_) return RE2::FindAndConsume(text, re, first, second);
  // The submatch search costs an NFA run over the whole match, often a long
  // run of capitalised words; the groups are plain to see once the DFA has
  // found the match: "NAME (the ACR)" or "ACR (NAME)" around the one "(".
  re2::StringPiece match;
  if (!re.Match(*text, 0, text->size(), RE2::UNANCHORED, &match, 1)) return false;
  size_t paren = match.find('(');
  re2::StringPiece outside = match.substr(0, paren);
  re2::StringPiece inside = TrimRe2Spaces(match.substr(paren + 1, match.size() - paren - 2));
  if (&re == acronym_after_.get()) {
    *first = TrimRe2Spaces(outside);
    if (inside.size() > 3 && inside.substr(0, 3) == "the" && IsRe2Space(inside[3])) {
      inside = TrimRe2Spaces(inside.substr(3));
    }
    *second = inside;
  } else {
    size_t end = 0;
    while (end < outside.size() && std::isalnum(static_cast<unsigned char>(outside[end]))) ++end;
    *first = outside.substr(0, end);
    *second = inside;
  }
  text->remove_prefix(static_cast<size_t>(match.data() + match.size() - text->data()));
  return true;
}

FilterHits RuleExtractor::FilterSentences(const std::vector<Sentence>& sentences) const {
  FilterHits hits;
  hits.words_per_sentence = (static_cast<size_t>(filter_size_) + 63) / 64;
  hits.words.assign(sentences.size() * hits.words_per_sentence, 0);
  std::vector<int> matched;
  for (size_t k = 0; k < sentences.size(); ++k) {
    uint64_t* words = hits.words.data() + k * hits.words_per_sentence;
    matched.clear();
    RE2::Set::ErrorInfo info;
    if (filter_->Match(sentences[k].text, &matched, &info)) {
      for (int i : matched) words[i >> 6] |= uint64_t{1} << (i & 63);
    } else if (info.kind != RE2::Set::kNoError) {
      // The set's DFA ran out of memory: then run every regex.
      std::fill(words, words + hits.words_per_sentence, ~uint64_t{0});
    }
  }
  return hits;
}

// The head word that decides what a name is: the last head word before the
// first connector ("Ministry of ...", "Measures for the Administration of ...",
// "State Administration for Market Regulation"), else the first one after it.
Head RuleExtractor::DecisiveHead(std::string_view name) const {
  size_t first_connector = name.size();
  size_t pos = 0;
  while (pos < name.size()) {
    size_t sp = name.find(' ', pos);
    size_t end = sp == std::string_view::npos ? name.size() : sp;
    std::string_view word = name.substr(pos, end - pos);
    if (pos > 0 && connectors_.count(word) && word != "and" && word != "&" && word != "the") {
      first_connector = pos;
      break;
    }
    pos = end + 1;
  }
  Head before, after;
  size_t before_end = 0;
  // Before the first connector the head ending last decides, and of two heads
  // ending together the longer ("Standing Committee", an agency, over
  // "Committee"); after it, the first head.
  auto consider = [&](size_t p, size_t end, EntityType type) {
    if (end <= first_connector) {
      if (before.pos == std::string_view::npos || end > before_end ||
          (end == before_end && p < before.pos)) {
        before = {p, type};
        before_end = end;
      }
    } else if (after.pos == std::string_view::npos || p < after.pos) {
      after = {p, type};
    }
  };
  if (!heads_overlap_ && !pair_begin_.empty()) {
    // As below, with the heads that start with the first two bytes of the
    // word only; every head has two bytes at least.
    for (size_t p = 0; p + 1 < name.size(); ++p) {
      if (p > 0 && IsAsciiAlpha(name[p - 1])) continue;
      size_t pair =
          static_cast<unsigned char>(name[p]) << 8 | static_cast<unsigned char>(name[p + 1]);
      for (uint32_t k = pair_begin_[pair]; k < pair_begin_[pair + 1]; ++k) {
        const auto& [head, type] = heads_[heads_by_pair_[k]];
        if (head.size() > name.size() - p || name.compare(p, head.size(), head) != 0) continue;
        size_t end = p + head.size();
        if (end != name.size() && IsAsciiAlpha(name[end])) continue;
        consider(p, end, type);
      }
    }
    return before.pos != std::string_view::npos ? before : after;
  }
  if (!heads_overlap_) {
    // The head words that start at each word start, in the order of heads_:
    // the same occurrences, and the same winners, as one find() per head.
    for (size_t p = 0; p < name.size(); ++p) {
      if (p > 0 && IsAsciiAlpha(name[p - 1])) continue;
      for (int i : heads_by_first_byte_[static_cast<unsigned char>(name[p])]) {
        const auto& [head, type] = heads_[i];
        // The second byte rules most heads out before a full comparison.
        if (head.size() > name.size() - p || (head.size() > 1 && name[p + 1] != head[1])) continue;
        if (name.compare(p, head.size(), head) != 0) continue;
        size_t end = p + head.size();
        if (end != name.size() && IsAsciiAlpha(name[end])) continue;
        consider(p, end, type);
      }
    }
    return before.pos != std::string_view::npos ? before : after;
  }
  for (const auto& [head, type] : heads_) {
    size_t p = 0;
    while ((p = name.find(head, p)) != std::string_view::npos) {
      size_t end = p + head.size();
      bool word_start = p == 0 || !IsAsciiAlpha(name[p - 1]);
      bool word_end = end == name.size() || !IsAsciiAlpha(name[end]);
      if (word_start && word_end) consider(p, end, type);
      p = end;
    }
  }
  return before.pos != std::string_view::npos ? before : after;
}

bool RuleExtractor::HeadAfterFirstConnector(std::string_view name, size_t head_pos) const {
  for (size_t p = name.find(' '); p != std::string_view::npos && p < head_pos;
       p = name.find(' ', p + 1)) {
    size_t next = std::min(name.find(' ', p + 1), name.size());
    std::string_view w = name.substr(p + 1, next - p - 1);
    if (connectors_.count(w) && w != "and" && w != "&" && w != "the") return true;
  }
  return false;
}

size_t RuleExtractor::HeadWordIndex(std::string_view name) const {
  Head head = DecisiveHead(name);
  if (head.pos == std::string_view::npos) return name.size();
  // A year or an ordinal ("2019 Work Plan") does not count.
  size_t words = 0;
  for (size_t p = 0; p < head.pos;) {
    size_t sp = name.find(' ', p);
    if (sp == std::string_view::npos || sp > head.pos) break;
    if (!std::isdigit(static_cast<unsigned char>(name[p]))) ++words;
    p = sp + 1;
  }
  return words;
}

// Acronyms whose letters follow the initials of the preceding words, trimmed to
// the words the acronym covers: "... by the China Electronics Standardisation
// Institute (CESI)" defines CESI.
std::vector<RuleExtractor::Acronym> RuleExtractor::FindAcronymDefinitions(
    const std::vector<Sentence>& sentences, const FilterHits& hits) const {
  std::vector<Acronym> out;
  for (size_t k = 0; k < sentences.size(); ++k) {
    const Sentence& s = sentences[k];
    SentenceHits may = hits[k];
    re2::StringPiece text(s.text), full, acr;
    // Both definitions need a "(": once none is left, neither is.
    while (may.May(kAcronymAfterFilter) && text.find('(') != re2::StringPiece::npos &&
           FindDefinition(*acronym_after_, &text, &full, &acr)) {
      std::string f = FoldSpaces(std::string_view(full.data(), full.size()));
      std::string a(acr.data(), acr.size());
      if (generic_acronyms_.count(a) || !std::isupper(static_cast<unsigned char>(a.back()))) {
        continue;
      }
      // Keep the shortest suffix of the name whose first word starts with the
      // acronym's first letter and that still has enough capitals.
      // Per thread: a list for each definition was allocated for each.
      thread_local std::vector<size_t> starts;
      starts.assign(1, 0);
      for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] == ' ') starts.push_back(i + 1);
      }
      int acronym_capitals = static_cast<int>(std::count_if(a.begin(), a.end(), ::isupper));
      std::string chosen;
      Head head;  // DecisiveHead(chosen)
      for (size_t k = starts.size(); k-- > 0;) {
        std::string_view cand = std::string_view(f).substr(starts[k]);
        if (std::toupper(static_cast<unsigned char>(cand[0])) != a[0]) continue;
        if (stop_words_.count(cand.substr(0, cand.find(' ')))) continue;
        int capitals = 0;
        for (size_t i = 0; i < cand.size(); ++i) {
          if ((i == 0 || cand[i - 1] == ' ' || cand[i - 1] == '-') &&
              std::isupper(static_cast<unsigned char>(cand[i]))) {
            ++capitals;
          }
        }
        if (capitals + 1 < acronym_capitals) continue;
        head = DecisiveHead(cand);
        if (head.pos != std::string_view::npos) {
          chosen = std::string(cand);
          break;
        }
      }
      if (chosen.empty()) continue;
      if (head.pos == std::string_view::npos || !IsOrgType(head.type)) continue;
      out.push_back({a, chosen, head.type, {}});
    }
    text = re2::StringPiece(s.text);
    while (may.May(kAcronymBeforeFilter) && text.find('(') != re2::StringPiece::npos &&
           FindDefinition(*acronym_before_, &text, &acr, &full)) {
      std::string a(acr.data(), acr.size());
      std::string f = FoldSpaces(std::string_view(full.data(), full.size()));
      if (generic_acronyms_.count(a) || std::toupper(static_cast<unsigned char>(f[0])) != a[0]) {
        continue;
      }
      Head head = DecisiveHead(f);
      if (head.pos == std::string_view::npos || !IsOrgType(head.type)) continue;
      out.push_back({a, f, head.type, {}});
    }
  }
  return out;
}

// "Abbreviations" tables: one line per acronym, its full name and often the
// Chinese name, which becomes an alias. Continuation lines are joined.
void RuleExtractor::FindAbbreviationTable(std::string_view raw, std::vector<Acronym>* out,
                                          std::pair<int, int>* table_lines) const {
  static const RE2 kTitle(
      R"((?i)^\s*(?:list\s+of\s+)?(?:abbreviations?|acronyms?)(?:\s+and\s+acronyms)?\s*:?\s*$)");
  size_t pos = 0;
  bool in_table = false;
  int misses = 0;
  Acronym* last = nullptr;
  int line_number = 0;
  std::string unmarked;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    // Tables printed with markup: "## Abbreviations", "<b>SAMR</b>". Most
    // lines have none of the characters the markup needs.
    std::string_view printed = raw.substr(pos, end - pos);
    std::string_view line = printed;
    if (std::any_of(printed.begin(), printed.end(),
                    [](char c) { return c == '<' || c == '*' || c == '#'; })) {
      unmarked.assign(printed);
      static const RE2 kMarkup(R"(<[^<>]{1,20}>|\*\*|^\s*#+)");
      RE2::GlobalReplace(&unmarked, kMarkup, "");
      line = unmarked;
    }
    line = TrimView(line);
    pos = end + 1;
    ++line_number;
    if (!in_table) {
      // The title has one of these words, whose letters fold only in ASCII.
      if (line.size() < 40 &&
          (ContainsNoCase(line, "abbreviation") || ContainsNoCase(line, "acronym")) &&
          RE2::FullMatch(line, kTitle)) {
        in_table = true;
        if (table_lines != nullptr) *table_lines = {line_number, line_number};
      }
      continue;
    }
    if (line.empty()) continue;
    // Every line read as part of the table so far; a miss leaves it alone.
    int previous_end = table_lines != nullptr ? table_lines->second : 0;
    if (table_lines != nullptr) table_lines->second = line_number;
    std::string acr, full, chinese;
    // An acronym has two capitals at least: "Centre of Ningbo" continues a row.
    if (RE2::FullMatch(line, *abbreviation_line_, &acr, &full, &chinese) && !full.empty() &&
        std::count_if(acr.begin(), acr.end(), ::isupper) >= 2) {
      misses = 0;
      out->push_back({acr, FoldSpaces(full), EntityType::kOrganization, {}});
      last = &out->back();
      if (!chinese.empty()) last->aliases.push_back(FoldSpaces(chinese));
      continue;
    }
    static const RE2 kHan(R"(^[\p{Han}（）()\s]+$)");
    static const RE2 kContinuation(R"(^[A-Za-z][\p{L}’'\-\s,/&]*$)");
    if (last != nullptr && RE2::FullMatch(line, kHan)) {
      std::string han = FoldSpaces(line);
      if (last->aliases.empty()) {
        last->aliases.push_back(han);
      } else {
        last->aliases.back() += han;
      }
      continue;
    }
    // A lone word after a complete name is the next section ("Contents").
    bool lone_word_after_name =
        line.find(' ') == std::string_view::npos && last != nullptr &&
        DecisiveHead(last->full).pos != std::string_view::npos &&
        !connectors_.count(std::string_view(last->full).substr(last->full.rfind(' ') + 1));
    if (last != nullptr && last->aliases.empty() && line.size() < 80 && !lone_word_after_name &&
        RE2::FullMatch(line, kContinuation)) {
      last->full += " " + FoldSpaces(line);
      continue;
    }
    if (table_lines != nullptr) table_lines->second = previous_end;
    if (++misses >= 2) break;
  }
  // Keep only entries whose name has a head word: "CCC China Compulsory
  // Certification" names a scheme, not a body.
  std::vector<Acronym> kept;
  for (Acronym& a : *out) {
    while (!a.full.empty() && (a.full.back() == ',' || a.full.back() == ' ')) a.full.pop_back();
    Head head = DecisiveHead(a.full);
    if (generic_acronyms_.count(a.acronym) || head.pos == std::string_view::npos ||
        !IsOrgType(head.type)) {
      continue;
    }
    a.type = head.type;
    kept.push_back(std::move(a));
  }
  *out = std::move(kept);
}

bool IsAscii(std::string_view s) {
  // Eight bytes at a time: none has its top bit set.
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    if ((Load8(s.data() + i) & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  }
  return true;
}

// Whether `name` ends with "-" or ":", then "19" or "20" and two digits.
bool EndsWithYear(std::string_view name) {
  size_t n = name.size();
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return n >= 5 && (name[n - 5] == '-' || name[n - 5] == ':') &&
         ((name[n - 4] == '1' && name[n - 3] == '9') ||
          (name[n - 4] == '2' && name[n - 3] == '0')) &&
         digit(name[n - 2]) && digit(name[n - 1]);
}

// Whether `code` ends as kCommitteeSplit needs: "SC", "WG" or "AG" (or
// "SWG", "JWG"), one white space or none, and one to three digits.
bool EndsLikeSubgroupCode(std::string_view code) {
  size_t i = code.size();
  while (i > 0 && code[i - 1] >= '0' && code[i - 1] <= '9') --i;
  size_t digits = code.size() - i;
  if (digits < 1 || digits > 3) return false;
  if (i > 0 && IsRe2Space(code[i - 1])) --i;
  if (i < 2) return false;
  std::string_view letters = code.substr(i - 2, 2);
  return letters == "SC" || letters == "WG" || letters == "AG";
}

// Whether some `c` in `s` has white space (RE2's \s) before or after it:
// else "\s*c\s*" matches only the `c`s, and replacing its matches by `c`
// changes nothing.
bool SpaceAround(std::string_view s, char c) {
  for (size_t i = s.find(c); i != std::string_view::npos; i = s.find(c, i + 1)) {
    if ((i > 0 && IsRe2Space(s[i - 1])) || (i + 1 < s.size() && IsRe2Space(s[i + 1]))) {
      return true;
    }
  }
  return false;
}

// Whether the capitals and slashes that open `code` are followed by a digit,
// the last of them a capital: what "^((?:[A-Z]+/)*[A-Z]+(?:/[A-Z]+)?)(\d)"
// needs, as its group takes every such character before the digit.
bool MayBeGlued(std::string_view code) {
  size_t i = 0;
  while (i < code.size() && ((code[i] >= 'A' && code[i] <= 'Z') || code[i] == '/')) ++i;
  return i > 0 && i < code.size() && code[i] >= '0' && code[i] <= '9' && code[i - 1] != '/';
}

void RuleExtractor::AddPatternMentions(std::string_view s, SentenceHits may,
                                       std::vector<Mention>* out) const {
  static const RE2 kCommitteeSplit(R"(^(.*?)\s?/?\s?((?:SC|WG|SWG|AG|JWG)\s?\d{1,3})$)");
  static const RE2 kPrefix(R"(^([A-Z][A-Za-z\-]+)\s?[/ ]\s?(?:TC|SC|SyC|JTC|TMB|BT|WG|N[A-Z]))");
  for (const CompiledPattern& p : patterns_) {
    if (!may.May(p.filter)) continue;
    ForEachMatch(
        *p.re, s,
        [&](size_t b, size_t e) {
          Mention m;
          m.begin = b;
          m.end = e;
          m.type = p.type;
          m.name = FoldSpaces(s.substr(b, e - b));
          m.priority = 2;
          m.source = p.type == EntityType::kPerson ? Source::kPerson : Source::kPattern;
          if (p.type == EntityType::kPerson) {
            // "Dr. Betty XU": the title is not part of the name.
            static const RE2 kTitle(R"(^(?:Dr|Mr|Mrs|Ms|Prof|Professor|Madam|Sir)\.?\s+)");
            re2::StringPiece rest(m.name);
            // Each title starts with one of these capitals.
            char initial = m.name.empty() ? '\0' : m.name[0];
            bool may_have_title =
                initial == 'D' || initial == 'M' || initial == 'P' || initial == 'S';
            if (may_have_title && RE2::Consume(&rest, kTitle)) {
              m.aliases.push_back(m.name);
              m.name = std::string(rest.data(), rest.size());
            }
            std::string first = m.name.substr(0, m.name.find(' '));
            if (stop_words_.count(first)) return;
            // "Chair Smart Energy Committee": a body's head word is no name's.
            for (size_t p = 0; p < m.name.size();) {
              size_t sp = std::min(m.name.find(' ', p), m.name.size());
              std::string_view w = std::string_view(m.name).substr(p, sp - p);
              if (head_words_.count(w) || head_phrases_.count(w)) return;
              p = sp + 1;
            }
            // A surname in capitals ends a given-name-first name: "Dr. Betty XU
            // Language: English" is Betty XU.
            static const RE2 kCapitalSurname(R"(^(\S+\s+[A-Z]{2,}\b)\s+\S)");
            std::string cut;
            // The regex needs three words: two spaces, as the name's are
            // folded.
            if (HasLower(first) && std::count(m.name.begin(), m.name.end(), ' ') >= 2 &&
                RE2::PartialMatch(m.name, kCapitalSurname, &cut)) {
              size_t dropped = m.name.size() - cut.size();
              m.end -= dropped;
              m.name = cut;
              for (std::string& a : m.aliases) {
                if (a.size() > dropped) a.resize(a.size() - dropped);
              }
            }
            // "Later LIU Yang": an upper-case surname followed by a given name
            // belongs to the next word, not to the word before it.
            static const RE2 kGivenAfter(R"(^\s[A-Z][a-z]+\b)");
            std::string last = m.name.substr(m.name.rfind(' ') + 1);
            // It needs a space, a capital and a lower-case letter next.
            bool given_may_follow = e + 2 < s.size() && IsRe2Space(s[e]) && s[e + 1] >= 'A' &&
                                    s[e + 1] <= 'Z' && s[e + 2] >= 'a' && s[e + 2] <= 'z';
            if (!HasLower(last) && given_may_follow &&
                RE2::PartialMatch(s.substr(e), kGivenAfter)) {
              return;
            }
          }
          if (p.type == EntityType::kCommittee) {
            // "CCSATC12" is "CCSA TC12" printed without its space.
            for (const std::string& prefix : parent_prefixes_) {
              if (m.name.size() > prefix.size() + 2 &&
                  m.name.compare(0, prefix.size(), prefix) == 0 &&
                  m.name.compare(prefix.size(), 2, "TC") == 0) {
                m.aliases.push_back(m.name);
                m.name.insert(prefix.size(), " ");
                break;
              }
            }
            std::string compact = m.name;
            static const RE2 kSlash(R"(\s*/\s*)");
            if (SpaceAround(compact, '/')) RE2::GlobalReplace(&compact, kSlash, "/");
            if (compact != m.name) m.aliases.push_back(compact);
            std::string parent, child, prefix;
            // kPrefix gives the same answer to both questions below.
            bool has_prefix = RE2::PartialMatch(compact, kPrefix, &prefix);
            if (EndsLikeSubgroupCode(compact) &&
                RE2::FullMatch(compact, kCommitteeSplit, &parent, &child) && !parent.empty() &&
                parent.find("TC") != std::string::npos) {
              m.parent_code = parent;
            } else if (has_prefix) {
              m.parent_code = prefix;
            }
            // "SAC/TC 260" is also printed "TC260"; "CCSA TC5" is also "TC5".
            if (has_prefix && parent_prefixes_.count(prefix)) {
              std::string bare = compact.substr(prefix.size());
              bare = std::string(TrimView(bare.substr(bare.find_first_not_of("/ "))));
              m.aliases.push_back(bare);
              std::string tight = bare;
              static const RE2 kSpace(R"(\s+)");
              if (std::any_of(tight.begin(), tight.end(), IsRe2Space)) {
                RE2::GlobalReplace(&tight, kSpace, "");
              }
              if (tight != bare) m.aliases.push_back(tight);
              m.id = tight;
              if (prefix != "SAC") m.id = prefix + " " + tight;
            }
          }
          if (p.type == EntityType::kStandard) {
            // "GB/T29244-2012" is "GB/T 29244-2012"; the code without its year is
            // an alias of this edition.
            static const RE2 kGlued(R"(^((?:[A-Z]+/)*[A-Z]+(?:/[A-Z]+)?)(\d))");
            if (MayBeGlued(m.name)) RE2::Replace(&m.name, kGlued, R"(\1 \2)");
            static const RE2 kDash(R"(\s*-\s*)");
            static const RE2 kColonYear(R"(\s*:\s*((?:19|20)\d\d)$)");
            if (SpaceAround(m.name, '-')) RE2::GlobalReplace(&m.name, kDash, "-");
            if (m.name.find(':') != std::string::npos) {
              RE2::GlobalReplace(&m.name, kColonYear, ":\\1");
            }
            // kYear matches only a name that ends with "-2019" or ":2019", and
            // then, on ASCII with no line break, its group is the rest.
            static const RE2 kYear(R"(^(.*?)[-:](?:19|20)\d\d$)");
            std::string bare;
            if (EndsWithYear(m.name)) {
              std::string_view rest = std::string_view(m.name).substr(0, m.name.size() - 5);
              if (IsAscii(rest) && rest.find('\n') == std::string_view::npos) {
                m.aliases.emplace_back(rest);
              } else if (RE2::FullMatch(m.name, kYear, &bare)) {
                m.aliases.push_back(bare);
              }
            }
          }
          out->push_back(std::move(m));
        },
        p.groups);
  }
}

// Whether `s` ends with one of `words` and then white space: what a regex
// that ends with "(?:w1|w2|...)\s+$" needs. "ly" stands for any adverb.
bool EndsWithWordBeforeSpaces(std::string_view s, std::initializer_list<std::string_view> words) {
  size_t end = s.size();
  while (end > 0 && IsRe2Space(s[end - 1])) --end;
  if (end == s.size()) return false;
  std::string_view t = s.substr(0, end);
  for (std::string_view w : words) {
    if (t.size() >= w.size() && t.substr(t.size() - w.size()) == w) return true;
  }
  return false;
}

// Whether `s` starts with white space and then one of `words`: what a
// regex that starts with "^\s+(?:w1|w2|...)" needs.
bool StartsWithWordAfterSpaces(std::string_view s, std::initializer_list<std::string_view> words) {
  size_t begin = SkipRe2Spaces(s, 0);
  if (begin == 0) return false;
  std::string_view t = s.substr(begin);
  for (std::string_view w : words) {
    if (t.substr(0, w.size()) == w) return true;
  }
  return false;
}

// Whether `gap` has ", " and a word that introduces a list, as kListIntro
// needs.
bool MayIntroduceList(std::string_view gap) {
  for (std::string_view w : {", namely", ", including", ", i.e.", ", such as"}) {
    if (gap.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Whether `s` may end as "\s+(?:on|in|at|of|from)\s+(?:the\s+)?\d[^ ]*$"
// does: a word that starts with a digit after white space and has no space,
// and before that white space one of those words (then perhaps "the" and
// white space) after white space.
bool MayEndWithDate(std::string_view s) {
  auto spaces_before = [&](size_t end) {
    size_t i = end;
    while (i > 0 && IsRe2Space(s[i - 1])) --i;
    return i;
  };
  auto preposition_ends_at = [&](size_t end) {
    for (std::string_view w : {"on", "in", "at", "of", "from"}) {
      if (end > w.size() && s.substr(end - w.size(), w.size()) == w &&
          IsRe2Space(s[end - w.size() - 1])) {
        return true;
      }
    }
    return false;
  };
  size_t last_space = s.rfind(' ');
  for (size_t x = last_space == std::string_view::npos ? 1 : last_space + 1; x < s.size(); ++x) {
    if (x == 0 || s[x] < '0' || s[x] > '9' || !IsRe2Space(s[x - 1])) continue;
    size_t word_end = spaces_before(x);
    if (preposition_ends_at(word_end)) return true;
    if (word_end >= 3 && s.substr(word_end - 3, 3) == "the" &&
        preposition_ends_at(spaces_before(word_end - 3)) &&
        spaces_before(word_end - 3) < word_end - 3) {
      return true;
    }
  }
  return false;
}

// `word` with its first byte upper-cased as std::toupper does: `word`
// itself when that changes nothing, else a copy in `*buffer`.
std::string_view Capitalised(std::string_view word, std::string* buffer) {
  if (word.empty()) return word;
  char first = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  if (first == word[0]) return word;
  buffer->assign(word);
  (*buffer)[0] = first;
  return *buffer;
}

// Builds a title mention from the span [b, e) of capitalised words: drops
// leading stop words and an acronym-or-agency that heads a headline ("SAC
// Publishes ..."), and decides the type from the head word.
bool RuleExtractor::MakeTitle(std::string_view s, size_t b, size_t e,
                              const std::vector<Span>& strong, bool quoted, Mention* m) const {
  // Leading stop words ("The", "China's", headline verbs, "Article 21 of"),
  // connectors, and a strong mention that heads a headline ("SAC Publishes").
  bool changed = true;
  while (changed && b < e) {
    changed = false;
    while (b < e && (s[b] == ' ' || s[b] == ',' || s[b] == ':')) ++b;
    for (const Span& k : strong) {
      if (k.begin <= b && k.end > b && k.end < e) b = k.end, changed = true;
    }
    while (b < e && (s[b] == ' ' || s[b] == ',' || s[b] == ':' || s[b] == ')' || s[b] == '/')) ++b;
    // "TC28’s Subcommittee 42": the possessive of a stripped name.
    for (std::string_view pos : {"\u2019s ", "'s "}) {
      if (s.substr(b, pos.size()) == pos && b + pos.size() < e) b += pos.size(), changed = true;
    }
    size_t sp = s.find(' ', b);
    if (sp == std::string_view::npos || sp >= e) break;
    std::string_view first = s.substr(b, sp - b);
    bool numbered = !first.empty() && std::isdigit(static_cast<unsigned char>(first[0])) &&
                    first.find_first_not_of("0123456789.-") == std::string_view::npos;
    bool lower = !first.empty() && std::islower(static_cast<unsigned char>(first[0]));
    if (numbered) {
      // "Article 21 of the ..." but not "2019 Work Plan".
      size_t sp2 = s.find(' ', sp + 1);
      std::string_view second =
          s.substr(sp + 1, (sp2 == std::string_view::npos ? e : std::min(sp2, e)) - sp - 1);
      numbered = connectors_.count(second) > 0;
    }
    if (stop_words_.count(first) || numbered || lower || connectors_.count(first)) {
      b = sp + 1;
      changed = true;
    }
  }
  // Cut the span before a strong mention that follows "of"/"under": the
  // parent of a department ("Cybersecurity Bureau of the Ministry of Public
  // Security"), unless the head word lies after it (a title naming an agency).
  if (!quoted) {
    // "Guidelines for ... Released by SAC": a headline's verb ends the title.
    static const RE2 kParticiple(R"(^\s*(?:by|in|at|for|on|to)\b)");
    for (size_t p = s.find(' ', b); p != std::string_view::npos && p < e; p = s.find(' ', p + 1)) {
      size_t w_end = std::min(s.find(' ', p + 1), e);
      std::string_view w = s.substr(p + 1, w_end - p - 1);
      if (w.size() > 2 && w.compare(w.size() - 2, 2, "ed") == 0 && stop_words_.count(w) &&
          (w_end >= e || RE2::PartialMatch(s.substr(w_end, e - w_end), kParticiple))) {
        e = p;
        break;
      }
    }
  }
  std::string_view span = s.substr(b, e - b);
  if (span.empty()) return false;
  // Quoted titles are often printed in sentence case ("Administrative
  // measures for data security"): look for head words title-cased.
  std::string titled;
  auto head_of = [&](std::string_view text) {
    if (!quoted) return DecisiveHead(text);
    titled.assign(text);
    for (size_t i = 0; i < titled.size(); ++i) {
      if (i == 0 || titled[i - 1] == ' ') {
        size_t end = titled.find(' ', i);
        std::string_view word = std::string_view(titled).substr(
            i, end == std::string::npos ? std::string::npos : end - i);
        if (!connectors_.count(word))
          titled[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(titled[i])));
      }
    }
    return DecisiveHead(titled);
  };
  Head head = head_of(span);
  const std::string_view first_span = span;
  if (head.pos == std::string_view::npos) {
    if (!quoted) return false;
  }
  size_t full_end = e;
  for (const Span& k : strong) {
    if (k.begin <= b || k.begin >= e) continue;
    size_t rel = k.begin - b;
    if (head.pos != std::string_view::npos && head.pos >= rel && head.pos < k.end - b) {
      // The head word is inside the strong mention: the span is not a title.
      if (!IsDocumentType(head.type) || rel == 0) return false;
    }
    if (head.pos != std::string_view::npos && head.pos < rel && IsOrgType(head.type)) {
      static const RE2 kOf(R"(^(.*?)\s+(?:of|under)(?:\s+the)?$)");
      std::string before;
      if (RE2::FullMatch(TrimView(s.substr(b, k.begin - b)), kOf, &before)) {
        e = b + before.size();
        break;
      }
    }
  }
  // "1-Outline for ...": an annex number glued to the title.
  while (b < e && std::isdigit(static_cast<unsigned char>(s[b]))) {
    size_t k = b;
    while (k < e && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
    if (k < e && s[k] == '-' && k + 1 < e && std::isupper(static_cast<unsigned char>(s[k + 1]))) {
      b = k + 1;
    } else {
      break;
    }
  }
  bool after_role = false;
  if (b > 0) {
    // "Director of Strategy & Development" is a role, not a title.
    static const RE2 kRoleBefore(
        R"((?i:director|secretary|head|chair|president|minister|manager|officer)(?:-general|\s+general)?\s+(?:of|for)\s+(?:the\s+)?$)");
    // It ends with "(?:of|for)\s+(?:the\s+)?".
    after_role = EndsWithWordBeforeSpaces(s.substr(0, b), {"of", "for", "the"}) &&
                 RE2::PartialMatch(s.substr(0, b), kRoleBefore);
  }
  span = TrimView(s.substr(b, e - b));
  if (span.empty()) return false;
  // Mostly the same span again, whose head is known.
  if (span.data() != first_span.data() || span.size() != first_span.size()) head = head_of(span);
  if (after_role && !quoted && (head.pos == std::string_view::npos || IsDocumentType(head.type))) {
    return false;
  }
  EntityType type;
  if (head.pos == std::string_view::npos) {
    if (!quoted) return false;
    type = EntityType::kStandard;
  } else {
    type = head.type;
  }
  if (quoted && head.pos != std::string_view::npos && IsDocumentType(type) &&
      HeadAfterFirstConnector(span, head.pos)) {
    // A quoted sentence ("Ensure the participation of ... according to
    // laws") ends with a head word by chance; titles open with theirs.
    bool sentence_case = false;
    for (size_t p = span.find(' '); p != std::string_view::npos; p = span.find(' ', p + 1)) {
      size_t next = std::min(span.find(' ', p + 1), span.size());
      std::string_view w = span.substr(p + 1, next - p - 1);
      if (!w.empty() && std::islower(static_cast<unsigned char>(w[0])) && !connectors_.count(w)) {
        sentence_case = true;
      }
    }
    if (sentence_case) return false;
  }
  // Events, newsletters and certificates are not entities, whatever their
  // head word ("Yangtze River Delta Market Regulation Joint Conference").
  // A scratch list per thread: MakeTitle runs for most runs of capitalised
  // words, and the list would be allocated for each.
  thread_local std::vector<std::string_view> words_of_span;
  thread_local std::string capitalised;
  words_of_span.clear();
  for (size_t p = 0; p < span.size();) {
    size_t sp = span.find(' ', p);
    if (sp == std::string_view::npos) sp = span.size();
    words_of_span.push_back(span.substr(p, sp - p));
    p = sp + 1;
  }
  for (std::string_view w : words_of_span) {
    if (event_words_.count(w)) return false;
    // "Demonstration Project": an activity, though a document may name one.
    if (IsOrgType(type) && non_body_words_.count(w)) return false;
  }
  if (IsOrgType(type)) {
    // "Security Requirements for 5G Mobile Communication Network" is a
    // standard's title although it ends with a body's head word.
    bool standard_word = false;
    for (size_t k = 0; k < words_of_span.size() && !standard_word; ++k) {
      standard_word = standard_words_.count(Capitalised(words_of_span[k], &capitalised)) > 0;
    }
    // A committee is named for its work: "Testing Working Group".
    if (standard_word && head.type != EntityType::kCommittee) {
      type = EntityType::kStandard;
    } else {
      // Bodies put their head word before the first connector ("Ministry of
      // ..."); "Equal Treatment of ... Government Procurement" is no body,
      // and a quoted one is a document's title.
      size_t connector = std::string_view::npos;
      for (size_t k = 1, pos = words_of_span[0].size() + 1; k < words_of_span.size();
           pos += words_of_span[k].size() + 1, ++k) {
        std::string_view w = words_of_span[k];
        if (connectors_.count(w) && w != "and" && w != "&" && w != "the") {
          connector = pos;
          break;
        }
      }
      if (connector != std::string_view::npos && head.pos > connector) {
        if (!quoted) return false;
        type = EntityType::kStandard;
      }
      // ... and end that part with it: "National Association Standards
      // Information Platform" names a platform, not an association.
      bool head_first = connector == std::string_view::npos || head.pos < connector;
      std::string_view tail =
          head_first ? span.substr(head.pos, std::min(connector, span.size()) - head.pos) : "";
      for (size_t p = tail.find(' '); p != std::string_view::npos && !quoted;) {
        size_t next = tail.find(' ', p + 1);
        std::string_view w =
            tail.substr(p + 1, (next == std::string_view::npos ? tail.size() : next) - p - 1);
        if (!w.empty() && std::isupper(static_cast<unsigned char>(w[0])) && HasLower(w) &&
            !head_words_.count(w)) {
          return false;
        }
        p = next;
      }
    }
  }
  // Titles need a word besides heads and connectors: not "Laws and Regulations".
  int content_words = 0, words = 0;
  for (size_t p = 0; p < span.size();) {
    size_t sp = span.find(' ', p);
    if (sp == std::string_view::npos) sp = span.size();
    std::string_view w = span.substr(p, sp - p);
    ++words;
    // A word of a head phrase ("Special" of "Special Working Group") says no
    // more than the head: "the Special Working Group" is a generic mention.
    bool is_head = head_words_.count(w) > 0;
    if (!is_head && !connectors_.count(w)) ++content_words;
    p = sp + 1;
  }
  if (content_words == 0) return false;
  if (!quoted) {
    if (words < 2) return false;
    // Two-word policy titles are mostly generic ("Work Plan", "Action Plan").
    if (words == 2 && type == EntityType::kPolicy) return false;
  }
  // Quoted or not, "14th Five-Year Plan" names a planning period: a number
  // and two words, no subject.
  if (type == EntityType::kPolicy && std::isdigit(static_cast<unsigned char>(span[0])) &&
      words <= 3 && !HeadAfterFirstConnector(span, span.size())) {
    return false;
  }
  if (IsOrgType(type) && !quoted) {
    // "... Cooperation Committee on the 22nd": a date is not a body's name.
    static const RE2 kTrailingDate(R"(^(.*?)\s+(?:on|in|at|of|from)\s+(?:the\s+)?\d[^ ]*$)");
    re2::StringPiece shorter;
    // The date is a word after a space that starts with a digit.
    size_t last_word = span.rfind(' ');
    last_word = last_word == std::string_view::npos ? 1 : std::max<size_t>(last_word + 1, 1);
    bool dated = false;
    for (size_t p = last_word; p < span.size() && !dated; ++p) {
      dated = std::isdigit(static_cast<unsigned char>(span[p])) && IsRe2Space(span[p - 1]);
    }
    if (dated && MayEndWithDate(span) && RE2::FullMatch(span, kTrailingDate, &shorter)) {
      span = span.substr(0, shorter.size());
    }
  }
  m->begin = b;
  m->end = b + span.size();
  m->type = type;
  m->name = FoldSpaces(span);
  m->priority = quoted ? 2 : 1;
  m->source = quoted ? Source::kQuoted : Source::kTitle;
  if (full_end != m->end && IsOrgType(type)) {
    m->aliases.push_back(FoldSpaces(s.substr(m->begin, full_end - m->begin)));
  }
  return true;
}

bool RuleExtractor::SalvageBodiesAroundEvent(std::string_view s, size_t b, size_t e,
                                             const std::vector<Span>& strong,
                                             std::vector<Mention>* out) const {
  size_t first_event = std::string_view::npos, last_event = 0;
  for (size_t p = b; p < e;) {
    size_t sp = std::min(s.find(' ', p), e);
    if (event_words_.count(s.substr(p, sp - p))) {
      if (first_event == std::string_view::npos) first_event = p;
      last_event = sp;
    }
    p = sp + 1;
  }
  if (first_event == std::string_view::npos) return false;
  auto add_body = [&](size_t from, size_t to) {
    // Ordinals and years count events, not bodies: "The 4th", "2022".
    static const RE2 kCount(
        R"(^(?:(?:The|the)\s+)?(?:(?:\d\S*|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+)+)");
    re2::StringPiece rest(s.data() + from, to - from);
    if (RE2::Consume(&rest, kCount)) from = static_cast<size_t>(rest.data() - s.data());
    Mention m;
    if (to <= from || !MakeTitle(s, from, to, strong, false, &m) || !IsOrgType(m.type)) return;
    // The body's name ends with its head word: not "... of the National
    // People's" cut before "Congress".
    std::string_view last = std::string_view(m.name).substr(m.name.rfind(' ') + 1);
    if (std::any_of(heads_.begin(), heads_.end(),
                    [&](const auto& h) { return EndsWithWord(h.first, last); })) {
      out->push_back(std::move(m));
    }
  };
  // Before the event word, up to the word itself.
  size_t before = first_event;
  while (before > b && s[before - 1] == ' ') --before;
  if (before > b) add_body(b, before);
  // After "of (the)" that follows the last event word.
  static const RE2 kOf(R"(^\s+of\s+(?:the\s+)?)");
  re2::StringPiece after(s.data() + last_event, e - last_event);
  if (RE2::Consume(&after, kOf)) add_body(static_cast<size_t>(after.data() - s.data()), e);
  return true;
}

// The ASCII characters of [\p{L}\p{N}’'\-/.+], which make the words of
// title_span_.
bool IsTitleWordChar(char c) {
  return IsAsciiAlnum(c) || c == '\'' || c == '-' || c == '/' || c == '.' || c == '+';
}

bool IsTitleWordStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

size_t RuleExtractor::TitleSpanAt(std::string_view s, size_t b) const {
  if (title_connectors_.empty() || !IsAscii(s)) {
    re2::StringPiece span;
    if (!title_span_->Match(s, b, s.size(), RE2::ANCHOR_START, &span, 1)) {
      return std::string_view::npos;
    }
    return b + span.size();
  }
  return AsciiTitleSpanAt(s, b);
}

size_t RuleExtractor::AsciiTitleSpanAt(std::string_view s, size_t b) const {
  if (b >= s.size() || !IsTitleWordStart(s[b])) return std::string_view::npos;
  // The regex is W (\s+ (C \s+)* W (\s\( [A-Z][A-Za-z]{1,7} \) (\s+ [A-Z][\p{L}-]*)+)?)*
  // with W a capital or digit and word characters, C a connector. A word
  // ends only where white space follows, so each W takes its whole run; a
  // connector is a whole word, and no W starts like one. After a W, one
  // white space and "(" can only open the bracket, anything else only the
  // next W. The bracket follows only a W after white space (not the first,
  // nor a bracket); the first word after its ")" must be a bracket word, and
  // any words after it reach as far or farther as Ws.
  auto skip = [&](size_t i, auto in) {
    while (i < s.size() && in(s[i])) ++i;
    return i;
  };
  auto is_alpha = [](char c) { return IsAsciiAlpha(c); };
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  size_t end = skip(b + 1, IsTitleWordChar);
  bool bracket_may_follow = false;  // only a W after white space takes one
  while (end < s.size() && IsRe2Space(s[end])) {
    if (end + 1 < s.size() && s[end + 1] == '(') {
      if (!bracket_may_follow) break;
      bracket_may_follow = false;
      size_t a = end + 2;
      if (a >= s.size() || !is_upper(s[a])) break;
      size_t letters_end = skip(a + 1, is_alpha);
      size_t letters = letters_end - a - 1;
      if (letters < 1 || letters > 7 || letters_end >= s.size() || s[letters_end] != ')') break;
      size_t word = skip(letters_end + 1, IsRe2Space);
      if (word == letters_end + 1 || word >= s.size() || !is_upper(s[word])) break;
      end = skip(word + 1, [&](char c) { return is_alpha(c) || c == '-'; });
      continue;
    }
    size_t word = skip(end, IsRe2Space);
    while (word < s.size() && !IsTitleWordStart(s[word])) {
      size_t word_end = skip(word, [](char c) { return !IsRe2Space(c); });
      if (word_end >= s.size() || !title_connectors_.count(s.substr(word, word_end - word))) break;
      word = skip(word_end, IsRe2Space);
    }
    if (word >= s.size() || !IsTitleWordStart(s[word])) break;
    end = skip(word + 1, IsTitleWordChar);
    bracket_may_follow = true;
  }
  return end;
}

template <typename F>
void RuleExtractor::ForEachTitleSpan(std::string_view s, F&& on_span) const {
  if (title_connectors_.empty() || !IsAscii(s)) {
    ForEachMatch(*title_span_, s, on_span);
    return;
  }
  // A match starts at the first capital or digit; ForEachMatch goes on
  // from its end.
  for (size_t b = 0; b < s.size();) {
    // Eight bytes at a time past text with no capital and no digit.
    while (b + 8 <= s.size() && AsciiCapitalOrDigitBytes(Load8(s.data() + b)) == 0) b += 8;
    if (b >= s.size()) break;
    if (!IsTitleWordStart(s[b])) {
      ++b;
      continue;
    }
    size_t e = AsciiTitleSpanAt(s, b);
    on_span(b, e);
    b = e;
  }
}

// Whether "and", "with" or "as well as" occurs in `run`: one pass over it
// rather than a search for each.
bool HasAndOrWith(std::string_view run) {
  for (size_t i = 0; i < run.size(); ++i) {
    if (run[i] == 'a') {
      if (run.compare(i, 3, "and") == 0 || run.compare(i, 10, "as well as") == 0) return true;
    } else if (run[i] == 'w' && run.compare(i, 4, "with") == 0) {
      return true;
    }
  }
  return false;
}

// Splits a run of capitalised words where two names are listed ("X and the
// Y", "X and 16 other departments", "X and SAC") and makes a title of each part.
void RuleExtractor::AddTitleMentions(std::string_view s, const std::vector<Span>& strong,
                                     std::vector<Mention>* out) const {
  static const RE2 kSplit(R"(\s(?:and|as well as|together with|with)\s+(?:the\s+|\d))");
  ForEachTitleSpan(s, [&](size_t b, size_t e) {
    while (e > b && (s[e - 1] == '.' || s[e - 1] == '-' || s[e - 1] == '/')) --e;
    // "Science, Technology and Finance Department": a name may list words
    // with commas before the "and" that joins its last two.
    static const RE2 kCommaWords(R"(((?:[A-Z][a-z]+,\s+)+)$)");
    static const RE2 kAndSecond(R"(^[A-Z][a-z]+\s+and\s+[A-Z])");
    re2::StringPiece listed;
    size_t listed_begin = b;
    if (EndsWithBeforeSpaces(s.substr(0, b), ',') &&
        RE2::PartialMatch(s.substr(b, e - b), kAndSecond) &&
        RE2::PartialMatch(s.substr(0, b), kCommaWords, &listed)) {
      bool stop = false;
      for (size_t p = 0; p < listed.size();) {
        size_t comma = std::min(listed.find(',', p), listed.size());
        stop |= stop_words_.count(TrimView(std::string_view(listed.data() + p, comma - p))) > 0;
        p = comma + 1;
      }
      if (!stop) listed_begin = static_cast<size_t>(listed.data() - s.data());
    }
    // Most runs are one capitalised word ("The", "China"): no title.
    if (s.substr(b, e - b).find(' ') == std::string_view::npos) return;
    // The parts of one run at a time, per thread: a vector for each run
    // was allocated for most runs.
    thread_local std::vector<std::pair<size_t, size_t>> parts;
    parts.clear();
    size_t start = b;
    re2::StringPiece sm;
    size_t pos = b;
    // kSplit needs "and", "with" or "as well as"; most runs have none.
    const bool and_or_with = HasAndOrWith(s.substr(b, e - b));
    if (!and_or_with) pos = e;
    while (pos < e && kSplit.Match(s, pos, e, RE2::UNANCHORED, &sm, 1)) {
      size_t cut = static_cast<size_t>(sm.data() - s.data());
      parts.emplace_back(start, cut);
      start = cut + 1;
      pos = cut + sm.size();
    }
    // "Zhejiang Open University and China Jiliang University": a body's head
    // word before "and", and another body after it.
    // An " and " that starts before e lies in `upto`: the search need not
    // read the rest of the sentence. Its "and" lies in the run, as the run
    // ends with a word that starts with a capital or a digit: a run without
    // "and" has none.
    std::string_view upto = s.substr(0, std::min(s.size(), e + 4));
    for (size_t and_pos = and_or_with ? upto.find(" and ", start) : std::string_view::npos;
         and_pos != std::string_view::npos && and_pos < e;
         and_pos = upto.find(" and ", and_pos + 1)) {
      size_t word = s.rfind(' ', and_pos - 1);
      word = word == std::string_view::npos || word < start ? start : word + 1;
      std::string_view before = s.substr(word, and_pos - word);
      // Some body's head ends with the word: EndsWithWord(head, before).
      bool head_end = org_head_endings_.count(before) > 0;
      Head next = DecisiveHead(s.substr(and_pos + 5, e - and_pos - 5));
      if (head_end && next.pos != std::string_view::npos && IsOrgType(next.type)) {
        parts.emplace_back(start, and_pos);
        start = and_pos + 5;
      }
    }
    // A tab never falls inside a name: contents pages put page numbers there.
    for (size_t tab = s.find('\t', start); tab != std::string_view::npos && tab < e;
         tab = s.find('\t', tab + 1)) {
      parts.emplace_back(start, tab);
      start = tab + 1;
      while (start < e && (std::isdigit(static_cast<unsigned char>(s[start])) || s[start] == ' ')) {
        ++start;  // the page number
      }
    }
    // "X and SAC": a strong mention right after "and" starts a new name.
    for (const Span& k : strong) {
      if (k.begin <= start || k.begin >= e) continue;
      std::string_view before = s.substr(start, k.begin - start);
      if (before.size() >= 5 && before.substr(before.size() - 5) == " and ") {
        parts.emplace_back(start, k.begin - 5);
        start = k.begin;
      }
    }
    parts.emplace_back(start, e);
    for (auto [pb, pe] : parts) {
      if (pe > pb && SalvageBodiesAroundEvent(s, pb, pe, strong, out)) continue;
      // Only bodies are named so ("Policies, Regulations and Standards" is
      // a topic): the listed words join the first part if it is one.
      if (pb == b && listed_begin < b && pe > pb) {
        Mention m;
        if (MakeTitle(s, listed_begin, pe, strong, false, &m) && IsOrgType(m.type)) {
          out->push_back(std::move(m));
          continue;
        }
      }
      Mention m;
      if (pe > pb && MakeTitle(s, pb, pe, strong, false, &m)) out->push_back(std::move(m));
    }
  });
}

// Titles in quotation marks: a law or policy by its head word, else a standard
// when the sentence speaks of standards.
void RuleExtractor::AddQuotedMentions(std::string_view s, SentenceHits may,
                                      std::vector<Mention>* out) const {
  re2::StringPiece groups[4];
  size_t pos = 0;
  while (pos < s.size() && may.May(kQuotedFilter) &&
         quoted_->Match(s, pos, s.size(), RE2::UNANCHORED, groups, 4)) {
    pos = static_cast<size_t>(groups[0].data() - s.data()) + groups[0].size();
    re2::StringPiece inner = !groups[1].empty()   ? groups[1]
                             : !groups[2].empty() ? groups[2]
                                                  : groups[3];
    if (inner.empty() || !std::isupper(static_cast<unsigned char>(inner[0]))) continue;
    size_t b = static_cast<size_t>(inner.data() - s.data());
    size_t e = b + inner.size();
    // “Standard City,”: punctuation before the closing quote is not the name's.
    while (e > b && (s[e - 1] == ',' || s[e - 1] == ';' || s[e - 1] == '.' || s[e - 1] == ' ')) --e;
    // "(Draft for comments)" is not part of the name but the name with it is an alias.
    std::string_view text = s.substr(b, e - b);
    std::string with_note;
    static const RE2 kNote(R"(^(.*?)\s*\(([^()]*)\)\s*$)");
    std::string head_part, note;
    if (RE2::FullMatch(text, kNote, &head_part, &note) &&
        (ContainsNoCase(note, "draft") || ContainsNoCase(note, "comment"))) {
      with_note = FoldSpaces(text);
      e = b + head_part.size();
    }
    Mention m;
    if (!MakeTitle(s, b, e, {}, true, &m)) continue;
    // A body's name in quotes is found, with its bracketed code, as a title.
    if (IsOrgType(m.type)) continue;
    // A quoted word ("the Draft") is a nickname, not a standard's title; a
    // quote is a standard's title when it reads like one ("Test Method
    // for ...") or when the sentence speaks of standards outside it (not
    // "the construction of a “Standard City”").
    if (m.type == EntityType::kStandard) {
      static const RE2 kStandardWord(R"((?i)\bstandards?\b)");
      std::string outside = std::string(s.substr(0, groups[0].data() - s.data())) + " " +
                            std::string(s.substr(groups[0].data() - s.data() + groups[0].size()));
      bool reads_as_standard = false;
      for (size_t p = 0; p < m.name.size();) {
        size_t sp = std::min(m.name.find_first_of(" :", p), m.name.size());
        std::string w = m.name.substr(p, sp - p);
        if (!w.empty()) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
        if (standard_words_.count(w)) reads_as_standard = true;
        p = sp + 1;
      }
      if (m.name.find(' ') == std::string::npos ||
          (!reads_as_standard && !RE2::PartialMatch(outside, kStandardWord))) {
        continue;
      }
    }
    // "the national standards of “General Principles and Guidelines for
    // ...”", "“...”, a national standard": the text says what it is.
    static const RE2 kCalledStandard(
        R"((?i)\bstandards?\s+(?:of\s+|called\s+|named\s+|entitled\s+)?$)");
    static const RE2 kStandardApposition(
        R"((?i)^\s*,\s*(?:an?|the)\s+(?:[\w\-]+\s+){0,2}standard\b)");
    size_t quote_begin = static_cast<size_t>(groups[0].data() - s.data());
    size_t quote_end = quote_begin + groups[0].size();
    if (IsDocumentType(m.type) && (RE2::PartialMatch(s.substr(0, quote_begin), kCalledStandard) ||
                                   RE2::PartialMatch(s.substr(quote_end), kStandardApposition))) {
      m.type = EntityType::kStandard;
    }
    if (!with_note.empty()) m.aliases.push_back(with_note);
    m.begin = static_cast<size_t>(groups[0].data() - s.data());
    m.end = m.begin + groups[0].size();
    out->push_back(std::move(m));
  }
}

// "The Measures were drafted by ...": a generic mention refers to the latest
// entity of the document whose name has the same head word.
void RuleExtractor::AddGenericMentions(std::string_view s, SentenceHits may,
                                       const std::vector<Recent>& recent,
                                       std::vector<Mention>* out) const {
  static const RE2 kStandardWord(R"((?i)^standards?$)");
  static const RE2 kCommitteeWord(R"(^(?:TC|Committee|Working Group|Subcommittee|SC|WG)$)");
  if (!may.May(kGenericFilter)) return;
  ForEachMatch(*generic_, s, [&](size_t b, size_t e) {
    std::string_view head = s.substr(b, e - b);
    // "the Measures for ..." starts a title, not a reference.
    static const RE2 kTitleFollows(R"(^\s+(?:of|for|on|to)\s+(?:the\s+)?[A-Z])");
    if (RE2::PartialMatch(s.substr(e), kTitleFollows)) return;
    bool standard = RE2::FullMatch(head, kStandardWord);
    bool committee = RE2::FullMatch(head, kCommitteeWord);
    // "the Special Working Group": the latest committee of that kind.
    static const RE2 kCommitteeKind(R"(^\w.*\s(?:Committee|Group|Subcommittee)$)");
    bool committee_kind = !committee && RE2::FullMatch(head, kCommitteeKind);
    std::string singular(head);
    if (!singular.empty() && singular.back() == 's' && !standard) singular.pop_back();
    for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
      bool fits = standard    ? it->type == EntityType::kStandard
                  : committee ? it->type == EntityType::kCommittee
                  : committee_kind
                      ? it->type == EntityType::kCommittee && ContainsNoCase(it->name, head)
                      : IsDocumentType(it->type) && ContainsNoCase(it->name, singular);
      if (!fits) continue;
      size_t start = b;
      while (start > 0 && s[start - 1] != ' ') --start;
      start = s.rfind(' ', start >= 2 ? start - 2 : 0);
      Mention m;
      m.begin = b;
      m.end = e;
      m.type = it->type;
      m.name = it->name;
      m.entity = it->entity;
      m.priority = 0;
      m.source = Source::kGeneric;
      out->push_back(std::move(m));
      return;
    }
  });
}

// "Rada Rodriguez from Signify": the capitalised words after "from" that
// follows a person name an organisation, even one the rules do not know.
void AddOrganisationsAfterPeople(std::string_view s, std::vector<Mention>* mentions) {
  static const RE2 kFrom(R"(^\s+from\s+(?:the\s+)?([A-Z][\p{L}&\-]*(?:\s+[A-Z][\p{L}&\-]*){0,3}))");
  std::vector<Mention> added;
  for (size_t i = 0; i < mentions->size(); ++i) {
    const Mention& p = (*mentions)[i];
    if (p.type != EntityType::kPerson) continue;
    re2::StringPiece name;
    if (!RE2::PartialMatch(s.substr(p.end), kFrom, &name)) continue;
    size_t b = static_cast<size_t>(name.data() - s.data());
    size_t e = b + name.size();
    bool taken = std::any_of(mentions->begin(), mentions->end(),
                             [&](const Mention& m) { return b < m.end && m.begin < e; });
    if (taken) continue;
    Mention m;
    m.begin = b;
    m.end = e;
    m.type = EntityType::kOrganization;
    m.name = FoldSpaces(std::string_view(name.data(), name.size()));
    m.source = Source::kTitle;
    added.push_back(std::move(m));
  }
  if (added.empty()) return;
  mentions->insert(mentions->end(), added.begin(), added.end());
  std::sort(mentions->begin(), mentions->end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

void RuleExtractor::AddPeopleListedWithPeople(std::string_view s,
                                              std::vector<Mention>* mentions) const {
  static const RE2 kListed(
      R"(^\s*,?\s*(?:and\s+)?([A-Z][\p{Ll}’'\-]+(?:\s+[A-Z][\p{Ll}’'\-]+){1,2})(?:\s+(?:were|was|are|is|have|has|had|will|spoke|attended|said|delivered|gave|presented|joined)\b|\s*[,.;)]|$))");
  std::vector<Mention> added;
  for (const Mention& p : *mentions) {
    if (p.type != EntityType::kPerson) continue;
    re2::StringPiece name;
    if (!RE2::PartialMatch(s.substr(p.end), kListed, &name)) continue;
    size_t b = static_cast<size_t>(name.data() - s.data());
    size_t e = b + name.size();
    bool taken = std::any_of(mentions->begin(), mentions->end(),
                             [&](const Mention& m) { return b < m.end && m.begin < e; });
    std::string text(name.data(), name.size());
    bool plain = true;  // no stop word ("Deputy") or head word ("Committee")
    for (size_t q = 0; q < text.size();) {
      size_t sp = std::min(text.find(' ', q), text.size());
      std::string w = text.substr(q, sp - q);
      plain &=
          !stop_words_.count(w) && !head_words_.count(w) && !event_words_.count(w) &&
          std::none_of(heads_.begin(), heads_.end(), [&](const auto& h) { return h.first == w; });
      q = sp + 1;
    }
    if (taken || !plain) continue;
    Mention m;
    m.begin = b;
    m.end = e;
    m.type = EntityType::kPerson;
    m.name = FoldSpaces(text);
    m.source = Source::kPerson;
    added.push_back(std::move(m));
  }
  if (added.empty()) return;
  mentions->insert(mentions->end(), added.begin(), added.end());
  std::sort(mentions->begin(), mentions->end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

// Whether `gap` is "\s*\(\s*(?:the\s+)?" and no more: what lies between a
// name and the short form in brackets after it.
bool IsOpeningBracket(std::string_view gap) {
  size_t i = SkipRe2Spaces(gap, 0);
  if (i == gap.size() || gap[i] != '(') return false;
  i = SkipRe2Spaces(gap, i + 1);
  if (i == gap.size()) return true;
  // "the" and one white space or more, up to the end.
  if (gap.compare(i, 3, "the") != 0) return false;
  i += 3;
  size_t spaces = i;
  i = SkipRe2Spaces(gap, i);
  return i > spaces && i == gap.size();
}

// RE2::Consume(text, "\s*\)"): moves `text` past white space and a ")"
// if those open it.
bool ConsumeClosingBracket(re2::StringPiece* text) {
  size_t i = SkipRe2Spaces(std::string_view(text->data(), text->size()), 0);
  if (i == text->size() || (*text)[i] != ')') return false;
  text->remove_prefix(i + 1);
  return true;
}

// "Full Name (ACR)" printed together is one mention; so is "Title (2021)".
void RuleExtractor::MergeBracketed(std::string_view s, std::vector<Mention>* mentions) const {
  static const RE2 kYearNote(
      R"(^\s*(\((?:\d{4}(?:\s*[-–]\s*\d{4})?|\d{4}\s+[Ee]dition|[Ee]dition\s+\d{4}|\d{4}\s+[Vv]ersion|[Dd]raft(?:\s+\d{4})?)\)))");
  static const RE2 kDraftNote(R"(^\s*(\((?:[^()]*(?:[Dd]raft|[Cc]omment)[^()]*)\)))");
  std::vector<Mention>& m = *mentions;
  // The mentions are merged in place: m[0, kept) holds those kept so far,
  // and each step reads m[i] and m[i + 1] only, at or after m[kept].
  size_t kept = 0;
  // Keeps `cur` (m[i] of the step) unless an extended mention kept before
  // swallows it.
  auto keep = [&](Mention& cur) {
    if (kept > 0 && cur.begin < m[kept - 1].end) return;
    if (&m[kept] != &cur) m[kept] = std::move(cur);
    ++kept;
  };
  for (size_t i = 0; i < m.size(); ++i) {
    Mention& cur = m[i];
    if (cur.source == Source::kPattern && cur.type == EntityType::kCommittee &&
        NextAfterSpacesIs(s.substr(cur.end), '(')) {
      // "ISO/TMB/SMCC (ISO Technical Management Board ... Committee)": the
      // committee's name in brackets after its code is one more name of it.
      static const RE2 kNameInBrackets(R"(^\s*\(\s*([A-Z][^()]{5,160}?)\s*\))");
      re2::StringPiece rest(s.data() + cur.end, s.size() - cur.end), inner;
      if (BracketedName(kNameInBrackets, 5, rest, &inner)) {
        std::string name = FoldSpaces(std::string_view(inner.data(), inner.size()));
        Head head = DecisiveHead(name);
        if (head.pos != std::string_view::npos && head.type == EntityType::kCommittee &&
            name.find(' ') != std::string::npos) {
          cur.aliases.push_back(name);
          size_t close = s.find(')', static_cast<size_t>(inner.data() - s.data()) + inner.size());
          cur.end = close + 1;
          while (i + 1 < m.size() && m[i + 1].begin < cur.end) ++i;
          keep(cur);
          continue;
        }
      }
    }
    if (i + 1 < m.size()) {
      Mention& next = m[i + 1];
      std::string_view gap = s.substr(cur.end, next.begin - cur.end);
      re2::StringPiece after(s.data() + next.end, s.size() - next.end);
      bool same_kind = (IsOrgType(cur.type) && IsOrgType(next.type)) || cur.type == next.type;
      bool both_gazetteer = cur.source == Source::kGazetteer && next.source == Source::kGazetteer &&
                            cur.id != next.id;
      if (IsOpeningBracket(gap) && ConsumeClosingBracket(&after) && same_kind && !both_gazetteer &&
          cur.type != EntityType::kPerson) {
        // The bracketed short form gives the id; the full name stays the name.
        for (const std::string& a : next.aliases) cur.aliases.push_back(a);
        cur.aliases.push_back(next.name);
        if (!next.id.empty()) cur.aliases.push_back(next.id);
        if (cur.type == EntityType::kStandard && next.type == EntityType::kStandard &&
            next.source == Source::kPattern) {
          // "“Title” (GB/T 1-2020)": a coded standard is named by its code.
          cur.aliases.push_back(cur.name);
          cur.name = next.name;
          cur.id.clear();
          cur.source = Source::kPattern;
        } else if (!next.id.empty() || next.source == Source::kPattern) {
          if (cur.source != Source::kGazetteer) {
            cur.id = next.id.empty() ? next.name : next.id;
            if (next.type == EntityType::kCommittee) cur.type = next.type;
            cur.parent_code = next.parent_code;
          }
        }
        cur.end = static_cast<size_t>(after.data() - s.data());
        keep(cur);
        ++i;
        continue;
      }
    }
    if (i + 1 < m.size() && cur.type == EntityType::kStandard && cur.source == Source::kPattern &&
        m[i + 1].type == EntityType::kStandard &&
        (m[i + 1].source == Source::kQuoted || m[i + 1].source == Source::kTitle) &&
        TrimView(s.substr(cur.end, m[i + 1].begin - cur.end)).empty()) {
      // "GB/T 35273-2017 “Personal information security specification”": the
      // title is an alias of the coded standard.
      cur.aliases.push_back(m[i + 1].name);
      cur.end = m[i + 1].end;
      keep(cur);
      ++i;
      continue;
    }
    if ((cur.type == EntityType::kLaw || cur.type == EntityType::kPolicy) &&
        NextAfterSpacesIs(s.substr(cur.end), '(')) {
      re2::StringPiece rest(s.data() + cur.end, s.size() - cur.end);
      re2::StringPiece note;
      if (RE2::PartialMatch(rest, kYearNote, &note) &&
          note.data() == rest.data() + (note.data() - rest.data()) &&
          TrimView(std::string_view(rest.data(), note.data() - rest.data())).empty()) {
        std::string n(note.data(), note.size());
        if (ContainsNoCase(n, "draft")) {
          cur.aliases.push_back(cur.name + " " + n);
        } else {
          cur.aliases.push_back(cur.name);
          cur.name += " " + n;
        }
        cur.end = static_cast<size_t>(note.data() - s.data()) + note.size();
      } else if (RE2::PartialMatch(rest, kDraftNote, &note) &&
                 TrimView(std::string_view(rest.data(), note.data() - rest.data())).empty()) {
        cur.aliases.push_back(cur.name + " " + std::string(note.data(), note.size()));
        cur.end = static_cast<size_t>(note.data() - s.data()) + note.size();
      }
    }
    keep(cur);
  }
  m.erase(m.begin() + static_cast<std::ptrdiff_t>(kept), m.end());
}

std::vector<Mention> RuleExtractor::FindMentions(
    std::string_view s, SentenceHits may, const NameList* local,
    const std::unordered_map<std::string, int>& local_by_key,
    const std::vector<Acronym>& acronyms) const {
  std::vector<Mention> found;
  // Most sentences have a few candidates: one allocation, and no moves, for
  // them all.
  found.reserve(8);
  // Where names may start, found once for the three lists. Per thread: a
  // sentence's list of them would be allocated for each sentence.
  thread_local NameStarts starts;
  starts.Reset(s);
  auto add_gazetteer = [&](const NameList& list) {
    list.ForEach(starts, [&](size_t b, size_t e) {
      auto it = gazetteer_by_key_.find(NameKey(s.substr(b, e - b)));
      if (it == gazetteer_by_key_.end()) return;
      const GazetteerEntry& g = rules_.gazetteer[it->second];
      Mention m;
      m.begin = b;
      m.end = e;
      m.type = g.type;
      m.name = g.name;
      m.id = g.id;
      m.priority = 3;
      m.source = Source::kGazetteer;
      m.aliases.push_back(FoldSpaces(s.substr(b, e - b)));
      found.push_back(std::move(m));
    });
  };
  add_gazetteer(*gazetteer_exact_);
  add_gazetteer(*gazetteer_names_);
  if (local != nullptr) {
    local->ForEach(starts, [&](size_t b, size_t e) {
      auto it = local_by_key.find(NameKey(s.substr(b, e - b)));
      if (it == local_by_key.end()) return;
      const Acronym& a = acronyms[it->second];
      Mention m;
      m.begin = b;
      m.end = e;
      m.type = a.type;
      m.name = a.full;
      m.aliases.reserve(a.aliases.size() + 1);
      m.aliases.assign(a.aliases.begin(), a.aliases.end());
      m.aliases.push_back(a.acronym);
      m.id = a.acronym;
      m.priority = 3;
      m.source = Source::kAcronym;
      found.push_back(std::move(m));
    });
  }
  AddPatternMentions(s, may, &found);
  AddQuotedMentions(s, may, &found);
  std::vector<Span> strong;
  for (const Mention& m : found) {
    if (IsStrong(m)) strong.push_back({m.begin, m.end});
  }
  std::sort(strong.begin(), strong.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  AddTitleMentions(s, strong, &found);
  AddIntroducedTitles(s, &found);
  return found;
}

void RuleExtractor::AddIntroducedTitles(std::string_view s, std::vector<Mention>* out) const {
  if (!HasIntroSeparator(s)) return;
  re2::StringPiece rest(s), noun;
  while (RE2::FindAndConsume(&rest, IntroRegex(), &noun)) {
    size_t pos = static_cast<size_t>(rest.data() - s.data());
    size_t span_end = TitleSpanAt(s, pos);
    if (span_end == std::string_view::npos) continue;
    re2::StringPiece span(s.data() + pos, span_end - pos);
    EntityType type = ContainsNoCase(std::string_view(noun.data(), noun.size()), "standard")
                          ? EntityType::kStandard
                          : EntityType::kPolicy;
    // "two white papers: Security of AI Application Data and Identity
    // Security of Machine Communication": one title each side of "and".
    size_t end = pos + span.size();
    while (end > pos && (s[end - 1] == '.' || s[end - 1] == ',')) --end;
    std::vector<std::pair<size_t, size_t>> parts;
    size_t start = pos;
    for (size_t cut = s.find(" and ", start); cut != std::string_view::npos && cut < end;
         cut = s.find(" and ", start)) {
      parts.emplace_back(start, cut);
      start = cut + 5;
    }
    parts.emplace_back(start, end);
    for (auto [b, e] : parts) {
      std::string_view text = s.substr(b, e - b);
      // "Association standards: In 2020, ...": a sentence, not a title.
      size_t sp = text.find(' ');
      if (sp == std::string_view::npos || !std::isupper(static_cast<unsigned char>(text[0])) ||
          stop_words_.count(text.substr(0, sp))) {
        continue;
      }
      Mention m;
      m.begin = b;
      m.end = e;
      m.type = type;
      m.name = FoldSpaces(text);
      m.priority = 1;
      m.source = Source::kTitle;
      out->push_back(std::move(m));
    }
  }
}

// Keeps the best of overlapping spans: quoted titles first, then the longest,
// then the higher priority.
std::vector<Mention> SelectMentions(std::vector<Mention> found) {
  if (found.size() <= 1) return found;  // nothing overlaps
  // Indexes are sorted, not the mentions, which are costly to move: the
  // same comparisons give the same order, ties included. A sentence has few
  // candidates: their indexes fit on the stack.
  constexpr size_t kOnStack = 32;
  const size_t n = found.size();
  size_t order_on_stack[kOnStack], chosen_on_stack[kOnStack];
  std::vector<size_t> order_on_heap, chosen_on_heap;
  size_t* order = order_on_stack;
  size_t* chosen = chosen_on_stack;
  if (n > kOnStack) {
    order_on_heap.resize(n);
    chosen_on_heap.resize(n);
    order = order_on_heap.data();
    chosen = chosen_on_heap.data();
  }
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order, order + n, [&](size_t x, size_t y) {
    const Mention& a = found[x];
    const Mention& b = found[y];
    bool qa = a.source == Source::kQuoted, qb = b.source == Source::kQuoted;
    if (qa != qb) return qa;
    size_t la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.begin < b.begin;
  });
  size_t chosen_size = 0;
  for (size_t i = 0; i < n; ++i) {
    const Mention& m = found[order[i]];
    bool overlaps = std::any_of(chosen, chosen + chosen_size, [&](size_t k) {
      return m.begin < found[k].end && found[k].begin < m.end;
    });
    if (!overlaps) chosen[chosen_size++] = order[i];
  }
  std::sort(chosen, chosen + chosen_size,
            [&](size_t x, size_t y) { return found[x].begin < found[y].begin; });
  std::vector<Mention> kept;
  kept.reserve(chosen_size);
  for (size_t i = 0; i < chosen_size; ++i) kept.push_back(std::move(found[chosen[i]]));
  return kept;
}

// Whether four ASCII digits follow each other somewhere in `s`.
bool HasFourDigits(std::string_view s) {
  int run = 0;
  for (char c : s) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

// Whether an ASCII letter, digit or "_" is at s[i]: a word character of
// RE2's \b.
bool IsRe2WordAt(std::string_view s, size_t i) {
  return i < s.size() && (IsAsciiAlnum(s[i]) || s[i] == '_');
}

// The length of `word` (lower case) at s[i] in any case, or 0.
size_t WordNoCaseAt(std::string_view s, size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return 0;
  for (size_t k = 0; k < word.size(); ++k) {
    if (ToAsciiLower(s[i + k]) != word[k]) return 0;
  }
  return word.size();
}

// The end of the run of \s that starts at s[i], if there is one, else 0.
size_t SpacesAt(std::string_view s, size_t i) {
  size_t j = SkipRe2Spaces(s, i);
  return j > i ? j : 0;
}

// The end of a month's name at s[i], in any case, or 0.
size_t MonthAt(std::string_view s, size_t i) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  for (std::string_view m : kNames) {
    if (size_t n = WordNoCaseAt(s, i, m)) return i + n;
  }
  return 0;
}

// A day, "(\d{1,2})(?:st|nd|rd|th)?", at s[i]: sets `*day` and returns the
// end, or 0. Of one or two digits the greedy group takes all, and a third
// digit fails whatever follows.
size_t DayAt(std::string_view s, size_t i, re2::StringPiece* day) {
  size_t j = i;
  while (j < s.size() && j - i < 3 && s[j] >= '0' && s[j] <= '9') ++j;
  if (j == i || j - i == 3) return 0;
  *day = re2::StringPiece(s.data() + i, j - i);
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (size_t n = WordNoCaseAt(s, j, suffix)) return j + n;
  }
  return j;
}

// A year, "(\d{4})\b", at s[i]: sets `*year` and returns true, or false.
bool YearAt(std::string_view s, size_t i, re2::StringPiece* year) {
  if (s.size() - i < 4) return false;
  for (size_t k = 0; k < 4; ++k) {
    if (s[i + k] < '0' || s[i + k] > '9') return false;
  }
  if (IsRe2WordAt(s, i + 4)) return false;
  *year = re2::StringPiece(s.data() + i, 4);
  return true;
}

// RE2::PartialMatch(s, date_, &g[0], ..., &g[7]) by hand, for ASCII `s`
// (where only ASCII letters fold): the leftmost match, and there the first
// alternative that matches. Each part of each alternative can match only
// one way, so no other reading is left to try. CompileRegexes builds date_:
// change both together.
bool MatchDate(std::string_view s, re2::StringPiece g[8]) {
  for (size_t p = 0; p < s.size(); ++p) {
    // \b: a word character here, none before.
    if (!IsRe2WordAt(s, p) || (p > 0 && IsRe2WordAt(s, p - 1))) continue;
    re2::StringPiece day, month, year;
    if (s[p] >= '0' && s[p] <= '9') {
      // (\d{1,2})(?:st|nd|rd|th)?\s+(MONTH),?\s+(\d{4})
      size_t j = DayAt(s, p, &day);
      if (j == 0 || (j = SpacesAt(s, j)) == 0) continue;
      size_t m = MonthAt(s, j);
      if (m == 0) continue;
      month = re2::StringPiece(s.data() + j, m - j);
      if (m < s.size() && s[m] == ',') ++m;
      if ((j = SpacesAt(s, m)) == 0 || !YearAt(s, j, &year)) continue;
      g[0] = day, g[1] = month, g[2] = year;
      return true;
    }
    if (size_t m = MonthAt(s, p)) {
      // (MONTH)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})
      month = re2::StringPiece(s.data() + p, m - p);
      size_t j = SpacesAt(s, m);
      if (j == 0 || (j = DayAt(s, j, &day)) == 0) continue;
      if (j < s.size() && s[j] == ',') ++j;
      if ((j = SpacesAt(s, j)) == 0 || !YearAt(s, j, &year)) continue;
      g[3] = month, g[4] = day, g[5] = year;
      return true;
    }
    // (?:in|on|since|from)\s+(MONTH)\s+(?:of\s+)?(\d{4})
    size_t k = 0;
    for (std::string_view w : {"in", "on", "since", "from"}) {
      if ((k = WordNoCaseAt(s, p, w)) != 0) break;
    }
    size_t j = k == 0 ? 0 : SpacesAt(s, p + k);
    size_t m = j == 0 ? 0 : MonthAt(s, j);
    if (m == 0) continue;
    month = re2::StringPiece(s.data() + j, m - j);
    if ((j = SpacesAt(s, m)) == 0) continue;
    if (size_t of = WordNoCaseAt(s, j, "of")) {
      // "of" and spaces, or no "of" at all: then the year is at j, where
      // "o" is no digit.
      size_t after = SpacesAt(s, j + of);
      if (after == 0) continue;
      j = after;
    }
    if (!YearAt(s, j, &year)) continue;
    g[6] = month, g[7] = year;
    return true;
  }
  return false;
}

std::string RuleExtractor::DateOf(std::string_view sentence) const {
  static const char* kMonths[] = {"january",   "february", "march",    "april",
                                  "may",       "june",     "july",     "august",
                                  "september", "october",  "november", "december"};
  // Both regexes need a year: four digits in a row.
  if (!HasFourDigits(sentence)) return "";
  // Views of the groups, not copies: each is read once below.
  re2::StringPiece g[8];
  bool matched = IsAscii(sentence) ? MatchDate(sentence, g)
                                   : RE2::PartialMatch(sentence, *date_, &g[0], &g[1], &g[2], &g[3],
                                                       &g[4], &g[5], &g[6], &g[7]);
  if (!matched) {
    re2::StringPiece year;
    if (RE2::PartialMatch(sentence, *year_, &year)) return std::string(year.data(), year.size());
    return "";
  }
  auto month_number = [&](re2::StringPiece m) {
    for (int i = 0; i < 12; ++i) {
      std::string_view month = kMonths[i];
      if (m.size() == month.size() &&
          std::equal(m.begin(), m.end(), month.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
          })) {
        return i + 1;
      }
    }
    return 0;
  };
  // The groups of digits: a year of four, a day of one or two.
  auto number = [](re2::StringPiece digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
  };
  char buf[32];
  if (!g[2].empty()) {
    std::snprintf(buf, sizeof buf, "%.*s-%02d-%02d", static_cast<int>(g[2].size()), g[2].data(),
                  month_number(g[1]), number(g[0]));
  } else if (!g[5].empty()) {
    std::snprintf(buf, sizeof buf, "%.*s-%02d-%02d", static_cast<int>(g[5].size()), g[5].data(),
                  month_number(g[3]), number(g[4]));
  } else {
    std::snprintf(buf, sizeof buf, "%.*s-%02d", static_cast<int>(g[7].size()), g[7].data(),
                  month_number(g[6]));
  }
  return buf;
}

// Mentions joined to mentions[i] by "and", "," or "together with", walking
// in direction `step` (-1 backwards, +1 forwards): "SAMR, SAC and MIIT".
// Standards in a list may be followed by their titles: "GB/T 1 title; GB/T 2".
std::vector<size_t> Coordinated(std::string_view s, const std::vector<Mention>& m, size_t i,
                                int step) {
  static const RE2 kJoin(
      R"(^\s*(?:,\s*|;\s*|/\s*)?(?:and|&|as well as|together with|along with|with|or)?\s*(?:the\s+)?,?\s*$)");
  static const RE2 kTitledList(R"(^\s[^.;:]{0,160};\s*(?:and\s+)?$)");
  static const RE2 kConjunction(R"(\b(?:and|together with|as well as|along with|with|or)\b|[;/&])");
  std::vector<size_t> out = {i};
  size_t cur = i;
  bool conjunction = false;
  while (true) {
    if (step < 0 && cur == 0) break;
    size_t next = cur + step;
    if (next >= m.size()) break;
    size_t gap_b = step < 0 ? m[next].end : m[cur].end;
    size_t gap_e = step < 0 ? m[cur].begin : m[next].begin;
    if (gap_e < gap_b) break;
    std::string_view gap = s.substr(gap_b, gap_e - gap_b);
    // "“A”, an industry standard, and “B”": a short apposition in a list.
    static const RE2 kApposition(
        R"(^\s*,\s*(?:an?|the)\s+[\w\s\-]{1,40},\s*(?:and|or)\s+(?:the\s+)?$)");
    bool joined =
        RE2::FullMatch(gap, kJoin) ||
        (m[i].type == EntityType::kStandard && step > 0 && RE2::FullMatch(gap, kTitledList)) ||
        (IsDocumentType(m[i].type) && RE2::FullMatch(gap, kApposition));
    if (!joined) break;
    // "SAMR/SAC" lists two bodies, "MPS/Cybersecurity Bureau" names a
    // department of the first: a slash joins known names only.
    if (gap.find('/') != std::string_view::npos && (!IsStrong(m[next]) || !IsStrong(m[cur]))) {
      break;
    }
    bool same_class = m[next].type == m[i].type ||
                      (IsOrgType(m[next].type) && IsOrgType(m[i].type)) ||
                      (IsDocumentType(m[next].type) && IsDocumentType(m[i].type));
    if (!same_class) break;
    // "X, the Y published": a comma alone next to the verb is an apposition
    // or an introductory phrase, not a list.
    bool has_conjunction = RE2::PartialMatch(gap, kConjunction);
    if (step < 0 && out.size() == 1 && !has_conjunction) break;
    conjunction |= has_conjunction;
    out.push_back(next);
    cur = next;
  }
  if (step > 0 && !conjunction) out.resize(1);
  return out;
}

// The body a mention stands for in a list: "the Cybersecurity Bureau of the
// Ministry of Public Security" is the bureau, not the ministry.
size_t OwnerOf(std::string_view s, const std::vector<Mention>& m, size_t i) {
  static const RE2 kOf(R"(^\s*of\s+(?:the\s+)?$)");
  while (i > 0 && IsOrgType(m[i].type) && IsOrgType(m[i - 1].type) &&
         RE2::FullMatch(s.substr(m[i - 1].end, m[i].begin - m[i - 1].end), kOf)) {
    --i;
  }
  return i;
}

void RuleExtractor::FindRelations(const Sentence& sentence, SentenceHits may,
                                  const std::vector<Mention>& mentions,
                                  const std::vector<ExtractedEntity>& entities,
                                  SentenceEvidence* evidence,
                                  std::vector<ExtractedRelation>* out) const {
  // Every relation joins two mentions of different entities.
  if (mentions.size() < 2) return;
  std::string_view s = sentence.text;
  std::string date;
  bool date_done = false;
  auto emit = [&](const Mention& subj, Relation rel, const Mention& obj) {
    if (subj.entity == obj.entity) return;
    ExtractedRelation r;
    r.subject = entities[subj.entity].id;
    r.object = entities[obj.entity].id;
    r.relation = rel;
    if (rel == Relation::kIssued || rel == Relation::kEstablished) {
      if (!date_done) date = DateOf(s), date_done = true;
      r.date = date;
    }
    r.evidence = evidence->Get();
    out->push_back(std::move(r));
  };
  // Pairs every member of a group with every other: "X and Y signed an MoU".
  auto emit_pairs = [&](const std::vector<size_t>& group, Relation rel) {
    for (size_t a = 0; a < group.size(); ++a) {
      for (size_t b = a + 1; b < group.size(); ++b)
        emit(mentions[group[a]], rel, mentions[group[b]]);
    }
  };
  static const RE2 kByFollows(R"(^\s+(?:jointly\s+)?by\b)");
  static const RE2 kAuxiliaryBefore(R"(\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?$)");
  // A trigger word inside a title ("... Based on LTE") states nothing.
  auto InsideMention = [&](size_t tb, size_t te) {
    return std::any_of(mentions.begin(), mentions.end(),
                       [&](const Mention& m) { return tb < m.end && m.begin < te; });
  };
  for (const CompiledTrigger& t : triggers_) {
    const RelationTrigger& rule = *t.rule;
    bool symmetric = IsSymmetric(rule.relation);
    auto fits_subject = [&](const Mention& m) { return TypeAllowed(t.subject_types, m.type); };
    auto fits_object = [&](const Mention& m) { return TypeAllowed(t.object_types, m.type); };
    auto previous = [&](size_t tb, auto fits) -> std::optional<size_t> {
      for (size_t i = mentions.size(); i-- > 0;) {
        if (mentions[i].end <= tb && fits(mentions[i])) return i;
      }
      return std::nullopt;
    };
    auto following = [&](size_t te, auto fits) -> std::optional<size_t> {
      for (size_t i = 0; i < mentions.size(); ++i) {
        if (mentions[i].begin >= te && fits(mentions[i])) return i;
      }
      return std::nullopt;
    };
    // What each voice emits needs a mention that fits the subject, one that
    // fits the object, or, for a symmetric relation, one of the two (see the
    // returns below): without them its matches are not worth finding.
    bool any_subject = std::any_of(mentions.begin(), mentions.end(), fits_subject);
    bool any_object = std::any_of(mentions.begin(), mentions.end(), fits_object);
    bool active_may_emit = symmetric ? any_subject || any_object : any_subject && any_object;
    bool passive_may_emit = any_subject && (symmetric || any_object);
    // Active voice: SUBJECT ... trigger ... OBJECT.
    if (t.active && active_may_emit && may.May(t.active_filter)) {
      ForEachMatch(*t.active, s, [&](size_t tb, size_t te) {
        std::optional<size_t> subject = previous(tb, fits_subject);
        std::optional<size_t> object = following(te, fits_object);
        if (object && !symmetric) {
          // "published a set of guidelines, with a view to ... the
          // Cybersecurity Law": an object beyond a clause is not the verb's.
          std::string_view gap = s.substr(te, mentions[*object].begin - te);
          static const RE2 kListIntro(R"(, (?:namely|including|i\.e\.|such as)\b[^,]*$)");
          bool clause = gap.find(", ") != std::string_view::npos &&
                        !(MayIntroduceList(gap) && RE2::PartialMatch(gap, kListIntro));
          if (gap.size() > 100 || clause) object.reset();
        }
        if (symmetric && subject && !object) {
          emit_pairs(Coordinated(s, mentions, *subject, -1), rule.relation);
          return;
        }
        if (symmetric && object &&
            (!subject ||
             s.substr(mentions[*subject].end, tb - mentions[*subject].end).size() > 60)) {
          // "an MoU between X and Y".
          std::vector<size_t> group = Coordinated(s, mentions, *object, +1);
          if (group.size() >= 2) emit_pairs(group, rule.relation);
          return;
        }
        // "issued by" is the passive voice, handled below; "was set up in
        // 2018" has no subject in the sentence.
        if (StartsWithWordAfterSpaces(s.substr(te), {"by", "jointly"}) &&
            RE2::PartialMatch(s.substr(te), kByFollows)) {
          return;
        }
        if (EndsWithWordBeforeSpaces(s.substr(0, tb),
                                     {"was", "were", "is", "are", "been", "be", "being", "ly"}) &&
            RE2::PartialMatch(s.substr(0, tb), kAuxiliaryBefore)) {
          return;
        }
        if (InsideMention(tb, te)) return;
        if (subject && !object) {
          // "X revised the Regulations, and released the call for comments".
          for (size_t i = *subject + 1; i < mentions.size() && mentions[i].end <= tb; ++i) {
            if (fits_object(mentions[i]) &&
                s.substr(mentions[i].end, tb - mentions[i].end).find(" and ") !=
                    std::string_view::npos) {
              object = i;
            }
          }
        }
        if (!subject || !object) return;
        // "China has set up a X ..., formulated the Plan": a body just set
        // up is the object of that verb, not the subject of the next one.
        static const RE2 kJustSetUp(
            R"(\b(?:set up|established|founded|launched|formed|created)\s+(?:a|an|the)\s+(?:new\s+)?$)");
        if (EndsWithWordBeforeSpaces(s.substr(0, mentions[*subject].begin),
                                     {"a", "an", "the", "new"}) &&
            RE2::PartialMatch(s.substr(0, mentions[*subject].begin), kJustSetUp)) {
          return;
        }
        subject = OwnerOf(s, mentions, *subject);
        for (size_t si : Coordinated(s, mentions, *subject, -1)) {
          si = OwnerOf(s, mentions, si);
          if (!fits_subject(mentions[si])) continue;
          for (size_t oi : Coordinated(s, mentions, *object, +1)) {
            if (fits_object(mentions[oi])) emit(mentions[si], rule.relation, mentions[oi]);
          }
        }
      });
    }
    // Passive voice: OBJECT ... trigger("issued by") ... SUBJECT.
    if (t.passive && passive_may_emit && may.May(t.passive_filter)) {
      ForEachMatch(*t.passive, s, [&](size_t tb, size_t te) {
        if (InsideMention(tb, te)) return;
        std::optional<size_t> object = previous(tb, fits_object);
        std::optional<size_t> subject = following(te, fits_subject);
        if (!subject) return;
        std::vector<size_t> subjects = Coordinated(s, mentions, *subject, +1);
        if (symmetric) {
          if (subjects.size() >= 2) emit_pairs(subjects, rule.relation);
          return;
        }
        if (!object) return;
        for (size_t oi : Coordinated(s, mentions, *object, -1)) {
          if (!fits_object(mentions[oi])) continue;
          for (size_t si : subjects) {
            if (fits_subject(mentions[si])) emit(mentions[si], rule.relation, mentions[oi]);
          }
        }
      });
    }
  }
}

// "Betty XU, Director of SESEC", "Jörg Wuttke from EUCCC", "Mr. A (Director)
// and Mrs. B (Director of X) of ETSI", "Dr. Betty XU was nominated as the
// SESEC expert". A department's parent gets the affiliation too.
void RuleExtractor::FindAffiliations(const Sentence& sentence, const std::vector<Mention>& mentions,
                                     const std::vector<ExtractedEntity>& entities,
                                     SentenceEvidence* evidence, RoleGapMemo* memo,
                                     std::vector<ExtractedRelation>* out) const {
  static const RE2 kPersonJoin(R"(^\s*(?:\(([^()]{1,80})\))?\s*(?:,\s*)?(?:and\s+)?$)");
  static const RE2 kOf(R"(^\s*(?:of|under)\s+(?:the\s+)?$)");
  static const RE2 kRoleAfter(
      R"(^\s*((?i:expert|director|representative|member|chair|secretary))\b)");
  std::string_view s = sentence.text;
  auto emit = [&](size_t person, size_t org, const std::string& role) {
    ExtractedRelation r;
    r.subject = entities[mentions[person].entity].id;
    r.relation = Relation::kAffiliatedWith;
    r.object = entities[mentions[org].entity].id;
    r.role = role;
    r.evidence = evidence->Get();
    out->push_back(std::move(r));
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].type != EntityType::kPerson) continue;
    // The chain of people sharing one organisation, each with a bracketed role.
    std::vector<std::pair<size_t, std::string>> people;
    size_t j = i;
    while (true) {
      if (j + 1 >= mentions.size()) break;
      std::string_view gap = s.substr(mentions[j].end, mentions[j + 1].begin - mentions[j].end);
      std::string role;
      if (mentions[j + 1].type == EntityType::kPerson &&
          gap.find("and") != std::string_view::npos && RE2::FullMatch(gap, kPersonJoin, &role)) {
        people.emplace_back(j, role);
        ++j;
        continue;
      }
      break;
    }
    if (j + 1 >= mentions.size()) continue;
    size_t org = j + 1;
    if (!IsOrgType(mentions[org].type)) continue;
    std::string_view gap = s.substr(mentions[j].end, mentions[org].begin - mentions[j].end);
    // Both gaps end with the spaces after "of", "at" or "appointed as".
    if (gap.empty() || !IsRe2Space(gap.back())) continue;
    std::string bracket_role, role;
    std::string final_role;
    RoleGap role_gap;
    if (EndsLikeRoleGap(gap)) {
      auto known = memo->find(gap);
      if (known == memo->end()) {
        if (RE2::FullMatch(gap, *role_gap_, &bracket_role, &role)) {
          role_gap.emplace(bracket_role, role);
        }
        known = memo->emplace(std::string(gap), std::move(role_gap)).first;
      }
      role_gap = known->second;
    }
    if (role_gap) {
      bracket_role = role_gap->first;
      role = role_gap->second;
      final_role = !role.empty() ? FoldSpaces(role) : bracket_role;
      if (!role.empty()) {
        re2::StringPiece rest(s.data() + mentions[org].end, s.size() - mentions[org].end);
        (void)rest;
      }
    } else if (IsRe2Space(gap[0]) && RE2::FullMatch(gap, *appointed_gap_)) {
      std::string after;
      if (RE2::PartialMatch(s.substr(mentions[org].end), kRoleAfter, &after)) {
        final_role =
            FoldSpaces(s.substr(mentions[org].begin, mentions[org].end - mentions[org].begin)) +
            " " + after;
      } else {
        continue;
      }
    } else {
      continue;
    }
    people.emplace_back(j, final_role);
    if (people.size() > 1 && !bracket_role.empty()) people.back().second = bracket_role;
    for (const auto& [p, r] : people) {
      emit(p, org, r);
      if (org + 1 < mentions.size() && IsOrgType(mentions[org + 1].type) &&
          RE2::FullMatch(s.substr(mentions[org].end, mentions[org + 1].begin - mentions[org].end),
                         kOf)) {
        std::string outer = r.empty() ? r : r + " of the " + mentions[org].name;
        emit(p, org + 1, outer);
      }
    }
    i = j;
  }
}

// "X of the Y", "X under Y" between bodies, and the parents printed in a
// committee's code: SAC/TC28/SC42 is part of SAC/TC28, ISO/TC 341 of ISO.
void RuleExtractor::FindPartOf(const Sentence& sentence, const std::vector<Mention>& mentions,
                               const std::vector<ExtractedEntity>& entities,
                               SentenceEvidence* evidence,
                               const std::unordered_map<std::string, int>& by_key,
                               std::vector<ExtractedRelation>* out,
                               std::vector<ExtractedEntity>* parents_seen) const {
  static const RE2 kOf(R"(^\s*(?:,\s*)?(?:of|under|affiliated to|subordinate to)\s+(?:the\s+)?$)");
  std::string_view s = sentence.text;
  auto emit = [&](const std::string& child, const std::string& parent) {
    if (child == parent) return;
    ExtractedRelation r;
    r.subject = child;
    r.relation = Relation::kPartOf;
    r.object = parent;
    r.evidence = evidence->Get();
    out->push_back(std::move(r));
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (m.type == EntityType::kCommittee && !m.parent_code.empty()) {
      std::string parent_key = NameKey(m.parent_code);
      auto it = by_key.find(parent_key);
      auto known = gazetteer_by_key_.find(parent_key);
      if (it != by_key.end() && IsOrgType(entities[it->second].type)) {
        emit(entities[m.entity].id, entities[it->second].id);
      } else if (known != gazetteer_by_key_.end() &&
                 IsOrgType(rules_.gazetteer[known->second].type)) {
        // "DIN/NIA" names its parent body even where the text does not.
        const GazetteerEntry& g = rules_.gazetteer[known->second];
        emit(entities[m.entity].id, g.id);
        parents_seen->push_back({g.id, g.type, g.name, {}});
      }
    }
    if (!IsOrgType(m.type)) continue;
    // A name that ends with its parent's name: "General Office of the State Council".
    if (m.source == Source::kGazetteer || m.source == Source::kAcronym) {
      std::string_view surface = s.substr(m.begin, m.end - m.begin);
      for (size_t p = surface.find(" of "); p != std::string_view::npos;
           p = surface.find(" of ", p + 1)) {
        std::string_view tail = surface.substr(p + 4);
        if (tail.substr(0, 4) == "the ") tail.remove_prefix(4);
        auto it = gazetteer_by_key_.find(NameKey(tail));
        if (it == gazetteer_by_key_.end()) continue;
        const GazetteerEntry& g = rules_.gazetteer[it->second];
        if (IsOrgType(g.type) && g.id != entities[m.entity].id) {
          emit(entities[m.entity].id, g.id);
          parents_seen->push_back({g.id, g.type, g.name, {}});
        }
        break;
      }
    }
    if (i + 1 >= mentions.size()) continue;
    const Mention& next = mentions[i + 1];
    if (!IsOrgType(next.type) || m.source == Source::kGeneric) continue;
    if (!RE2::FullMatch(s.substr(m.end, next.begin - m.end), kOf)) continue;
    emit(entities[m.entity].id, entities[next.entity].id);
  }
}

// The words of a document's title, whatever their order, number or joining
// words: "Outline for National Standardisation Development" and "Outline for
// the Development of National Standardisation", "Standards System (2021
// Version)" and "Standard System (2021 Edition)", "Vehicles (ICV)" and
// "Vehicle". Empty for titles too short to compare safely.
std::string LooseTitleKey(std::string_view name) {
  static constexpr std::string_view kJoining[] = {"of", "for", "the", "on",  "a",
                                                  "an", "in",  "to",  "and", "by"};
  std::string_view folded = name;
  // A bracketed acronym adds nothing: "(ICV)".
  static const RE2 kAcronymNote(R"(\(\s*[A-Z][A-Z0-9&\-]{1,9}\s*\))");
  std::string unbracketed;
  if (name.find('(') != std::string_view::npos) {
    unbracketed.assign(name);
    RE2::GlobalReplace(&unbracketed, kAcronymNote, " ");
    folded = unbracketed;
  }
  // The words, lower-cased, one after the other in `buf`, and views of them:
  // each is changed in place and only ever shortened.
  std::string buf(folded.size(), '\0');
  std::vector<std::string_view> words;
  size_t start = 0, n = 0;
  auto flush = [&] {
    if (n == start) return;
    char* w = buf.data() + start;
    size_t len = n - start;
    std::string_view view(w, len);
    for (size_t p = view.find("isation"); p != std::string_view::npos;
         p = view.find("isation", p + 7)) {
      w[p + 1] = 'z';
    }
    if (view == "version") std::memcpy(w, "edition", 7);
    if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's') --len;
    std::string_view word(w, len);
    if (std::find(std::begin(kJoining), std::end(kJoining), word) == std::end(kJoining)) {
      words.push_back(word);
    }
    start = n;
  };
  for (char c : folded) {
    if (IsAsciiAlnum(c) || (static_cast<unsigned char>(c) >= 0x80)) {
      buf[n++] = ToAsciiLower(c);
    } else {
      flush();
    }
  }
  flush();
  if (words.size() < 3) return "";
  std::sort(words.begin(), words.end());
  std::string key;
  key.reserve(n + words.size());
  for (std::string_view x : words) {
    key += x;
    key += ' ';
  }
  return key;
}

// Entities of one document, merged by name key.
class DocumentEntities {
 public:
  int Resolve(const Mention& m) {
    if (m.entity >= 0) return m.entity;
    std::vector<const std::string*>& names = names_;
    names.clear();
    for (const std::string& a : m.aliases) names.push_back(&a);
    names.push_back(&m.name);
    if (!m.id.empty()) names.push_back(&m.id);
    std::string short_name;
    if (m.type == EntityType::kLaw) {
      // "Data Security Law of the People's Republic of China" is the Data
      // Security Law.
      static const RE2 kOfChina(
          R"(^(.*\bLaw)\s+of\s+(?:the\s+)?(?:People['’]s\s+Republic\s+of\s+)?China$)");
      std::string_view name = m.name;
      if (name.size() > 5 && name.substr(name.size() - 5) == "China" &&
          name.find("Law") != std::string_view::npos &&
          RE2::FullMatch(m.name, kOfChina, &short_name)) {
        names.push_back(&short_name);
      }
    }
    std::vector<NameInfo*>& keys = keys_;  // each name's key
    keys.clear();
    for (const std::string* n : names) keys.push_back(&InfoOf(*n));
    int found = -1;
    for (size_t k = 0; k < names.size(); ++k) {
      const int* entity = EntityOf(keys[k]);
      if (entity != nullptr && Compatible(entities_[*entity], m)) {
        found = *entity;
        break;
      }
    }
    // Titles (not codes) of one type with the same words are one document.
    bool titled = (m.type == EntityType::kLaw || m.type == EntityType::kPolicy ||
                   m.type == EntityType::kStandard) &&
                  (m.source == Source::kTitle || m.source == Source::kQuoted);
    static const std::string kNoKey;
    const std::string& loose = titled ? LooseKeyOf(m.name) : kNoKey;
    if (found < 0 && titled) {
      auto it = by_loose_key_.find(loose);
      if (it != by_loose_key_.end() && entities_[it->second].type == m.type) found = it->second;
    }
    if (found < 0) {
      found = static_cast<int>(entities_.size());
      ExtractedEntity e;
      e.id = m.id.empty() ? m.name : m.id;
      e.type = m.type;
      e.name = m.name;
      entities_.push_back(std::move(e));
    }
    ExtractedEntity& e = entities_[found];
    // A longer name of a person ("Betty XU" after "XU") becomes the name.
    if (e.type == EntityType::kPerson && m.name.size() > e.name.size() && e.id == e.name) {
      e.aliases.push_back(e.name);
      e.name = e.id = m.name;
    }
    // An id learnt later (the acronym of a body first seen by its full name).
    if (!m.id.empty() && e.id == e.name && m.id != e.id && e.type != EntityType::kStandard &&
        e.type != EntityType::kPerson) {
      e.id = m.id;
    }
    // try_emplace: emplace would make a node, only to drop it, for every
    // name already known.
    if (titled) {
      if (!loose.empty()) by_loose_key_.try_emplace(loose, found);
    }
    for (size_t k = 0; k < names.size(); ++k) {
      AddKey(keys[k], found);
      AddName(keys[k], *names[k], found);
    }
    return found;
  }

  // "released its Work Plan for 2019" after "2019 Work Plan of the Special
  // Working Group": the earlier title of the same type that has every word
  // of `m` and more, or -1. The first such entity when there are several.
  int OwnedTitle(const Mention& m) const {
    auto words_of = [](const std::string& key) {
      std::multiset<std::string> words;
      for (size_t p = 0; p < key.size();) {
        size_t sp = key.find(' ', p);
        words.insert(key.substr(p, sp - p));
        p = sp + 1;
      }
      return words;
    };
    std::string key = LooseTitleKey(m.name);
    if (key.empty()) return -1;
    std::multiset<std::string> wanted = words_of(key);
    int best = -1;
    for (const auto& [other, index] : by_loose_key_) {
      std::multiset<std::string> have = words_of(other);
      if (entities_[index].type != m.type || have.size() <= wanted.size()) continue;
      if (std::includes(have.begin(), have.end(), wanted.begin(), wanted.end()) &&
          (best < 0 || index < best)) {
        best = index;
      }
    }
    return best;
  }

  // Makes `name` one more name of entity `index`.
  void AddAlias(int index, const std::string& name) {
    NameInfo* info = &InfoOf(name);
    AddKey(info, index);
    AddName(info, name, index);
  }

  std::vector<ExtractedEntity>& entities() { return entities_; }
  const std::unordered_map<std::string, int>& by_key() const { return by_key_; }

 private:
  // Two editions of a standard share the yearless code but are not one entity.
  static bool Compatible(const ExtractedEntity& e, const Mention& m) {
    if (e.type == EntityType::kStandard && m.type == EntityType::kStandard &&
        m.source == Source::kPattern) {
      return NameKey(e.id) == NameKey(m.name) || e.id.size() < m.name.size();
    }
    return true;
  }

  // What is known of one name of the document: its NameKey, and where
  // by_key_ keeps the entity of that key once it has one. Entries of by_key_
  // are never changed nor erased, and stay where they are, so that the
  // pointer stays right and spares the lookups of the key.
  struct NameInfo {
    std::string key;
    const int* entity = nullptr;
    // An entity whose name or one of whose aliases this name is known to
    // be, or -1. Names and aliases are only ever added while a document is
    // resolved, so this stays true.
    int named = -1;
  };

  // Makes `name` (whose NameInfo is `info`) an alias of entity `index`
  // unless it is its name or an alias already; searches the aliases only
  // the first time it is asked of this name and entity.
  void AddName(NameInfo* info, const std::string& name, int index) {
    if (info->named == index) return;
    std::vector<std::string>& aliases = entities_[index].aliases;
    if (name != entities_[index].name &&
        std::find(aliases.begin(), aliases.end(), name) == aliases.end()) {
      aliases.push_back(name);
    }
    info->named = index;
  }

  // The NameInfo of `name`, made once per document: mentions repeat the
  // same few names many times.
  NameInfo& InfoOf(const std::string& name) {
    auto it = info_of_.find(std::string_view(name));
    if (it == info_of_.end()) it = info_of_.emplace(name, NameInfo{NameKey(name)}).first;
    return it->second;
  }

  // by_key_[info->key], or nullptr while that key names no entity.
  const int* EntityOf(NameInfo* info) const {
    if (info->entity == nullptr) {
      auto it = by_key_.find(info->key);
      if (it != by_key_.end()) info->entity = &it->second;
    }
    return info->entity;
  }

  // by_key_.try_emplace(info->key, index).
  void AddKey(NameInfo* info, int index) {
    if (info->entity == nullptr) {
      info->entity = &by_key_.try_emplace(info->key, index).first->second;
    }
  }

  // LooseTitleKey of `name`, computed once per document.
  const std::string& LooseKeyOf(const std::string& name) {
    auto it = loose_of_.find(std::string_view(name));
    if (it == loose_of_.end()) it = loose_of_.emplace(name, LooseTitleKey(name)).first;
    return it->second;
  }

  std::vector<ExtractedEntity> entities_;
  std::unordered_map<std::string, NameInfo, StringHash, std::equal_to<>> info_of_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> loose_of_;
  std::unordered_map<std::string, int> by_key_;
  std::unordered_map<std::string, int> by_loose_key_;  // LooseTitleKey of titles
  // Resolve's lists of names and of their NameInfo, kept to spare their
  // allocation for every mention.
  std::vector<const std::string*> names_;
  std::vector<NameInfo*> keys_;
};

// A headline printed in title case ("China Fleshes Out Detailed Regulation on
// ..."): no final punctuation, few words, most of them capitalised.
bool IsTitleCaseHeadline(std::string_view s) {
  s = TrimView(s);
  if (s.empty() || s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ';') {
    return false;
  }
  int words = 0, capitalised = 0;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    ++words;
    unsigned char c = s[i];
    if (std::isupper(c) || std::isdigit(c)) ++capitalised;
    while (i < s.size() && s[i] != ' ') ++i;
  }
  return words >= 3 && words <= 20 && capitalised * 10 >= words * 6;
}

// "Anti-Unfair Competition Law (revision)": a headline that is nothing but a
// law's name, "... Law", with at most a note in brackets.
bool IsWholeLawHeadline(std::string_view s, const Mention& m) {
  static const RE2 kNote(R"(^\s*(?:\([^()]*\))?\s*$)");
  return m.type == EntityType::kLaw && m.begin == 0 && m.name.size() > 4 &&
         m.name.compare(m.name.size() - 4, 4, " Law") == 0 &&
         m.name.find(" of ") == std::string::npos && m.name.find(" on ") == std::string::npos &&
         m.name.find(" for ") == std::string::npos && RE2::FullMatch(s.substr(m.end), kNote);
}

// "... was jointly issued by the NDRC with four other ministries. These other
// four ministries are the NEA, MIIT and SAMR.": the bodies listed in the
// second sentence share what the first one issued or drafted.
void AddNamedCoIssuers(const Sentence& previous, const Sentence& sentence,
                       const std::vector<Mention>& mentions,
                       const std::vector<ExtractedEntity>& entities,
                       std::pair<size_t, size_t> previous_relations,
                       std::vector<ExtractedRelation>* relations) {
  static const RE2 kOthers(R"(\bother\b)");
  static const RE2 kTheseAre(
      R"(^(?:These|The|Those)\s+(?:other\s+)?(?:\w+\s+)?(?:ministries|departments|agencies|bodies|organi[sz]ations|authorities|institutions|administrations|parties)\s+(?:are|were|include|included)\b)");
  if (!RE2::PartialMatch(sentence.text, kTheseAre) || !RE2::PartialMatch(previous.text, kOthers)) {
    return;
  }
  for (size_t r = previous_relations.first; r < previous_relations.second; ++r) {
    ExtractedRelation shared = (*relations)[r];
    if (shared.relation != Relation::kIssued && shared.relation != Relation::kDrafted) continue;
    for (const Mention& m : mentions) {
      if (!IsOrgType(m.type) || m.source == Source::kGeneric) continue;
      shared.subject = entities[m.entity].id;
      shared.evidence = {shared.evidence.doc, sentence.line, sentence.text};
      relations->push_back(shared);
    }
  }
}

// "GB/T 22239" names the latest edition the document cites, not every
// edition: the yearless code stays an alias of the newest one only.
void KeepYearlessCodeOnLatestEdition(std::vector<ExtractedEntity>* entities) {
  static const RE2 kEdition(R"(^(.*)[-:]((?:19|20)\d\d)$)");
  std::map<std::string, std::pair<int, size_t>> latest;  // yearless code -> (year, entity)
  auto each_edition = [&](auto on_edition) {
    for (size_t i = 0; i < entities->size(); ++i) {
      const ExtractedEntity& e = (*entities)[i];
      std::string code, year;
      if (e.type != EntityType::kStandard || !EndsWithYear(e.name) ||
          !RE2::FullMatch(e.name, kEdition, &code, &year)) {
        continue;
      }
      on_edition(NameKey(code), std::stoi(year), i);
    }
  };
  each_edition([&](const std::string& code, int year, size_t i) {
    auto it = latest.find(code);
    if (it == latest.end() || it->second.first < year) latest[code] = {year, i};
  });
  each_edition([&](const std::string& code, int, size_t i) {
    if (latest[code].second == i) return;
    std::vector<std::string>& aliases = (*entities)[i].aliases;
    aliases.erase(std::remove_if(aliases.begin(), aliases.end(),
                                 [&](const std::string& a) { return NameKey(a) == code; }),
                  aliases.end());
  });
}

// "This TC will include space communication systems working group (WG1) and
// ...": a group only described, in lower case, with its code in brackets, is
// a committee of the committee named before it, "CCSA TC12 WG1".
void AddDescribedSubgroups(std::string_view s, DocumentEntities* entities,
                           std::vector<Mention>* mentions) {
  std::vector<Mention> added;
  // The regex needs a bracket and one of these group words.
  if (s.find('(') == std::string_view::npos || (s.find("working group") == std::string_view::npos &&
                                                s.find("subcommittee") == std::string_view::npos &&
                                                s.find("sub-committee") == std::string_view::npos &&
                                                s.find("task force") == std::string_view::npos)) {
    return;
  }
  re2::StringPiece rest(s), name, code;
  while (RE2::FindAndConsume(&rest, DescribedRegex(), &name, &code)) {
    size_t b = static_cast<size_t>(name.data() - s.data());
    size_t e = static_cast<size_t>(code.data() - s.data()) + code.size() + 1;
    const Mention* parent = nullptr;
    for (const Mention& m : *mentions) {
      if (m.end <= b && m.type == EntityType::kCommittee) parent = &m;
      if (m.begin < e && b < m.end) parent = nullptr, b = e;  // overlaps a found name
    }
    if (parent == nullptr || b == e) continue;
    const ExtractedEntity& p = entities->entities()[parent->entity];
    std::string tight(code.data(), code.size());
    RE2::GlobalReplace(&tight, R"(\s+)", "");
    Mention m;
    m.begin = b;
    m.end = e;
    m.type = EntityType::kCommittee;
    m.name = FoldSpaces(std::string_view(name.data(), name.size()));
    m.id = p.id + " " + tight;
    m.aliases = {p.id + "/" + tight};
    m.parent_code = p.id;
    m.source = Source::kPattern;
    m.entity = entities->Resolve(m);
    added.push_back(std::move(m));
  }
  if (added.empty()) return;
  mentions->insert(mentions->end(), added.begin(), added.end());
  std::sort(mentions->begin(), mentions->end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

DocumentExtraction RuleExtractor::Extract(std::string_view doc_name,
                                          std::string_view raw_text) const {
  DocumentExtraction result;
  result.doc = std::string(doc_name);
  result.bytes = raw_text.size();
  result.content_hash = ContentHash(raw_text);
  NormalizedText text = NormalizeText(raw_text);
  for (std::string& w : text.warnings) result.warnings.push_back({std::move(w)});

  FilterHits hits = FilterSentences(text.sentences);
  std::vector<Acronym> acronyms = FindAcronymDefinitions(text.sentences, hits);
  std::pair<int, int> table_lines{0, -1};
  FindAbbreviationTable(raw_text, &acronyms, &table_lines);
  std::unordered_map<std::string, int> local_by_key;
  std::vector<std::string> local_names;
  for (size_t i = 0; i < acronyms.size(); ++i) {
    auto known = gazetteer_by_key_.find(NameKey(acronyms[i].acronym));
    if (known != gazetteer_by_key_.end()) continue;
    auto known_full = gazetteer_by_key_.find(NameKey(acronyms[i].full));
    if (known_full != gazetteer_by_key_.end()) {
      // A short form the rules do not know for a body they know ("CERT"):
      // the acronym alone becomes a name of the known body.
      const GazetteerEntry& g = rules_.gazetteer[known_full->second];
      acronyms[i].full = g.name;
      acronyms[i].type = g.type;
      acronyms[i].aliases.push_back(g.id);
      if (local_by_key.emplace(NameKey(acronyms[i].acronym), static_cast<int>(i)).second) {
        local_names.push_back(acronyms[i].acronym);
      }
      continue;
    }
    if (!local_by_key.emplace(NameKey(acronyms[i].acronym), static_cast<int>(i)).second) continue;
    local_by_key.emplace(NameKey(acronyms[i].full), static_cast<int>(i));
    local_names.push_back(acronyms[i].acronym);
    local_names.push_back(acronyms[i].full);
    for (const std::string& a : acronyms[i].aliases) {
      if (local_by_key.emplace(NameKey(a), static_cast<int>(i)).second) local_names.push_back(a);
    }
  }
  std::unique_ptr<NameList> local;
  if (!local_names.empty()) local = std::make_unique<NameList>(local_names, true);

  DocumentEntities entities;
  std::vector<std::vector<Mention>> per_sentence;
  per_sentence.reserve(text.sentences.size());
  std::vector<Recent> recent;
  std::optional<Recent> previous_subject;
  for (size_t k = 0; k < text.sentences.size(); ++k) {
    const Sentence& sentence = text.sentences[k];
    std::vector<Mention> found =
        FindMentions(sentence.text, hits[k], local.get(), local_by_key, acronyms);
    if (sentence.line >= table_lines.first && sentence.line <= table_lines.second) {
      // Rows of an abbreviations table run names together: only names the
      // rules or the table itself define are safe there.
      found.erase(
          std::remove_if(found.begin(), found.end(), [](const Mention& m) { return !IsStrong(m); }),
          found.end());
    }
    // Contents pages ("Title\t12") list headlines too.
    static const RE2 kPageNumber(R"(\t\s*\d{1,3}\b)");
    if (IsTitleCaseHeadline(sentence.text) || (sentence.text.find('\t') != std::string::npos &&
                                               RE2::PartialMatch(sentence.text, kPageNumber))) {
      // Every word of a headline is capitalised, so a run of them is no
      // proof of a title: a law or policy must open with its head word
      // ("Notice on ...", "Annual Report on ..."), not end a phrase with it.
      found.erase(std::remove_if(
                      found.begin(), found.end(),
                      [&](const Mention& m) {
                        return m.source == Source::kTitle &&
                               (m.type == EntityType::kLaw || m.type == EntityType::kPolicy) &&
                               HeadWordIndex(m.name) > 1 && !IsWholeLawHeadline(sentence.text, m);
                      }),
                  found.end());
    }
    AddGenericMentions(sentence.text, hits[k], recent, &found);
    // "It has set up ...": a pronoun opening a sentence refers to the body
    // that opened the previous one.
    static const RE2 kPronoun(R"(^(It|They)\s+[a-z])");
    re2::StringPiece pronoun;
    std::string_view opening = sentence.text;
    if (previous_subject && (opening.substr(0, 2) == "It" || opening.substr(0, 4) == "They") &&
        RE2::PartialMatch(sentence.text, kPronoun, &pronoun)) {
      Mention m;
      m.begin = 0;
      m.end = pronoun.size();
      m.type = previous_subject->type;
      m.name = previous_subject->name;
      m.entity = previous_subject->entity;
      m.source = Source::kGeneric;
      found.push_back(std::move(m));
    }
    std::vector<Mention> mentions = SelectMentions(std::move(found));
    AddOrganisationsAfterPeople(sentence.text, &mentions);
    AddPeopleListedWithPeople(sentence.text, &mentions);
    MergeBracketed(sentence.text, &mentions);
    for (Mention& m : mentions) {
      static const RE2 kOwner(R"(\b(?:its|their)\s+$)");
      if ((m.source == Source::kTitle || m.source == Source::kQuoted) && IsDocumentType(m.type) &&
          EndsWithWordBeforeSpaces(sentence.text.substr(0, m.begin), {"its", "their"}) &&
          RE2::PartialMatch(sentence.text.substr(0, m.begin), kOwner)) {
        int owned = entities.OwnedTitle(m);
        if (owned >= 0) {
          m.entity = owned;
          entities.AddAlias(owned, m.name);
        }
      }
      m.entity = entities.Resolve(m);
      if (m.source != Source::kGeneric) {
        recent.push_back({m.entity, m.type, entities.entities()[m.entity].name});
      }
    }
    AddDescribedSubgroups(sentence.text, &entities, &mentions);
    if (recent.size() > 64) recent.erase(recent.begin(), recent.end() - 32);
    previous_subject.reset();
    // The first body, after any people who speak for it ("Zhao Bo, the
    // director of CESI, said that CESI ...").
    size_t first = 0;
    while (first < mentions.size() && mentions[first].type == EntityType::kPerson) ++first;
    if (first < mentions.size() && IsOrgType(mentions[first].type)) {
      previous_subject = Recent{mentions[first].entity, mentions[first].type,
                                entities.entities()[mentions[first].entity].name};
    }
    per_sentence.push_back(std::move(mentions));
  }
  std::vector<ExtractedEntity> parents;
  std::pair<size_t, size_t> previous_relations{0, 0};
  RoleGapMemo role_gaps;
  std::optional<PooledString> doc;  // doc_name in the pool, once a relation needs it
  for (size_t i = 0; i < text.sentences.size(); ++i) {
    size_t first_relation = result.relations.size();
    SentenceEvidence evidence(doc_name, &doc, text.sentences[i]);
    FindRelations(text.sentences[i], hits[i], per_sentence[i], entities.entities(), &evidence,
                  &result.relations);
    if (i > 0) {
      AddNamedCoIssuers(text.sentences[i - 1], text.sentences[i], per_sentence[i],
                        entities.entities(), previous_relations, &result.relations);
    }
    previous_relations = {first_relation, result.relations.size()};
    FindAffiliations(text.sentences[i], per_sentence[i], entities.entities(), &evidence, &role_gaps,
                     &result.relations);
    FindPartOf(text.sentences[i], per_sentence[i], entities.entities(), &evidence,
               entities.by_key(), &result.relations, &parents);
  }
  result.entities = std::move(entities.entities());
  KeepYearlessCodeOnLatestEdition(&result.entities);
  std::set<std::string> ids;
  for (const ExtractedEntity& e : result.entities) ids.insert(e.id);
  for (ExtractedEntity& p : parents) {
    if (ids.insert(p.id).second) result.entities.push_back(std::move(p));
  }
  return result;
}

}  // namespace

void RuleExtractor::WarmUpInBackground() {
  if (warming_.valid()) return;
  std::vector<const RE2*> regexes;
  for (const CompiledPattern& p : patterns_) regexes.push_back(p.re.get());
  for (const CompiledTrigger& t : triggers_) {
    for (const RE2* re : {t.active.get(), t.passive.get()}) {
      if (re != nullptr) regexes.push_back(re);
    }
  }
  // Smallest first: a short run (one small document) then stops before the
  // costly ones, which it would only have waited for, and a long run has
  // built them before most sentences that need them come.
  std::stable_sort(regexes.begin(), regexes.end(),
                   [](const RE2* a, const RE2* b) { return a->ProgramSize() < b->ProgramSize(); });
  warming_ = std::async(std::launch::async, [this, regexes = std::move(regexes)] {
    for (const RE2* re : regexes) {
      if (stop_warming_) return;
      re->ReverseProgramSize();  // builds the reverse program, once
    }
  });
}

std::unique_ptr<Extractor> Extractor::Create(const Rules& rules, std::string* error) {
  auto extractor = std::make_unique<RuleExtractor>(rules);
  if (!extractor->Init(error)) return nullptr;
  return extractor;
}

}  // namespace kg
