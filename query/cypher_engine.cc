#include "query/cypher_engine.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "query/cypher_evaluator.h"
#include "query/cypher_parser.h"

namespace kg {
namespace {

using Value = CypherValue;
using ValueKind = CypherValue::Kind;
using Aggregates = std::unordered_map<const CypherExpr*, CypherValue>;

[[noreturn]] void Fail(size_t offset, const std::string& message) {
  throw CypherFailure{{message, offset}};
}

std::string JoinTypes() {
  std::string out;
  for (EntityType t : AllEntityTypes()) out += (out.empty() ? "" : ", ") + std::string(ToString(t));
  return out;
}

std::string JoinRelations() {
  std::string out;
  for (Relation r : AllRelations()) out += (out.empty() ? "" : ", ") + std::string(ToString(r));
  return out;
}

// The running state of one aggregate call within one group.
struct Accumulator {
  int64_t count = 0;
  std::vector<Value> values;             // collect
  std::unordered_set<std::string> seen;  // DISTINCT
  bool all_integers = true;
  __int128 integer_sum = 0;
  double sum = 0;
  Value best;  // min / max
};

struct Group {
  std::vector<Value> keys;
  std::vector<Accumulator> accumulators;
  std::vector<Value> bindings;  // of the group's first row, for ORDER BY
};

// One RETURN row and, for ORDER BY, the bindings it came from.
struct OutputRow {
  std::vector<Value> columns;
  std::vector<Value> bindings;
};

// The labels and relation types of each pattern, resolved once.
struct NodePlan {
  std::vector<EntityType> types;  // empty: any
  bool impossible = false;        // only unknown labels
  int slot = -1;
};
struct RelPlan {
  std::vector<Relation> relations;
  bool impossible = false;
  int slot = -1;
  int min_hops = 1, max_hops = 1;
};

// Runs one query: Plan() resolves variables to slots and checks names, then
// MatchClause() backtracks over the patterns clause by clause, Emit() projects
// or groups each complete match, and Sort() applies ORDER BY.
class Executor {
 public:
  Executor(const KnowledgeGraph& graph, const CypherQuery& query, const CypherOptions& options)
      : graph_(graph), g_(graph.storage()), query_(query), options_(options), evaluator_(graph) {}

  void Run(CypherResult* result) {
    Plan();
    row_.assign(slot_names_.size(), Value::Null());
    bound_.assign(slot_names_.size(), false);
    clause_matched_.assign(query_.matches.size(), false);
    MatchClause(0);
    if (aggregating_) FinishGroups();
    Sort();
    result->columns = columns_;
    size_t skip = static_cast<size_t>(std::min<int64_t>(query_.skip, output_.size()));
    size_t end = query_.limit < 0
                     ? output_.size()
                     : std::min(output_.size(), skip + static_cast<size_t>(query_.limit));
    for (size_t i = skip; i < end; ++i) result->rows.push_back(std::move(output_[i].columns));
    result->warnings = evaluator_.warnings();
  }

 private:
  // ---------------------------------------------------------------- planning

  int DeclareVariable(const std::string& name, char kind, size_t offset) {
    if (name.empty()) return -1;
    auto it = slot_of_.find(name);
    if (it != slot_of_.end()) {
      if (slot_kind_[it->second] != kind || kind == 'p') {
        Fail(offset, "variable '" + name + "' is already used for another " +
                         (slot_kind_[it->second] == 'n'   ? "node"
                          : slot_kind_[it->second] == 'r' ? "relationship"
                                                          : "path"));
      }
      return it->second;
    }
    int slot = static_cast<int>(slot_names_.size());
    slot_of_[name] = slot;
    slot_names_.push_back(name);
    slot_kind_.push_back(kind);
    return slot;
  }

  void PlanNode(const CypherNodePattern& node) {
    NodePlan plan;
    plan.slot = DeclareVariable(node.variable, 'n', node.offset);
    for (const std::string& label : node.labels) {
      if (auto t = ParseEntityType(label)) {
        plan.types.push_back(*t);
      } else {
        evaluator_.Warn("unknown label '" + label + "' (labels: " + JoinTypes() + ")");
      }
    }
    plan.impossible = !node.labels.empty() && plan.types.empty();
    for (const auto& [key, value] : node.properties) CheckExpr(*value, false);
    node_plans_[&node] = plan;
  }

  void PlanRel(const CypherRelPattern& rel, bool shortest) {
    RelPlan plan;
    plan.slot = DeclareVariable(rel.variable, 'r', rel.offset);
    for (const std::string& type : rel.types) {
      if (auto r = ParseRelation(type)) {
        plan.relations.push_back(*r);
      } else {
        evaluator_.Warn("unknown relation type '" + type + "' (relations: " + JoinRelations() +
                        ")");
      }
    }
    plan.impossible = !rel.types.empty() && plan.relations.empty();
    plan.min_hops = rel.variable_length ? rel.min_hops : 1;
    plan.max_hops = !rel.variable_length ? 1
                    : rel.max_hops >= 0  ? rel.max_hops
                    : shortest           ? -1
                                         : std::max(options_.max_hops, plan.min_hops);
    for (const auto& [key, value] : rel.properties) CheckExpr(*value, false);
    rel_plans_[&rel] = plan;
  }

  void Plan() {
    for (const CypherMatch& match : query_.matches) {
      size_t first_new_slot = slot_names_.size();
      for (const CypherPatternPart& part : match.patterns) {
        for (size_t i = 0; i < part.nodes.size(); ++i) {
          PlanNode(part.nodes[i]);
          if (i < part.rels.size()) PlanRel(part.rels[i], part.shortest);
        }
        path_slots_[&part] = DeclareVariable(part.path_variable, 'p', part.offset);
      }
      std::vector<int> new_slots;
      for (size_t s = first_new_slot; s < slot_names_.size(); ++s)
        new_slots.push_back(static_cast<int>(s));
      clause_new_slots_.push_back(std::move(new_slots));
      if (match.where) CheckExpr(*match.where, false);
    }
    PlanReturn();
  }

  void PlanReturn() {
    if (query_.return_star) {
      for (const std::string& name : slot_names_) {
        auto e = std::make_unique<CypherExpr>();
        e->kind = CypherExpr::Kind::kVariable;
        e->name = name;
        star_items_.push_back(std::move(e));
        items_.push_back(star_items_.back().get());
        columns_.push_back(name);
      }
      if (items_.empty() && query_.items.empty())
        Fail(0, "RETURN * needs at least one named variable");
    }
    for (const CypherReturnItem& item : query_.items) {
      CheckExpr(*item.expr, true);
      if (std::find(columns_.begin(), columns_.end(), item.column) != columns_.end()) {
        Fail(item.expr->begin, "column '" + item.column + "' appears twice; name one with AS");
      }
      items_.push_back(item.expr.get());
      columns_.push_back(item.column);
    }
    for (const CypherExpr* item : items_) {
      bool aggregate = ContainsAggregate(*item);
      item_is_aggregate_.push_back(aggregate);
      if (aggregate) {
        aggregating_ = true;
        CollectAggregates(*item);
      }
    }
    for (const CypherSortItem& sort : query_.order_by) {
      CheckExpr(*sort.expr, true, /*aliases=*/true);
      sort_column_.push_back(SortColumn(*sort.expr));
      if (sort_column_.back() < 0 && ContainsAggregate(*sort.expr)) {
        Fail(sort.expr->begin, "ORDER BY can sort on an aggregate only when RETURN has it too");
      }
    }
  }

  // The RETURN column that `expr` names (by alias, or the same expression), or -1.
  int SortColumn(const CypherExpr& expr) {
    for (size_t i = 0; i < items_.size(); ++i) {
      if (expr.kind == CypherExpr::Kind::kVariable && columns_[i] == expr.name)
        return static_cast<int>(i);
    }
    for (size_t i = 0; i < items_.size(); ++i) {
      if (SameExpr(expr, *items_[i])) return static_cast<int>(i);
    }
    return -1;
  }

  static bool SameExpr(const CypherExpr& a, const CypherExpr& b) {
    if (a.kind != b.kind || a.name != b.name || a.keys != b.keys || a.op != b.op ||
        a.distinct != b.distinct || a.star != b.star || a.args.size() != b.args.size() ||
        CypherValueKey(a.value) != CypherValueKey(b.value)) {
      return false;
    }
    for (size_t i = 0; i < a.args.size(); ++i) {
      if (!SameExpr(*a.args[i], *b.args[i])) return false;
    }
    return true;
  }

  void CollectAggregates(const CypherExpr& expr) {
    if (expr.kind == CypherExpr::Kind::kFunction && IsAggregateFunction(expr.name)) {
      for (const CypherExprPtr& a : expr.args) {
        if (ContainsAggregate(*a)) Fail(a->begin, "an aggregate cannot contain another aggregate");
      }
      aggregate_calls_.push_back(&expr);
      return;
    }
    for (const CypherExprPtr& a : expr.args) CollectAggregates(*a);
  }

  // Checks variables and function calls before anything runs, so that a typo
  // is reported even when no row would reach it.
  void CheckExpr(const CypherExpr& expr, bool aggregates_allowed, bool aliases = false) {
    if (expr.kind == CypherExpr::Kind::kVariable) {
      bool known =
          slot_of_.count(expr.name) > 0 ||
          (aliases && std::find(columns_.begin(), columns_.end(), expr.name) != columns_.end());
      if (!known) Fail(expr.begin, "unknown variable '" + expr.name + "'");
    }
    if (expr.kind == CypherExpr::Kind::kFunction) {
      std::string problem = CheckFunctionCall(expr);
      if (!problem.empty()) Fail(expr.begin, problem);
      if (IsAggregateFunction(expr.name) && !aggregates_allowed) {
        Fail(expr.begin, expr.name + "() is allowed only in RETURN and ORDER BY");
      }
    }
    if (expr.kind == CypherExpr::Kind::kHasLabel && !ParseEntityType(expr.name)) {
      evaluator_.Warn("unknown label '" + expr.name + "' (labels: " + JoinTypes() + ")");
    }
    for (const CypherExprPtr& a : expr.args) CheckExpr(*a, aggregates_allowed, aliases);
  }

  // ---------------------------------------------------------------- matching

  CypherScope RowScope() const {
    CypherScope scope;
    scope.slots = &slot_of_;
    scope.values = &row_;
    return scope;
  }

  bool IsTrue(const CypherExpr& expr) {
    Value v = evaluator_.Evaluate(expr, RowScope());
    return v.kind == ValueKind::kBool && v.boolean;
  }

  void CountStep(size_t offset) {
    if (++steps_ > options_.max_steps) {
      Fail(offset, "the query examined more than " + std::to_string(options_.max_steps) +
                       " relationships and was stopped; narrow the pattern (labels, {name: ...}, "
                       "relation types, fewer hops) or add LIMIT");
    }
  }

  void Bind(int slot, Value value) {
    row_[slot] = std::move(value);
    bound_[slot] = true;
  }
  void Unbind(int slot) {
    row_[slot] = Value::Null();
    bound_[slot] = false;
  }

  bool PropertiesMatch(const CypherProperties& properties, const Value& value) {
    for (const auto& [key, expected_expr] : properties) {
      Value expected = evaluator_.Evaluate(*expected_expr, RowScope());
      Value actual = value.kind == ValueKind::kNode
                         ? evaluator_.NodeProperty(value.vertex, key)
                         : evaluator_.RelationshipProperty(value.edge, key);
      if (CypherEquals(actual, expected) != true) return false;
    }
    return true;
  }

  bool NodeMatches(const CypherNodePattern& node, const NodePlan& plan, Vertex v) {
    if (plan.impossible) return false;
    if (!plan.types.empty() &&
        std::find(plan.types.begin(), plan.types.end(), g_[v].type) == plan.types.end()) {
      return false;
    }
    return PropertiesMatch(node.properties, Value::Node(v));
  }

  // Binds the node pattern to `v` if it matches; returns false if not. Sets
  // *bound_slot to the slot to unbind afterwards, or -1.
  bool TryNode(const CypherNodePattern& node, Vertex v, int* bound_slot) {
    const NodePlan& plan = node_plans_.at(&node);
    *bound_slot = -1;
    if (plan.slot >= 0 && bound_[plan.slot]) {
      const Value& current = row_[plan.slot];
      return current.kind == ValueKind::kNode && current.vertex == v && NodeMatches(node, plan, v);
    }
    if (!NodeMatches(node, plan, v)) return false;
    if (plan.slot >= 0) {
      Bind(plan.slot, Value::Node(v));
      *bound_slot = plan.slot;
    }
    return true;
  }

  // The vertices the first node of a pattern can take, in vertex order.
  std::vector<Vertex> StartCandidates(const CypherNodePattern& node) {
    const NodePlan& plan = node_plans_.at(&node);
    if (plan.impossible) return {};
    if (plan.slot >= 0 && bound_[plan.slot]) {
      const Value& current = row_[plan.slot];
      if (current.kind != ValueKind::kNode) return {};
      return {current.vertex};
    }
    for (const auto& [key, value] : node.properties) {
      if (key != "id") continue;
      Value id = evaluator_.Evaluate(*value, RowScope());
      if (id.kind != ValueKind::kString) return {};
      auto v = graph_.FindById(id.string);
      if (!v) return {};
      return {*v};
    }
    std::vector<Vertex> all;
    all.reserve(boost::num_vertices(g_));
    for (Vertex v = 0; v < boost::num_vertices(g_); ++v) all.push_back(v);
    return all;
  }

  bool EdgeMatches(const CypherRelPattern& rel, const RelPlan& plan, const Edge& e) {
    if (plan.impossible) return false;
    if (!plan.relations.empty() && std::find(plan.relations.begin(), plan.relations.end(),
                                             g_[e].relation) == plan.relations.end()) {
      return false;
    }
    if (std::find(used_edges_.begin(), used_edges_.end(), e) != used_edges_.end()) return false;
    return rel.properties.empty() || PropertiesMatch(rel.properties, Value::Relationship(e));
  }

  // Calls visit(edge, other end) for each relationship at `v` in `direction`,
  // outgoing before incoming; stops when visit returns false.
  template <typename Visit>
  bool ForEachNeighbor(Vertex v, CypherDirection direction, size_t offset, Visit visit) {
    if (direction != CypherDirection::kIncoming) {
      for (auto [it, end] = boost::out_edges(v, g_); it != end; ++it) {
        CountStep(offset);
        if (!visit(*it, boost::target(*it, g_))) return false;
      }
    }
    if (direction != CypherDirection::kOutgoing) {
      for (auto [it, end] = boost::in_edges(v, g_); it != end; ++it) {
        CountStep(offset);
        if (!visit(*it, boost::source(*it, g_))) return false;
      }
    }
    return true;
  }

  // Runs clause `ci` and, for each of its matches, the clauses after it.
  // Returns false once no more rows are wanted.
  bool MatchClause(size_t ci) {
    if (ci == query_.matches.size()) return Emit();
    const CypherMatch& match = query_.matches[ci];
    // A relationship is used at most once per MATCH, not across MATCHes.
    std::vector<Edge> used_by_earlier_clauses;
    used_edges_.swap(used_by_earlier_clauses);
    clause_matched_[ci] = false;
    bool more = MatchPart(ci, 0);
    used_edges_.swap(used_by_earlier_clauses);
    if (!more || !match.optional || clause_matched_[ci]) return more;
    // OPTIONAL MATCH found nothing: its new variables are null.
    for (int slot : clause_new_slots_[ci]) Bind(slot, Value::Null());
    more = MatchClause(ci + 1);
    for (int slot : clause_new_slots_[ci]) Unbind(slot);
    return more;
  }

  struct Trace {
    std::vector<Vertex> nodes;
    std::vector<Edge> edges;
  };

  bool MatchPart(size_t ci, size_t pi) {
    const CypherMatch& match = query_.matches[ci];
    if (pi == match.patterns.size()) {
      if (match.where && !IsTrue(*match.where)) return true;
      clause_matched_[ci] = true;
      return MatchClause(ci + 1);
    }
    const CypherPatternPart& part = match.patterns[pi];
    if (part.shortest) return MatchShortest(ci, pi);
    for (Vertex v : StartCandidates(part.nodes[0])) {
      int slot;
      if (!TryNode(part.nodes[0], v, &slot)) continue;
      Trace trace{{v}, {}};
      bool more = Extend(ci, pi, 0, &trace);
      if (slot >= 0) Unbind(slot);
      if (!more) return false;
    }
    return true;
  }

  // The pattern part is matched up to nodes[i] (trace.nodes.back()); matches
  // rels[i] and what follows.
  bool Extend(size_t ci, size_t pi, size_t i, Trace* trace) {
    const CypherPatternPart& part = query_.matches[ci].patterns[pi];
    if (i == part.rels.size()) return FinishPart(ci, pi, *trace);
    const CypherRelPattern& rel = part.rels[i];
    const RelPlan& plan = rel_plans_.at(&rel);
    if (plan.impossible) return true;
    if (rel.variable_length) return ExtendVariable(ci, pi, i, trace, trace->nodes.size() - 1, 0);
    Vertex from = trace->nodes.back();
    return ForEachNeighbor(from, rel.direction, rel.offset, [&](const Edge& e, Vertex to) {
      if (!EdgeMatches(rel, plan, e)) return true;
      if (plan.slot >= 0 && bound_[plan.slot]) {
        const Value& current = row_[plan.slot];
        if (current.kind != ValueKind::kRelationship || !(current.edge == e)) return true;
      }
      int node_slot;
      if (!TryNode(part.nodes[i + 1], to, &node_slot)) return true;
      bool bind_rel = plan.slot >= 0 && !bound_[plan.slot];
      if (bind_rel) Bind(plan.slot, Value::Relationship(e));
      used_edges_.push_back(e);
      trace->nodes.push_back(to);
      trace->edges.push_back(e);
      bool more = Extend(ci, pi, i + 1, trace);
      trace->nodes.pop_back();
      trace->edges.pop_back();
      used_edges_.pop_back();
      if (bind_rel) Unbind(plan.slot);
      if (node_slot >= 0) Unbind(node_slot);
      return more;
    });
  }

  // Depth-first over paths of rels[i] that started at trace->nodes[start]
  // and have taken `depth` hops so far.
  bool ExtendVariable(size_t ci, size_t pi, size_t i, Trace* trace, size_t start, int depth) {
    const CypherPatternPart& part = query_.matches[ci].patterns[pi];
    const CypherRelPattern& rel = part.rels[i];
    const RelPlan& plan = rel_plans_.at(&rel);
    Vertex at = trace->nodes.back();
    if (depth >= plan.min_hops) {
      int node_slot;
      if (TryNode(part.nodes[i + 1], at, &node_slot)) {
        std::vector<Value> edges;
        // Building the list costs like examining its relationships again.
        for (size_t k = start; plan.slot >= 0 && k < trace->edges.size(); ++k) {
          CountStep(rel.offset);
          edges.push_back(Value::Relationship(trace->edges[k]));
        }
        bool bind_rel = plan.slot >= 0 && !bound_[plan.slot];
        bool ok = true;
        if (plan.slot >= 0 && !bind_rel) {
          ok = CypherEquals(row_[plan.slot], Value::List(edges)) == true;
        }
        bool more = true;
        if (ok) {
          if (bind_rel) Bind(plan.slot, Value::List(std::move(edges)));
          more = Extend(ci, pi, i + 1, trace);
          if (bind_rel) Unbind(plan.slot);
        }
        if (node_slot >= 0) Unbind(node_slot);
        if (!more) return false;
      }
    }
    if (depth >= plan.max_hops) return true;
    return ForEachNeighbor(at, rel.direction, rel.offset, [&](const Edge& e, Vertex to) {
      if (!EdgeMatches(rel, plan, e)) return true;
      used_edges_.push_back(e);
      trace->nodes.push_back(to);
      trace->edges.push_back(e);
      bool more = ExtendVariable(ci, pi, i, trace, start, depth + 1);
      trace->nodes.pop_back();
      trace->edges.pop_back();
      used_edges_.pop_back();
      return more;
    });
  }

  bool FinishPart(size_t ci, size_t pi, const Trace& trace) {
    int slot = path_slots_.at(&query_.matches[ci].patterns[pi]);
    if (slot < 0) return MatchPart(ci, pi + 1);
    Bind(slot, Value::Path(trace.nodes, trace.edges));
    bool more = MatchPart(ci, pi + 1);
    Unbind(slot);
    return more;
  }

  // shortestPath((a)-[...]-(b)): a breadth-first search from each start,
  // taking at each vertex the first way found (adjacency order).
  bool MatchShortest(size_t ci, size_t pi) {
    const CypherPatternPart& part = query_.matches[ci].patterns[pi];
    const CypherRelPattern& rel = part.rels[0];
    const RelPlan& plan = rel_plans_.at(&rel);
    if (plan.impossible) return true;
    const size_t n = boost::num_vertices(g_);
    for (Vertex a : StartCandidates(part.nodes[0])) {
      int a_slot;
      if (!TryNode(part.nodes[0], a, &a_slot)) continue;
      std::vector<int> depth(n, -1);
      std::vector<Edge> parent(n);
      std::vector<Vertex> reached{a};
      depth[a] = 0;
      for (size_t head = 0; head < reached.size(); ++head) {
        Vertex u = reached[head];
        if (plan.max_hops >= 0 && depth[u] >= plan.max_hops) continue;
        ForEachNeighbor(u, rel.direction, rel.offset, [&](const Edge& e, Vertex w) {
          if (depth[w] < 0 && EdgeMatches(rel, plan, e)) {
            depth[w] = depth[u] + 1;
            parent[w] = e;
            reached.push_back(w);
          }
          return true;
        });
      }
      std::sort(reached.begin(), reached.end());
      bool more = true;
      for (Vertex b : reached) {
        if (depth[b] < plan.min_hops) continue;
        more = ShortestTo(ci, pi, a, b, parent);
        if (!more) break;
      }
      if (a_slot >= 0) Unbind(a_slot);
      if (!more) return false;
    }
    return true;
  }

  bool ShortestTo(size_t ci, size_t pi, Vertex a, Vertex b, const std::vector<Edge>& parent) {
    const CypherPatternPart& part = query_.matches[ci].patterns[pi];
    const RelPlan& plan = rel_plans_.at(&part.rels[0]);
    int b_slot;
    if (!TryNode(part.nodes[1], b, &b_slot)) return true;
    Trace trace;
    for (Vertex v = b; v != a;) {
      const Edge& e = parent[v];
      trace.nodes.push_back(v);
      trace.edges.push_back(e);
      v = boost::source(e, g_) == v ? boost::target(e, g_) : boost::source(e, g_);
    }
    trace.nodes.push_back(a);
    std::reverse(trace.nodes.begin(), trace.nodes.end());
    std::reverse(trace.edges.begin(), trace.edges.end());
    bool more = true;
    std::vector<Value> edges;
    for (const Edge& e : trace.edges) edges.push_back(Value::Relationship(e));
    bool bind_rel = plan.slot >= 0 && !bound_[plan.slot];
    if (plan.slot < 0 || bind_rel || CypherEquals(row_[plan.slot], Value::List(edges)) == true) {
      if (bind_rel) Bind(plan.slot, Value::List(std::move(edges)));
      more = FinishPart(ci, pi, trace);
      if (bind_rel) Unbind(plan.slot);
    }
    if (b_slot >= 0) Unbind(b_slot);
    return more;
  }

  // ---------------------------------------------------------------- output

  // Takes one complete match. Returns false when no more rows are needed.
  bool Emit() {
    CypherScope scope = RowScope();
    if (aggregating_) {
      std::vector<Value> keys;
      std::string key;
      for (size_t i = 0; i < items_.size(); ++i) {
        if (item_is_aggregate_[i]) continue;
        keys.push_back(evaluator_.Evaluate(*items_[i], scope));
        key += CypherValueKey(keys.back()) + "|";
      }
      auto [it, inserted] = group_of_.emplace(key, groups_.size());
      if (inserted) {
        groups_.push_back(
            {std::move(keys), std::vector<Accumulator>(aggregate_calls_.size()), row_});
      }
      Group& group = groups_[it->second];
      for (size_t k = 0; k < aggregate_calls_.size(); ++k) {
        Accumulate(*aggregate_calls_[k], scope, &group.accumulators[k]);
      }
      return true;
    }
    OutputRow out;
    for (const CypherExpr* item : items_) out.columns.push_back(evaluator_.Evaluate(*item, scope));
    if (query_.distinct) {
      std::string key;
      for (const Value& v : out.columns) key += CypherValueKey(v) + "|";
      if (!distinct_seen_.insert(key).second) return true;
    }
    if (!query_.order_by.empty()) out.bindings = row_;
    output_.push_back(std::move(out));
    if (output_.size() > options_.max_rows) {
      Fail(0, "the query gives more than " + std::to_string(options_.max_rows) +
                  " rows; add LIMIT or narrow the pattern");
    }
    // Without ORDER BY the first SKIP + LIMIT rows are the answer.
    bool enough =
        query_.order_by.empty() && query_.limit >= 0 &&
        output_.size() >= static_cast<size_t>(query_.skip) + static_cast<size_t>(query_.limit);
    return !enough;
  }

  void Accumulate(const CypherExpr& call, const CypherScope& scope, Accumulator* acc) {
    if (call.star) {
      ++acc->count;
      return;
    }
    Value v = evaluator_.Evaluate(*call.args[0], scope);
    if (v.is_null()) return;
    if (call.distinct && !acc->seen.insert(CypherValueKey(v)).second) return;
    ++acc->count;
    const std::string& f = call.name;
    if (f == "collect") {
      acc->values.push_back(std::move(v));
    } else if (f == "sum" || f == "avg") {
      if (!v.is_number()) Fail(call.begin, f + "() needs numbers");
      if (v.kind == ValueKind::kInt) {
        acc->integer_sum += v.integer;
      } else {
        acc->all_integers = false;
      }
      acc->sum += v.number();
    } else if (f == "min" || f == "max") {
      int c = acc->best.is_null() ? 0 : CypherOrder(v, acc->best);
      if (acc->best.is_null() || (f == "min" ? c < 0 : c > 0)) acc->best = std::move(v);
    }
  }

  Value Finish(const CypherExpr& call, const Accumulator& acc) {
    const std::string& f = call.name;
    if (f == "count") return Value::Int(acc.count);
    if (f == "collect") return Value::List(acc.values);
    if (f == "min" || f == "max") return acc.best;
    if (f == "avg") return acc.count == 0 ? Value::Null() : Value::Float(acc.sum / acc.count);
    if (acc.all_integers && acc.integer_sum >= INT64_MIN && acc.integer_sum <= INT64_MAX) {
      return Value::Int(static_cast<int64_t>(acc.integer_sum));
    }
    return Value::Float(acc.sum);
  }

  void FinishGroups() {
    bool has_keys = std::find(item_is_aggregate_.begin(), item_is_aggregate_.end(), false) !=
                    item_is_aggregate_.end();
    // Aggregating nothing still gives one row (count 0) when there is no key.
    if (groups_.empty() && !has_keys) {
      groups_.push_back({{}, std::vector<Accumulator>(aggregate_calls_.size()), row_});
    }
    for (const Group& group : groups_) {
      Aggregates aggregates;
      for (size_t k = 0; k < aggregate_calls_.size(); ++k) {
        aggregates[aggregate_calls_[k]] = Finish(*aggregate_calls_[k], group.accumulators[k]);
      }
      CypherScope scope;
      scope.slots = &slot_of_;
      scope.values = &group.bindings;
      scope.aggregates = &aggregates;
      OutputRow out;
      size_t key = 0;
      for (size_t i = 0; i < items_.size(); ++i) {
        out.columns.push_back(item_is_aggregate_[i] ? evaluator_.Evaluate(*items_[i], scope)
                                                    : group.keys[key++]);
      }
      if (query_.distinct) {
        std::string k;
        for (const Value& v : out.columns) k += CypherValueKey(v) + "|";
        if (!distinct_seen_.insert(k).second) continue;
      }
      out.bindings = group.bindings;
      output_.push_back(std::move(out));
    }
  }

  void Sort() {
    if (query_.order_by.empty()) return;
    std::vector<std::vector<Value>> keys(output_.size());
    for (size_t r = 0; r < output_.size(); ++r) {
      CypherScope scope;
      scope.slots = &slot_of_;
      scope.values = &output_[r].bindings;
      scope.column_names = &columns_;
      scope.columns = &output_[r].columns;
      for (size_t s = 0; s < query_.order_by.size(); ++s) {
        keys[r].push_back(sort_column_[s] >= 0
                              ? output_[r].columns[sort_column_[s]]
                              : evaluator_.Evaluate(*query_.order_by[s].expr, scope));
      }
    }
    std::vector<size_t> order(output_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      for (size_t s = 0; s < query_.order_by.size(); ++s) {
        int c = CypherOrder(keys[a][s], keys[b][s]);
        if (c != 0) return query_.order_by[s].descending ? c > 0 : c < 0;
      }
      return false;
    });
    std::vector<OutputRow> sorted;
    sorted.reserve(output_.size());
    for (size_t i : order) sorted.push_back(std::move(output_[i]));
    output_ = std::move(sorted);
  }

  const KnowledgeGraph& graph_;
  const GraphStorage& g_;
  const CypherQuery& query_;
  const CypherOptions& options_;
  CypherEvaluator evaluator_;

  // Plan.
  std::unordered_map<std::string, int> slot_of_;
  std::vector<std::string> slot_names_;
  std::vector<char> slot_kind_;  // 'n' node, 'r' relationship, 'p' path
  std::unordered_map<const CypherNodePattern*, NodePlan> node_plans_;
  std::unordered_map<const CypherRelPattern*, RelPlan> rel_plans_;
  std::unordered_map<const CypherPatternPart*, int> path_slots_;
  std::vector<std::vector<int>> clause_new_slots_;
  std::vector<CypherExprPtr> star_items_;
  std::vector<const CypherExpr*> items_;
  std::vector<std::string> columns_;
  std::vector<bool> item_is_aggregate_;
  bool aggregating_ = false;
  std::vector<const CypherExpr*> aggregate_calls_;
  std::vector<int> sort_column_;

  // Matching state.
  std::vector<Value> row_;
  std::vector<bool> bound_;
  std::vector<bool> clause_matched_;
  std::vector<Edge> used_edges_;
  uint64_t steps_ = 0;

  // Output.
  std::vector<Group> groups_;
  std::unordered_map<std::string, size_t> group_of_;
  std::unordered_set<std::string> distinct_seen_;
  std::vector<OutputRow> output_;
};

}  // namespace

bool ExecuteCypher(const KnowledgeGraph& graph, const CypherQuery& query,
                   const CypherOptions& options, CypherResult* result, CypherError* error) {
  *result = CypherResult();
  Executor executor(graph, query, options);
  try {
    executor.Run(result);
  } catch (const CypherFailure& failure) {
    *error = failure.error;
    *result = CypherResult();
    return false;
  }
  return true;
}

bool RunCypher(const KnowledgeGraph& graph, std::string_view text, const CypherOptions& options,
               CypherResult* result, CypherError* error) {
  CypherQuery query;
  if (!ParseCypher(text, &query, error)) return false;
  return ExecuteCypher(graph, query, options, result, error);
}

}  // namespace kg
