#include "theory/expression_eval.hpp"

#include <boost/math/constants/constants.hpp>
#include <fmt/format.h>

#include "core/instantiate.hpp"

namespace icl {

namespace {

template <class T> constexpr bool is_exact = std::is_same_v<T, rational>;

template <class I> unsigned long msb_or_zero(const I& v) { return v == 0 ? 0 : msb(abs(v)); }

template <class T> struct evaluator {
  const expr_env<T>& env;
  std::map<std::string, T> bound;                   // sum indices in force
  std::map<std::string, expr_value<T>> defined;     // [define] values, computed once
  int d = 0;
  long* steps;  // nodes evaluated so far, shared with the evaluators of definitions
  static constexpr long max_power = 10000;
  static constexpr long max_steps = 2000000;

  [[noreturn]] static void fail(const expr_node& n, const std::string& what) {
    throw expression_error(n.column, n.text, what);
  }
  static expr_value<T> scalar(T v) { return {false, std::move(v), {}}; }
  static expr_value<T> matrix(mat<T> m) { return {true, T(0), std::move(m)}; }

  void irrational(const expr_node& n) const {
    if constexpr (is_exact<T>) fail(n, "'" + n.text + "' has no exact rational value: this claim needs a floating type");
  }
  // Indices, bounds and exponents: integers of at most 1e9 in magnitude (beyond that no sum or
  // power here could finish, and the conversion to long would overflow).
  long integer_of(const expr_node& n, const T& v) const {
    using std::abs;
    if constexpr (is_exact<T>) {
      if (denominator(v) != 1) fail(n, "expected an integer, got " + to_string(v));
      if (abs(v) > 1000000000) fail(n, "integer out of range (|k| <= 1e9): " + to_string(v));
      return numerator(v).template convert_to<long>();
    } else {
      using std::round;
      const T r = round(v);
      if (r != v) fail(n, "expected an integer, got " + full(v));
      if (abs(r) > T(1000000000)) fail(n, "integer out of range (|k| <= 1e9): " + full(v));
      return static_cast<long>(r);
    }
  }
  T literal(const expr_node& n) const {
    try {
      if constexpr (is_exact<T>) return parse_rational(n.text);
      else return parse<T>(n.text);
    } catch (const std::exception&) {  // std::stod's out_of_range for 1e-400 in double, say
      fail(n, "the number " + n.text + " is out of the range of this scalar type");
    }
  }
  mat<T> inverse(const expr_node& n, const mat<T>& m) const {
    // Exact elimination over the rationals; partial pivoting in floating types. Singular: refuse.
    const Eigen::FullPivLU<mat<T>> lu(m);
    if (!lu.isInvertible()) fail(n, "inv of a singular matrix");
    return lu.inverse();
  }
  T power(const expr_node& n, const T& base, const T& ex) const {
    if constexpr (is_exact<T>) {
      const long k = integer_of(n.args[1], ex);
      if (k < 0 && base == 0) fail(n, "0 to a negative power");
      if (k > max_power || k < -max_power) fail(n, "exact powers are limited to |k| <= 10000");
      // The result has about |k| times the base's bits: refuse numbers past a million bits.
      const double bits = static_cast<double>(msb_or_zero(numerator(base)) + msb_or_zero(denominator(base)) + 2);
      if (bits * static_cast<double>(k < 0 ? -k : k) > 1e6) fail(n, "the exact power would exceed a million bits");
      count(n, k < 0 ? -k : k);
      rational r = 1;
      for (long i = 0; i < (k < 0 ? -k : k); ++i) r *= base;
      return k < 0 ? rational(1) / r : r;
    } else {
      using std::pow;
      return pow(base, ex);
    }
  }

  expr_value<T> name(const expr_node& n) {
    if (auto it = bound.find(n.text); it != bound.end()) return scalar(it->second);
    if (auto it = env.scalars.find(n.text); it != env.scalars.end()) return scalar(it->second);
    if (auto it = env.matrices.find(n.text); it != env.matrices.end()) return matrix(it->second);
    if (n.text == "pi") {
      irrational(n);
      if constexpr (!is_exact<T>) return scalar(boost::math::constants::pi<T>());
    }
    if (auto it = defined.find(n.text); it != defined.end()) return it->second;
    for (const auto& [k, e] : env.defines)
      if (k == n.text) return defined[k] = evaluator<T>{env, {}, defined, d, steps}.run(e->root);
    fail(n, "'" + n.text + "' is not given for this instance");
  }
  expr_value<T> index(const expr_node& n) {
    const long i = integer_of(n.args[1], run(n.args[1]).s);
    if (n.args.size() == 2) {  // lambda[i]
      if (env.lambda.size() == 0) fail(n, "the eigenvalues of a non-diagonal Λ have no exact value");
      if (i < 1 || i > env.lambda.size()) fail(n.args[1], fmt::format("index {} outside 1..{}", i, env.lambda.size()));
      return scalar(env.lambda(i - 1));
    }
    const mat<T> m = run(n.args[0]).m;
    const long j = integer_of(n.args[2], run(n.args[2]).s);
    if (i < 1 || i > m.rows() || j < 1 || j > m.cols()) fail(n, fmt::format("entry [{}, {}] outside the {}×{} matrix", i, j, m.rows(), m.cols()));
    return scalar(m(i - 1, j - 1));
  }
  expr_value<T> sum(const expr_node& n) {
    long lo = 1, hi = d;
    if (n.args.size() == 3) {
      lo = integer_of(n.args[0], run(n.args[0]).s);
      hi = integer_of(n.args[1], run(n.args[1]).s);
    }
    const expr_node& body = n.args.back();
    expr_value<T> acc = body.kind == expr_kind::matrix ? matrix(mat<T>::Zero(d, d)) : scalar(T(0));
    const auto saved = bound.find(n.text) != bound.end() ? std::optional<T>(bound[n.text]) : std::nullopt;
    for (long i = lo; i <= hi; ++i) {
      bound[n.text] = T(i);
      const expr_value<T> v = run(body);
      if (acc.matrix) acc.m += v.m;
      else acc.s += v.s;
    }
    if (saved) bound[n.text] = *saved;
    else bound.erase(n.text);
    return acc;
  }
  T eig(const expr_node& n, const mat<T>& m, bool smallest) const {
    irrational(n);
    if constexpr (!is_exact<T>) {
      if (!m.isApprox(m.transpose(), T(64) * eps<T>())) fail(n, n.text + " needs a symmetric matrix");
      const Eigen::SelfAdjointEigenSolver<mat<T>> es(m, Eigen::EigenvaluesOnly);
      return smallest ? es.eigenvalues().minCoeff() : es.eigenvalues().maxCoeff();
    }
    return T(0);
  }
  expr_value<T> call(const expr_node& n) {
    using std::abs;
    const std::string& f = n.text;
    const expr_value<T> a = run(n.args[0]);
    if (f == "abs") return scalar(abs(a.s));
    if (f == "min" || f == "max") {
      const T b = run(n.args[1]).s;
      return scalar((f == "min") == (a.s < b) ? a.s : b);
    }
    if (f == "tr") return scalar(a.m.trace());
    if (f == "det") return scalar(Eigen::FullPivLU<mat<T>>(a.m).determinant());
    if (f == "inv") return matrix(inverse(n, a.m));
    if (f == "transpose") return matrix(a.m.transpose());
    if (f == "diag") return matrix(mat<T>(a.m.diagonal().asDiagonal()));
    if (f == "eig_min" || f == "eig_max") return scalar(eig(n, a.m, f == "eig_min"));
    irrational(n);
    if constexpr (!is_exact<T>) {
      using std::exp;
      using std::log;
      using std::sqrt;
      if (f == "sqrt") {
        if (a.s < T(0)) fail(n, "sqrt of a negative number (" + full(a.s) + ")");
        return scalar(sqrt(a.s));
      }
      if (f == "exp") return scalar(exp(a.s));
      if (f == "log") {
        if (!(a.s > T(0))) fail(n, "log of a non-positive number (" + full(a.s) + ")");
        return scalar(log(a.s));
      }
      if (f == "frob") return scalar(sqrt((a.m.transpose() * a.m).trace()));
    }
    fail(n, "unknown function");
  }
  expr_value<T> arith(const expr_node& n) {
    const expr_value<T> a = run(n.args[0]), b = run(n.args[1]);
    switch (n.o) {
      case expr_node::op::add: return a.matrix ? matrix(a.m + b.m) : scalar(a.s + b.s);
      case expr_node::op::sub: return a.matrix ? matrix(a.m - b.m) : scalar(a.s - b.s);
      case expr_node::op::mul:
        if (a.matrix && b.matrix) return matrix(a.m * b.m);
        if (a.matrix) return matrix(a.m * b.s);
        if (b.matrix) return matrix(b.m * a.s);
        return scalar(a.s * b.s);
      default:
        if (b.s == T(0)) fail(n, "division by zero");
        return a.matrix ? matrix(a.m / b.s) : scalar(a.s / b.s);
    }
  }
  expr_value<T> matrix_power(const expr_node& n, const expr_value<T>& a) {
    const long k = integer_of(n.args[1], run(n.args[1]).s);
    if (k > max_power || k < -max_power) fail(n, "matrix powers are limited to |k| <= 10000");
    count(n, (k < 0 ? -k : k) * a.m.rows() * a.m.rows() * a.m.rows());
    mat<T> base = k < 0 ? inverse(n, a.m) : a.m;
    mat<T> r = mat<T>::Identity(a.m.rows(), a.m.cols());
    for (long i = 0; i < (k < 0 ? -k : k); ++i) r = r * base;
    return matrix(r);
  }
  // Evaluation cost, in node visits and scalar multiplications: a cap keeps a pathological expression
  // (long nested sums, huge powers) from running for hours.
  void count(const expr_node& n, long cost) const {
    *steps += cost;
    if (*steps > max_steps) fail(n, "evaluation takes more than 2e6 steps (sums or powers too long?)");
  }
  expr_value<T> run(const expr_node& n) {
    count(n, 1);
    switch (n.o) {
      case expr_node::op::number: return scalar(literal(n));
      case expr_node::op::name: return name(n);
      case expr_node::op::index: return index(n);
      case expr_node::op::neg: {
        expr_value<T> a = run(n.args[0]);
        if (a.matrix) a.m = -a.m;
        else a.s = -a.s;
        return a;
      }
      case expr_node::op::pow: {
        const expr_value<T> a = run(n.args[0]);
        if (a.matrix) return matrix_power(n, a);
        return scalar(power(n, a.s, run(n.args[1]).s));
      }
      case expr_node::op::call: return call(n);
      case expr_node::op::sum: return sum(n);
      default: return arith(n);
    }
  }
};

}  // namespace

template <class T> expr_value<T> evaluate(const expression& e, const expr_env<T>& env) {
  const auto it = env.matrices.find("Lambda");
  long steps = 0;
  evaluator<T> ev{env, {}, {}, it == env.matrices.end() ? 0 : static_cast<int>(it->second.rows()), &steps};
  return ev.run(e.root);
}

#define ICL_INST(T) template expr_value<T> evaluate<T>(const expression&, const expr_env<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)
#undef ICL_INST

}  // namespace icl
