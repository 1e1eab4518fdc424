// The closed-form loss and gradient against what shares no algebra with them: central finite
// differences in high precision, Monte Carlo of the literal forward pass, and sampling of the
// moment identities of docs/THEORY.md §4.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/errors.hpp"
#include "dynamics/full_loss.hpp"
#include "dynamics/reduced.hpp"
#include "model/init.hpp"
#include "model/random_cov_model.hpp"
#include "flow/random_cov_flow.hpp"
#include "theory/random_cov_limits.hpp"
#include "sampling/forward.hpp"
#include "support.hpp"

using namespace icl;

namespace {

// A non-diagonal SPD Λ (d = 3) so that no term can hide behind a diagonal.
lambda_spec dense_lambda() {
  return matrix_lambda_spec({{"1.5", "0.25", "-0.125"}, {"0.25", "0.75", "0.0625"}, {"-0.125", "0.0625", "2"}},
                            "test matrix");
}

template <class T> full_params<T> generic_params(int d, std::uint64_t seed) {
  return random_init<T>(d, T(1) / T(2), seed);  // every live entry nonzero
}

}  // namespace

TEST_CASE("full gradient equals a central finite difference, error shrinking like the step squared") {
  set_mpfr_digits(60);
  const auto p = make_problem<mpfr>(dense_lambda(), 4);
  const auto th = generic_params<mpfr>(3, 1);
  full_params<mpfr> g;
  full_loss_grad(p, th, g);
  const vec<mpfr> grad = g.pack(), x = th.pack();
  auto central = [&](const vec<mpfr>& v, const mpfr& h) {
    return (full_loss(p, full_params<mpfr>::unpack(x + h * v, 3)) - full_loss(p, full_params<mpfr>::unpack(x - h * v, 3))) /
           (2 * h);
  };
  // Along one coordinate the loss is quadratic (the prediction is bilinear in W^PV, W^KQ), so the
  // central difference is exact up to rounding: every component of the gradient to ~60 digits.
  for (int i = 0; i < x.size(); ++i) {
    vec<mpfr> e = vec<mpfr>::Zero(x.size());
    e(i) = 1;
    INFO("component " << i);
    CHECK(agrees(central(e, parse<mpfr>("1e-6")), grad(i), 55));
  }
  // Along a generic direction the error is h^2/6 L''' + O(h^4): halving h must divide it by 4.
  normal_stream rng(4);
  vec<mpfr> v(x.size());
  for (int i = 0; i < v.size(); ++i) v(i) = mpfr(rng.next());
  const mpfr exact = grad.dot(v), h = parse<mpfr>("1e-8");
  const mpfr e1 = abs(central(v, h) - exact), e2 = abs(central(v, h / 2) - exact);
  INFO("error at h: " << full(e1) << ", at h/2: " << full(e2));
  CHECK(e1 < parse<mpfr>("1e-13"));
  CHECK(e1 > parse<mpfr>("1e-40"));  // the third derivative is not zero: the test measures something
  const mpfr ratio = e1 / e2;
  CHECK(ratio > mpfr("3.99"));
  CHECK(ratio < mpfr("4.01"));
}

TEST_CASE("reduced loss and gradient are the full ones restricted to a = c = 0, where a and c feel no force") {
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(dense_lambda(), 3);
  auto th = generic_params<mpfr>(3, 2);
  th.a.setZero();
  th.c.setZero();
  full_params<mpfr> g;
  const mpfr lf = full_loss_grad(p, th, g);
  reduced_params<mpfr> r{th.b, th.C}, rg;
  const mpfr lr = reduced_loss_grad(p, r, rg);
  CHECK(agrees(lf, lr, 48));
  CHECK(agrees(g.b, rg.u, 48));
  CHECK(agrees_norm(mat<mpfr>(g.C - rg.U), rg.U, 48));
  // Lemma 5.2: u12 and u21 vanish on this set, exactly (up to rounding of the terms).
  CHECK(g.a.norm() < eps<mpfr>() * 1000);
  CHECK(g.c.norm() < eps<mpfr>() * 1000);
}

TEST_CASE("the eigenbasis system reproduces the dense reduced loss and gradient of a non-diagonal problem") {
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(dense_lambda(), 5);
  const auto start = paper_init(p, mpfr("0.3"), theta_spec{false, 5});  // Θ random: off-diagonal Ũ
  reduced_eigen_system<mpfr> sys(p, start);
  const vec<mpfr>& y = sys.initial_state();
  reduced_params<mpfr> g;
  const mpfr dense = reduced_loss_grad(p, start, g);
  CHECK(agrees(sys.loss(y), dense, 48));
  const mpfr gn = sqrt(g.u * g.u + g.U.squaredNorm());
  CHECK(agrees(sys.grad_norm(y), gn, 46));
  CHECK(agrees_norm(mat<mpfr>(sys.U_original(y) - start.U), start.U, 48));
  CHECK(agrees(sys.loss(y) - sys.min_loss(), sys.loss_gap(y), 45));
}

TEST_CASE("the exact Jacobian of the eigenbasis system matches finite differences") {
  set_mpfr_digits(50);
  const auto p = make_problem<mpfr>(dense_lambda(), 2);
  const auto start = paper_init(p, mpfr("0.4"), theta_spec{false, 9});
  reduced_eigen_system<mpfr> sys(p, start);
  vec<mpfr> y = sys.initial_state();
  y(1) = mpfr("0.7");  // τ > 0 so the off-diagonal decay enters
  mat<mpfr> J;
  sys.jacobian(y, J);
  const mpfr h = parse<mpfr>("1e-20");
  for (int i = 0; i < y.size(); ++i) {
    vec<mpfr> yp = y, ym = y, fp, fm;
    yp(i) += h;
    ym(i) -= h;
    sys.rhs(yp, fp);
    sys.rhs(ym, fm);
    const vec<mpfr> col = (fp - fm) / (2 * h);
    INFO("column " << i);
    CHECK((col - J.col(i)).norm() < parse<mpfr>("1e-35"));
  }
}

TEST_CASE("closed-form loss agrees with a Monte Carlo of the literal forward pass f(E) = E + W^PV E (E^T W^KQ E)/N") {
  const auto p = make_problem<double>(dense_lambda(), 4);
  const auto th = generic_params<double>(3, 3);
  const double closed = full_loss(p, th);
  const auto mc = mc_population_loss(p, th.w_pv(), th.w_kq(), 400000, 17);
  INFO("closed form " << closed << ", Monte Carlo " << mc.mean << " +- " << mc.std_error);
  CHECK(std::abs(closed - mc.mean) < 4 * mc.std_error);
  CHECK(4 * mc.std_error < 0.03 * closed);  // resolves a 3% error in the formula
}

// Per sample, d/dv of (yhat - y)^2 / 2 is (yhat - y) * dyhat/dv, and since yhat is quadratic in the
// parameters the central difference (yhat(x + v) - yhat(x - v)) / 2 is dyhat/dv exactly: an
// unbiased estimator of the directional derivative.
TEST_CASE("gradient agrees with a Monte Carlo of directional derivatives of the literal forward pass") {
  const int d = 3;
  const long N = 3, S = 300000;
  const auto p = make_problem<double>(dense_lambda(), N);
  const auto th = generic_params<double>(d, 4);
  full_params<double> g;
  full_loss_grad(p, th, g);
  const vec<double> x = th.pack();
  const Eigen::LLT<mat<double>> chol(p.lambda);
  normal_stream rng(99);
  for (int k = 0; k < 3; ++k) {
    vec<double> v(x.size());
    for (int i = 0; i < v.size(); ++i) v(i) = rng.next();
    const auto plus = full_params<double>::unpack(x + v, d), minus = full_params<double>::unpack(x - v, d);
    double sum = 0, sq = 0;
    for (long s = 0; s < S; ++s) {
      mat<double> Z(d, N);
      vec<double> w(d), zq(d);
      for (int i = 0; i < Z.size(); ++i) Z.data()[i] = rng.next();
      for (int i = 0; i < d; ++i) w(i) = rng.next(), zq(i) = rng.next();
      const mat<double> X = chol.matrixL() * Z;
      const vec<double> xq = chol.matrixL() * zq, y = X.transpose() * w;
      const double r = lsa_predict(th.w_pv(), th.w_kq(), X, y, xq) - w.dot(xq);
      const double dy =
          (lsa_predict(plus.w_pv(), plus.w_kq(), X, y, xq) - lsa_predict(minus.w_pv(), minus.w_kq(), X, y, xq)) / 2;
      sum += r * dy;
      sq += r * dy * r * dy;
    }
    const double mean = sum / S, se = std::sqrt((sq / S - mean * mean) / S), closed = g.pack().dot(v);
    INFO("direction " << k << ": closed " << closed << ", MC " << mean << " +- " << se);
    CHECK(std::abs(mean - closed) < 4.5 * se);
    CHECK(se < 0.05 * g.pack().norm() * v.norm());
  }
}

TEST_CASE("entries outside the live blocks do not change the prediction (docs/THEORY.md §2)") {
  const auto p = make_problem<double>(dense_lambda(), 6);
  const auto th = generic_params<double>(3, 6);
  std::mt19937_64 gen(3);
  std::normal_distribution<double> n01;
  mat<double> pv = th.w_pv(), kq = th.w_kq(), pv_noise = pv, kq_noise = kq;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) pv_noise(i, j) = n01(gen);  // rows 1..d of W^PV
  for (int i = 0; i < 4; ++i) kq_noise(i, 3) = n01(gen);     // last column of W^KQ
  mat<double> X(3, 6);
  for (int i = 0; i < X.size(); ++i) X.data()[i] = n01(gen);
  vec<double> w(3), xq(3);
  for (int i = 0; i < 3; ++i) w(i) = n01(gen), xq(i) = n01(gen);
  const vec<double> y = X.transpose() * w;
  const double live = lsa_predict(pv, kq, X, y, xq), noisy = lsa_predict(pv_noise, kq_noise, X, y, xq);
  CHECK(std::abs(live - noisy) <= 1e-12 * (1 + std::abs(live)));
  // and the live entries do matter
  kq(0, 0) += 1;
  CHECK(std::abs(lsa_predict(pv, kq, X, y, xq) - live) > 1e-6);
}

// docs/THEORY.md §4, by sampling x ~ N(0, Λ) with Λ̂ = (1/M) Σ x xᵀ.
TEST_CASE("moment identities of THEORY section 4 hold by sampling") {
  const int d = 3, M = 4;
  const auto p = make_problem<double>(dense_lambda(), 1);
  const mat<double> L = p.lambda;
  const Eigen::LLT<mat<double>> chol(L);
  const mat<double> A = (mat<double>(3, 3) << 1, 0.5, -0.25, 0.5, 2, 0.75, -0.25, 0.75, -1).finished();  // symmetric
  std::mt19937_64 gen(11);
  std::normal_distribution<double> n01;
  const long S = 400000;
  mat<double> s_LAL = mat<double>::Zero(d, d), s_trL = mat<double>::Zero(d, d), s_L2 = mat<double>::Zero(d, d);
  mat<double> q_LAL = s_LAL;  // sums of squares for standard errors
  double s_tr2 = 0, q_tr2 = 0, s_4 = 0;
  for (long s = 0; s < S; ++s) {
    mat<double> Lh = mat<double>::Zero(d, d);
    for (int m = 0; m < M; ++m) {
      vec<double> z(d);
      for (int i = 0; i < d; ++i) z(i) = n01(gen);
      const vec<double> x = chol.matrixL() * z;
      Lh += x * x.transpose();
      if (m == 0) s_4 += x(0) * x(1) * x(2) * x(2);
    }
    Lh /= M;
    const mat<double> LAL = Lh * A * Lh;
    s_LAL += LAL;
    q_LAL += LAL.cwiseProduct(LAL);
    s_trL += Lh.trace() * Lh;
    s_L2 += Lh * Lh;
    const double t2 = Lh.trace() * Lh.trace();
    s_tr2 += t2;
    q_tr2 += t2 * t2;
  }
  auto se = [&](const mat<double>& sum, const mat<double>& sq) {
    return ((sq / S - (sum / S).cwiseProduct(sum / S)) / S).cwiseSqrt().maxCoeff();
  };
  const double T = L.trace();
  const mat<double> e_LAL = (1 + 1.0 / M) * L * A * L + (A * L).trace() / M * L;
  const mat<double> gamma_M = (1 + 1.0 / M) * L + T / M * mat<double>::Identity(d, d);
  const double tol = 5 * se(s_LAL, q_LAL);
  CHECK((s_LAL / S - e_LAL).cwiseAbs().maxCoeff() < tol);
  CHECK((s_L2 / S - gamma_M * L).cwiseAbs().maxCoeff() < 0.02 * (gamma_M * L).norm());
  CHECK((s_trL / S - (T * L + 2.0 / M * L * L)).cwiseAbs().maxCoeff() < 0.02 * T * L.norm());
  const double e_tr2 = T * T + 2.0 / M * (L * L).trace();
  CHECK(std::abs(s_tr2 / S - e_tr2) < 5 * std::sqrt((q_tr2 / S - (s_tr2 / S) * (s_tr2 / S)) / S));
  // Isserlis for one 4th moment: E[x0 x1 x2 x2] = Λ01Λ22 + 2Λ02Λ12.
  CHECK(std::abs(s_4 / S - (L(0, 1) * L(2, 2) + 2 * L(0, 2) * L(1, 2))) < 0.03);
  // and the identities are sharp: the same sample rejects the 1/M term dropped
  const mat<double> wrong = L * A * L;
  CHECK((s_LAL / S - wrong).cwiseAbs().maxCoeff() > tol);
}


// The model's random-covariance coefficients (docs/THEORY.md §7.1), by hand: Uniform[0, 2] has
// m1 = 1, m2 = 4/3, m3 = 2; at d = 3, N = 10, γ_i = (11/10)·2 + (1/10)(2 + 2·(4/3)·1) = 8/3, β_i = 4/3,
// ½E tr Λ = 3/2. The planted slip drops m3/N = 1/5 from γ_i.
TEST_CASE("the random-covariance model's gamma_i, beta_i over the rationals, and its planted slip") {
  const law_spec law = parse_law_spec("uniform:0:2");
  const auto sys = make_random_cov_system<rational>(law, 3, 10);
  for (int i = 0; i < 3; ++i) {
    CHECK(sys.gamma(i) == rational(8, 3));
    CHECK(sys.beta(i) == rational(4, 3));
  }
  CHECK(sys.half_trace == rational(3, 2));
  const auto slip = make_random_cov_system<rational>(law, 3, 10, random_cov_model_slip::gamma_without_diagonal_1_over_n);
  CHECK(slip.gamma(0) == rational(37, 15));
  // Gamma(2): E[λ^k] = 2, 6, 24; Exp(1): 1, 2, 6.
  CHECK(law_raw_moment<rational>(parse_law_spec("gamma:2"), 3) == rational(24));
  CHECK(law_raw_moment<rational>(parse_law_spec("exponential"), 3) == rational(6));
  CHECK_THROWS_AS((void)make_random_cov_system<double>(law, 0, 10), usage_error);
}

// One law per coordinate (docs/THEORY.md §7.1), by hand at N = 2: λ_1 two-point on {1, 3} (m = 2, 5, 14),
// λ_2 Exp(1) (m = 1, 2, 6). a_1 = (3/2)·14 + (1/2)(14 + 5·1) = 61/2, a_2 = (3/2)·6 + (1/2)(6 + 2·2) = 14,
// c_12 = (3/2)E[λ_1²λ_2] + (1/2)E[λ_1λ_2(λ_1 + λ_2)] = (3/2)·5 + (1/2)(5 + 4) = 12,
// c_21 = (3/2)E[λ_2²λ_1] + 9/2 = 6 + 9/2 = 21/2, b = (5, 2), ½E tr Λ = 3/2.
TEST_CASE("per-coordinate laws: a_i, b_i, c_ij of the model and of the theory against hand-computed rationals") {
  const std::vector<law_spec> laws{parse_law_spec("two-point:1:3"), parse_law_spec("exponential")};
  const auto sys = make_random_cov_system<rational>(laws, 2);
  CHECK(sys.gamma(0) == rational(61, 2));
  CHECK(sys.gamma(1) == rational(14));
  CHECK(sys.beta(0) == rational(5));
  CHECK(sys.beta(1) == rational(2));
  CHECK(sys.psi(0, 1) == rational(12));
  CHECK(sys.psi(1, 0) == rational(21, 2));
  CHECK(sys.half_trace == rational(3, 2));
  CHECK(law_raw_moment<rational>(parse_law_spec("two-point:1:3"), 3) == rational(14));
  // The theory's closed forms, in double: every number here is a short dyadic, computed exactly.
  const random_cov_limits<double> th(laws, 2);
  CHECK(th.a(0) == 30.5);
  CHECK(th.a(1) == 14.0);
  CHECK(th.c(0, 1) == 12.0);
  CHECK(th.c(1, 0) == 10.5);
  CHECK(th.b(0) == 5.0);
  CHECK(th.min_coef() == 10.5);
  // The planted model slip drops (1/N)E[λ_i²λ_j] from c_ij too: c_12 = 12 − 5/2.
  const auto slip = make_random_cov_system<rational>(laws, 2, random_cov_model_slip::gamma_without_diagonal_1_over_n);
  CHECK(slip.psi(0, 1) == rational(19, 2));
  CHECK(slip.gamma(0) == rational(61, 2) - rational(7));
}

// Lemma C.4's gap and Lemma C.5's balance, exactly at a random rational point with off-diagonal U.
TEST_CASE("random-covariance system: gap = loss - min loss, d/dt (u^2 - |U|_F^2) = 0, -rhs is the gradient") {
  const std::vector<law_spec> laws{parse_law_spec("uniform:0:2"), parse_law_spec("two-point:1:3"), parse_law_spec("gamma:2")};
  const auto sys = make_random_cov_system<rational>(laws, 7);
  std::mt19937_64 rng(5);
  const auto draw = [&] { return rational(static_cast<long>(rng() % 19) - 9, static_cast<long>(rng() % 7) + 1); };
  mat<rational> U(3, 3);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) U(i, j) = draw();
  const rational u = draw();
  const vec<rational> y = sys.state(u, U);
  rational min_loss = sys.half_trace;
  for (int i = 0; i < 3; ++i) min_loss -= sys.beta(i) * sys.beta(i) / sys.gamma(i) / rational(2);
  CHECK(sys.loss(y) - min_loss == sys.gap(y));
  vec<rational> dy;
  sys.rhs(y, dy);
  CHECK(rational(2) * y(0) * dy(0) - rational(2) * y.tail(9).dot(dy.tail(9)) == rational(0));
  // −rhs is ∇ℓ: ℓ is quadratic in each U_ij and in u, so the symmetric difference quotient with step h
  // is exact up to h²/6 ∂³ℓ; in U_ij (quadratic) it is exact.
  for (int k = 1; k < 10; ++k) {
    vec<rational> yp = y, ym = y;
    yp(k) += rational(1);
    ym(k) -= rational(1);
    CHECK((sys.loss(yp) - sys.loss(ym)) / rational(2) == -dy(k));
  }
}

// The certified stop (docs/THEORY.md §7.5): from a random Θ the flow's end lies within the certified
// radius of (4.12), computed by the theory; off-diagonal entries start nonzero and end below it.
TEST_CASE("random-covariance flow: certified radius covers the distance to (4.12), off-diagonal entries decay") {
  const std::vector<law_spec> laws{parse_law_spec("exponential"), parse_law_spec("two-point:0.5:1.5")};
  const auto sys = make_random_cov_system<double>(laws, 5);
  const random_cov_limits<double> th(laws, 5);
  theta_spec ts;
  ts.identity = false;
  ts.seed = 3;
  random_cov_flow_options<double> o;
  o.sigma = 0.1;
  o.start = theta_gram<double>(2, ts);
  o.target_digits = 10;
  o.max_seconds = 60;
  o.kappa = th.pl_kappa(0.1, o.start);
  const auto f = run_random_cov_flow<double>(sys, o);
  REQUIRE(f.stats.ok);
  CHECK(f.certified);
  CHECK(f.max_offdiag0 > 1e-2);
  double dist2 = (f.u - th.u_star()) * (f.u - th.u_star());
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      const double e = f.U(i, j) - (i == j ? th.U_star()(i) : 0.0);
      dist2 += e * e;
    }
  INFO("distance " << std::sqrt(dist2) << " radius " << f.radius);
  CHECK(std::sqrt(dist2) <= f.radius);
  CHECK(f.radius <= 1e-10 * f.scale);
  CHECK(f.min_pl_ratio >= o.kappa.value());
  CHECK(f.min_u2 >= th.u2_lower_bound(0.1, o.start));
}
