// The Monte Carlo engine: its generators have the right laws, its fast forward pass is the literal
// one, its estimate does not depend on the thread count, and it agrees with the exact engine.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "moments/lsa_expectation.hpp"
#include "sampling/forward.hpp"
#include "sampling/monte_carlo.hpp"
#include "sampling/rng.hpp"
#include "theory/risk.hpp"

using namespace icl;

namespace {
// Mean of f over n draws with its standard error.
template <class F> std::pair<double, double> average(long n, F&& f) {
  double s = 0, s2 = 0;
  for (long i = 0; i < n; ++i) {
    const double v = f();
    s += v;
    s2 += v * v;
  }
  const double m = s / n;
  return {m, std::sqrt((s2 / n - m * m) / n)};
}
#define CHECK_WITHIN(est, value)                                                                \
  do {                                                                                          \
    const auto e_ = (est);                                                                      \
    INFO("estimate " << e_.first << " +- " << e_.second << ", expected " << (value));           \
    CHECK(std::fabs(e_.first - (value)) < 4 * e_.second);                                       \
  } while (0)
}  // namespace

TEST_CASE("the generators have the right laws (moments within 4 standard errors)") {
  rng r(42);
  const long n = 2000000;
  CHECK_WITHIN(average(n, [&] { return r.normal(); }), 0.0);
  CHECK_WITHIN(average(n, [&] { const double x = r.normal(); return x * x; }), 1.0);
  CHECK_WITHIN(average(n, [&] { const double x = r.normal(); return x * x * x * x; }), 3.0);
  // The ziggurat's tail branch: P(|x| > R) at R = 3.442619855899 is 2(1 − Φ(R)) = 5.7624e-4.
  CHECK_WITHIN(average(n, [&] { return std::fabs(r.normal()) > 3.442619855899 ? 1.0 : 0.0; }), 5.7624e-4);
  CHECK_WITHIN(average(n, [&] { return r.normal() > 1.0 ? 1.0 : 0.0; }), 0.15865525393145707);
  CHECK_WITHIN(average(n, [&] { return r.exponential(); }), 1.0);
  CHECK_WITHIN(average(n, [&] { const double x = r.exponential(); return x * x * x; }), 6.0);
  CHECK_WITHIN(average(n, [&] { return r.gamma(2.0); }), 2.0);
  CHECK_WITHIN(average(n, [&] { const double x = r.gamma(2.0); return x * x; }), 6.0);
  CHECK_WITHIN(average(n, [&] { return r.gamma(0.5); }), 0.5);
  CHECK_WITHIN(average(n, [&] { return r.uniform(); }), 0.5);
  CHECK_WITHIN(average(n, [&] { return r.sign(); }), 0.0);
}

TEST_CASE("the O(dM) forward pass is the literal bottom-right entry of f(E)") {
  rng r(7);
  const int d = 4;
  const long M = 9;
  full_params<double> th{vec<double>(d), 0.7, mat<double>(d, d), vec<double>(d)};
  for (int i = 0; i < d; ++i) th.a(i) = r.normal(), th.c(i) = r.normal();
  for (int k = 0; k < d * d; ++k) th.C.data()[k] = r.normal();
  mat<double> X(d, M);
  vec<double> y(M), xq(d);
  for (int k = 0; k < d * M; ++k) X.data()[k] = r.normal();
  for (long i = 0; i < M; ++i) y(i) = r.normal();
  for (int i = 0; i < d; ++i) xq(i) = r.normal();
  const double fast = lsa_bottom_right(th, X, y, xq);
  const double literal = lsa_predict<double>(th.w_pv(), th.w_kq(), X, y, xq);
  CHECK(std::fabs(fast - literal) <= 1e-13 * (1 + std::fabs(literal)));
}

TEST_CASE("the estimate is the same for any number of threads") {
  mc_spec s;
  s.d = 3;
  s.M = 7;
  s.lambda_x = s.lambda_q = vec<double>::LinSpaced(3, 0.5, 2).asDiagonal();
  const full_params<double> th{vec<double>::Zero(3), 1.0, mat<double>::Identity(3, 3) * 0.4, vec<double>::Zero(3)};
  const auto one = mc_prediction_error(s, th, 50000, 11, 1);
  const auto two = mc_prediction_error(s, th, 50000, 11, 2);
  const auto five = mc_prediction_error(s, th, 50000, 11, 5);
  CHECK(one.mean == two.mean);
  CHECK(one.mean == five.mean);
  CHECK(one.std_error == five.std_error);
  CHECK(mc_prediction_error(s, th, 50000, 12, 2).mean != one.mean);
}

// Independent of every closed form: the exact engine's E(ŷ − y)² for a nonlinear noisy task and
// generic parameters (a, c ≠ 0 too) against sampling.
TEST_CASE("Monte Carlo agrees with the exact engine on a nonlinear noisy task") {
  mat<rational> L(2, 2);
  L << rational(2), rational(1, 2), rational(1, 2), rational(1);
  exact_prompt ep;
  ep.lambda_x = ep.lambda_q = L;
  ep.n = 4;
  ep.w_fixed.resize(2);
  ep.w_fixed << rational(1, 2), rational(-1);
  ep.square = rational(1, 3);
  ep.noise_var = ep.noise_var_q = rational(1, 4);
  full_params<rational> th{vec<rational>(2), rational(3, 4), mat<rational>(2, 2), vec<rational>(2)};
  th.a << rational(1, 5), rational(-1, 6);
  th.C << rational(1, 2), rational(1, 5), rational(-1, 4), rational(1, 3);
  th.c << rational(1, 8), rational(1, 6);
  const double exact = static_cast<double>(exact_prediction_error(ep, th));

  mc_spec s;
  s.d = 2;
  s.M = 4;
  s.lambda_x = s.lambda_q = L.unaryExpr([](const rational& x) { return static_cast<double>(x); });
  s.task = mc_spec::task_kind::fixed;
  s.w_fixed = vec<double>(2);
  s.w_fixed << 0.5, -1;
  s.square = 1.0 / 3;
  s.noise_var = s.query_noise_var = 0.25;
  const full_params<double> td{th.a.unaryExpr([](const rational& x) { return static_cast<double>(x); }), 0.75,
                               th.C.unaryExpr([](const rational& x) { return static_cast<double>(x); }),
                               th.c.unaryExpr([](const rational& x) { return static_cast<double>(x); })};
  const auto mc = mc_prediction_error(s, td, 2000000, 3, 2);
  INFO("exact " << exact << ", Monte Carlo " << mc.mean << " in [" << mc.ci_low() << ", " << mc.ci_high() << "]");
  CHECK(mc.ci_low() <= exact);
  CHECK(exact <= mc.ci_high());
  CHECK(mc.z * mc.std_error < 0.02 * exact);
}

TEST_CASE("random-covariance coefficients agree with sampling of lambda") {
  const int d = 4;
  const long N = 5;
  const random_cov_theory<double> th(d, N, 1, 2, 6);  // Exp(1)
  rng r(9);
  // γ_i = E[(1 + 1/N)λ_i³ + (1/N)λ_i² Σλ], ψ_ij = E[(1 + 1/N)λ_i²λ_j + (1/N)λ_iλ_j Σλ].
  CHECK_WITHIN(average(2000000, [&] {
                 double l[d], s = 0;
                 for (double& x : l) s += (x = r.exponential());
                 return (1 + 1.0 / N) * l[0] * l[0] * l[0] + l[0] * l[0] * s / N;
               }),
               th.gamma);
  CHECK_WITHIN(average(2000000, [&] {
                 double l[d], s = 0;
                 for (double& x : l) s += (x = r.exponential());
                 return (1 + 1.0 / N) * l[0] * l[0] * l[1] + l[0] * l[1] * s / N;
               }),
               th.psi);
  // The Figure 1 line at c = 1 is d/3.
  CHECK(std::fabs(th.limit_error(1.0) - d / 3.0) < 1e-14);
}

// The slope's delta-method standard error is honest: over independent seeds the estimates scatter
// by about that much around E[ŷ t]/E[t²], which for ŷ = x_qᵀ D β̂ is tr(D Λ W Λ)/tr(W Λ) exactly
// (W = I here): tr(0.4 Λ²)/tr Λ for Λ = diag(0.5, 1.25, 2).
TEST_CASE("the slope's standard error matches the scatter of independent estimates") {
  mc_spec s;
  s.d = 3;
  s.M = 7;
  s.lambda_x = s.lambda_q = vec<double>::LinSpaced(3, 0.5, 2).asDiagonal();
  const full_params<double> th{vec<double>::Zero(3), 1.0, mat<double>::Identity(3, 3) * 0.4, vec<double>::Zero(3)};
  const double exact = 0.4 * (0.25 + 1.5625 + 4) / 3.75;
  double s1 = 0, s2 = 0, se = 0;
  const int runs = 40;
  for (int k = 0; k < runs; ++k) {
    const auto m = mc_prediction_error(s, th, 20000, 100 + k, 2);
    s1 += m.slope;
    s2 += m.slope * m.slope;
    se += m.slope_std_error / runs;
  }
  const double mean = s1 / runs, sd = std::sqrt((s2 / runs - mean * mean) * runs / (runs - 1));
  INFO("scatter " << sd << ", mean standard error " << se << ", mean " << mean << " vs " << exact);
  CHECK(se > 0);
  CHECK(sd / se > 0.7);  // 40 runs: the sample sd is within ±25% of the truth with high probability
  CHECK(sd / se < 1.3);
  CHECK(std::fabs(mean - exact) < 4 * se / std::sqrt(double(runs)));
}

// A metric query: x_q projected off span{G x_i} satisfies x_qᵀ G x_i = 0, so the LSA with D = G
// (a = c = 0, b = 1, C = G) predicts 0 up to rounding, and a different D does not.
TEST_CASE("a query G-orthogonal to the prompt gets 0 from the predictor G, not from another") {
  mc_spec s;
  s.d = 5;
  s.M = 3;
  s.lambda_x = s.lambda_q = vec<double>::LinSpaced(5, 0.5, 3).asDiagonal();
  s.orthogonal_query = true;
  s.query_metric = vec<double>::LinSpaced(5, 2, 0.25).asDiagonal();
  const full_params<double> g{vec<double>::Zero(5), 1.0, s.query_metric, vec<double>::Zero(5)};
  const full_params<double> id{vec<double>::Zero(5), 1.0, mat<double>::Identity(5, 5), vec<double>::Zero(5)};
  CHECK(mc_prediction_error(s, g, 5000, 3, 1).max_abs_prediction < 1e-12);
  CHECK(mc_prediction_error(s, id, 5000, 3, 1).max_abs_prediction > 1e-2);
}

// Conditioning evaluates the forward pass as a function of the labels: with c = 0 it is
// κ + Σ_i α_i y_i, and these coefficients must reproduce the literal pass for any labels.
TEST_CASE("the label coefficients reproduce the literal forward pass when c = 0") {
  rng r(21);
  const int d = 3;
  const long M = 6;
  full_params<double> th{vec<double>(d), -0.8, mat<double>(d, d), vec<double>::Zero(d)};
  for (int i = 0; i < d; ++i) th.a(i) = r.normal();
  for (int k = 0; k < d * d; ++k) th.C.data()[k] = r.normal();
  mat<double> X(d, M);
  vec<double> y(M), xq(d);
  for (int k = 0; k < d * M; ++k) X.data()[k] = r.normal();
  for (int i = 0; i < d; ++i) xq(i) = r.normal();
  const label_coefficients lc = lsa_label_coefficients(th, X, xq);
  for (int rep = 0; rep < 5; ++rep) {
    for (long i = 0; i < M; ++i) y(i) = 3 * r.normal();
    const double literal = lsa_predict<double>(th.w_pv(), th.w_kq(), X, y, xq);
    CHECK(std::fabs(lc.kappa + lc.alpha.dot(y) - literal) <= 1e-13 * (1 + std::fabs(literal)));
  }
  // With c ≠ 0 the labels enter squared: the conditional estimator refuses.
  mc_spec s;
  s.d = d;
  s.M = M;
  s.lambda_x = s.lambda_q = mat<double>::Identity(d, d);
  set_estimator(s, "conditional");
  th.c(1) = 0.1;
  CHECK_THROWS(mc_prediction_error(s, th, 100, 1, 1));
}

namespace {
// The exact engine's E(ŷ − y)² (Isserlis, over the rationals) for a nonlinear noisy fixed task with
// a ≠ 0, c = 0, and the sampler's spec of the same prompt law: a known answer from another route.
struct exact_case {
  double exact;
  mc_spec spec;
  full_params<double> th;
};
exact_case nonlinear_case(bool with_a) {
  mat<rational> L(2, 2);
  L << rational(2), rational(1, 2), rational(1, 2), rational(1);
  exact_prompt ep;
  ep.lambda_x = ep.lambda_q = L;
  ep.n = 5;
  ep.w_fixed.resize(2);
  ep.w_fixed << rational(1, 2), rational(-1);
  ep.square = rational(1, 3);
  ep.noise_var = ep.noise_var_q = rational(1, 4);
  full_params<rational> th{vec<rational>(2), rational(3, 4), mat<rational>(2, 2), vec<rational>::Zero(2)};
  th.a << (with_a ? rational(1, 5) : rational(0)), (with_a ? rational(-1, 6) : rational(0));
  th.C << rational(1, 2), rational(1, 5), rational(-1, 4), rational(1, 3);
  const auto dbl = [](const rational& x) { return static_cast<double>(x); };
  exact_case c{static_cast<double>(exact_prediction_error(ep, th)), {}, {}};
  c.spec.d = 2;
  c.spec.M = 5;
  c.spec.lambda_x = c.spec.lambda_q = L.unaryExpr(dbl);
  c.spec.task = mc_spec::task_kind::fixed;
  c.spec.w_fixed = vec<double>(2);
  c.spec.w_fixed << 0.5, -1;
  c.spec.square = 1.0 / 3;
  c.spec.noise_var = c.spec.query_noise_var = 0.25;
  c.th = {th.a.unaryExpr(dbl), 0.75, th.C.unaryExpr(dbl), vec<double>::Zero(2)};
  return c;
}
}  // namespace

// The variance-reduced estimators are unbiased (the exact value inside each one's interval and inside
// the joint interval with the plain estimate) and pay: at equal prompts the query integrated with
// control variates shrinks the standard error at least 2.5× (measured 3.5× here; bench/README.md has
// the catalog's factors). With a ≠ 0 only the task and noise can be integrated; it stays unbiased.
TEST_CASE("conditioning and control variates keep the mean and shrink the standard error") {
  for (bool with_a : {false, true}) {
    exact_case c = nonlinear_case(with_a);
    const long n = 400000;
    const auto plain = mc_prediction_error(c.spec, c.th, n, 5, 2);
    std::vector<mc_result> runs;
    for (const char* e : {"conditional", "conditional+cv", "conditional-query", "conditional-query+cv"}) {
      set_estimator(c.spec, e);
      if (with_a && std::string(e).rfind("conditional-query", 0) == 0) {
        CHECK_THROWS(mc_prediction_error(c.spec, c.th, 100, 1, 1));  // ŷ not bilinear in labels and query
        continue;
      }
      runs.push_back(mc_prediction_error(c.spec, c.th, n, 6 + runs.size(), 2));
      CHECK(runs.back().estimator == e);
    }
    runs.push_back(plain);
    for (const mc_result& m : runs) {
      INFO(m.estimator << ": " << m.mean << " +- " << m.std_error << ", exact " << c.exact << ", plain " << plain.mean);
      CHECK(std::fabs(m.mean - c.exact) <= m.z * m.std_error);
      CHECK(std::fabs(m.mean - plain.mean) <= plain.z * std::hypot(m.std_error, plain.std_error));
    }
    if (!with_a) {
      CHECK(runs[1].controls == 6);  // x_j x_k (j ≤ k) of the query and of the prompt, d = 2
      CHECK(runs[3].controls == 3);  // the prompt's alone once the query is integrated
      INFO("standard errors: plain " << plain.std_error << ", conditional-query+cv " << runs[3].std_error);
      CHECK(plain.std_error > 2.5 * runs[3].std_error);
    }
  }
}

// Random covariance: the controls' exact means come from the law's own moments (Γ(k + 1) for Exp(1));
// a wrong mean would bias the estimate, so it must agree with the plain estimator, which has none.
TEST_CASE("random-covariance control variates agree with the plain estimator and shrink its error") {
  mc_spec s;
  s.d = 6;
  s.M = 30;
  s.law = mc_spec::cov_law::exponential;
  s.scale = 2;
  const full_params<double> th{vec<double>::Zero(6), 1.0, mat<double>::Identity(6, 6) * 0.3, vec<double>::Zero(6)};
  const auto plain = mc_prediction_error(s, th, 400000, 8, 2);
  set_estimator(s, "conditional-query+cv");
  const auto cv = mc_prediction_error(s, th, 400000, 9, 2);
  // One more route to the answer, for this check only: the §7.3 error at δ = 0.3, c = 2 averages
  // 6[(1 + 1/M)δ²c³·6 + (1/M)δ²c³(6 + 5·2) − 2δc²·2 + 2]; written out here, not called.
  const double dl = 0.3, c3 = 8, c2 = 4, m = 30;
  const double known = 6 * ((1 + 1 / m) * dl * dl * c3 * 6 + dl * dl * c3 * (6 + 5 * 2) / m - 2 * dl * c2 * 2 + 2);
  INFO("plain " << plain.mean << " +- " << plain.std_error << ", cv " << cv.mean << " +- " << cv.std_error << ", known "
                << known);
  CHECK(std::fabs(cv.mean - plain.mean) <= plain.z * std::hypot(cv.std_error, plain.std_error));
  CHECK(std::fabs(cv.mean - known) <= cv.z * cv.std_error);
  CHECK(plain.std_error > 10 * cv.std_error);  // measured 28×
  CHECK(cv.control_r2 > 0.5);
}

TEST_CASE("the variance-reduced estimate is the same for any number of threads") {
  exact_case c = nonlinear_case(false);
  set_estimator(c.spec, "conditional-query+cv");
  const auto one = mc_prediction_error(c.spec, c.th, 30000, 4, 1);
  const auto three = mc_prediction_error(c.spec, c.th, 30000, 4, 3);
  CHECK(one.mean == three.mean);
  CHECK(one.std_error == three.std_error);
  CHECK_THROWS(set_estimator(c.spec, "conditional+av"));
}
