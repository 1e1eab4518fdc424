#include "claims/expression_check.hpp"

#include <fmt/format.h>

#include "claims/observables.hpp"
#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "core/scalar_label.hpp"
#include "theory/expression_eval.hpp"

namespace icl {

namespace {

// The instance's own quantities, read from its decimals in T (never from an engine's closed form).
template <class T> expr_env<T> environment(const instance_spec& in, const expression_claim& e) {
  expr_env<T> env;
  problem<T> p;
  if constexpr (std::is_same_v<T, rational>) p = make_exact_problem(in.lambda, in.N);
  else p = make_problem<T>(in.lambda, in.N);
  env.scalars["d"] = T(p.d);
  env.scalars["N"] = T(in.N);
  if (in.M > 0) env.scalars["M"] = T(in.M);
  if (in.init.sigma != "auto") {
    if constexpr (std::is_same_v<T, rational>) env.scalars["sigma"] = parse_rational(in.init.sigma);
    else env.scalars["sigma"] = parse<T>(in.init.sigma);
  }
  if constexpr (std::is_same_v<T, rational>) env.scalars["c"] = parse_rational(in.scale);
  else env.scalars["c"] = parse<T>(in.scale);
  env.matrices["Lambda"] = p.lambda;
  env.matrices["I"] = mat<T>::Identity(p.d, p.d);
  if constexpr (std::is_same_v<T, rational>) {
    if (p.diagonal) env.lambda = p.lambda.diagonal();
  } else {
    env.lambda = p.evals;
  }
  std::sort(env.lambda.data(), env.lambda.data() + env.lambda.size());
  for (const auto& [name, ex] : e.defines) env.defines.push_back({name, &ex});
  return env;
}

template <class T> T magnitude(const expr_value<T>& v) {
  using std::abs;
  using std::sqrt;
  if (!v.matrix) return abs(v.s);
  if constexpr (std::is_same_v<T, rational>) return v.m.cwiseAbs().sum();  // exact: any norm decides zero
  else return sqrt(v.m.squaredNorm());
}

template <class T> expr_value<T> difference(const measurement<T>& m, const expr_value<T>& p) {
  expr_value<T> d;
  d.matrix = p.matrix;
  if (p.matrix) d.m = m.matrix - p.m;
  else d.s = m.value - p.s;
  return d;
}

template <class T> std::string text_of(const T& x) {
  if constexpr (std::is_same_v<T, rational>) return to_string(x);
  else return full(x);
}

template <class T> std::string show(const expr_value<T>& v) {
  if (!v.matrix) return text_of(v.s);
  std::string s = "[";
  for (int i = 0; i < v.m.rows(); ++i) {
    s += i ? "; " : "";
    for (int j = 0; j < v.m.cols(); ++j) s += (j ? ", " : "") + text_of(v.m(i, j));
  }
  return s + "]";
}

// One value against the prediction: exact (radius 0, no tolerance), certified (a bound), or
// statistical (a confidence interval).
template <class T>
void judge_value(check_result& r, relation rel, const measurement<T>& m, const expr_value<T>& p, int required) {
  using std::pow;
  const expr_value<T> mv = m.kind == expr_kind::matrix ? expr_value<T>{true, T(0), m.matrix} : expr_value<T>{false, m.value, {}};
  const T diff = magnitude(difference(m, p)), scale = magnitude(p);
  constexpr bool exact = std::is_same_v<T, rational>;
  T tol = T(0);
  if constexpr (!exact) tol = pow(T(10), T(-required)) * (scale > T(0) ? scale : T(1));
  r.numbers.push_back({"measured", show(mv)});
  r.numbers.push_back({"predicted", show(p)});
  r.numbers.push_back({"radius", text_of(m.radius)});
  r.numbers.push_back({"radius_kind", m.radius_kind});
  r.numbers.push_back({"difference", text_of(diff)});
  if constexpr (exact) r.digits = -1;
  else r.digits = digits_of_agreement(diff, scale);
  const std::string digits = exact ? "exactly" : fmt::format("{:.1f} digits", r.digits);
  if (rel == relation::equal) {
    if (diff > m.radius + tol) {
      r.v = verdict::fail;
      r.brief = exact ? fmt::format("the exact value {} differs from the prediction {} (relative difference {:.3g})",
                                    show(mv), show(p), to_double(diff) / std::max(to_double(scale), 1e-300))
                      : fmt::format("measured and predicted differ by {:.3g}, beyond the radius {:.3g} and tolerance {:.3g}",
                                    to_double(diff), to_double(m.radius), to_double(tol));
      r.key_figure = exact ? "differs" : fmt::format("differ {:.2g}", to_double(diff));
    } else if (m.radius > tol && !m.statistical) {
      r.v = verdict::inconclusive;
      r.brief = fmt::format("the measurement's radius {:.3g} exceeds the tolerance {:.3g}: cannot decide to {} digits",
                            to_double(m.radius), to_double(tol), required);
      r.key_figure = "radius too large";
    } else {
      r.v = verdict::pass;
      r.brief = m.statistical ? fmt::format("prediction inside the measurement's interval (+-{:.3g}): |difference| {:.3g}",
                                            to_double(m.radius), to_double(diff))
                              : fmt::format("agree {} (need {})", digits, exact ? "exact" : std::to_string(required));
      r.key_figure = m.statistical ? fmt::format("|diff|/radius {:.2f}", to_double(T(diff / m.radius))) : digits;
    }
    return;
  }
  // le / ge on a scalar: signed excess of the measured value over the allowed side.
  const T excess = rel == relation::le ? T(m.value - p.s) : T(p.s - m.value);
  r.numbers.push_back({"excess", text_of(excess)});
  const char* word = rel == relation::le ? "<=" : ">=";
  if (excess > m.radius + tol) {
    r.v = verdict::fail;
    r.brief = fmt::format("measured {} predicted fails: the measured value is beyond it by {:.3g}", word, to_double(excess));
    r.key_figure = "violated";
  } else if (excess + m.radius > tol) {
    r.v = verdict::inconclusive;
    r.brief = fmt::format("within the measurement's radius {:.3g} of the bound: cannot decide", to_double(m.radius));
    r.key_figure = "too close";
  } else {
    r.v = verdict::pass;
    r.brief = fmt::format("measured {} predicted with margin {:.3g}", word, to_double(T(-excess)));
    r.key_figure = fmt::format("margin {:.2g}", to_double(T(-excess)));
  }
}

// Along a trajectory: the prediction at every recorded t, worst relative violation.
template <class T>
void judge_path(check_result& r, const claim_spec& c, const instance_spec& in, relation rel, const measurement<T>& m,
                expr_env<T> env, int required) {
  using std::abs;
  using std::pow;
  T worst = T(0), at = T(0);
  figure f{"along", c.expr->observable + " and the prediction along the flow (" + c.id + " " + in.name + ")",
           "t (flow time)", c.expr->observable, false, false, {"t", "measured", "predicted"}, {}, {{0, 1}, {0, 2}},
           {"lines", "points"}};
  const std::size_t stride = std::max<std::size_t>(1, m.t.size() / 200);
  for (std::size_t i = 0; i < m.t.size(); ++i) {
    env.scalars["t"] = m.t[i];
    const T p = evaluate(c.expr->predict, env).s;
    const T den = abs(p) > T(0) ? abs(p) : T(1);
    const T signed_excess = rel == relation::le_along ? T(m.path[i] - p) : rel == relation::ge_along ? T(p - m.path[i])
                                                                                                    : T(abs(m.path[i] - p));
    if (signed_excess / den > worst || i == 0) worst = signed_excess / den, at = m.t[i];
    if (i % stride == 0 || i + 1 == m.t.size()) f.rows.push_back({full(m.t[i]), full(m.path[i]), full(p)});
  }
  r.figures.push_back(f);
  const T tol = pow(T(10), T(-required));
  r.numbers.push_back({"points", std::to_string(m.t.size())});
  r.numbers.push_back({"worst_relative", full(worst)});
  r.numbers.push_back({"at_t", full(at)});
  const bool eq = rel == relation::equal_along;
  if (eq) r.digits = digits_of_agreement(worst, T(1));
  if (worst > tol) {
    r.v = verdict::fail;
    r.brief = fmt::format("{} at t = {:.6g}: relative {} {:.3g} (allowed {:.1g}) over {} points",
                          eq ? "differs" : "violated", to_double(at), eq ? "difference" : "excess", to_double(worst),
                          to_double(tol), m.t.size());
    r.key_figure = fmt::format("worst {:.2g}", to_double(worst));
  } else {
    r.v = verdict::pass;
    r.brief = eq ? fmt::format("agree to {:.1f} digits (need {}) at all {} points up to t = {:.6g}", r.digits, required,
                               m.t.size(), to_double(m.t.back()))
                 : fmt::format("holds at all {} points up to t = {:.6g} (worst relative excess {:.3g})", m.t.size(),
                               to_double(m.t.back()), to_double(worst));
    r.key_figure = eq ? fmt::format("{:.1f} digits", r.digits) : "holds";
  }
}

template <class T> T from_rational(const rational& q) {
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, long double>) return static_cast<T>(q);
  else return T(numerator(q).str()) / T(denominator(q).str());
}

template <class T> measurement<T> converted(const measurement<rational>& e) {
  measurement<T> m;
  m.kind = e.kind;
  m.value = from_rational<T>(e.value);
  m.matrix = e.matrix.unaryExpr([](const rational& q) { return from_rational<T>(q); });
  m.radius = T(0);
  m.radius_kind = "exact, rounded once to the working precision";
  m.numbers = e.numbers;
  return m;
}

}  // namespace

template <class T>
check_result check_expression(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  const expression_claim& e = *c.expr;
  const observable_info& o = *find_observable(e.observable);
  check_result r;
  r.claim = c.id;
  r.instance = in.name;
  int required = digits10<T>() - c.digits_margin;
  if (in.target_digits > 0) required = std::min(required, in.target_digits);
  r.numbers.push_back({"observable", e.observable});
  r.numbers.push_back({"relation", relation_name(e.rel)});
  r.numbers.push_back({"prediction", e.predict.text});
  if (o.exact && !e.predict.irrational) {  // both sides over the rationals: exact verdict
    r.scalar = "exact rational";
    measurement<rational> m = measure_exact(o, in);
    r.numbers.insert(r.numbers.end(), m.numbers.begin(), m.numbers.end());
    judge_value(r, e.rel, m, evaluate(e.predict, environment<rational>(in, e)), 0);
    return r;
  }
  r.scalar = scalar_label<T>();
  const measurement<T> m = o.exact ? converted<T>(measure_exact(o, in)) : measure<T>(o, in, ctx, required);
  r.numbers.insert(r.numbers.end(), m.numbers.begin(), m.numbers.end());
  if (!m.failure.empty()) {
    r.v = verdict::inconclusive;
    r.brief = m.failure;
    r.key_figure = "no result";
    return r;
  }
  if (o.path) judge_path(r, c, in, e.rel, m, environment<T>(in, e), required);
  else judge_value(r, e.rel, m, evaluate(e.predict, environment<T>(in, e)), required);
  return r;
}

void validate_expression_claim(const claim_spec& c) {
  const expression_claim& e = *c.expr;
  const observable_info* o = find_observable(e.observable);
  if (!o) {
    std::string all;
    for (const auto& x : observables()) all += (all.empty() ? "" : ", ") + std::string(x.name);
    throw spec_error(c.file, e.observable_line, "observable", "unknown observable '" + e.observable + "' (" + all + ")");
  }
  if (o->path != along(e.rel))
    throw spec_error(c.file, e.relation_line, "relation",
                     fmt::format("'{}' does not fit {} ({})", relation_name(e.rel), o->name,
                                 o->path ? "a trajectory: equal_along | le_along | ge_along" : "one value: equal | le | ge"));
  if (e.predict.root.kind != o->kind)
    throw spec_error(c.file, e.predict_line, "predict",
                     fmt::format("{} is a {}, the prediction a {}", o->name, o->kind == expr_kind::scalar ? "scalar" : "matrix",
                                 e.predict.root.kind == expr_kind::scalar ? "scalar" : "matrix"));
  if (o->kind == expr_kind::matrix && e.rel != relation::equal)
    throw spec_error(c.file, e.relation_line, "relation", "a matrix observable takes relation = \"equal\"");
  for (const auto& in : c.instances) {
    const auto missing = [&](const std::string& what) {
      throw spec_error(c.file, in.line, "instance", "'" + in.name + "': " + what);
    };
    if ((e.predict.uses.count("M") || o->needs_M) && in.M < 1) missing("the claim reads M: give the test prompt length M");
    if (e.predict.uses.count("sigma") && in.init.sigma == "auto") missing("the prediction reads sigma: give a number");
    if (o->exact) {
      problem<rational> p;
      try {
        p = make_exact_problem(in.lambda, in.N);
      } catch (const usage_error& err) {
        throw spec_error(c.file, in.lambda_line, "lambda", std::string(o->name) + " is exact: " + err.what());
      }
      if (!e.predict.irrational && e.predict.uses.count("lambda") && !p.diagonal)
        missing("an exact prediction reads lambda[i], which a non-diagonal Lambda has no exact value of");
    }
  }
}

#define ICL_INST(T) template check_result check_expression<T>(const claim_spec&, const instance_spec&, const check_context&);
ICL_FOR_EACH_SCALAR(ICL_INST)
#undef ICL_INST

}  // namespace icl
