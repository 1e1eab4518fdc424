// The integrator against the one exact solution there is (Λ = I: u² follows a logistic curve,
// docs/THEORY.md §8), in every scalar type; and the flow's stopping rules.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <random>

#include "flow/flow.hpp"
#include "flow/full_step_matrix.hpp"
#include "claims/zfb_reference.hpp"
#include "support.hpp"

using namespace icl;

namespace {

template <class T> void logistic_in(int digits_required) {
  const int d = 4;
  const long N = 6;
  const auto p = make_problem<T>(parse_lambda_spec("linspace:1:1:4"), N);
  flow_options<T> o;
  o.init.sigma = "0.05";  // a visible plateau, then the drop
  o.tol_digits = digits_required + 6;  // the type's full digits, guard digits or not: Λ = I is not stiff
  for (const char* t : {"0.25", "1", "2.5", "6"}) {
    o.t_end = parse<T>(t);
    o.reference = zfb_reference(p);
    const auto f = run_flow(p, o);
    REQUIRE(f.stats.ok);
    CHECK(f.trajectory.back().t == *o.t_end);  // lands exactly on the horizon
    const T u = f.final_reduced.u;
    const T exact = logistic_u2(d, N, parse<T>("0.05"), *o.t_end);
    INFO("type " << digits10<T>() << " digits, t = " << t << ": u^2 = " << full(T(u * u)) << ", exact " << full(exact));
    CHECK(agrees(T(u * u), exact, digits_required));
  }
}

}  // namespace

TEST_CASE("flow matches the logistic solution u^2 = sqrt(d) s(t) to digits - 10 in every scalar type") {
  SUBCASE("double") { logistic_in<double>(std::numeric_limits<double>::digits10 - 10); }
  SUBCASE("long double") { logistic_in<long double>(std::numeric_limits<long double>::digits10 - 10); }
  SUBCASE("float128") { logistic_in<float128>(std::numeric_limits<float128>::digits10 - 10); }
  SUBCASE("mpfr 50") {
    set_mpfr_digits(50);
    logistic_in<mpfr>(40);
  }
  SUBCASE("mpfr 100") {
    set_mpfr_digits(100);
    logistic_in<mpfr>(90);
  }
}

TEST_CASE("a tiny start keeps its relative accuracy through the plateau") {
  // σ = 1e-20: the state starts 20 orders below 1. An absolute error test kept only ~15 of 40
  // digits of u(12) here; relative control must deliver the flow's target (digits − 8) less a few.
  set_mpfr_digits(40);
  const auto p = make_problem<mpfr>(parse_lambda_spec("linspace:1:1:9"), 20);
  flow_options<mpfr> o;
  o.init.sigma = "1e-20";
  o.t_end = mpfr(12);  // ΘΘᵀ = I/√d (the default), the logistic's start
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  REQUIRE(f.stats.ok);
  const mpfr exact = logistic_u2(9, 20, mpfr("1e-20"), mpfr(12));
  const double got = digits_of_agreement(mpfr(f.final_reduced.u * f.final_reduced.u - exact), exact);
  INFO("u(12)^2 = " << full(mpfr(f.final_reduced.u * f.final_reduced.u)) << ", exact " << full(exact) << ": " << got << " digits");
  CHECK(got >= 28);
}

TEST_CASE("a planted wrong solution is told apart from the flow") {
  // The same comparison with γ off by 1/N must fail by far: the test above has teeth.
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(parse_lambda_spec("linspace:1:1:4"), 6);
  flow_options<mpfr> o;
  o.init.sigma = "0.05";
  o.t_end = mpfr(6);
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  const mpfr wrong = logistic_u2(4, 7, mpfr("0.05"), mpfr(6));  // N + 1 in place of N
  CHECK(digits_of_agreement(mpfr(f.final_reduced.u * f.final_reduced.u - wrong), wrong) < 3);
}

TEST_CASE("the certificate is honest: the true distance to the limit is below the certified bound") {
  set_mpfr_digits(40);
  const auto p = make_problem<mpfr>(parse_lambda_spec("0.5,1,2"), 5);
  flow_options<mpfr> o;
  o.init.sigma = "auto";
  o.target_digits = 20;  // stop early, while the distance is still measurable,
  o.tol_digits = 38;     // with an integration error far below it (the bound is about the exact path)
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  REQUIRE(f.stats.ok);
  REQUIRE(f.certified);
  const mpfr dist = f.trajectory.back().dist;
  INFO("distance " << full(dist) << " <= bound " << full(f.bound));
  CHECK(dist <= f.bound);
  CHECK(dist > f.bound / 1000000);  // the bound is not vacuous either
}

TEST_CASE("a planted integration error is counted in the bound: the certificate stays honest") {
  // A loose local tolerance (1e-12 at 40 digits) leaves the end point's limit off the exact flow's
  // by far more than 2|grad L|/mu: the bound must grow by the drift and still cover the distance.
  set_mpfr_digits(40);
  const auto p = make_problem<mpfr>(parse_lambda_spec("0.5,1,2"), 5);
  flow_options<mpfr> o;
  o.init.sigma = "auto";
  o.target_digits = 30;
  o.tol_digits = 12;
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  REQUIRE(f.stats.ok);
  REQUIRE(f.certified);
  const mpfr dist = f.trajectory.back().dist;
  INFO("distance " << full(dist) << ", PL part " << full(f.pl_bound) << ", drift radius " << full(f.drift_radius));
  CHECK(dist > f.pl_bound);  // the PL part alone would have lied: the planted error is visible
  CHECK(dist <= f.bound);    // the whole bound covers it
  CHECK(f.bound < mpfr(1) / mpfr(1000000));  // and is not vacuous
}

TEST_CASE("the full and reduced parameterisations integrate the same flow from the paper's start") {
  const auto p = make_problem<double>(parse_lambda_spec("0.5,1.5"), 3);
  flow_options<double> o;
  o.init.sigma = "0.2";
  o.t_end = 7.5;
  o.reference = zfb_reference(p);
  const auto red = run_flow(p, o);
  o.param = parameterisation::full;
  o.reference = zfb_reference(p);
  const auto fl = run_flow(p, o);
  // Local tolerance 1e-9 in double: agreement to 8 digits after t = 7.5.
  CHECK(agrees(fl.final_reduced.u, red.final_reduced.u, 8));
  CHECK(agrees_norm(mat<double>(fl.final_reduced.U - red.final_reduced.U), red.final_reduced.U, 8));
  CHECK(fl.final_full.a.norm() == 0.0);
  CHECK(fl.final_full.c.norm() == 0.0);
}

// The block solve of (I + hH)x = b on a = c = 0 (docs/THEORY.md §3.10) against a dense LU of the
// stencil Hessian (dynamics/full_loss_hessian: the closed-form gradient differentiated exactly, no
// shared formula), for diagonal and nondiagonal Λ, right-hand sides with and without (a, c) parts,
// and step sizes from tiny to stiff; off a = c = 0 the solve is the dense one.
TEST_CASE("the full flow's block solve agrees with a dense LU of the stencil Hessian") {
  set_mpfr_digits(50);
  using T = mpfr;
  for (const char* lam : {"0.5,1,3", "nondiagonal"}) {
    lambda_spec spec;
    if (std::string(lam) != "nondiagonal") spec = parse_lambda_spec(lam);
    else spec = matrix_lambda_spec({{"2", "0.5", "0"}, {"0.5", "1", "0.25"}, {"0", "0.25", "0.75"}}, "nondiagonal");
    const auto p = make_problem<T>(spec, 4);
    const int d = p.d, n = full_params<T>::size(d);
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> u(-9, 9);
    auto rnd = [&] { return T(u(rng)) / T(7); };
    vec<T> y = vec<T>::Zero(n);
    for (int k = d; k < d + 1 + d * d; ++k) y(k) = rnd();
    const full_params<T> at = full_params<T>::unpack(y, d);
    const mat<T> H = full_loss_hessian(p, at).H;
    full_step_matrix<T> sm(p);
    sm.set_point(at);
    CHECK(sm.structured());
    for (const char* hs : {"1e-6", "0.03", "2", "500"}) {
      const T h = parse<T>(hs);
      sm.factor(h);
      const Eigen::PartialPivLU<mat<T>> lu(mat<T>(mat<T>::Identity(n, n) + h * H));
      for (bool with_ac : {false, true}) {
        vec<T> b(n);
        for (int k = 0; k < n; ++k) b(k) = rnd();
        if (!with_ac) b.head(d).setZero(), b.tail(d).setZero();
        vec<T> x = vec<T>::Zero(n);
        sm.solve_add(b, T(3), x);
        const vec<T> ref = lu.solve(vec<T>(T(3) * b));
        INFO(lam << ", h = " << hs << (with_ac ? ", with (a, c)" : ""));
        CHECK(agrees_norm(vec<T>(x - ref), ref, 45));
        if (!with_ac) CHECK((x.head(d).norm() == 0 && x.tail(d).norm() == 0));
      }
    }
    vec<T> off = y;
    off(0) = T(1) / T(3);
    off(n - 1) = T(-2) / T(5);
    const full_params<T> at2 = full_params<T>::unpack(off, d);
    sm.set_point(at2);
    CHECK(!sm.structured());
  }
}

TEST_CASE("budgets end a run as not ok with the reason, never silently") {
  const auto p = make_problem<double>(parse_lambda_spec("0.5,1,2"), 5);
  flow_options<double> o;
  o.max_steps = 3;
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  CHECK_FALSE(f.stats.ok);
  CHECK_FALSE(f.certified);
  CHECK(f.stats.reason.find("step budget") != std::string::npos);
}

TEST_CASE("the conserved quantity stays at its start value along the reduced flow") {
  set_mpfr_digits(30);
  const auto p = make_problem<mpfr>(parse_lambda_spec("0.5,1,2"), 5);
  flow_options<mpfr> o;
  o.init.sigma = "0.3";
  o.init.theta = theta_spec{false, 3};
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  REQUIRE(f.stats.ok);
  for (const auto& pt : f.trajectory) CHECK(abs(pt.drift) < parse<mpfr>("1e-24"));
}
