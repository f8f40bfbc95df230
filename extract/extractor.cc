#include "extract/extractor.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include <re2/re2.h>

#include "extract/name_key.h"
#include "extract/text.h"

namespace kg {
namespace {

// One span of a sentence that names an entity.
struct Mention {
  size_t begin = 0;
  size_t end = 0;
  EntityType type = EntityType::kOrganization;
  std::string name;                  // the canonical name for this mention
  std::vector<std::string> aliases;  // other names it implies (acronym, code without year)
  std::string id;                    // preferred id, if known (gazetteer, acronym)
  int priority = 0;                  // wins ties between overlapping spans
  int entity = -1;                   // index into the document's entities, once resolved
};

std::string EscapeForAlternation(const std::string& s) { return RE2::QuoteMeta(s); }

bool HasLower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c); });
}

// Lets "Standardisation" in a rule match "Standardization" in text and back.
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

std::unique_ptr<RE2> Compile(const std::string& pattern, bool case_sensitive, std::string* error,
                             const std::string& what) {
  RE2::Options options;
  options.set_longest_match(true);
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  options.set_max_mem(256 << 20);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    *error = what + ": " + re->error();
    return nullptr;
  }
  return re;
}

// Builds "\b(?:a|b|c)\b" from names, longest first so that the leftmost-longest
// match picks the fullest name.
std::string Alternation(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out = "(?:^|[^\\p{L}\\p{N}])(";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += '|';
    out += SpellingTolerant(EscapeForAlternation(names[i]));
  }
  out += ")(?:$|[^\\p{L}\\p{N}])";
  return out;
}

// Finds every non-overlapping match of `re` in `text`; group 1 when the
// pattern has one, else the whole match.
template <typename F>
void ForEachMatch(const RE2& re, std::string_view text, F&& on_match) {
  int groups = std::min(re.NumberOfCapturingGroups(), 1);
  re2::StringPiece sm[2];
  size_t pos = 0;
  while (pos <= text.size() &&
         re.Match(text, pos, text.size(), RE2::UNANCHORED, sm, groups + 1)) {
    re2::StringPiece hit = groups ? sm[1] : sm[0];
    if (hit.data() != nullptr && !hit.empty()) {
      on_match(static_cast<size_t>(hit.data() - text.data()),
               static_cast<size_t>(hit.data() - text.data() + hit.size()));
    }
    // Restart at the end of the name, not of the whole match, so that the
    // delimiter between adjacent names ("SAMR and SAC") can lead the next one.
    size_t match_begin = static_cast<size_t>(sm[0].data() - text.data());
    size_t hit_end =
        hit.empty() ? 0 : static_cast<size_t>(hit.data() - text.data()) + hit.size();
    pos = std::max({hit_end, match_begin + 1, pos + 1});
  }
}

std::string FoldSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

class RuleExtractor : public Extractor {
 public:
  explicit RuleExtractor(const Rules& rules) : rules_(rules) {}

  bool Init(std::string* error);
  DocumentExtraction Extract(std::string_view doc_name, std::string_view raw_text) const override;

 private:
  struct CompiledPattern {
    EntityType type;
    std::string name;
    std::unique_ptr<RE2> re;
  };
  struct CompiledTrigger {
    const RelationTrigger* rule;
    std::unique_ptr<RE2> active;
    std::unique_ptr<RE2> passive;
  };
  struct Acronym {
    std::string acronym;
    std::string full;
    EntityType type;
  };

  std::vector<Acronym> FindAcronymDefinitions(const std::vector<Sentence>& sentences) const;
  std::vector<Mention> FindMentions(std::string_view s, const RE2* local,
                                    const std::unordered_map<std::string, int>& local_by_key,
                                    const std::vector<Acronym>& acronyms) const;
  void AddTitleMentions(std::string_view s, std::vector<Mention>* out) const;
  void AddPatternMentions(std::string_view s, std::vector<Mention>* out) const;
  std::optional<EntityType> TypeFromHead(std::string_view name) const;
  std::string DateOf(std::string_view sentence) const;
  void FindRelations(const Sentence& sentence, const std::vector<Mention>& mentions,
                     const std::vector<ExtractedEntity>& entities, std::string_view doc,
                     std::vector<ExtractedRelation>* out) const;
  void FindAffiliations(const Sentence& sentence, const std::vector<Mention>& mentions,
                        const std::vector<ExtractedEntity>& entities, std::string_view doc,
                        std::vector<ExtractedRelation>* out) const;

  Rules rules_;
  std::unique_ptr<RE2> gazetteer_exact_;  // acronyms: case-sensitive
  std::unique_ptr<RE2> gazetteer_names_;  // full names: case-insensitive
  std::unordered_map<std::string, int> gazetteer_by_key_;
  std::vector<CompiledPattern> patterns_;
  std::vector<CompiledTrigger> triggers_;
  std::unique_ptr<RE2> acronym_after_;   // "Full Name (ACR)"
  std::unique_ptr<RE2> title_span_;      // runs of capitalised words
  std::unique_ptr<RE2> date_;
  std::unique_ptr<RE2> role_after_person_;
  std::set<std::string> stop_words_;
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
  if (!exact.empty() && !(gazetteer_exact_ = Compile(Alternation(exact), true, error, "gazetteer"))) {
    return false;
  }
  if (!names.empty() && !(gazetteer_names_ = Compile(Alternation(names), false, error, "gazetteer"))) {
    return false;
  }
  for (const EntityPattern& p : rules_.patterns) {
    auto re = Compile(p.regex, true, error, "pattern " + p.name);
    if (!re) return false;
    patterns_.push_back({p.type, p.name, std::move(re)});
  }
  for (const RelationTrigger& t : rules_.triggers) {
    CompiledTrigger c{&t, nullptr, nullptr};
    auto join = [](const std::vector<std::string>& v) {
      std::string out = "\\b(?:";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? "|" : "") + v[i];
      return out + ")\\b";
    };
    std::string what = "trigger " + std::string(ToString(t.relation));
    if (!t.active.empty() && !(c.active = Compile(join(t.active), false, error, what))) return false;
    if (!t.passive.empty() && !(c.passive = Compile(join(t.passive), false, error, what))) {
      return false;
    }
    triggers_.push_back(std::move(c));
  }
  const std::string word = R"([A-Z][\p{L}\p{N}’'&\-]*)";
  const std::string connector = R"((?:of|for|on|the|and|in|to|with|by|from|a|an|at|under|&))";
  acronym_after_ = Compile("(" + word + "(?:\\s+(?:" + connector + "\\s+)*" + word + ")*)" +
                               R"(\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9&\-/]{1,14})\s*\))",
                           true, error, "acronym definition");
  title_span_ = Compile(
      R"((?:[A-Z0-9][\p{L}\p{N}’'\-]*)(?:\s+(?:(?:of|for|on|the|and|in|to|with|by|from|a|an|at|before|under|against|between|about)\s+)*[A-Z0-9][\p{L}\p{N}’'\-]*)*(?:\s*\((?:[^()]{1,40})\))?)",
      true, error, "title span");
  date_ = Compile(
      R"((?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December),?\s+(\d{4})|(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})|(?:in|on|since)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4}))\b)",
      true, error, "date");
  std::string roles;
  for (const std::string& r : rules_.List("roles")) roles += (roles.empty() ? "" : "|") + r;
  if (roles.empty()) roles = "Director";
  role_after_person_ = Compile(R"(^\s*,\s*(?:the\s+)?((?:(?:Deputy|Vice|Executive|Acting|Former|Chief|General|Senior)\s+)*(?:)" +
                                   roles + R"())(?:\s+and\s+[A-Z][\w\s]*?)?\s+(?:of|at)\s+(?:the\s+)?$)",
                               false, error, "role apposition");
  if (!acronym_after_ || !title_span_ || !date_ || !role_after_person_) return false;
  for (const std::string& w : rules_.List("title_stop_words")) stop_words_.insert(w);
  return true;
}

std::optional<EntityType> RuleExtractor::TypeFromHead(std::string_view name) const {
  static const std::pair<const char*, EntityType> kLists[] = {
      {"committee_heads", EntityType::kCommittee}, {"agency_heads", EntityType::kAgency},
      {"organization_heads", EntityType::kOrganization}, {"law_heads", EntityType::kLaw},
      {"policy_heads", EntityType::kPolicy}};
  // The last head word decides: "Ministry of ... Committee" is a committee.
  size_t best_pos = 0;
  std::optional<EntityType> best;
  for (const auto& [list, type] : kLists) {
    for (const std::string& head : rules_.List(list)) {
      size_t pos = 0;
      while ((pos = name.find(head, pos)) != std::string_view::npos) {
        size_t end = pos + head.size();
        bool word_start = pos == 0 || !std::isalpha(static_cast<unsigned char>(name[pos - 1]));
        bool word_end = end == name.size() || !std::isalpha(static_cast<unsigned char>(name[end]));
        if (word_start && word_end && (!best || pos + 1 > best_pos)) {
          best_pos = pos + 1;
          best = type;
        }
        pos = end;
      }
    }
  }
  return best;
}

// Acronyms whose letters follow the initials of the preceding words, trimmed to
// the words the acronym covers: "... by the China Electronics Standardisation
// Institute (CESI)" defines CESI.
std::vector<RuleExtractor::Acronym> RuleExtractor::FindAcronymDefinitions(
    const std::vector<Sentence>& sentences) const {
  std::vector<Acronym> out;
  for (const Sentence& s : sentences) {
    re2::StringPiece text(s.text), full, acr;
    while (RE2::FindAndConsume(&text, *acronym_after_, &full, &acr)) {
      std::string f = FoldSpaces(std::string_view(full.data(), full.size()));
      std::string a(acr.data(), acr.size());
      // Keep the shortest suffix of the name whose first word starts with the
      // acronym's first letter and that still has a head word.
      std::vector<size_t> starts = {0};
      for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] == ' ') starts.push_back(i + 1);
      }
      std::string chosen;
      for (size_t k = starts.size(); k-- > 0;) {
        std::string_view cand = std::string_view(f).substr(starts[k]);
        if (std::toupper(static_cast<unsigned char>(cand[0])) != a[0]) continue;
        int capitals = 0;
        for (size_t i = 0; i < cand.size(); ++i) {
          if ((i == 0 || cand[i - 1] == ' ') && std::isupper(static_cast<unsigned char>(cand[i]))) {
            ++capitals;
          }
        }
        if (capitals * 2 + 1 >= static_cast<int>(std::count_if(a.begin(), a.end(), ::isupper))) {
          chosen = std::string(cand);
          break;
        }
      }
      if (chosen.empty()) continue;
      auto type = TypeFromHead(chosen);
      if (!type) continue;
      out.push_back({a, chosen, *type});
    }
  }
  return out;
}

void RuleExtractor::AddPatternMentions(std::string_view s, std::vector<Mention>* out) const {
  for (const CompiledPattern& p : patterns_) {
    ForEachMatch(*p.re, s, [&](size_t b, size_t e) {
      Mention m;
      m.begin = b;
      m.end = e;
      m.type = p.type;
      m.name = FoldSpaces(s.substr(b, e - b));
      m.priority = 2;
      out->push_back(std::move(m));
    });
  }
}

void RuleExtractor::AddTitleMentions(std::string_view s, std::vector<Mention>* out) const {
  ForEachMatch(*title_span_, s, [&](size_t b, size_t e) {
    std::string_view span = s.substr(b, e - b);
    auto type = TypeFromHead(span);
    if (!type || (*type != EntityType::kLaw && *type != EntityType::kPolicy)) return;
    // Drop leading words that are not part of a title ("On", "The", "China's").
    while (true) {
      size_t sp = span.find(' ');
      if (sp == std::string_view::npos) break;
      std::string first(span.substr(0, sp));
      if (!stop_words_.count(first)) break;
      b += sp + 1;
      span.remove_prefix(sp + 1);
    }
    if (span.find(' ') == std::string_view::npos) return;  // a bare "Law" or "Outline"
    Mention m;
    m.begin = b;
    m.end = e;
    m.type = *type;
    m.name = FoldSpaces(span);
    m.priority = 1;
    out->push_back(std::move(m));
  });
}

std::vector<Mention> RuleExtractor::FindMentions(
    std::string_view s, const RE2* local, const std::unordered_map<std::string, int>& local_by_key,
    const std::vector<Acronym>& acronyms) const {
  std::vector<Mention> found;
  auto add_gazetteer = [&](const RE2* re) {
    if (re == nullptr) return;
    ForEachMatch(*re, s, [&](size_t b, size_t e) {
      auto it = gazetteer_by_key_.find(NameKey(s.substr(b, e - b)));
      if (it == gazetteer_by_key_.end()) return;
      const GazetteerEntry& g = rules_.gazetteer[it->second];
      Mention m{b, e, g.type, g.name, {}, g.id, 3, -1};
      m.aliases.push_back(std::string(s.substr(b, e - b)));
      found.push_back(std::move(m));
    });
  };
  add_gazetteer(gazetteer_exact_.get());
  add_gazetteer(gazetteer_names_.get());
  if (local != nullptr) {
    ForEachMatch(*local, s, [&](size_t b, size_t e) {
      auto it = local_by_key.find(NameKey(s.substr(b, e - b)));
      if (it == local_by_key.end()) return;
      const Acronym& a = acronyms[it->second];
      Mention m{b, e, a.type, a.full, {a.acronym}, a.acronym, 3, -1};
      found.push_back(std::move(m));
    });
  }
  AddPatternMentions(s, &found);
  AddTitleMentions(s, &found);

  // Keep the longest of overlapping spans; on equal length the higher priority.
  std::sort(found.begin(), found.end(), [](const Mention& a, const Mention& b) {
    size_t la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.begin < b.begin;
  });
  std::vector<Mention> kept;
  for (Mention& m : found) {
    bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Mention& k) {
      return m.begin < k.end && k.begin < m.end;
    });
    if (!overlaps) kept.push_back(std::move(m));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return kept;
}

std::string RuleExtractor::DateOf(std::string_view sentence) const {
  static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  std::string g[8];
  if (!RE2::PartialMatch(sentence, *date_, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5], &g[6], &g[7])) {
    return "";
  }
  auto month_number = [&](std::string m) {
    std::transform(m.begin(), m.end(), m.begin(), ::tolower);
    for (int i = 0; i < 12; ++i) {
      if (m == kMonths[i]) return i + 1;
    }
    return 0;
  };
  char buf[16];
  if (!g[2].empty()) {
    std::snprintf(buf, sizeof buf, "%s-%02d-%02d", g[2].c_str(), month_number(g[1]), std::stoi(g[0]));
  } else if (!g[5].empty()) {
    std::snprintf(buf, sizeof buf, "%s-%02d-%02d", g[5].c_str(), month_number(g[3]), std::stoi(g[4]));
  } else {
    std::snprintf(buf, sizeof buf, "%s-%02d", g[7].c_str(), month_number(g[6]));
  }
  return buf;
}

bool TypeAllowed(const std::vector<EntityType>& allowed, EntityType t) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), t) != allowed.end();
}

// Mentions joined to mentions[i] by "and", "," or "together with", walking
// in direction `step` (-1 backwards, +1 forwards): "SAMR, SAC and MIIT".
std::vector<size_t> Coordinated(std::string_view s, const std::vector<Mention>& m, size_t i, int step) {
  static const RE2 kJoin(R"(^\s*(?:,\s*)?(?:and|&|as well as|together with|with)?\s*(?:the\s+)?,?\s*$)");
  std::vector<size_t> out = {i};
  size_t cur = i;
  while (true) {
    if (step < 0 && cur == 0) break;
    size_t next = cur + step;
    if (next >= m.size()) break;
    size_t gap_b = step < 0 ? m[next].end : m[cur].end;
    size_t gap_e = step < 0 ? m[cur].begin : m[next].begin;
    if (gap_e < gap_b || !RE2::FullMatch(s.substr(gap_b, gap_e - gap_b), kJoin)) break;
    if (m[next].type != m[i].type && !(m[next].type == EntityType::kAgency ||
                                       m[next].type == EntityType::kOrganization)) {
      break;
    }
    out.push_back(next);
    cur = next;
  }
  return out;
}

void RuleExtractor::FindRelations(const Sentence& sentence, const std::vector<Mention>& mentions,
                                  const std::vector<ExtractedEntity>& entities, std::string_view doc,
                                  std::vector<ExtractedRelation>* out) const {
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
    r.evidence = {std::string(doc), sentence.line, sentence.text};
    out->push_back(std::move(r));
  };
  for (const CompiledTrigger& t : triggers_) {
    const RelationTrigger& rule = *t.rule;
    auto fits_subject = [&](const Mention& m) { return TypeAllowed(rule.subject_types, m.type); };
    auto fits_object = [&](const Mention& m) { return TypeAllowed(rule.object_types, m.type); };
    // Active voice: SUBJECT ... trigger ... OBJECT.
    if (t.active) {
      ForEachMatch(*t.active, s, [&](size_t tb, size_t te) {
        std::optional<size_t> subject, object;
        for (size_t i = mentions.size(); i-- > 0;) {
          if (mentions[i].end <= tb && fits_subject(mentions[i])) {
            subject = i;
            break;
          }
        }
        for (size_t i = 0; i < mentions.size(); ++i) {
          if (mentions[i].begin >= te && fits_object(mentions[i])) {
            object = i;
            break;
          }
        }
        if (!subject || !object) return;
        for (size_t si : Coordinated(s, mentions, *subject, -1)) {
          if (!fits_subject(mentions[si])) continue;
          for (size_t oi : Coordinated(s, mentions, *object, +1)) {
            if (fits_object(mentions[oi])) emit(mentions[si], rule.relation, mentions[oi]);
          }
        }
      });
    }
    // Passive voice: OBJECT ... trigger("issued by") ... SUBJECT.
    if (t.passive) {
      ForEachMatch(*t.passive, s, [&](size_t tb, size_t te) {
        std::optional<size_t> subject, object;
        for (size_t i = mentions.size(); i-- > 0;) {
          if (mentions[i].end <= tb && fits_object(mentions[i])) {
            object = i;
            break;
          }
        }
        for (size_t i = 0; i < mentions.size(); ++i) {
          if (mentions[i].begin >= te && fits_subject(mentions[i])) {
            subject = i;
            break;
          }
        }
        if (!subject || !object) return;
        for (size_t si : Coordinated(s, mentions, *subject, +1)) {
          if (fits_subject(mentions[si])) emit(mentions[si], rule.relation, mentions[*object]);
        }
      });
    }
  }
}

// "Betty XU, Director of SESEC" and "Jörg Wuttke from EUCCC".
void RuleExtractor::FindAffiliations(const Sentence& sentence, const std::vector<Mention>& mentions,
                                     const std::vector<ExtractedEntity>& entities,
                                     std::string_view doc, std::vector<ExtractedRelation>* out) const {
  static const RE2 kFrom(R"(^\s*(?:from|of|at)\s+(?:the\s+)?$)");
  std::string_view s = sentence.text;
  for (size_t i = 0; i + 1 < mentions.size(); ++i) {
    if (mentions[i].type != EntityType::kPerson) continue;
    const Mention& org = mentions[i + 1];
    if (org.type != EntityType::kAgency && org.type != EntityType::kOrganization &&
        org.type != EntityType::kCommittee) {
      continue;
    }
    std::string_view gap = s.substr(mentions[i].end, org.begin - mentions[i].end);
    std::string role;
    if (!RE2::FullMatch(gap, *role_after_person_, &role) && !RE2::FullMatch(gap, kFrom)) continue;
    ExtractedRelation r;
    r.subject = entities[mentions[i].entity].id;
    r.relation = Relation::kAffiliatedWith;
    r.object = entities[org.entity].id;
    r.role = role;
    r.evidence = {std::string(doc), sentence.line, sentence.text};
    out->push_back(std::move(r));
  }
}

// Entities of one document, merged by name key.
class DocumentEntities {
 public:
  int Resolve(const Mention& m) {
    std::vector<std::string> names = m.aliases;
    names.push_back(m.name);
    if (!m.id.empty()) names.push_back(m.id);
    int found = -1;
    for (const std::string& n : names) {
      auto it = by_key_.find(NameKey(n));
      if (it != by_key_.end()) {
        found = it->second;
        break;
      }
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
    for (const std::string& n : names) {
      by_key_.emplace(NameKey(n), found);
      if (n != e.name && std::find(e.aliases.begin(), e.aliases.end(), n) == e.aliases.end()) {
        e.aliases.push_back(n);
      }
    }
    return found;
  }

  std::vector<ExtractedEntity>& entities() { return entities_; }

 private:
  std::vector<ExtractedEntity> entities_;
  std::unordered_map<std::string, int> by_key_;
};

DocumentExtraction RuleExtractor::Extract(std::string_view doc_name, std::string_view raw_text) const {
  DocumentExtraction result;
  result.doc = std::string(doc_name);
  result.bytes = raw_text.size();
  result.content_hash = ContentHash(raw_text);
  NormalizedText text = NormalizeText(raw_text);
  for (std::string& w : text.warnings) result.warnings.push_back({std::move(w)});

  std::vector<Acronym> acronyms = FindAcronymDefinitions(text.sentences);
  std::unordered_map<std::string, int> local_by_key;
  std::vector<std::string> local_names;
  for (size_t i = 0; i < acronyms.size(); ++i) {
    if (gazetteer_by_key_.count(NameKey(acronyms[i].acronym))) continue;
    local_by_key.emplace(NameKey(acronyms[i].acronym), static_cast<int>(i));
    local_by_key.emplace(NameKey(acronyms[i].full), static_cast<int>(i));
    local_names.push_back(acronyms[i].acronym);
    local_names.push_back(acronyms[i].full);
  }
  std::unique_ptr<RE2> local;
  if (!local_names.empty()) {
    std::string ignored;
    local = Compile(Alternation(local_names), true, &ignored, "local acronyms");
  }

  DocumentEntities entities;
  std::vector<std::vector<Mention>> per_sentence;
  per_sentence.reserve(text.sentences.size());
  for (const Sentence& sentence : text.sentences) {
    std::vector<Mention> mentions = FindMentions(sentence.text, local.get(), local_by_key, acronyms);
    for (Mention& m : mentions) m.entity = entities.Resolve(m);
    per_sentence.push_back(std::move(mentions));
  }
  for (size_t i = 0; i < text.sentences.size(); ++i) {
    FindRelations(text.sentences[i], per_sentence[i], entities.entities(), doc_name,
                  &result.relations);
    FindAffiliations(text.sentences[i], per_sentence[i], entities.entities(), doc_name,
                     &result.relations);
  }
  result.entities = std::move(entities.entities());
  return result;
}

}  // namespace

std::unique_ptr<Extractor> Extractor::Create(const Rules& rules, std::string* error) {
  auto extractor = std::make_unique<RuleExtractor>(rules);
  if (!extractor->Init(error)) return nullptr;
  return extractor;
}

}  // namespace kg
