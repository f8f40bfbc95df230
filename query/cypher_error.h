// Errors of the openCypher subset (`kg query`): what went wrong and where in
// the query text, so that the command can point at it with a caret.
#ifndef KG_QUERY_CYPHER_ERROR_H_
#define KG_QUERY_CYPHER_ERROR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kg {

struct CypherError {
  std::string message;  // e.g. "expected ')' but found 'RETURN'"
  size_t offset = 0;    // byte offset into the query text
};

// Thrown by the engine's internals to abandon a query; ExecuteCypher turns
// it back into a CypherError, so it never reaches callers of the public API.
struct CypherFailure {
  CypherError error;
};

// Formats `error` for a person: "line L, column C: MESSAGE", then the query
// line holding the offset and a caret under the offending character. Columns
// count characters (UTF-8 code points), from 1.
std::string FormatCypherError(std::string_view query, const CypherError& error);

}  // namespace kg

#endif  // KG_QUERY_CYPHER_ERROR_H_
