// The tokens of the openCypher subset. Keywords are identifiers: the parser
// recognises them case-insensitively where the grammar expects them.
#ifndef KG_QUERY_CYPHER_LEXER_H_
#define KG_QUERY_CYPHER_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "query/cypher_error.h"

namespace kg {

enum class CypherTokenKind {
  kIdentifier,  // name, keyword or `back-quoted name` (text without the quotes)
  kString,      // 'single' or "double" quoted; text is the unescaped value
  kInteger,
  kFloat,
  kSymbol,  // ( ) [ ] { } , : ; . .. | * + - / % ^ = <> < <= > >= =~
  kEnd,     // end of input; offset is the query's length
};

struct CypherToken {
  CypherTokenKind kind;
  std::string text;
  size_t offset = 0;  // where the token starts in the query
  size_t end = 0;     // one past its last byte
};

// Splits `query` into tokens ending with one kEnd token. Skips white space and
// `//` line comments. Returns false and sets `error` on an unterminated string
// or a character that starts no token.
bool TokenizeCypher(std::string_view query, std::vector<CypherToken>* tokens, CypherError* error);

// How a token is named in "expected X but found Y": 'RETURN', 'x', end of input.
std::string DescribeToken(const CypherToken& token);

}  // namespace kg

#endif  // KG_QUERY_CYPHER_LEXER_H_
