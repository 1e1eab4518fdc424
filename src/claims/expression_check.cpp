#include "claims/expression_check.hpp"

#include <fmt/format.h>

#include <optional>

#include "claims/observables.hpp"
#include "claims/risk_claims.hpp"
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
    // Λ's eigenvalues by a solver call of the prediction's own (the flow reads problem::evals):
    // exactly the diagonal when Λ is diagonal.
    if (p.diagonal) env.lambda = p.lambda.diagonal();
    else env.lambda = Eigen::SelfAdjointEigenSolver<mat<T>>(p.lambda, Eigen::EigenvaluesOnly).eigenvalues();
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

template <class T> bool finite(const T& x) {
  if constexpr (std::is_same_v<T, rational>) return true;
  else return x - x == T(0);  // NaN and ±Inf give NaN
}
template <class T> bool finite(const expr_value<T>& v) {
  if (!v.matrix) return finite(v.s);
  for (Eigen::Index i = 0; i < v.m.size(); ++i)
    if (!finite(v.m.data()[i])) return false;
  return true;
}

// Rounding floor of a comparison in T: differences this small are not information.
template <class T> T rounding_floor(const T& scale) {
  if constexpr (std::is_same_v<T, rational>) return T(0);
  else return T(64) * eps<T>() * (scale > T(0) ? scale : T(1));
}

void set(check_result& r, verdict v, std::string brief, std::string key) {
  r.v = v;
  r.brief = std::move(brief);
  r.key_figure = std::move(key);
}

// equal: FAIL beyond radius + tolerance; INCONCLUSIVE when the radius is wider than the tolerance
// (except for a confidence interval, which is judged as such); PASS otherwise.
template <class T>
void judge_equal(check_result& r, const measurement<T>& m, const expr_value<T>& mv, const expr_value<T>& p, int required) {
  using std::pow;
  constexpr bool exact = std::is_same_v<T, rational>;
  const T diff = magnitude(difference(m, p)), scale = magnitude(p);
  T tol = T(0);
  if constexpr (!exact) tol = pow(T(10), T(-required)) * (scale > T(0) ? scale : T(1));
  r.numbers.push_back({"difference", text_of(diff)});
  r.numbers.push_back({"tolerance", text_of(tol)});
  if constexpr (!exact) r.digits = digits_of_agreement(diff, scale);
  const double rel = to_double(diff) / std::max(to_double(scale), 1e-300);
  // The Monte Carlo rule of docs/THEORY.md §5.6: an interval wider than the resolution decides nothing.
  double half_rel = 0;
  if constexpr (!exact)
    if (m.statistical) half_rel = to_double(m.radius) / std::max(std::fabs(to_double(m.value)), 1e-300);
  if (diff > m.radius + tol) {
    if constexpr (exact)
      set(r, verdict::fail,
          fmt::format("the exact value {} differs from the prediction {} (relative difference {:.3g})", show(mv), show(p), rel),
          "differs");
    else
      set(r, verdict::fail,
          fmt::format("measured and predicted differ by {:.3g} (relative {:.3g}), beyond the radius {:.3g} and the "
                      "tolerance {:.3g} ({} digits)",
                      to_double(diff), rel, to_double(m.radius), to_double(tol), required),
          fmt::format("differ {:.2g}", rel));
  } else if (m.radius > tol && !m.statistical) {
    set(r, verdict::inconclusive,
        fmt::format("the measurement's radius {:.3g} ({}) exceeds the tolerance {:.3g}: cannot decide to {} digits",
                    to_double(m.radius), m.radius_kind, to_double(tol), required),
        "radius too large");
  } else if (m.statistical && !(half_rel <= mc_resolution)) {
    const double grow = half_rel / mc_resolution;  // the half-width falls like 1/√n
    set(r, verdict::inconclusive,
        fmt::format("prediction inside the {}, but its half-width is {:.3g} of the value, wider than the resolution {:g}; "
                    "about {:.3g} times the samples would resolve it",
                    m.radius_kind, half_rel, mc_resolution, grow * grow),
        "interval too wide");
  } else if (m.statistical) {
    set(r, verdict::pass,
        fmt::format("prediction inside the {}: |difference| {:.3g}; the interval detects relative errors above {:.2g}",
                    m.radius_kind, to_double(diff), to_double(m.radius) / std::max(to_double(scale), 1e-300)),
        fmt::format("|diff|/radius {:.2f}", to_double(diff) / std::max(to_double(m.radius), 1e-300)));
  } else {
    const std::string digits = exact ? "exactly" : fmt::format("{:.1f} digits", r.digits);
    set(r, verdict::pass, fmt::format("agree {} (held to {})", digits, exact ? "exact equality" : std::to_string(required) + " digits"),
        digits);
  }
}

// le / ge: the excess of the measured value over the allowed side. FAIL when it exceeds the radius
// (and the rounding floor); PASS only when the whole interval measured ± radius lies on the allowed
// side; INCONCLUSIVE in between.
template <class T> void judge_bound(check_result& r, relation rel, const measurement<T>& m, const expr_value<T>& p) {
  using std::abs;
  const T excess = rel == relation::le ? T(m.value - p.s) : T(p.s - m.value);
  const T floor = rounding_floor<T>(T(abs(m.value) + abs(p.s)));
  r.numbers.push_back({"excess", text_of(excess)});
  const char* word = rel == relation::le ? "<=" : ">=";
  if (excess > m.radius + floor)
    set(r, verdict::fail,
        fmt::format("measured {} predicted fails: the measured value is beyond the bound by {:.3g} (radius {:.3g})", word,
                    to_double(excess), to_double(m.radius)),
        "violated");
  else if (excess + m.radius > T(0))
    set(r, verdict::inconclusive,
        fmt::format("within the measurement's radius {:.3g} of the bound (excess {:.3g}): cannot decide",
                    to_double(m.radius), to_double(excess)),
        "too close");
  else
    set(r, verdict::pass, fmt::format("measured {} predicted with margin {:.3g}", word, to_double(T(-excess))),
        fmt::format("margin {:.2g}", to_double(T(-excess))));
}

template <class T>
void judge_value(check_result& r, relation rel, const measurement<T>& m, const expr_value<T>& p, int required) {
  const expr_value<T> mv = m.kind == expr_kind::matrix ? expr_value<T>{true, T(0), m.matrix} : expr_value<T>{false, m.value, {}};
  r.numbers.push_back({"measured", show(mv)});
  r.numbers.push_back({"predicted", show(p)});
  r.numbers.push_back({"radius", text_of(m.radius)});
  r.numbers.push_back({"radius_kind", m.radius_kind});
  if (!finite(p) || !finite(mv) || !finite(m.radius)) {
    set(r, verdict::inconclusive,
        std::string("the ") + (finite(p) ? "measured value" : "prediction") + " is not a finite number here: nothing to compare",
        "not finite");
    return;
  }
  if (rel == relation::equal) judge_equal(r, m, mv, p, required);
  else judge_bound(r, rel, m, p);
}

// Along a trajectory: the prediction at every recorded t. equal_along: the worst relative difference
// must be within 10^-D; le_along / ge_along: FAIL if the worst relative excess is above 10^-D (the
// integration's accuracy), PASS if it is at most the rounding floor, INCONCLUSIVE in between.
template <class T>
void judge_path(check_result& r, const claim_spec& c, const instance_spec& in, relation rel, const measurement<T>& m,
                expr_env<T> env, int required, const T& factor) {
  using std::abs;
  using std::pow;
  std::optional<T> worst;
  T at = T(0);
  figure f{"along", c.expr->observable + " and the prediction along the flow (" + c.id + " " + in.name + ")",
           "t (flow time)", c.expr->observable, false, false, {"t", "measured", "predicted"}, {}, {{0, 1}, {0, 2}},
           {"lines", "points"}};
  const std::size_t stride = std::max<std::size_t>(1, m.t.size() / 200);
  for (std::size_t i = 0; i < m.t.size(); ++i) {
    env.scalars["t"] = m.t[i];
    const T p = factor * evaluate(c.expr->predict, env).s;
    if (!finite(p) || !finite(m.path[i])) {
      set(r, verdict::inconclusive,
          fmt::format("the {} is not a finite number at t = {:.6g}", finite(p) ? "measured value" : "prediction",
                      to_double(m.t[i])),
          "not finite");
      return;
    }
    const T den = abs(p) > T(0) ? abs(p) : T(1);
    const T e = (rel == relation::le_along ? T(m.path[i] - p) : rel == relation::ge_along ? T(p - m.path[i])
                                                                                          : T(abs(m.path[i] - p))) / den;
    if (!worst || e > *worst) worst = e, at = m.t[i];
    if (i % stride == 0 || i + 1 == m.t.size()) f.rows.push_back({full(m.t[i]), full(m.path[i]), full(p)});
  }
  r.figures.push_back(f);
  const T tol = pow(T(10), T(-required)), floor = rounding_floor<T>(T(1));
  r.numbers.push_back({"points", std::to_string(m.t.size())});
  r.numbers.push_back({"worst_relative", full(*worst)});
  r.numbers.push_back({"at_t", full(at)});
  const bool eq = rel == relation::equal_along;
  if (eq) r.digits = digits_of_agreement(*worst, T(1));
  const std::string span = fmt::format("{} points up to t = {:.6g}", m.t.size(), to_double(m.t.back()));
  if (*worst > tol)
    set(r, verdict::fail,
        fmt::format("{} at t = {:.6g}: relative {} {:.3g} (allowed {:.1g}) over {}", eq ? "differs" : "violated",
                    to_double(at), eq ? "difference" : "excess", to_double(*worst), to_double(tol), span),
        fmt::format("worst {:.2g}", to_double(*worst)));
  else if (eq)
    set(r, verdict::pass, fmt::format("agree to {:.1f} digits (held to {}) at all {}", r.digits, required, span),
        fmt::format("{:.1f} digits", r.digits));
  else if (*worst > floor)
    set(r, verdict::inconclusive,
        fmt::format("violated by a relative {:.3g} at t = {:.6g}, within the integration's accuracy {:.1g}: cannot decide",
                    to_double(*worst), to_double(at), to_double(tol)),
        "too close");
  else
    set(r, verdict::pass, fmt::format("holds at all {} (worst relative excess {:.3g})", span, to_double(*worst)), "holds");
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

// The prediction as the claim writes it, times 1 + EPS under the plant scale:EPS (docs/THEORY.md §9.3).
template <class T> expr_value<T> predicted(const expression& e, const expr_env<T>& env, const check_context& ctx) {
  expr_value<T> v = evaluate(e, env);
  const T f = prediction_factor<T>(ctx);
  v.s *= f;
  if (v.matrix) v.m *= f;
  return v;
}

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
    judge_value(r, e.rel, m, predicted(e.predict, environment<rational>(in, e), ctx), 0);
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
  if (o.path) judge_path(r, c, in, e.rel, m, environment<T>(in, e), required, prediction_factor<T>(ctx));
  else judge_value(r, e.rel, m, predicted(e.predict, environment<T>(in, e), ctx), required);
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
    // No observable models a random covariance, a shift or a test scaling yet: refuse rather than
    // silently measure the plain setting.
    if (in.law.k != law_spec::kind::fixed || in.shift.k != shift_spec::kind::none || in.scale != "1")
      missing(std::string(o->name) + " does not model law, shift or scale: leave them out");
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
