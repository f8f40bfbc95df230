// Evaluates the expressions of the openCypher subset (WHERE, RETURN, ORDER BY,
// property maps) against one row of variable bindings, with Cypher's
// three-valued logic: comparisons with null are null, and WHERE keeps a row
// only when its condition is true.
#ifndef KG_QUERY_CYPHER_EVALUATOR_H_
#define KG_QUERY_CYPHER_EVALUATOR_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "graph/knowledge_graph.h"
#include "query/cypher_ast.h"
#include "query/cypher_value.h"

namespace kg {

// Where variables take their values. RETURN columns (by alias) are looked up
// before bound variables; an unbound variable is null.
struct CypherScope {
  const std::unordered_map<std::string, int>* slots = nullptr;  // variable -> index into values
  const std::vector<CypherValue>* values = nullptr;
  const std::vector<std::string>* column_names = nullptr;
  const std::vector<CypherValue>* columns = nullptr;
  // The values of aggregate calls (count, collect...) for the current group.
  const std::unordered_map<const CypherExpr*, CypherValue>* aggregates = nullptr;
};

// True for count, collect, sum, avg, min and max.
bool IsAggregateFunction(const std::string& lower_case_name);

// True when `expr` calls an aggregate function anywhere inside.
bool ContainsAggregate(const CypherExpr& expr);

// Checks a function call's name and number of arguments; returns "" when
// fine, or what is wrong ("unknown function 'foo'...").
std::string CheckFunctionCall(const CypherExpr& call);

class CypherEvaluator {
 public:
  explicit CypherEvaluator(const KnowledgeGraph& graph) : graph_(graph) {}

  // The value of `expr`. Throws CypherFailure (pointing at the faulty part)
  // on a type error, e.g. a property of a number or an invalid regex.
  CypherValue Evaluate(const CypherExpr& expr, const CypherScope& scope);

  // The property `key` of a node or relationship value; null for a property
  // the schema does not have (with a warning).
  CypherValue NodeProperty(Vertex v, const std::string& key);
  CypherValue RelationshipProperty(const Edge& e, const std::string& key);

  // Records a warning once.
  void Warn(const std::string& warning);
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  CypherValue EvaluateOperator(const CypherExpr& expr, const CypherScope& scope);
  CypherValue EvaluateLogic(CypherOp op, const CypherExpr& expr, const CypherScope& scope);
  CypherValue EvaluateArithmetic(CypherOp op, const CypherValue& a, const CypherValue& b,
                                 const CypherExpr& expr);
  CypherValue EvaluateFunction(const CypherExpr& expr, const CypherScope& scope);
  CypherValue EvaluateProperty(const CypherExpr& expr, const CypherScope& scope);
  CypherValue EvaluateIndex(const CypherExpr& expr, const CypherScope& scope);
  CypherValue EvaluateSlice(const CypherExpr& expr, const CypherScope& scope);
  CypherValue Variable(const CypherExpr& expr, const CypherScope& scope);
  bool RegexMatches(const std::string& text, const std::string& pattern, const CypherExpr& at);

  const KnowledgeGraph& graph_;
  std::map<std::string, std::unique_ptr<RE2>> regexes_;
  std::vector<std::string> warnings_;
  std::set<std::string> warned_;
};

}  // namespace kg

#endif  // KG_QUERY_CYPHER_EVALUATOR_H_
