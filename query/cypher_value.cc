#include "query/cypher_value.h"

#include <charconv>
#include <cmath>
#include <tuple>

namespace kg {
namespace {

using Kind = CypherValue::Kind;

template <typename T>
int Sign(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::tuple<Vertex, Vertex, Relation> EdgeKey(const Edge& e) {
  const auto& property = *static_cast<const RelationEdge*>(e.get_property());
  return {e.m_source, e.m_target, property.relation};
}

// Rank of a kind in the ORDER BY order.
int OrderRank(Kind kind) {
  switch (kind) {
    case Kind::kMap:
      return 0;
    case Kind::kNode:
      return 1;
    case Kind::kRelationship:
      return 2;
    case Kind::kList:
      return 3;
    case Kind::kPath:
      return 4;
    case Kind::kString:
      return 5;
    case Kind::kBool:
      return 6;
    case Kind::kInt:
    case Kind::kFloat:
      return 7;
    case Kind::kNull:
      return 8;
  }
  return 8;
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), d);
  std::string s(buffer, result.ptr);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

std::string FormatNested(const KnowledgeGraph& graph, const CypherValue& value) {
  return value.kind == Kind::kString ? Quote(value.string)
         : value.is_null()           ? "null"
                                     : FormatCypherValue(graph, value);
}

// "-[:issued]->(target)" or "<-[:issued]-(target)" for one hop of a path from `from`.
std::string FormatHop(const KnowledgeGraph& graph, Vertex from, Edge e) {
  const GraphStorage& g = graph.storage();
  std::string relation(ToString(g[e].relation));
  if (boost::source(e, g) == from)
    return "-[:" + relation + "]->(" + g[boost::target(e, g)].id + ")";
  return "<-[:" + relation + "]-(" + g[boost::source(e, g)].id + ")";
}

}  // namespace

CypherValue CypherValue::Bool(bool b) {
  CypherValue v;
  v.kind = Kind::kBool;
  v.boolean = b;
  return v;
}

CypherValue CypherValue::Int(int64_t i) {
  CypherValue v;
  v.kind = Kind::kInt;
  v.integer = i;
  return v;
}

CypherValue CypherValue::Float(double d) {
  CypherValue v;
  v.kind = Kind::kFloat;
  v.real = d;
  return v;
}

CypherValue CypherValue::String(std::string s) {
  CypherValue v;
  v.kind = Kind::kString;
  v.string = std::move(s);
  return v;
}

CypherValue CypherValue::List(std::vector<CypherValue> items) {
  CypherValue v;
  v.kind = Kind::kList;
  v.list = std::move(items);
  return v;
}

CypherValue CypherValue::Map(std::vector<std::string> keys, std::vector<CypherValue> values) {
  CypherValue v;
  v.kind = Kind::kMap;
  v.keys = std::move(keys);
  v.list = std::move(values);
  return v;
}

CypherValue CypherValue::Node(Vertex vertex) {
  CypherValue v;
  v.kind = Kind::kNode;
  v.vertex = vertex;
  return v;
}

CypherValue CypherValue::Relationship(Edge e) {
  CypherValue v;
  v.kind = Kind::kRelationship;
  v.edge = e;
  return v;
}

CypherValue CypherValue::Path(std::vector<Vertex> nodes, std::vector<Edge> edges) {
  CypherValue v;
  v.kind = Kind::kPath;
  v.path_nodes = std::move(nodes);
  v.path_edges = std::move(edges);
  return v;
}

std::optional<bool> CypherEquals(const CypherValue& a, const CypherValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.kind == Kind::kInt && b.kind == Kind::kInt) return a.integer == b.integer;
    return a.number() == b.number();
  }
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kBool:
      return a.boolean == b.boolean;
    case Kind::kString:
      return a.string == b.string;
    case Kind::kNode:
      return a.vertex == b.vertex;
    case Kind::kRelationship:
      return EdgeKey(a.edge) == EdgeKey(b.edge);
    case Kind::kPath:
      return CypherValueKey(a) == CypherValueKey(b);
    case Kind::kList:
    case Kind::kMap: {
      if (a.list.size() != b.list.size() || a.keys != b.keys) return false;
      bool unknown = false;
      for (size_t i = 0; i < a.list.size(); ++i) {
        std::optional<bool> eq = CypherEquals(a.list[i], b.list[i]);
        if (!eq) {
          unknown = true;
        } else if (!*eq) {
          return false;
        }
      }
      if (unknown) return std::nullopt;
      return true;
    }
    default:
      return false;
  }
}

std::optional<int> CypherCompare(const CypherValue& a, const CypherValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.kind == Kind::kInt && b.kind == Kind::kInt) return Sign(a.integer, b.integer);
    if (std::isnan(a.number()) || std::isnan(b.number())) return std::nullopt;
    return Sign(a.number(), b.number());
  }
  if (a.kind != b.kind) return std::nullopt;
  switch (a.kind) {
    case Kind::kString:
      return Sign(a.string, b.string);
    case Kind::kBool:
      return Sign(a.boolean, b.boolean);
    case Kind::kList:
      for (size_t i = 0; i < a.list.size() && i < b.list.size(); ++i) {
        std::optional<int> c = CypherCompare(a.list[i], b.list[i]);
        if (!c || *c != 0) return c;
      }
      return Sign(a.list.size(), b.list.size());
    default:
      return std::nullopt;
  }
}

int CypherOrder(const CypherValue& a, const CypherValue& b) {
  int rank_a = OrderRank(a.kind), rank_b = OrderRank(b.kind);
  if (rank_a != rank_b) return Sign(rank_a, rank_b);
  switch (a.kind) {
    case Kind::kNull:
      return 0;
    case Kind::kInt:
    case Kind::kFloat:
      if (a.kind == Kind::kInt && b.kind == Kind::kInt) return Sign(a.integer, b.integer);
      // NaN sorts above every other number.
      if (std::isnan(a.number()) || std::isnan(b.number())) {
        return Sign(std::isnan(a.number()), std::isnan(b.number()));
      }
      return Sign(a.number(), b.number());
    case Kind::kBool:
      return Sign(a.boolean, b.boolean);
    case Kind::kString:
      return Sign(a.string, b.string);
    case Kind::kNode:
      return Sign(a.vertex, b.vertex);
    case Kind::kRelationship:
      return Sign(EdgeKey(a.edge), EdgeKey(b.edge));
    case Kind::kMap:
      if (a.keys != b.keys) return Sign(a.keys, b.keys);
      [[fallthrough]];
    case Kind::kList:
      for (size_t i = 0; i < a.list.size() && i < b.list.size(); ++i) {
        int c = CypherOrder(a.list[i], b.list[i]);
        if (c != 0) return c;
      }
      return Sign(a.list.size(), b.list.size());
    case Kind::kPath: {
      if (a.path_nodes != b.path_nodes) return Sign(a.path_nodes, b.path_nodes);
      for (size_t i = 0; i < a.path_edges.size() && i < b.path_edges.size(); ++i) {
        int c = Sign(EdgeKey(a.path_edges[i]), EdgeKey(b.path_edges[i]));
        if (c != 0) return c;
      }
      return Sign(a.path_edges.size(), b.path_edges.size());
    }
  }
  return 0;
}

namespace {

// Appends the key of `value` to `out`, built by appending only (GCC 12 warns
// wrongly about "literal" + std::string).
void AppendKey(const CypherValue& value, std::string* out) {
  switch (value.kind) {
    case Kind::kNull:
      out->append("z");
      return;
    case Kind::kBool:
      out->append(value.boolean ? "t" : "f");
      return;
    case Kind::kInt:
      out->append("n").append(std::to_string(value.integer));
      return;
    case Kind::kFloat: {
      double d = value.real;
      out->append("n");
      if (std::trunc(d) == d && std::abs(d) < 9e15) {
        out->append(std::to_string(static_cast<int64_t>(d)));
      } else {
        out->append(FormatFloat(d));
      }
      return;
    }
    case Kind::kString:
      out->append("s").append(std::to_string(value.string.size())).append(":").append(value.string);
      return;
    case Kind::kNode:
      out->append("v").append(std::to_string(value.vertex));
      return;
    case Kind::kRelationship: {
      auto [s, t, r] = EdgeKey(value.edge);
      out->append("e").append(std::to_string(s)).append(",").append(std::to_string(t));
      out->append(",").append(std::to_string(static_cast<int>(r)));
      return;
    }
    case Kind::kList:
    case Kind::kMap:
      out->append(value.kind == Kind::kList ? "[" : "{");
      for (size_t i = 0; i < value.list.size(); ++i) {
        if (value.kind == Kind::kMap) {
          AppendKey(CypherValue::String(value.keys[i]), out);
          out->append("=");
        }
        AppendKey(value.list[i], out);
        out->append(";");
      }
      out->append("]");
      return;
    case Kind::kPath:
      out->append("p");
      for (Vertex v : value.path_nodes) out->append(std::to_string(v)).append(",");
      for (const Edge& e : value.path_edges) AppendKey(CypherValue::Relationship(e), out);
      return;
  }
}

}  // namespace

std::string CypherValueKey(const CypherValue& value) {
  std::string key;
  AppendKey(value, &key);
  return key;
}

std::string FormatCypherValue(const KnowledgeGraph& graph, const CypherValue& value) {
  const GraphStorage& g = graph.storage();
  switch (value.kind) {
    case Kind::kNull:
      return "";
    case Kind::kBool:
      return value.boolean ? "true" : "false";
    case Kind::kInt:
      return std::to_string(value.integer);
    case Kind::kFloat:
      return FormatFloat(value.real);
    case Kind::kString:
      return value.string;
    case Kind::kNode:
      return g[value.vertex].id;
    case Kind::kRelationship: {
      Vertex source = boost::source(value.edge, g);
      return "(" + g[source].id + ")" + FormatHop(graph, source, value.edge);
    }
    case Kind::kPath: {
      if (value.path_nodes.empty()) return "";
      std::string out = "(" + g[value.path_nodes[0]].id + ")";
      for (size_t i = 0; i < value.path_edges.size(); ++i) {
        out += FormatHop(graph, value.path_nodes[i], value.path_edges[i]);
      }
      return out;
    }
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < value.list.size(); ++i) {
        if (i > 0) out += ", ";
        out += FormatNested(graph, value.list[i]);
      }
      return out + "]";
    }
    case Kind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < value.list.size(); ++i) {
        if (i > 0) out += ", ";
        out += value.keys[i] + ": " + FormatNested(graph, value.list[i]);
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace kg
