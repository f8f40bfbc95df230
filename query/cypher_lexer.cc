#include "query/cypher_lexer.h"

#include <cctype>

namespace kg {
namespace {

bool IsIdentifierStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentifierPart(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// Reads a quoted string starting at query[*i] (the quote); on success leaves
// *i after the closing quote.
bool ReadString(std::string_view query, size_t* i, std::string* value, CypherError* error) {
  char quote = query[*i];
  size_t start = *i;
  for (size_t j = *i + 1; j < query.size(); ++j) {
    char c = query[j];
    if (c == quote) {
      *i = j + 1;
      return true;
    }
    if (c != '\\') {
      value->push_back(c);
      continue;
    }
    if (++j == query.size()) break;
    switch (query[j]) {
      case 'n':
        value->push_back('\n');
        break;
      case 't':
        value->push_back('\t');
        break;
      case 'r':
        value->push_back('\r');
        break;
      default:
        value->push_back(query[j]);  // \\ \' \" and anything else: itself
    }
  }
  *error = {"unterminated string: missing closing " + std::string(1, quote), start};
  return false;
}

// The longest symbol at query[i], or an empty view.
std::string_view ReadSymbol(std::string_view query, size_t i) {
  static constexpr std::string_view kTwoCharacter[] = {"..", "<>", "<=", ">=", "=~", "!="};
  for (std::string_view s : kTwoCharacter) {
    if (query.substr(i, 2) == s) return s;
  }
  static constexpr std::string_view kOneCharacter = "()[]{},:;.|*+-/%^=<>";
  if (kOneCharacter.find(query[i]) != std::string_view::npos) return query.substr(i, 1);
  return {};
}

}  // namespace

bool TokenizeCypher(std::string_view query, std::vector<CypherToken>* tokens, CypherError* error) {
  tokens->clear();
  size_t i = 0;
  while (i < query.size()) {
    unsigned char c = query[i];
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (query.substr(i, 2) == "//") {
      while (i < query.size() && query[i] != '\n') ++i;
      continue;
    }
    CypherToken token{CypherTokenKind::kSymbol, "", i, i};
    if (c == '\'' || c == '"') {
      token.kind = CypherTokenKind::kString;
      if (!ReadString(query, &i, &token.text, error)) return false;
    } else if (c == '`') {
      size_t close = query.find('`', i + 1);
      if (close == std::string_view::npos) {
        *error = {"unterminated `quoted name`: missing closing `", i};
        return false;
      }
      token.kind = CypherTokenKind::kIdentifier;
      token.text = query.substr(i + 1, close - i - 1);
      i = close + 1;
    } else if (std::isdigit(c)) {
      token.kind = CypherTokenKind::kInteger;
      while (i < query.size() && std::isdigit(static_cast<unsigned char>(query[i]))) ++i;
      // "1..3" is a range, not the float "1." followed by ".3".
      if (i + 1 < query.size() && query[i] == '.' &&
          std::isdigit(static_cast<unsigned char>(query[i + 1]))) {
        token.kind = CypherTokenKind::kFloat;
        ++i;
        while (i < query.size() && std::isdigit(static_cast<unsigned char>(query[i]))) ++i;
      }
      token.text = query.substr(token.offset, i - token.offset);
    } else if (IsIdentifierStart(c)) {
      token.kind = CypherTokenKind::kIdentifier;
      while (i < query.size() && IsIdentifierPart(query[i])) ++i;
      token.text = query.substr(token.offset, i - token.offset);
    } else {
      std::string_view symbol = ReadSymbol(query, i);
      if (symbol.empty()) {
        *error = {"unexpected character '" + std::string(1, query[i]) + "'", i};
        return false;
      }
      token.text = symbol == "!=" ? "<>" : std::string(symbol);
      i += symbol.size();
    }
    token.end = i;
    tokens->push_back(std::move(token));
  }
  tokens->push_back({CypherTokenKind::kEnd, "", query.size(), query.size()});
  return true;
}

std::string DescribeToken(const CypherToken& token) {
  switch (token.kind) {
    case CypherTokenKind::kEnd:
      return "end of input";
    case CypherTokenKind::kString:
      return "string '" + token.text + "'";
    default:
      return "'" + token.text + "'";
  }
}

}  // namespace kg
