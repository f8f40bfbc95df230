#include "query/cypher_evaluator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "query/cypher_error.h"

namespace kg {
namespace {

using Kind = CypherValue::Kind;
using Value = CypherValue;

[[noreturn]] void FailAt(const CypherExpr& at, const std::string& message) {
  throw CypherFailure{{message, at.begin}};
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "a boolean";
    case Kind::kInt:
      return "an integer";
    case Kind::kFloat:
      return "a float";
    case Kind::kString:
      return "a string";
    case Kind::kList:
      return "a list";
    case Kind::kMap:
      return "a map";
    case Kind::kNode:
      return "a node";
    case Kind::kRelationship:
      return "a relationship";
    case Kind::kPath:
      return "a path";
  }
  return "a value";
}

template <typename Strings>
Value StringList(const Strings& items) {
  std::vector<Value> values;
  for (std::string_view s : items) values.push_back(Value::String(std::string(s)));
  return Value::List(std::move(values));
}

Value StringOrNull(const std::string& s) { return s.empty() ? Value::Null() : Value::String(s); }

// Name and allowed argument counts of every scalar and aggregate function.
struct FunctionSpec {
  std::string_view name;
  int min_args, max_args;
};
constexpr FunctionSpec kFunctions[] = {
    {"count", 1, 1},         {"collect", 1, 1},   {"sum", 1, 1},
    {"avg", 1, 1},           {"min", 1, 1},       {"max", 1, 1},
    {"type", 1, 1},          {"labels", 1, 1},    {"id", 1, 1},
    {"length", 1, 1},        {"size", 1, 1},      {"nodes", 1, 1},
    {"relationships", 1, 1}, {"rels", 1, 1},      {"startnode", 1, 1},
    {"endnode", 1, 1},       {"coalesce", 1, 64}, {"head", 1, 1},
    {"last", 1, 1},          {"tolower", 1, 1},   {"toupper", 1, 1},
    {"trim", 1, 1},          {"tostring", 1, 1},  {"tointeger", 1, 1},
    {"tofloat", 1, 1},       {"abs", 1, 1},       {"exists", 1, 1},
    {"substring", 2, 3},     {"replace", 3, 3},   {"split", 2, 2},
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

int64_t CheckedInt(const CypherExpr& at, __int128 wide) {
  if (wide > std::numeric_limits<int64_t>::max() || wide < std::numeric_limits<int64_t>::min()) {
    FailAt(at, "integer overflow");
  }
  return static_cast<int64_t>(wide);
}

}  // namespace

bool IsAggregateFunction(const std::string& name) {
  return name == "count" || name == "collect" || name == "sum" || name == "avg" || name == "min" ||
         name == "max";
}

bool ContainsAggregate(const CypherExpr& expr) {
  if (expr.kind == CypherExpr::Kind::kFunction && IsAggregateFunction(expr.name)) return true;
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [](const CypherExprPtr& a) { return ContainsAggregate(*a); });
}

std::string CheckFunctionCall(const CypherExpr& call) {
  for (const FunctionSpec& f : kFunctions) {
    if (f.name != call.name) continue;
    int n = call.star ? 1 : static_cast<int>(call.args.size());
    if (n < f.min_args || n > f.max_args) {
      return std::string(call.name) + "() takes " + std::to_string(f.min_args) +
             (f.max_args != f.min_args ? " or more" : "") + " argument" +
             (f.min_args == 1 && f.max_args == 1 ? "" : "s");
    }
    if (call.distinct && !IsAggregateFunction(call.name)) {
      return "DISTINCT is allowed only in count, collect, sum, avg, min and max";
    }
    return "";
  }
  std::string known;
  for (const FunctionSpec& f : kFunctions)
    known += (known.empty() ? "" : ", ") + std::string(f.name);
  return "unknown function '" + call.name + "' (known: " + known + ")";
}

void CypherEvaluator::Warn(const std::string& warning) {
  if (warned_.insert(warning).second) warnings_.push_back(warning);
}

CypherValue CypherEvaluator::NodeProperty(Vertex v, const std::string& key) {
  const EntityNode& node = graph_.node(v);
  if (key == "id") return Value::String(node.id);
  if (key == "name") return Value::String(node.name);
  if (key == "type") return Value::String(std::string(ToString(node.type)));
  if (key == "aliases") return StringList(node.aliases);
  if (key == "docs") return StringList(node.docs);
  Warn("nodes have no property '" + key + "' (they have id, name, type, aliases, docs)");
  return Value::Null();
}

CypherValue CypherEvaluator::RelationshipProperty(const Edge& e, const std::string& key) {
  const RelationEdge& edge = graph_.edge(e);
  if (key == "relation" || key == "type")
    return Value::String(std::string(ToString(edge.relation)));
  if (key == "date") return StringOrNull(edge.date);
  if (key == "role") return StringOrNull(edge.role);
  if (key == "evidence") {
    std::vector<Value> items;
    for (const Evidence& ev : edge.evidence) {
      items.push_back(Value::Map(
          {"doc", "line", "text"},
          {Value::String(ev.doc.str()), Value::Int(ev.line), Value::String(ev.text.str())}));
    }
    return Value::List(std::move(items));
  }
  Warn("relationships have no property '" + key + "' (they have relation, date, role, evidence)");
  return Value::Null();
}

CypherValue CypherEvaluator::Evaluate(const CypherExpr& expr, const CypherScope& scope) {
  switch (expr.kind) {
    case CypherExpr::Kind::kLiteral:
      return expr.value;
    case CypherExpr::Kind::kVariable:
      return Variable(expr, scope);
    case CypherExpr::Kind::kProperty:
      return EvaluateProperty(expr, scope);
    case CypherExpr::Kind::kIndex:
      return EvaluateIndex(expr, scope);
    case CypherExpr::Kind::kSlice:
      return EvaluateSlice(expr, scope);
    case CypherExpr::Kind::kList: {
      std::vector<Value> items;
      for (const CypherExprPtr& a : expr.args) items.push_back(Evaluate(*a, scope));
      return Value::List(std::move(items));
    }
    case CypherExpr::Kind::kMap: {
      std::vector<Value> values;
      for (const CypherExprPtr& a : expr.args) values.push_back(Evaluate(*a, scope));
      return Value::Map(expr.keys, std::move(values));
    }
    case CypherExpr::Kind::kFunction:
      return EvaluateFunction(expr, scope);
    case CypherExpr::Kind::kOperator:
      return EvaluateOperator(expr, scope);
    case CypherExpr::Kind::kHasLabel: {
      Value v = Evaluate(*expr.args[0], scope);
      if (v.is_null()) return v;
      if (v.kind != Kind::kNode)
        FailAt(expr, std::string("a label test needs a node, not ") + KindName(v.kind));
      auto type = ParseEntityType(expr.name);
      if (!type) {
        Warn("unknown label '" + expr.name + "'");
        return Value::Bool(false);
      }
      return Value::Bool(graph_.node(v.vertex).type == *type);
    }
  }
  return Value::Null();
}

CypherValue CypherEvaluator::Variable(const CypherExpr& expr, const CypherScope& scope) {
  if (scope.column_names) {
    for (size_t i = 0; i < scope.column_names->size(); ++i) {
      if ((*scope.column_names)[i] == expr.name) return (*scope.columns)[i];
    }
  }
  if (scope.slots) {
    auto it = scope.slots->find(expr.name);
    if (it != scope.slots->end()) return (*scope.values)[it->second];
  }
  FailAt(expr, "unknown variable '" + expr.name + "'");
}

CypherValue CypherEvaluator::EvaluateProperty(const CypherExpr& expr, const CypherScope& scope) {
  Value v = Evaluate(*expr.args[0], scope);
  switch (v.kind) {
    case Kind::kNull:
      return v;
    case Kind::kNode:
      return NodeProperty(v.vertex, expr.name);
    case Kind::kRelationship:
      return RelationshipProperty(v.edge, expr.name);
    case Kind::kMap:
      for (size_t i = 0; i < v.keys.size(); ++i) {
        if (v.keys[i] == expr.name) return v.list[i];
      }
      return Value::Null();
    default:
      FailAt(expr,
             "cannot read property '" + expr.name + "' of " + KindName(v.kind) +
                 (v.kind == Kind::kList ? " (a variable-length relationship is a list)" : ""));
  }
}

CypherValue CypherEvaluator::EvaluateIndex(const CypherExpr& expr, const CypherScope& scope) {
  Value container = Evaluate(*expr.args[0], scope);
  Value index = Evaluate(*expr.args[1], scope);
  if (container.is_null() || index.is_null()) return Value::Null();
  if (container.kind == Kind::kMap && index.kind == Kind::kString) {
    for (size_t i = 0; i < container.keys.size(); ++i) {
      if (container.keys[i] == index.string) return container.list[i];
    }
    return Value::Null();
  }
  if (container.kind == Kind::kNode && index.kind == Kind::kString) {
    return NodeProperty(container.vertex, index.string);
  }
  if (container.kind == Kind::kRelationship && index.kind == Kind::kString) {
    return RelationshipProperty(container.edge, index.string);
  }
  if (container.kind != Kind::kList || index.kind != Kind::kInt) {
    FailAt(expr, std::string("cannot index ") + KindName(container.kind) + " with " +
                     KindName(index.kind));
  }
  int64_t n = static_cast<int64_t>(container.list.size());
  int64_t i = index.integer < 0 ? n + index.integer : index.integer;
  return i >= 0 && i < n ? container.list[i] : Value::Null();
}

CypherValue CypherEvaluator::EvaluateSlice(const CypherExpr& expr, const CypherScope& scope) {
  Value list = Evaluate(*expr.args[0], scope);
  Value from = Evaluate(*expr.args[1], scope);
  Value to = Evaluate(*expr.args[2], scope);
  if (list.is_null()) return list;
  bool open_from = expr.args[1]->kind == CypherExpr::Kind::kLiteral && from.is_null();
  bool open_to = expr.args[2]->kind == CypherExpr::Kind::kLiteral && to.is_null();
  if ((!open_from && from.is_null()) || (!open_to && to.is_null())) return Value::Null();
  if (list.kind != Kind::kList || (!open_from && from.kind != Kind::kInt) ||
      (!open_to && to.kind != Kind::kInt)) {
    FailAt(expr, "a slice [from..to] needs a list and integers");
  }
  int64_t n = static_cast<int64_t>(list.list.size());
  auto clamp = [n](int64_t i) { return std::clamp<int64_t>(i < 0 ? n + i : i, 0, n); };
  int64_t begin = open_from ? 0 : clamp(from.integer);
  int64_t end = open_to ? n : clamp(to.integer);
  std::vector<Value> items;
  for (int64_t i = begin; i < end; ++i) items.push_back(list.list[i]);
  return Value::List(std::move(items));
}

bool CypherEvaluator::RegexMatches(const std::string& text, const std::string& pattern,
                                   const CypherExpr& at) {
  auto it = regexes_.find(pattern);
  if (it == regexes_.end()) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) FailAt(at, "invalid regular expression: " + re->error());
    it = regexes_.emplace(pattern, std::move(re)).first;
  }
  return RE2::FullMatch(text, *it->second);
}

CypherValue CypherEvaluator::EvaluateLogic(CypherOp op, const CypherExpr& expr,
                                           const CypherScope& scope) {
  auto truth = [&](const CypherExpr& e) -> std::optional<bool> {
    Value v = Evaluate(e, scope);
    if (v.is_null()) return std::nullopt;
    if (v.kind != Kind::kBool)
      FailAt(e, std::string("expected a boolean, not ") + KindName(v.kind));
    return v.boolean;
  };
  auto result = [](std::optional<bool> b) { return b ? Value::Bool(*b) : Value::Null(); };
  std::optional<bool> a = truth(*expr.args[0]);
  if (op == CypherOp::kNot) return result(a ? std::optional<bool>(!*a) : std::nullopt);
  // Short cuts that hold whatever the other side is.
  if (op == CypherOp::kAnd && a == false) return Value::Bool(false);
  if (op == CypherOp::kOr && a == true) return Value::Bool(true);
  std::optional<bool> b = truth(*expr.args[1]);
  switch (op) {
    case CypherOp::kAnd:
      if (b == false) return Value::Bool(false);
      return a && b ? Value::Bool(true) : Value::Null();
    case CypherOp::kOr:
      if (b == true) return Value::Bool(true);
      return a && b ? Value::Bool(false) : Value::Null();
    default:  // kXor
      return a && b ? Value::Bool(*a != *b) : Value::Null();
  }
}

CypherValue CypherEvaluator::EvaluateArithmetic(CypherOp op, const Value& a, const Value& b,
                                                const CypherExpr& expr) {
  if (a.is_null() || b.is_null()) return Value::Null();
  if (op == CypherOp::kAdd) {
    if (a.kind == Kind::kList) {
      Value out = a;
      if (b.kind == Kind::kList) {
        out.list.insert(out.list.end(), b.list.begin(), b.list.end());
      } else {
        out.list.push_back(b);
      }
      return out;
    }
    if (a.kind == Kind::kString || b.kind == Kind::kString) {
      if ((a.kind == Kind::kString || a.is_number()) &&
          (b.kind == Kind::kString || b.is_number())) {
        return Value::String(FormatCypherValue(graph_, a) + FormatCypherValue(graph_, b));
      }
    }
  }
  if (!a.is_number() || !b.is_number()) {
    FailAt(expr, std::string("cannot do arithmetic with ") + KindName(a.kind) + " and " +
                     KindName(b.kind));
  }
  if (a.kind == Kind::kInt && b.kind == Kind::kInt && op != CypherOp::kPow) {
    __int128 x = a.integer, y = b.integer;
    switch (op) {
      case CypherOp::kAdd:
        return Value::Int(CheckedInt(expr, x + y));
      case CypherOp::kSub:
        return Value::Int(CheckedInt(expr, x - y));
      case CypherOp::kMul:
        return Value::Int(CheckedInt(expr, x * y));
      default:
        if (y == 0) FailAt(expr, "division by zero");
        return Value::Int(CheckedInt(expr, op == CypherOp::kDiv ? x / y : x % y));
    }
  }
  double x = a.number(), y = b.number();
  switch (op) {
    case CypherOp::kAdd:
      return Value::Float(x + y);
    case CypherOp::kSub:
      return Value::Float(x - y);
    case CypherOp::kMul:
      return Value::Float(x * y);
    case CypherOp::kDiv:
      return Value::Float(x / y);
    case CypherOp::kMod:
      return Value::Float(std::fmod(x, y));
    default:
      return Value::Float(std::pow(x, y));
  }
}

CypherValue CypherEvaluator::EvaluateOperator(const CypherExpr& expr, const CypherScope& scope) {
  CypherOp op = expr.op;
  if (op == CypherOp::kAnd || op == CypherOp::kOr || op == CypherOp::kXor || op == CypherOp::kNot) {
    return EvaluateLogic(op, expr, scope);
  }
  Value a = Evaluate(*expr.args[0], scope);
  if (op == CypherOp::kIsNull) return Value::Bool(a.is_null());
  if (op == CypherOp::kIsNotNull) return Value::Bool(!a.is_null());
  if (op == CypherOp::kNeg) {
    if (a.is_null()) return a;
    if (a.kind == Kind::kInt)
      return Value::Int(CheckedInt(expr, -static_cast<__int128>(a.integer)));
    if (a.kind == Kind::kFloat) return Value::Float(-a.real);
    FailAt(expr, std::string("cannot negate ") + KindName(a.kind));
  }
  Value b = Evaluate(*expr.args[1], scope);
  switch (op) {
    case CypherOp::kEq:
    case CypherOp::kNe: {
      std::optional<bool> eq = CypherEquals(a, b);
      if (!eq) return Value::Null();
      return Value::Bool(op == CypherOp::kEq ? *eq : !*eq);
    }
    case CypherOp::kLt:
    case CypherOp::kLe:
    case CypherOp::kGt:
    case CypherOp::kGe: {
      std::optional<int> c = CypherCompare(a, b);
      if (!c) return Value::Null();
      bool r = op == CypherOp::kLt   ? *c < 0
               : op == CypherOp::kLe ? *c <= 0
               : op == CypherOp::kGt ? *c > 0
                                     : *c >= 0;
      return Value::Bool(r);
    }
    case CypherOp::kIn: {
      if (b.is_null()) return Value::Null();
      if (b.kind != Kind::kList)
        FailAt(*expr.args[1], std::string("IN needs a list, not ") + KindName(b.kind));
      bool unknown = false;
      for (const Value& item : b.list) {
        std::optional<bool> eq = CypherEquals(a, item);
        if (eq == true) return Value::Bool(true);
        if (!eq) unknown = true;
      }
      return unknown ? Value::Null() : Value::Bool(false);
    }
    case CypherOp::kContains:
    case CypherOp::kStartsWith:
    case CypherOp::kEndsWith:
    case CypherOp::kRegex: {
      if (a.kind != Kind::kString || b.kind != Kind::kString) return Value::Null();
      const std::string& s = a.string;
      const std::string& t = b.string;
      if (op == CypherOp::kContains) return Value::Bool(s.find(t) != std::string::npos);
      if (op == CypherOp::kStartsWith) return Value::Bool(s.starts_with(t));
      if (op == CypherOp::kEndsWith) return Value::Bool(s.ends_with(t));
      return Value::Bool(RegexMatches(s, t, *expr.args[1]));
    }
    default:
      return EvaluateArithmetic(op, a, b, expr);
  }
}

CypherValue CypherEvaluator::EvaluateFunction(const CypherExpr& expr, const CypherScope& scope) {
  const std::string& f = expr.name;
  if (IsAggregateFunction(f)) {
    if (scope.aggregates) {
      auto it = scope.aggregates->find(&expr);
      if (it != scope.aggregates->end()) return it->second;
    }
    FailAt(expr, f + "() is allowed only in RETURN and ORDER BY");
  }
  if (f == "coalesce") {
    for (const CypherExprPtr& a : expr.args) {
      Value v = Evaluate(*a, scope);
      if (!v.is_null()) return v;
    }
    return Value::Null();
  }
  std::vector<Value> args;
  for (const CypherExprPtr& a : expr.args) args.push_back(Evaluate(*a, scope));
  const Value& x = args[0];
  if (f == "exists") return Value::Bool(!x.is_null());
  if (x.is_null()) return Value::Null();
  auto fail = [&]() -> Value {
    FailAt(expr, f + "() does not take " + std::string(KindName(x.kind)));
  };
  const GraphStorage& g = graph_.storage();
  if (f == "type")
    return x.kind == Kind::kRelationship ? RelationshipProperty(x.edge, "relation") : fail();
  if (f == "labels")
    return x.kind == Kind::kNode ? Value::List({NodeProperty(x.vertex, "type")}) : fail();
  if (f == "id") return x.kind == Kind::kNode ? NodeProperty(x.vertex, "id") : fail();
  if (f == "startnode" || f == "endnode") {
    if (x.kind != Kind::kRelationship) return fail();
    return Value::Node(f == "startnode" ? boost::source(x.edge, g) : boost::target(x.edge, g));
  }
  if (f == "length" || f == "size") {
    if (x.kind == Kind::kPath) return Value::Int(static_cast<int64_t>(x.path_edges.size()));
    if (x.kind == Kind::kList) return Value::Int(static_cast<int64_t>(x.list.size()));
    if (x.kind == Kind::kString) return Value::Int(static_cast<int64_t>(x.string.size()));
    return fail();
  }
  if (f == "nodes" || f == "relationships" || f == "rels") {
    if (x.kind != Kind::kPath) return fail();
    std::vector<Value> items;
    if (f == "nodes") {
      for (Vertex v : x.path_nodes) items.push_back(Value::Node(v));
    } else {
      for (const Edge& e : x.path_edges) items.push_back(Value::Relationship(e));
    }
    return Value::List(std::move(items));
  }
  if (f == "head" || f == "last") {
    if (x.kind != Kind::kList) return fail();
    if (x.list.empty()) return Value::Null();
    return f == "head" ? x.list.front() : x.list.back();
  }
  if (f == "tostring") {
    if (x.kind == Kind::kString || x.is_number() || x.kind == Kind::kBool) {
      return Value::String(FormatCypherValue(graph_, x));
    }
    return fail();
  }
  if (f == "tointeger" || f == "tofloat") {
    double d = 0;
    if (x.is_number()) {
      d = x.number();
    } else if (x.kind == Kind::kString) {
      char* end = nullptr;
      d = std::strtod(x.string.c_str(), &end);
      if (end == x.string.c_str() || *end != '\0') return Value::Null();
    } else {
      return fail();
    }
    if (f == "tofloat") return Value::Float(d);
    if (x.kind == Kind::kInt) return x;
    if (!(std::abs(d) < 9.2e18)) return Value::Null();
    return Value::Int(static_cast<int64_t>(std::trunc(d)));
  }
  if (f == "abs") {
    if (x.kind == Kind::kInt)
      return Value::Int(
          CheckedInt(expr, x.integer < 0 ? -static_cast<__int128>(x.integer) : x.integer));
    if (x.kind == Kind::kFloat) return Value::Float(std::abs(x.real));
    return fail();
  }
  // The rest take strings.
  if (x.kind != Kind::kString) return fail();
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].is_null()) return Value::Null();
  }
  if (f == "tolower") return Value::String(Lower(x.string));
  if (f == "toupper") return Value::String(Upper(x.string));
  if (f == "trim") {
    size_t b = x.string.find_first_not_of(" \t\n\r");
    size_t e = x.string.find_last_not_of(" \t\n\r");
    return Value::String(b == std::string::npos ? "" : x.string.substr(b, e - b + 1));
  }
  if (f == "substring") {
    if (args[1].kind != Kind::kInt || (args.size() == 3 && args[2].kind != Kind::kInt)) {
      FailAt(expr, "substring() takes a string and integers");
    }
    int64_t start = std::clamp<int64_t>(args[1].integer, 0, x.string.size());
    int64_t length = args.size() == 3 ? std::max<int64_t>(args[2].integer, 0) : x.string.size();
    return Value::String(x.string.substr(start, length));
  }
  if (args[1].kind != Kind::kString || (args.size() == 3 && args[2].kind != Kind::kString)) {
    FailAt(expr, f + "() takes strings");
  }
  if (f == "split") {
    std::vector<Value> parts;
    const std::string& d = args[1].string;
    size_t start = 0;
    while (!d.empty()) {
      size_t at = x.string.find(d, start);
      if (at == std::string::npos) break;
      parts.push_back(Value::String(x.string.substr(start, at - start)));
      start = at + d.size();
    }
    parts.push_back(Value::String(x.string.substr(start)));
    return Value::List(std::move(parts));
  }
  // replace
  const std::string& from = args[1].string;
  const std::string& to = args[2].string;
  if (from.empty()) return x;
  std::string out;
  size_t start = 0;
  for (size_t at; (at = x.string.find(from, start)) != std::string::npos;
       start = at + from.size()) {
    out += x.string.substr(start, at - start) + to;
  }
  return Value::String(out + x.string.substr(start));
}

}  // namespace kg
