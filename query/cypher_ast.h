// The syntax tree of one query of the openCypher subset, as the parser builds
// it and the engine runs it. Every node keeps where it starts in the query
// text so that errors found while running can point at it.
#ifndef KG_QUERY_CYPHER_AST_H_
#define KG_QUERY_CYPHER_AST_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "query/cypher_value.h"

namespace kg {

struct CypherExpr;
using CypherExprPtr = std::unique_ptr<CypherExpr>;

enum class CypherOp {
  kOr,
  kXor,
  kAnd,
  kNot,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kContains,
  kStartsWith,
  kEndsWith,
  kRegex,
  kIsNull,
  kIsNotNull,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  kNeg,
};

struct CypherExpr {
  enum class Kind {
    kLiteral,   // value
    kVariable,  // name
    kProperty,  // args[0].name
    kIndex,     // args[0][args[1]]
    kSlice,     // args[0][args[1]..args[2]], a null literal for an open end
    kList,      // [args...]
    kMap,       // {keys[i]: args[i]}
    kFunction,  // name(args...), name lower-cased; count(*) has star
    kOperator,  // op applied to args (one or two)
    kHasLabel,  // args[0]:name
  };
  Kind kind = Kind::kLiteral;
  CypherValue value;
  std::string name;
  std::vector<std::string> keys;
  CypherOp op = CypherOp::kEq;
  bool distinct = false;  // count(DISTINCT x)
  bool star = false;      // count(*)
  std::vector<CypherExprPtr> args;
  size_t begin = 0, end = 0;  // source span [begin, end)
};

using CypherProperties = std::vector<std::pair<std::string, CypherExprPtr>>;

struct CypherNodePattern {
  std::string variable;             // "" when anonymous
  std::vector<std::string> labels;  // any of these entity types; all when empty
  CypherProperties properties;      // {key: value, ...}, all must be equal
  size_t offset = 0;
};

enum class CypherDirection { kOutgoing, kIncoming, kBoth };

struct CypherRelPattern {
  std::string variable;
  std::vector<std::string> types;  // any of these relations; all when empty
  CypherProperties properties;
  CypherDirection direction = CypherDirection::kBoth;
  bool variable_length = false;  // [*min..max]; the variable is then a list
  int min_hops = 1;
  int max_hops = -1;  // -1: no upper bound given
  size_t offset = 0;
};

// (n0)-[r0]-(n1)-...-(nk), optionally named (p = ...) and optionally a
// shortestPath((a)-[...]-(b)) with exactly one relationship.
struct CypherPatternPart {
  std::string path_variable;
  bool shortest = false;
  std::vector<CypherNodePattern> nodes;
  std::vector<CypherRelPattern> rels;  // rels[i] joins nodes[i] and nodes[i+1]
  size_t offset = 0;
};

struct CypherMatch {
  bool optional = false;
  std::vector<CypherPatternPart> patterns;
  CypherExprPtr where;  // null when absent
  size_t offset = 0;
};

struct CypherReturnItem {
  CypherExprPtr expr;
  std::string column;  // the alias, or the expression as written
};

struct CypherSortItem {
  CypherExprPtr expr;
  bool descending = false;
};

struct CypherQuery {
  std::vector<CypherMatch> matches;
  bool distinct = false;
  bool return_star = false;  // RETURN *: every named variable, in order of appearance
  std::vector<CypherReturnItem> items;
  std::vector<CypherSortItem> order_by;
  int64_t skip = 0;
  int64_t limit = -1;  // -1: no LIMIT
};

}  // namespace kg

#endif  // KG_QUERY_CYPHER_AST_H_
