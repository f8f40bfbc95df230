// The values of the openCypher subset: null, booleans, numbers, strings,
// lists, maps, and the graph's own nodes, relationships and paths.
#ifndef KG_QUERY_CYPHER_VALUE_H_
#define KG_QUERY_CYPHER_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg {

struct CypherValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRelationship, kPath };

  Kind kind = Kind::kNull;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string string;
  std::vector<CypherValue> list;   // kList items; kMap values
  std::vector<std::string> keys;   // kMap keys, parallel to `list`
  Vertex vertex = 0;               // kNode
  Edge edge;                       // kRelationship
  std::vector<Vertex> path_nodes;  // kPath: n+1 vertices ...
  std::vector<Edge> path_edges;    // ... joined by n edges

  static CypherValue Null() { return {}; }
  static CypherValue Bool(bool b);
  static CypherValue Int(int64_t i);
  static CypherValue Float(double d);
  static CypherValue String(std::string s);
  static CypherValue List(std::vector<CypherValue> items);
  static CypherValue Map(std::vector<std::string> keys, std::vector<CypherValue> values);
  static CypherValue Node(Vertex v);
  static CypherValue Relationship(Edge e);
  static CypherValue Path(std::vector<Vertex> nodes, std::vector<Edge> edges);

  bool is_null() const { return kind == Kind::kNull; }
  bool is_number() const { return kind == Kind::kInt || kind == Kind::kFloat; }
  double number() const { return kind == Kind::kInt ? static_cast<double>(integer) : real; }
};

// Cypher equality: nullopt ("unknown") when either side is null or a list
// holds a null that decides it; values of different kinds are unequal, except
// that integers and floats compare by value.
std::optional<bool> CypherEquals(const CypherValue& a, const CypherValue& b);

// Cypher comparison for < <= > >=: the sign of a - b for two numbers, two
// strings, two booleans or two lists; nullopt for nulls and mixed kinds.
std::optional<int> CypherCompare(const CypherValue& a, const CypherValue& b);

// The total order of ORDER BY: maps < nodes < relationships < lists < paths <
// strings < booleans < numbers < null. Nodes order by vertex, relationships
// by (source, target, relation). Returns the sign of a - b.
int CypherOrder(const CypherValue& a, const CypherValue& b);

// A string that is equal for two values exactly when they are the same value
// (1 and 1.0 included), for DISTINCT and grouping.
std::string CypherValueKey(const CypherValue& value);

// How a value reads in a table cell: null is empty, a string is itself, a
// node is its id, a relationship "(source)-[:relation]->(target)", a path the
// chain of those, a list "[a, 'b']" with its strings quoted, a map "{k: v}".
std::string FormatCypherValue(const KnowledgeGraph& graph, const CypherValue& value);

}  // namespace kg

#endif  // KG_QUERY_CYPHER_VALUE_H_
