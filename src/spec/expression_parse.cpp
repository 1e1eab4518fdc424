// Tokenizer, recursive-descent parser and kind checker for prediction expressions.
#include "spec/expression.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace icl {

namespace {

struct function_sig {
  const char* name;
  std::vector<expr_kind> args;
  expr_kind result;
  bool irrational;
  const char* help;
};

using K = expr_kind;
const std::vector<function_sig>& functions() {
  static const std::vector<function_sig> f = {
      {"sqrt", {K::scalar}, K::scalar, true, "square root"},
      {"exp", {K::scalar}, K::scalar, true, "exponential"},
      {"log", {K::scalar}, K::scalar, true, "natural logarithm"},
      {"abs", {K::scalar}, K::scalar, false, "absolute value"},
      {"min", {K::scalar, K::scalar}, K::scalar, false, "smaller of two scalars"},
      {"max", {K::scalar, K::scalar}, K::scalar, false, "larger of two scalars"},
      {"tr", {K::matrix}, K::scalar, false, "trace"},
      {"det", {K::matrix}, K::scalar, false, "determinant"},
      {"frob", {K::matrix}, K::scalar, true, "Frobenius norm (tr AᵀA)^(1/2)"},
      {"eig_min", {K::matrix}, K::scalar, true, "smallest eigenvalue of a symmetric matrix"},
      {"eig_max", {K::matrix}, K::scalar, true, "largest eigenvalue of a symmetric matrix"},
      {"inv", {K::matrix}, K::matrix, false, "inverse"},
      {"transpose", {K::matrix}, K::matrix, false, "transpose"},
      {"diag", {K::matrix}, K::matrix, false, "the diagonal part (off-diagonal entries set to 0)"},
  };
  return f;
}

const char* kind_name(K k) { return k == K::scalar ? "a scalar" : "a d×d matrix"; }

struct token {
  enum class type { number, name, op, end } t;
  std::string text;
  int column;
};

std::vector<token> tokenize(const std::string& s) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    const int col = static_cast<int>(i) + 1;
    if (std::isspace(ch)) {
      ++i;
    } else if (std::isdigit(ch) || (ch == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      std::size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
          j = k;
          while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        }
      }
      const std::string lit = s.substr(i, j - i);
      if (std::count(lit.begin(), lit.end(), '.') > 1) throw expression_error(col, lit, "malformed number");
      // Exact rationals of 1e999999 would take megabytes; no floating type here reaches past 1e±400000.
      const auto e = lit.find_first_of("eE");
      const std::size_t sign = e != std::string::npos && e + 1 < lit.size() && (lit[e + 1] == '+' || lit[e + 1] == '-');
      if (e != std::string::npos && lit.size() - e - 1 - sign > 4)
        throw expression_error(col, lit, "exponent out of range (at most 4 digits)");
      out.push_back({token::type::number, lit, col});
      i = j;
    } else if (std::isalpha(ch) || ch == '_') {
      std::size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      out.push_back({token::type::name, s.substr(i, j - i), col});
      i = j;
    } else if (std::string("+-*/^()[],").find(static_cast<char>(ch)) != std::string::npos) {
      out.push_back({token::type::op, std::string(1, static_cast<char>(ch)), col});
      ++i;
    } else {
      // A whole UTF-8 character, so the message shows what the user typed.
      std::size_t j = i + 1;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      throw expression_error(col, s.substr(i, j - i),
                             "unexpected character (write Greek letters by name: Lambda, lambda, sigma)");
    }
  }
  out.push_back({token::type::end, "", static_cast<int>(s.size()) + 1});
  return out;
}

struct parser {
  const std::vector<token>& toks;
  expression_scope scope;
  std::set<std::string> bound;  // sum indices in force
  expression* out;
  std::size_t pos = 0;
  int depth = 0;

  const token& peek() const { return toks[pos]; }
  bool is_op(const char* s) const { return peek().t == token::type::op && peek().text == s; }
  [[noreturn]] void fail(const token& t, const std::string& what) const {
    throw expression_error(t.column, t.text.empty() ? "end of expression" : t.text, what);
  }
  void expect(const char* s) {
    if (!is_op(s)) fail(peek(), fmt::format("expected '{}'", s));
    ++pos;
  }

  expr_node parse_expr() {
    if (++depth > 200) fail(peek(), "expression nested too deeply");
    expr_node n = parse_term();
    while (is_op("+") || is_op("-")) {
      const token op = toks[pos++];
      expr_node r = parse_term();
      n = binary(op, op.text == "+" ? expr_node::op::add : expr_node::op::sub, std::move(n), std::move(r));
    }
    --depth;
    return n;
  }
  expr_node parse_term() {
    expr_node n = parse_unary();
    while (is_op("*") || is_op("/")) {
      const token op = toks[pos++];
      expr_node r = parse_unary();
      n = binary(op, op.text == "*" ? expr_node::op::mul : expr_node::op::div, std::move(n), std::move(r));
    }
    return n;
  }
  expr_node parse_unary() {
    if (is_op("-")) {
      if (++depth > 200) fail(peek(), "expression nested too deeply");
      const token op = toks[pos++];
      expr_node a = parse_unary();
      --depth;
      expr_node n{expr_node::op::neg, "-", {}, op.column, a.kind};
      n.args.push_back(std::move(a));
      return n;
    }
    return parse_power();
  }
  expr_node parse_power() {
    expr_node base = parse_postfix();
    if (!is_op("^")) return base;
    const token op = toks[pos++];
    if (++depth > 200) fail(op, "expression nested too deeply");
    expr_node e = parse_unary();
    --depth;
    if (e.kind != K::scalar) throw expression_error(e.column, "^", "an exponent must be a scalar");
    // A power has an exact rational value only when its exponent is an integer.
    if (base.kind == K::scalar && !integer_valued(e)) out->irrational = true;
    const bool integer_literal = e.o == expr_node::op::number && e.text.find_first_of(".eE") == std::string::npos;
    const bool neg_integer_literal = e.o == expr_node::op::neg && e.args[0].o == expr_node::op::number &&
                                     e.args[0].text.find_first_of(".eE") == std::string::npos;
    if (base.kind == K::matrix && !integer_literal && !neg_integer_literal)
      throw expression_error(op.column, "^", "a matrix power takes an integer literal exponent (A^2, A^-1)");
    expr_node n{expr_node::op::pow, "^", {}, op.column, base.kind};
    n.args.push_back(std::move(base));
    n.args.push_back(std::move(e));
    return n;
  }
  // True when the node is an integer for every instance: integer literals, d, N, M, sum indices,
  // and sums, differences, products and negations of those.
  bool integer_valued(const expr_node& n) const {
    switch (n.o) {
      case expr_node::op::number: return n.text.find_first_of(".eE") == std::string::npos;
      case expr_node::op::name: return n.text == "d" || n.text == "N" || n.text == "M" || bound.count(n.text) > 0;
      case expr_node::op::neg: return integer_valued(n.args[0]);
      case expr_node::op::add:
      case expr_node::op::sub:
      case expr_node::op::mul: return integer_valued(n.args[0]) && integer_valued(n.args[1]);
      default: return false;
    }
  }
  expr_node parse_postfix() {
    expr_node p = parse_primary();
    if (!is_op("[")) return p;
    const token br = toks[pos++];
    const bool vector = p.o == expr_node::op::name && scope.vectors.count(p.text);
    if (!vector && p.kind != K::matrix) fail(br, "only lambda[i] and matrices can be indexed");
    expr_node n{expr_node::op::index, p.text, {}, br.column, K::scalar};
    n.args.push_back(std::move(p));
    n.args.push_back(index_arg());
    if (is_op(",")) {
      ++pos;
      if (vector) fail(toks[pos - 1], "lambda takes one index: lambda[i]");
      n.args.push_back(index_arg());
    } else if (!vector) {
      fail(peek(), "a matrix entry takes two indices: A[i, j]");
    }
    expect("]");
    return n;
  }
  expr_node index_arg() {
    expr_node i = parse_expr();
    if (i.kind != K::scalar) throw expression_error(i.column, "[", "an index must be a scalar");
    return i;
  }
  expr_node parse_primary() {
    const token t = peek();
    if (t.t == token::type::number) {
      ++pos;
      return {expr_node::op::number, t.text, {}, t.column, K::scalar};
    }
    if (is_op("(")) {
      ++pos;
      expr_node n = parse_expr();
      expect(")");
      return n;
    }
    if (t.t != token::type::name) fail(t, t.t == token::type::end ? "expression ends too early" : "expected a number, a name or '('");
    ++pos;
    if (is_op("(")) return parse_call(t);
    return name(t);
  }
  expr_node name(const token& t) {
    if (bound.count(t.text)) return {expr_node::op::name, t.text, {}, t.column, K::scalar};
    if (scope.vectors.count(t.text)) {
      if (!is_op("[")) fail(t, "'" + t.text + "' is a vector of eigenvalues: index it, " + t.text + "[i], inside sum(i, ...)");
      out->uses.insert(t.text);
      return {expr_node::op::name, t.text, {}, t.column, K::scalar};
    }
    const auto it = scope.names.find(t.text);
    if (it == scope.names.end()) {
      for (const auto& f : functions())
        if (t.text == f.name) fail(t, "'" + t.text + "' is a function: write " + t.text + "(...)");
      std::string known;
      for (const auto& [k, v] : scope.names) known += (known.empty() ? "" : ", ") + k;
      for (const auto& k : scope.vectors) known += ", " + k + "[i]";
      fail(t, "unknown name '" + t.text + "' (known: " + known + ")");
    }
    out->uses.insert(t.text);
    if (t.text == "pi") out->irrational = true;
    return {expr_node::op::name, t.text, {}, t.column, it->second};
  }
  expr_node parse_call(const token& t) {
    expect("(");
    if (t.text == "sum") return parse_sum(t);
    const function_sig* sig = nullptr;
    for (const auto& f : functions())
      if (t.text == f.name) sig = &f;
    if (!sig) {
      std::string all = "sum";
      for (const auto& f : functions()) all += std::string(", ") + f.name;
      fail(t, "unknown function '" + t.text + "' (known: " + all + ")");
    }
    expr_node n{expr_node::op::call, t.text, {}, t.column, sig->result};
    if (!is_op(")"))
      for (;;) {
        n.args.push_back(parse_expr());
        if (!is_op(",")) break;
        ++pos;
      }
    if (n.args.size() != sig->args.size())
      fail(t, fmt::format("{} takes {} argument{}, not {}", t.text, sig->args.size(), sig->args.size() == 1 ? "" : "s",
                          n.args.size()));
    for (std::size_t k = 0; k < n.args.size(); ++k)
      if (n.args[k].kind != sig->args[k])
        throw expression_error(n.args[k].column, t.text,
                               fmt::format("{} takes {}, not {}", t.text, kind_name(sig->args[k]), kind_name(n.args[k].kind)));
    expect(")");
    if (sig->irrational) out->irrational = true;
    return n;
  }
  // sum(i, body) over i = 1..d, or sum(i, from, to, body).
  expr_node parse_sum(const token& t) {
    const token idx = peek();
    if (idx.t != token::type::name) fail(idx, "sum's first argument is the index name: sum(i, ...)");
    if (scope.names.count(idx.text) || scope.vectors.count(idx.text) || bound.count(idx.text))
      fail(idx, "the index '" + idx.text + "' hides a name already in use: pick another");
    ++pos;
    expect(",");
    expr_node n{expr_node::op::sum, idx.text, {}, t.column, K::scalar};
    std::vector<expr_node> parts;
    bound.insert(idx.text);
    for (;;) {
      parts.push_back(parse_expr());
      if (!is_op(",")) break;
      ++pos;
    }
    bound.erase(idx.text);
    expect(")");
    if (parts.size() != 1 && parts.size() != 3) fail(t, "sum(i, body) or sum(i, from, to, body)");
    for (std::size_t k = 0; k + 1 < parts.size(); ++k)
      if (parts[k].kind != K::scalar) throw expression_error(parts[k].column, "sum", "sum's bounds must be scalars");
    n.kind = parts.back().kind;
    n.args = std::move(parts);
    return n;
  }
  expr_node binary(const token& op, expr_node::op o, expr_node a, expr_node b) {
    const bool sa = a.kind == K::scalar, sb = b.kind == K::scalar;
    K k = K::scalar;
    if (o == expr_node::op::add || o == expr_node::op::sub) {
      if (sa != sb)
        fail(op, fmt::format("cannot {} {} and {} (write c*I for a multiple of the identity)",
                             o == expr_node::op::add ? "add" : "subtract", kind_name(a.kind), kind_name(b.kind)));
      k = a.kind;
    } else if (o == expr_node::op::mul) {
      k = sa && sb ? K::scalar : K::matrix;
    } else {  // div
      if (!sb) fail(op, "cannot divide by a matrix: multiply by inv(...)");
      k = a.kind;
    }
    expr_node n{o, op.text, {}, op.column, k};
    n.args.push_back(std::move(a));
    n.args.push_back(std::move(b));
    return n;
  }
};

}  // namespace

std::vector<std::pair<std::string, std::string>> expression_names() {
  return {{"d", "dimension of x"},
          {"N", "training prompt length"},
          {"M", "test prompt length (instances that give M)"},
          {"sigma", "initial scale σ (instances that give a number)"},
          {"c", "test scaling of a random covariance (scale)"},
          {"t", "flow time (in claims along a trajectory)"},
          {"Lambda", "the covariance Λ, d×d"},
          {"I", "the d×d identity"},
          {"lambda[i]", "eigenvalues of Λ, ascending, i = 1..d"},
          {"pi", "π"}};
}

std::vector<std::pair<std::string, std::string>> expression_functions() {
  std::vector<std::pair<std::string, std::string>> v;
  for (const auto& f : functions()) {
    std::string sig = std::string(f.name) + "(";
    for (std::size_t k = 0; k < f.args.size(); ++k) sig += (k ? ", " : "") + std::string(f.args[k] == K::scalar ? "s" : "A");
    v.push_back({sig + ")", f.help});
  }
  v.push_back({"sum(i, body)", "Σ over i = 1..d (i is bound inside body)"});
  v.push_back({"sum(i, a, b, body)", "Σ over i = a..b"});
  return v;
}

expression_scope default_scope() {
  expression_scope s;
  for (const char* n : {"d", "N", "M", "sigma", "c", "t", "pi"}) s.names[n] = K::scalar;
  for (const char* n : {"Lambda", "I"}) s.names[n] = K::matrix;
  s.vectors.insert("lambda");
  return s;
}

expression parse_expression(const std::string& text, const expression_scope& scope) {
  expression e;
  e.text = text;
  const auto toks = tokenize(text);
  parser p{toks, scope, {}, &e};
  e.root = p.parse_expr();
  if (p.peek().t != token::type::end) p.fail(p.peek(), "unexpected token after a complete expression");
  return e;
}

}  // namespace icl
