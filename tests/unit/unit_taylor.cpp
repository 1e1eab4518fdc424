// The Taylor-series integrator (docs/THEORY.md §3.11): the coefficient recurrences against series
// known in closed form, the stepper against ODEs with known solutions, a planted wrong coefficient
// seen to miss, and the reduced flow's series against its right-hand side, its Jacobian and the
// extrapolation stepper.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "claims/zfb_reference.hpp"
#include "core/errors.hpp"
#include "core/taylor_series.hpp"
#include "dynamics/reduced.hpp"
#include "flow/flow.hpp"
#include "model/init.hpp"
#include "support.hpp"

using namespace icl;

namespace {

// The Riccati equation y' = 1 + y², y(0) = 0, whose solution is tan t (a pole at π/2 limits the
// series' radius). `plant_order` > 0 multiplies that coefficient by 1 + 1e-10: a wrong recurrence.
struct riccati {
  int plant_order = 0;
  void operator()(const vec<mpfr>& y, vec<mpfr>& dy) const { dy = vec<mpfr>::Constant(1, mpfr(1) + y(0) * y(0)); }
  void taylor(const vec<mpfr>& y, int K, std::vector<mpfr>& c) const {
    c.assign(K + 1, mpfr(0));
    c[0] = y(0);
    mpfr sq, tmp;
    for (int k = 0; k < K; ++k) {
      square_coeff(c.data(), k, sq, tmp);
      if (k == 0) sq += 1;
      c[k + 1] = sq / (k + 1);
      if (k + 1 == plant_order) c[k + 1] *= mpfr(1) + parse<mpfr>("1e-10");
    }
  }
};

// The logistic equation y' = y(1 − y), y(0) = 1/2: y = 1/(1 + e^{−t}).
struct logistic {
  void operator()(const vec<mpfr>& y, vec<mpfr>& dy) const { dy = vec<mpfr>::Constant(1, y(0) * (1 - y(0))); }
  void taylor(const vec<mpfr>& y, int K, std::vector<mpfr>& c) const {
    c.assign(K + 1, mpfr(0));
    c[0] = y(0);
    mpfr sq, tmp;
    for (int k = 0; k < K; ++k) {
      square_coeff(c.data(), k, sq, tmp);
      c[k + 1] = (c[k] - sq) / (k + 1);
    }
  }
};

template <class Sys> vec<mpfr> integrate_to(Sys sys, const char* y0, const char* t_end, int tol_digits, integration_stats* st = nullptr) {
  integration_options<mpfr> o;
  o.m = method::taylor;
  o.tol = parse<mpfr>("1e-" + std::to_string(tol_digits));
  o.t_end = parse<mpfr>(t_end);
  o.t_max = mpfr(1000);
  vec<mpfr> y = vec<mpfr>::Constant(1, parse<mpfr>(y0));
  const auto s = integrate<mpfr>(sys, y, o, mpfr_digits(), [](const mpfr&, const vec<mpfr>&) { return std::string(); });
  REQUIRE(s.ok);
  REQUIRE(s.how == outcome::reached_t_end);
  if (st) *st = s;
  return y;
}

}  // namespace

TEST_CASE("series arithmetic: exp, square and product coefficients match closed forms") {
  set_mpfr_digits(50);
  const int K = 30;
  mpfr tmp, out;
  SUBCASE("exp(c t): E_k = c^k / k!") {
    const mpfr c = parse<mpfr>("-2.5");
    std::vector<mpfr> dphi(K + 1, mpfr(0)), E(K + 1);
    dphi[0] = c;
    E[0] = 1;
    mpfr expect = 1;
    for (int k = 1; k <= K; ++k) {
      exp_coeff(dphi.data(), E.data(), k, E[k], tmp);
      expect = expect * c / k;
      INFO("k = " << k);
      CHECK(agrees(E[k], expect, 48));
    }
  }
  SUBCASE("exp(t^2): E_2m = 1/m!, odd coefficients 0") {
    std::vector<mpfr> dphi(K + 1, mpfr(0)), E(K + 1);
    dphi[1] = 2;  // φ = t², φ' = 2t
    E[0] = 1;
    mpfr fact = 1;
    for (int k = 1; k <= K; ++k) {
      exp_coeff(dphi.data(), E.data(), k, E[k], tmp);
      INFO("k = " << k);
      if (k % 2) {
        CHECK(E[k] == 0);
      } else {
        fact *= k / 2;
        CHECK(agrees(E[k], mpfr(1) / fact, 48));
      }
    }
  }
  SUBCASE("1/(1-t) squared is 1/(1-t)^2: coefficients k + 1; times 1/(1+t): alternating partial sums") {
    std::vector<mpfr> a(K + 1, mpfr(1)), b(K + 1);
    for (int k = 0; k <= K; ++k) b[k] = k % 2 ? -1 : 1;
    for (int k = 0; k <= K; ++k) {
      square_coeff(a.data(), k, out, tmp);
      CHECK(out == k + 1);
      product_coeff(a.data(), b.data(), k, out, tmp);  // 1/(1 − t²): 1 at even k, 0 at odd
      CHECK(out == (k % 2 ? 0 : 1));
    }
  }
}

TEST_CASE("the Riccati series is tan's (coefficients from mpmath 1.2.1: mpmath.taylor(mpmath.tan, 0, 15))") {
  set_mpfr_digits(50);
  // Exact rationals, which mpmath.taylor's 55-digit output matches: 1, 1/3, 2/15, 17/315, 62/2835,
  // 1382/155925, 21844/6081075, 929569/638512875 at orders 1, 3, …, 15.
  const std::pair<int, const char*> odd[] = {{1, "1/1"}, {3, "1/3"}, {5, "2/15"}, {7, "17/315"}, {9, "62/2835"},
                                             {11, "1382/155925"}, {13, "21844/6081075"}, {15, "929569/638512875"}};
  std::vector<mpfr> c;
  riccati{}.taylor(vec<mpfr>::Zero(1), 15, c);
  for (int k = 0; k <= 15; k += 2) CHECK(c[k] == 0);
  for (const auto& [k, q] : odd) {
    const std::string s(q);
    const auto slash = s.find('/');
    const mpfr expect = parse<mpfr>(s.substr(0, slash)) / parse<mpfr>(s.substr(slash + 1));
    INFO("k = " << k);
    CHECK(agrees(c[k], expect, 48));
  }
}

TEST_CASE("the Taylor stepper integrates tan to t = 1.5 and the logistic to t = 30 to the requested digits") {
  set_mpfr_digits(50);
  integration_stats st;
  // tan(1.5) ≈ 14.1: near the pole at π/2 the step must follow the shrinking radius. The error
  // grows like sec² t ≈ 200 over the path, so 50-digit steps leave ≥ 46 digits.
  const vec<mpfr> y = integrate_to(riccati{}, "0", "1.5", 50, &st);
  CHECK(agrees(y(0), mpfr(tan(parse<mpfr>("1.5"))), 46));
  CHECK(st.order == taylor_order(parse<mpfr>("1e-50")));
  CHECK(st.steps < 200);  // a high-order method: tens of steps, not thousands
  const vec<mpfr> z = integrate_to(logistic{}, "0.5", "30", 50);
  CHECK(agrees(z(0), mpfr(1 / (1 + exp(parse<mpfr>("-30")))), 47));
  SUBCASE("at 100 digits too") {
    set_mpfr_digits(100);
    const vec<mpfr> w = integrate_to(riccati{}, "0", "1.5", 100);
    CHECK(agrees(w(0), mpfr(tan(parse<mpfr>("1.5"))), 96));
  }
}

TEST_CASE("a planted wrong coefficient (order 7, relative 1e-10) is seen to miss tan(1.5)") {
  set_mpfr_digits(50);
  const mpfr exact = tan(parse<mpfr>("1.5"));
  const vec<mpfr> good = integrate_to(riccati{}, "0", "1.5", 50);
  const vec<mpfr> bad = integrate_to(riccati{7}, "0", "1.5", 50);
  const double got_good = digits_of_agreement(mpfr(good(0) - exact), exact);
  const double got_bad = digits_of_agreement(mpfr(bad(0) - exact), exact);
  INFO("good " << got_good << " digits, planted " << got_bad << " digits");
  CHECK(got_good >= 46);
  CHECK(got_bad < 30);  // 16 digits below good: the slip enters every step, times h^7
}

TEST_CASE("the reduced flow's series: orders 1 and 2 are f and J f / 2, with off-diagonal terms") {
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(matrix_lambda_spec({{"1.5", "0.25", "-0.125"}, {"0.25", "0.75", "0.0625"}, {"-0.125", "0.0625", "2"}},
                                                       "test matrix"),
                                    4);
  const auto start = paper_init(p, mpfr("0.4"), theta_spec{false, 9});  // random Θ: off-diagonal Ũ
  reduced_eigen_system<mpfr> sys(p, start);
  vec<mpfr> y = sys.initial_state();
  y(1) = mpfr("0.7");  // τ > 0 so the off-diagonal decay enters
  const int K = 6, m = K + 1, n = sys.size();
  std::vector<mpfr> c;
  sys.taylor(y, K, c);
  vec<mpfr> f;
  mat<mpfr> J;
  sys.rhs(y, f);
  sys.jacobian(y, J);
  const vec<mpfr> f2 = J * f / 2;
  for (int i = 0; i < n; ++i) {
    INFO("component " << i);
    CHECK(c[i * m] == y(i));
    CHECK(agrees(c[i * m + 1], f(i), 48));
    CHECK(agrees(c[i * m + 2], f2(i), 46));
  }
}

TEST_CASE("the reduced flow by Taylor agrees with the extrapolation stepper (random Θ, non-diagonal Λ)") {
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(matrix_lambda_spec({{"1.5", "0.25", "-0.125"}, {"0.25", "0.75", "0.0625"}, {"-0.125", "0.0625", "2"}},
                                                       "test matrix"),
                                    4);
  flow_options<mpfr> o;
  o.init.sigma = "0.3";
  o.init.theta = theta_spec{false, 9};
  o.t_end = mpfr(6);
  o.tol_digits = 52;
  o.reference = zfb_reference(p);
  const auto ex = run_flow(p, o);
  o.m = method::taylor;
  o.reference = zfb_reference(p);
  const auto ta = run_flow(p, o);
  REQUIRE(ex.stats.ok);
  REQUIRE(ta.stats.ok);
  CHECK(ta.stats.order > 0);
  CHECK(agrees(ta.final_reduced.u, ex.final_reduced.u, 44));
  CHECK(agrees_norm(mat<mpfr>(ta.final_reduced.U - ex.final_reduced.U), ex.final_reduced.U, 44));
}

TEST_CASE("a certified Taylor run is within its bound of the closed-form limit") {
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(parse_lambda_spec("linspace:0.5:2:5"), 10);
  flow_options<mpfr> o;
  o.init.sigma = "0.001";
  o.m = method::taylor;
  o.target_digits = 40;
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  REQUIRE(f.stats.ok);
  REQUIRE(f.certified);
  const mpfr dist = f.trajectory.back().dist;
  INFO("distance " << full(dist) << " <= bound " << full(f.bound));
  CHECK(dist <= f.bound);
  CHECK(f.bound <= parse<mpfr>("1e-40") * f.scale);
}

TEST_CASE("--method taylor is refused for the full parameterisation") {
  const auto p = make_problem<double>(parse_lambda_spec("0.5,1.5"), 3);
  flow_options<double> o;
  o.param = parameterisation::full;
  o.m = method::taylor;
  o.t_end = 1.0;
  o.reference = zfb_reference(p);
  CHECK_THROWS_AS(run_flow(p, o), usage_error);
}
