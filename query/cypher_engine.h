// Runs a parsed openCypher query (query/cypher_parser.h) on a KnowledgeGraph.
//
// Nodes are entities: labels are entity types (Agency, Organization,
// Committee, Person, Law, Policy, Standard) and the properties are id, name,
// type, aliases and docs. Relationships are relations: their type is the
// relation (issued, drafted...) and the properties are relation (also
// type(r)), date, role and evidence (a list of {doc, line, text}). A missing
// date or role is null.
//
// Patterns are matched by backtracking, nodes in vertex order and
// relationships in adjacency order, so rows come out in the same order every
// time when there is no ORDER BY. Within one MATCH a relationship is used at
// most once (Cypher's relationship isomorphism). Variable-length patterns
// without an upper bound ([*], [*2..]) stop at CypherOptions::max_hops hops;
// shortestPath is a breadth-first search with no limit unless one is given.
// Functions: count, collect, sum, avg, min, max (aggregates, grouping by the
// other RETURN items), type, labels, id, length, size, nodes, relationships,
// startNode, endNode, coalesce, head, last, toLower, toUpper, trim,
// toString, toInteger, toFloat, abs, exists, substring, replace, split.
#ifndef KG_QUERY_CYPHER_ENGINE_H_
#define KG_QUERY_CYPHER_ENGINE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "query/cypher_ast.h"
#include "query/cypher_error.h"
#include "query/cypher_value.h"

namespace kg {

struct CypherOptions {
  // Upper bound of variable-length patterns written without one ([*], [*2..]).
  int max_hops = 10;
  // Relationships the matcher may examine before it gives up with an error,
  // so that a broad pattern on a large graph cannot run for hours.
  uint64_t max_steps = 10'000'000;
  // Result rows (before SKIP/LIMIT) above which the query stops with an error.
  size_t max_rows = 1'000'000;
};

struct CypherResult {
  std::vector<std::string> columns;
  std::vector<std::vector<CypherValue>> rows;
  // Unknown labels, relation types and properties; each once, in the order
  // met. An unknown label or relation type matches nothing.
  std::vector<std::string> warnings;
};

// Runs `query` on `graph`. On failure (unknown variable or function, bad
// argument, invalid regular expression, a limit of `options` reached) returns
// false and sets `error`, whose offset points into the query's text.
bool ExecuteCypher(const KnowledgeGraph& graph, const CypherQuery& query,
                   const CypherOptions& options, CypherResult* result, CypherError* error);

// Parses and runs `text`; ParseCypher's and ExecuteCypher's errors alike.
bool RunCypher(const KnowledgeGraph& graph, std::string_view text, const CypherOptions& options,
               CypherResult* result, CypherError* error);

}  // namespace kg

#endif  // KG_QUERY_CYPHER_ENGINE_H_
