// A recursive-descent parser for the openCypher subset of `kg query`:
//
//   query   := (["OPTIONAL"] "MATCH" pattern ("," pattern)* ["WHERE" expr])*
//              "RETURN" ["DISTINCT"] ("*" | expr ["AS" name] ("," ...)*)
//              ["ORDER" "BY" expr ["ASC"|"DESC"] ("," ...)*] ["SKIP" int] ["LIMIT" int] [";"]
//   pattern := [name "="] ("shortestPath" "(" chain ")" | chain)
//   chain   := node (rel node)*
//   node    := "(" [name] [":" Label ("|" Label)*] [map] ")"
//   rel     := ("-" | "<-") ["[" [name] [":" type ("|" type)*] ["*" [min] [".." [max]]] [map] "]"]
//              ("-" | "->")
//
// Expressions, loosest first: OR, XOR, AND, NOT, comparisons (= <> < <= > >=),
// predicates (IS [NOT] NULL, IN, CONTAINS, STARTS WITH, ENDS WITH, =~),
// + -, * / %, ^, unary -, then .property, [index] and :Label after an atom.
// Atoms: literals (numbers, 'strings', true, false, null), [lists], {maps},
// (parentheses), variables and function calls such as count(*),
// count(DISTINCT x), collect(x), type(r), length(p). Keywords are
// case-insensitive.
#ifndef KG_QUERY_CYPHER_PARSER_H_
#define KG_QUERY_CYPHER_PARSER_H_

#include <string_view>

#include "query/cypher_ast.h"
#include "query/cypher_error.h"

namespace kg {

// Parses one query. On failure returns false and sets `error` to what was
// expected and the offset of the token found instead; an error whose offset
// is text.size() means the query is incomplete (more input could fix it).
bool ParseCypher(std::string_view text, CypherQuery* query, CypherError* error);

}  // namespace kg

#endif  // KG_QUERY_CYPHER_PARSER_H_
