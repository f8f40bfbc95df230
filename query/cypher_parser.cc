#include "query/cypher_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "query/cypher_lexer.h"

namespace kg {
namespace {

using Kind = CypherExpr::Kind;
using TokenKind = CypherTokenKind;

// Thrown inside the parser only; ParseCypher turns it into a CypherError.
struct ParseFailure {
  CypherError error;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Words that end an expression or start a clause, and so cannot name a variable.
bool IsReserved(std::string_view word) {
  static constexpr std::array<std::string_view, 30> kReserved = {
      "MATCH",    "OPTIONAL", "WHERE",  "RETURN", "ORDER",     "BY",        "SKIP",   "LIMIT",
      "AND",      "OR",       "XOR",    "NOT",    "IN",        "IS",        "AS",     "DISTINCT",
      "CONTAINS", "STARTS",   "ENDS",   "WITH",   "ASC",       "DESC",      "CREATE", "DELETE",
      "SET",      "MERGE",    "UNWIND", "REMOVE", "ASCENDING", "DESCENDING"};
  return std::any_of(kReserved.begin(), kReserved.end(),
                     [&](std::string_view r) { return EqualsIgnoreCase(word, r); });
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<CypherToken> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  void ParseQuery(CypherQuery* query) {
    while (IsKeyword("MATCH") || IsKeyword("OPTIONAL")) query->matches.push_back(ParseMatch());
    if (!IsKeyword("RETURN")) {
      if (IsAnyKeyword({"CREATE", "DELETE", "SET", "MERGE", "REMOVE", "DETACH"})) {
        Fail("kg query is read-only: expected MATCH, OPTIONAL MATCH or RETURN");
      }
      if (IsAnyKeyword({"WITH", "UNWIND", "UNION", "CALL"})) {
        Fail("this subset has no " + Upper(Peek().text) + ": expected MATCH, OPTIONAL MATCH, " +
             (query->matches.empty() ? "" : "WHERE ") + "or RETURN");
      }
      Fail(query->matches.empty() ? "expected MATCH, OPTIONAL MATCH or RETURN"
                                  : "expected MATCH, OPTIONAL MATCH, WHERE or RETURN");
    }
    Next();
    ParseReturn(query);
    if (IsSymbol(";")) Next();
    if (Peek().kind != TokenKind::kEnd) Fail("expected ORDER BY, SKIP, LIMIT, ';' or the end");
  }

 private:
  // ---- tokens
  const CypherToken& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const CypherToken& Next() {
    const CypherToken& t = Peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  size_t PreviousEnd() const { return pos_ == 0 ? 0 : tokens_[pos_ - 1].end; }

  bool IsSymbol(std::string_view s, size_t ahead = 0) const {
    return Peek(ahead).kind == TokenKind::kSymbol && Peek(ahead).text == s;
  }
  bool IsKeyword(std::string_view word, size_t ahead = 0) const {
    return Peek(ahead).kind == TokenKind::kIdentifier && EqualsIgnoreCase(Peek(ahead).text, word);
  }
  bool IsAnyKeyword(std::initializer_list<std::string_view> words) const {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return IsKeyword(w); });
  }

  [[noreturn]] void Fail(const std::string& expected) const {
    throw ParseFailure{{expected + " but found " + DescribeToken(Peek()), Peek().offset}};
  }
  void ExpectSymbol(std::string_view s, const std::string& what = "") {
    if (!IsSymbol(s)) Fail("expected '" + std::string(s) + "'" + what);
    Next();
  }
  void ExpectKeyword(std::string_view word) {
    if (!IsKeyword(word)) Fail("expected " + std::string(word));
    Next();
  }
  std::string ExpectName(const std::string& what) {
    if (Peek().kind != TokenKind::kIdentifier) Fail("expected " + what);
    return Next().text;
  }
  std::string ExpectVariable() {
    if (Peek().kind != TokenKind::kIdentifier || IsReserved(Peek().text)) Fail("expected a name");
    return Next().text;
  }
  int64_t ExpectCount(const std::string& what) {
    if (Peek().kind != TokenKind::kInteger) Fail("expected " + what);
    int64_t value = 0;
    const std::string& digits = Peek().text;
    auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc()) Fail("expected a smaller number for " + what);
    Next();
    return value;
  }

  // ---- clauses
  CypherMatch ParseMatch() {
    CypherMatch match;
    match.offset = Peek().offset;
    if (IsKeyword("OPTIONAL")) {
      Next();
      match.optional = true;
    }
    ExpectKeyword("MATCH");
    match.patterns.push_back(ParsePatternPart());
    while (IsSymbol(",")) {
      Next();
      match.patterns.push_back(ParsePatternPart());
    }
    if (IsKeyword("WHERE")) {
      Next();
      match.where = ParseExpr();
    }
    return match;
  }

  void ParseReturn(CypherQuery* query) {
    if (IsKeyword("DISTINCT")) {
      Next();
      query->distinct = true;
    }
    if (IsSymbol("*")) {
      Next();
      query->return_star = true;
    } else {
      query->items.push_back(ParseReturnItem());
    }
    while (IsSymbol(",")) {
      Next();
      query->items.push_back(ParseReturnItem());
    }
    if (IsKeyword("ORDER")) {
      Next();
      ExpectKeyword("BY");
      do {
        if (!query->order_by.empty()) Next();
        CypherSortItem item;
        item.expr = ParseExpr();
        if (IsAnyKeyword({"DESC", "DESCENDING"})) {
          item.descending = true;
          Next();
        } else if (IsAnyKeyword({"ASC", "ASCENDING"})) {
          Next();
        }
        query->order_by.push_back(std::move(item));
      } while (IsSymbol(","));
    }
    if (IsKeyword("SKIP")) {
      Next();
      query->skip = ExpectCount("a whole number of rows to skip");
    }
    if (IsKeyword("LIMIT")) {
      Next();
      query->limit = ExpectCount("a whole number of rows");
    }
  }

  CypherReturnItem ParseReturnItem() {
    CypherReturnItem item;
    item.expr = ParseExpr();
    item.column = std::string(text_.substr(item.expr->begin, item.expr->end - item.expr->begin));
    if (IsKeyword("AS")) {
      Next();
      item.column = ExpectVariable();
    }
    return item;
  }

  // ---- patterns
  CypherPatternPart ParsePatternPart() {
    CypherPatternPart part;
    part.offset = Peek().offset;
    if (Peek().kind == TokenKind::kIdentifier && IsSymbol("=", 1)) {
      part.path_variable = ExpectVariable();
      Next();
    }
    if (IsKeyword("allShortestPaths")) Fail("allShortestPaths is not supported: expected '('");
    if (IsKeyword("shortestPath") && IsSymbol("(", 1)) {
      size_t at = Peek().offset;
      Next();
      Next();
      part.shortest = true;
      ParseChain(&part);
      ExpectSymbol(")", " closing shortestPath(");
      if (part.rels.size() != 1) {
        throw ParseFailure{
            {"shortestPath needs exactly one relationship, as in "
             "shortestPath((a)-[*..6]-(b))",
             at}};
      }
      CypherRelPattern& rel = part.rels[0];
      if (!rel.variable_length) rel.max_hops = 1;
      rel.variable_length = true;
      if (rel.min_hops > 1) {
        throw ParseFailure{{"shortestPath supports a lower bound of 0 or 1 only", rel.offset}};
      }
      return part;
    }
    ParseChain(&part);
    return part;
  }

  void ParseChain(CypherPatternPart* part) {
    part->nodes.push_back(ParseNode());
    while (IsSymbol("-") || (IsSymbol("<") && IsSymbol("-", 1))) {
      part->rels.push_back(ParseRel());
      part->nodes.push_back(ParseNode());
    }
  }

  CypherNodePattern ParseNode() {
    CypherNodePattern node;
    node.offset = Peek().offset;
    if (!IsSymbol("(")) Fail("expected '(' starting a node pattern");
    Next();
    if (Peek().kind == TokenKind::kIdentifier) node.variable = ExpectVariable();
    if (IsSymbol(":")) {
      do {
        Next();
        if (IsSymbol(":")) Next();
        node.labels.push_back(ExpectName("a label such as Agency or Policy"));
      } while (IsSymbol("|"));
    }
    if (IsSymbol("{")) node.properties = ParseProperties();
    if (!IsSymbol(")")) {
      Fail(node.labels.empty() && node.properties.empty() ? "expected ':', '{' or ')'"
                                                          : "expected ')'");
    }
    Next();
    return node;
  }

  CypherRelPattern ParseRel() {
    CypherRelPattern rel;
    rel.offset = Peek().offset;
    bool incoming = false;
    if (IsSymbol("<")) {
      Next();
      incoming = true;
    }
    ExpectSymbol("-");
    if (IsSymbol("[")) {
      Next();
      if (Peek().kind == TokenKind::kIdentifier) rel.variable = ExpectVariable();
      if (IsSymbol(":")) {
        do {
          Next();
          if (IsSymbol(":")) Next();
          rel.types.push_back(ExpectName("a relation such as issued or drafted"));
        } while (IsSymbol("|"));
      }
      if (IsSymbol("*")) ParseRange(&rel);
      if (IsSymbol("{")) rel.properties = ParseProperties();
      if (!IsSymbol("]")) Fail("expected ']'");
      Next();
    }
    if (!IsSymbol("-")) Fail("expected '-' or '->' ending the relationship");
    Next();
    bool outgoing = false;
    if (IsSymbol(">")) {
      Next();
      outgoing = true;
    }
    if (incoming && outgoing) {
      throw ParseFailure{
          {"a relationship cannot point both ways; use '-' for either way", rel.offset}};
    }
    rel.direction = incoming   ? CypherDirection::kIncoming
                    : outgoing ? CypherDirection::kOutgoing
                               : CypherDirection::kBoth;
    return rel;
  }

  // After '*': "" is 1 or more hops, "n" exactly n, "n.." n or more,
  // "..m" 1 to m, "n..m" n to m.
  void ParseRange(CypherRelPattern* rel) {
    Next();
    rel->variable_length = true;
    if (Peek().kind == TokenKind::kInteger) {
      rel->min_hops = rel->max_hops = ExpectHops();
    }
    if (IsSymbol("..")) {
      Next();
      rel->max_hops = Peek().kind == TokenKind::kInteger ? ExpectHops() : -1;
    }
    if (rel->max_hops != -1 && rel->max_hops < rel->min_hops) {
      throw ParseFailure{{"the upper bound of hops is below the lower bound", PreviousEnd() - 1}};
    }
  }

  int ExpectHops() {
    return static_cast<int>(std::min<int64_t>(ExpectCount("a number of hops"), 1000000));
  }

  CypherProperties ParseProperties() {
    CypherProperties properties;
    ExpectSymbol("{");
    if (!IsSymbol("}")) {
      while (true) {
        std::string key = ExpectName("a property name");
        ExpectSymbol(":");
        properties.emplace_back(std::move(key), ParseExpr());
        if (!IsSymbol(",")) break;
        Next();
      }
    }
    ExpectSymbol("}", " or ','");
    return properties;
  }

  // ---- expressions
  CypherExprPtr MakeOperator(CypherOp op, CypherExprPtr a, CypherExprPtr b = nullptr) {
    auto e = std::make_unique<CypherExpr>();
    e->kind = Kind::kOperator;
    e->op = op;
    e->begin = a->begin;
    e->end = b ? b->end : a->end;
    e->args.push_back(std::move(a));
    if (b) e->args.push_back(std::move(b));
    return e;
  }

  CypherExprPtr ParseExpr() { return ParseOr(); }

  CypherExprPtr NullLiteral() const {
    auto e = std::make_unique<CypherExpr>();
    e->begin = e->end = Peek().offset;
    return e;
  }

  CypherExprPtr ParseOr() {
    CypherExprPtr e = ParseXor();
    while (IsKeyword("OR")) {
      Next();
      e = MakeOperator(CypherOp::kOr, std::move(e), ParseXor());
    }
    return e;
  }

  CypherExprPtr ParseXor() {
    CypherExprPtr e = ParseAnd();
    while (IsKeyword("XOR")) {
      Next();
      e = MakeOperator(CypherOp::kXor, std::move(e), ParseAnd());
    }
    return e;
  }

  CypherExprPtr ParseAnd() {
    CypherExprPtr e = ParseNot();
    while (IsKeyword("AND")) {
      Next();
      e = MakeOperator(CypherOp::kAnd, std::move(e), ParseNot());
    }
    return e;
  }

  CypherExprPtr ParseNot() {
    if (!IsKeyword("NOT")) return ParseComparison();
    size_t begin = Next().offset;
    CypherExprPtr e = MakeOperator(CypherOp::kNot, ParseNot());
    e->begin = begin;
    return e;
  }

  CypherExprPtr ParseComparison() {
    static const std::pair<std::string_view, CypherOp> kOps[] = {
        {"=", CypherOp::kEq},  {"<>", CypherOp::kNe}, {"<", CypherOp::kLt},
        {"<=", CypherOp::kLe}, {">", CypherOp::kGt},  {">=", CypherOp::kGe}};
    CypherExprPtr e = ParsePredicate();
    while (true) {
      const auto* op = std::find_if(std::begin(kOps), std::end(kOps),
                                    [&](const auto& o) { return IsSymbol(o.first); });
      if (op == std::end(kOps)) return e;
      Next();
      e = MakeOperator(op->second, std::move(e), ParsePredicate());
    }
  }

  CypherExprPtr ParsePredicate() {
    CypherExprPtr e = ParseAdditive();
    while (true) {
      if (IsKeyword("IS")) {
        Next();
        bool negated = IsKeyword("NOT");
        if (negated) Next();
        if (!IsKeyword("NULL")) Fail(negated ? "expected NULL" : "expected NULL or NOT NULL");
        Next();
        e = MakeOperator(negated ? CypherOp::kIsNotNull : CypherOp::kIsNull, std::move(e));
        e->end = PreviousEnd();
      } else if (IsKeyword("IN")) {
        Next();
        e = MakeOperator(CypherOp::kIn, std::move(e), ParseAdditive());
      } else if (IsKeyword("CONTAINS")) {
        Next();
        e = MakeOperator(CypherOp::kContains, std::move(e), ParseAdditive());
      } else if (IsKeyword("STARTS") || IsKeyword("ENDS")) {
        CypherOp op = IsKeyword("STARTS") ? CypherOp::kStartsWith : CypherOp::kEndsWith;
        Next();
        ExpectKeyword("WITH");
        e = MakeOperator(op, std::move(e), ParseAdditive());
      } else if (IsSymbol("=~")) {
        Next();
        e = MakeOperator(CypherOp::kRegex, std::move(e), ParseAdditive());
      } else {
        return e;
      }
    }
  }

  CypherExprPtr ParseAdditive() {
    CypherExprPtr e = ParseMultiplicative();
    while (IsSymbol("+") || IsSymbol("-")) {
      CypherOp op = IsSymbol("+") ? CypherOp::kAdd : CypherOp::kSub;
      Next();
      e = MakeOperator(op, std::move(e), ParseMultiplicative());
    }
    return e;
  }

  CypherExprPtr ParseMultiplicative() {
    CypherExprPtr e = ParsePower();
    while (IsSymbol("*") || IsSymbol("/") || IsSymbol("%")) {
      CypherOp op = IsSymbol("*")   ? CypherOp::kMul
                    : IsSymbol("/") ? CypherOp::kDiv
                                    : CypherOp::kMod;
      Next();
      e = MakeOperator(op, std::move(e), ParsePower());
    }
    return e;
  }

  CypherExprPtr ParsePower() {
    CypherExprPtr e = ParseUnary();
    while (IsSymbol("^")) {
      Next();
      e = MakeOperator(CypherOp::kPow, std::move(e), ParseUnary());
    }
    return e;
  }

  CypherExprPtr ParseUnary() {
    if (IsSymbol("+")) {
      Next();
      return ParseUnary();
    }
    if (!IsSymbol("-")) return ParsePostfix();
    size_t begin = Next().offset;
    CypherExprPtr e = MakeOperator(CypherOp::kNeg, ParseUnary());
    e->begin = begin;
    return e;
  }

  CypherExprPtr ParsePostfix() {
    CypherExprPtr e = ParseAtom();
    while (true) {
      if (IsSymbol(".")) {
        Next();
        auto p = std::make_unique<CypherExpr>();
        p->kind = Kind::kProperty;
        p->name = ExpectName("a property name such as name or id");
        p->begin = e->begin;
        p->end = PreviousEnd();
        p->args.push_back(std::move(e));
        e = std::move(p);
      } else if (IsSymbol("[")) {
        Next();
        auto p = std::make_unique<CypherExpr>();
        p->kind = Kind::kIndex;
        p->begin = e->begin;
        p->args.push_back(std::move(e));
        p->args.push_back(IsSymbol("..") ? NullLiteral() : ParseExpr());
        if (IsSymbol("..")) {
          Next();
          p->kind = Kind::kSlice;
          p->args.push_back(IsSymbol("]") ? NullLiteral() : ParseExpr());
        }
        ExpectSymbol("]", p->kind == Kind::kIndex ? " or '..'" : "");
        p->end = PreviousEnd();
        e = std::move(p);
      } else if (IsSymbol(":") && e->kind == Kind::kVariable) {
        Next();
        auto p = std::make_unique<CypherExpr>();
        p->kind = Kind::kHasLabel;
        p->name = ExpectName("a label such as Agency or Policy");
        p->begin = e->begin;
        p->end = PreviousEnd();
        p->args.push_back(std::move(e));
        e = std::move(p);
      } else {
        return e;
      }
    }
  }

  CypherExprPtr ParseAtom() {
    auto e = std::make_unique<CypherExpr>();
    const CypherToken& t = Peek();
    e->begin = t.offset;
    switch (t.kind) {
      case TokenKind::kString:
        e->value = CypherValue::String(t.text);
        Next();
        break;
      case TokenKind::kInteger: {
        int64_t value = 0;
        auto result = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
        if (result.ec != std::errc()) Fail("expected a smaller integer");
        e->value = CypherValue::Int(value);
        Next();
        break;
      }
      case TokenKind::kFloat:
        e->value = CypherValue::Float(std::strtod(t.text.c_str(), nullptr));
        Next();
        break;
      case TokenKind::kSymbol:
        if (t.text == "(") {
          Next();
          e = ParseExpr();
          ExpectSymbol(")");
          e->begin = t.offset;  // the column name keeps the parentheses
          e->end = PreviousEnd();
          return e;
        }
        if (t.text == "[") {
          ParseList(e.get());
        } else if (t.text == "{") {
          ParseMap(e.get());
        } else {
          Fail("expected an expression");
        }
        break;
      case TokenKind::kIdentifier:
        ParseNameAtom(e.get());
        break;
      case TokenKind::kEnd:
        Fail("expected an expression");
    }
    e->end = PreviousEnd();
    return e;
  }

  void ParseList(CypherExpr* e) {
    e->kind = Kind::kList;
    Next();
    if (!IsSymbol("]")) {
      e->args.push_back(ParseExpr());
      while (IsSymbol(",")) {
        Next();
        e->args.push_back(ParseExpr());
      }
    }
    ExpectSymbol("]", " or ','");
  }

  void ParseMap(CypherExpr* e) {
    e->kind = Kind::kMap;
    for (auto& [key, value] : ParseProperties()) {
      e->keys.push_back(key);
      e->args.push_back(std::move(value));
    }
  }

  void ParseNameAtom(CypherExpr* e) {
    const CypherToken& t = Peek();
    if (IsKeyword("TRUE") || IsKeyword("FALSE")) {
      e->value = CypherValue::Bool(IsKeyword("TRUE"));
      Next();
      return;
    }
    if (IsKeyword("NULL")) {
      Next();
      return;
    }
    if (IsSymbol("(", 1)) {
      e->kind = Kind::kFunction;
      e->name = Lower(t.text);
      Next();
      Next();
      if (IsSymbol("*") && e->name == "count") {
        Next();
        e->star = true;
      } else if (!IsSymbol(")")) {
        if (IsKeyword("DISTINCT")) {
          Next();
          e->distinct = true;
        }
        e->args.push_back(ParseExpr());
        while (IsSymbol(",")) {
          Next();
          e->args.push_back(ParseExpr());
        }
      }
      ExpectSymbol(")", " or ','");
      return;
    }
    if (IsReserved(t.text)) Fail("expected an expression");
    e->kind = Kind::kVariable;
    e->name = t.text;
    Next();
  }

  std::string_view text_;
  std::vector<CypherToken> tokens_;
  size_t pos_ = 0;
};

}  // namespace

bool ParseCypher(std::string_view text, CypherQuery* query, CypherError* error) {
  std::vector<CypherToken> tokens;
  if (!TokenizeCypher(text, &tokens, error)) return false;
  *query = CypherQuery();
  try {
    Parser(text, std::move(tokens)).ParseQuery(query);
  } catch (const ParseFailure& failure) {
    *error = failure.error;
    return false;
  }
  return true;
}

}  // namespace kg
