// The plateau systems (docs/THEORY.md §8) against their definitions: right-hand sides are −∇L by
// central differences of the loss, Jacobians are derivatives of the right-hand sides, the merged
// loss is the reduced loss of Zhang–Frei–Bartlett (ZFB), the principal-component-regression (PCR)
// levels end at L*, and the arrowhead solve of the stepper agrees with a dense LU.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "flow/step_matrix.hpp"
#include "plateau/systems.hpp"
#include "support.hpp"

using namespace icl;

namespace {

// Central difference of f along coordinate i (error O(h²) + rounding/h; h = ε^{1/3}).
template <class T, class F> T central(F&& f, vec<T> y, int i) {
  using std::cbrt;
  const T h = cbrt(eps<T>());
  const T y0 = y(i);
  y(i) = y0 + h;
  const T fp = f(y);
  y(i) = y0 - h;
  const T fm = f(y);
  return (fp - fm) / (T(2) * h);
}

template <class T, class Sys> void check_system(const Sys& sys, const vec<T>& y, double digits) {
  vec<T> dy;
  sys.rhs(y, dy);
  vec<T> fd(y.size());
  for (int i = 0; i < y.size(); ++i) fd(i) = -central<T>([&](const vec<T>& x) { return sys.loss(x); }, y, i);
  CHECK(agrees_norm(vec<T>(dy - fd), dy, digits));
  mat<T> J, Jfd(y.size(), y.size());
  sys.jacobian(y, J);
  for (int i = 0; i < y.size(); ++i)
    for (int r = 0; r < y.size(); ++r)
      Jfd(r, i) = central<T>([&](const vec<T>& x) { vec<T> o; sys.rhs(x, o); return T(o(r)); }, y, i);
  CHECK(agrees_norm(mat<T>(J - Jfd), J, digits));
  CHECK(agrees(sys.grad_norm2(y), T(dy.squaredNorm()), digits10<T>() - 2));
}

template <class T> spectrum<T> spec_of(const char* lambda, long N) {
  return spectrum<T>::of(make_problem<T>(parse_lambda_spec(lambda), N));
}

template <class T> void systems_in(double digits) {
  const auto hard = spec_of<T>("2,1,0.5", 7), easy = spec_of<T>("1,1,1", 7);
  vec<T> y(4);
  y << T(3) / T(4), T(1) / T(3), T(-2) / T(5), T(5) / T(4);
  SUBCASE("merged, one task") { check_system<T>(merged_system<T>({hard}, {T(1)}, T(0), hard), y, digits); }
  SUBCASE("merged, mixture with an auxiliary loss") {
    check_system<T>(merged_system<T>({hard, easy}, {T(3) / T(10), T(7) / T(10)}, T(1) / T(5), hard), y, digits);
  }
  SUBCASE("separate key/query, 2 heads") {
    separate_system<T> s(hard, 2);
    check_system<T>(s, s.random_start(T(1), 5), digits);
  }
}

}  // namespace

TEST_CASE("plateau systems: rhs = -grad L and exact Jacobians (central differences)") {
  SUBCASE("double") { systems_in<double>(8); }
  SUBCASE("mpfr 50") {
    set_mpfr_digits(50);
    systems_in<mpfr>(30);  // h = ε^{1/3}: differences hold ~2/3 of the digits
  }
}

TEST_CASE("the merged loss is the reduced loss of ZFB on K = uU and the gap is L - L*") {
  set_mpfr_digits(50);
  using T = mpfr;
  const auto s = spec_of<T>("2,1,0.5", 7);
  merged_system<T> m({s}, {T(1)}, T(0), s);
  vec<T> y(4);
  y << T(1) / T(2), T(1) / T(3), T(1) / T(5), T(1) / T(7);
  // ½u² Σ g λ² k² − u Σ λ² k + ½T, written out
  T direct = s.trace / T(2);
  for (int i = 0; i < 3; ++i) {
    const T k = y(1 + i), l2 = s.lam(i) * s.lam(i);
    direct += y(0) * y(0) * s.g(i) * l2 * k * k / T(2) - y(0) * l2 * k;
  }
  CHECK(agrees(m.loss(y), direct, 45));
  CHECK(agrees(T(s.gap_diag(merged_system<T>::product(y)) + s.min_loss()), direct, 45));
  // A planted wrong gap (γ off by 1/N) is told apart.
  CHECK_FALSE(agrees(T(s.gap_diag(merged_system<T>::product(y)) + s.min_loss() + T(1) / T(7)), direct, 45));
}

TEST_CASE("PCR levels descend by lambda_i^2/g_i from T/2 to L*") {
  set_mpfr_digits(50);
  using T = mpfr;
  const auto s = spec_of<T>("0.5,2,1", 9);  // unsorted on purpose: levels take the leading directions first
  const auto L = pcr_levels(s);
  REQUIRE(L.size() == 4);
  CHECK(agrees(L[0], T(s.trace / T(2)), 48));
  CHECK(agrees(L[3], s.min_loss(), 48));
  CHECK(agrees(T(L[0] - L[1]), T(T(4) / s.g(1) / T(2)), 48));  // λ = 2 first
}

TEST_CASE("arrowhead solve of I - hJ agrees with the dense LU") {
  set_mpfr_digits(50);
  using T = mpfr;
  const int n = 6;
  mat<T> J = mat<T>::Zero(n, n);
  for (int i = 0; i < n; ++i) J(i, i) = -T(i + 1) / T(3);
  for (int i = 1; i < n; ++i) {
    J(0, i) = T(i) / T(7);
    J(i, 0) = -T(2 * i + 1) / T(5);
  }
  vec<T> b(n);
  for (int i = 0; i < n; ++i) b(i) = T(i * i + 1) / T(11);
  step_matrix<T> sm;
  sm.set_jacobian(J);
  REQUIRE(sm.arrowhead());
  const T h = T(3) / T(4);
  sm.factor(J, h);
  vec<T> x = vec<T>::Zero(n);
  sm.solve_add(b, T(2), x);
  const vec<T> dense = (mat<T>::Identity(n, n) - h * J).partialPivLu().solve(vec<T>(T(2) * b));
  CHECK(agrees_norm(vec<T>(x - dense), dense, 47));
  // Any entry off the pattern sends it to the dense path, which must give the dense answer.
  J(2, 3) = T(1) / T(9);
  sm.set_jacobian(J);
  CHECK_FALSE(sm.arrowhead());
  sm.factor(J, h);
  x.setZero();
  sm.solve_add(b, T(2), x);
  const vec<T> dense2 = (mat<T>::Identity(n, n) - h * J).partialPivLu().solve(vec<T>(T(2) * b));
  CHECK(agrees_norm(vec<T>(x - dense2), dense2, 47));
}

// §8.6: k steps of gradient descent in another convention are, mapped, k steps of factor·η on ours.
// Each convention has its own forward pass and gradient here (the ½ and the 1/n written where they
// act), so a wrong factor in the table shows as iterates that drift apart.
#include <random>

#include "theory/time_conversion.hpp"

namespace {

using mat_d = Eigen::MatrixXd;
struct prompt_batch {
  std::vector<mat_d> E;  // (d+1) × (n+1), query column last with label 0
  std::vector<double> y;
};
prompt_batch draw_batch(int d, int n, int B) {
  std::mt19937_64 g(7);
  std::normal_distribution<double> z;
  prompt_batch pb;
  for (int b = 0; b < B; ++b) {
    Eigen::VectorXd w(d);
    for (int i = 0; i < d; ++i) w(i) = z(g);
    mat_d E = mat_d::Zero(d + 1, n + 1);
    for (int k = 0; k <= n; ++k) {
      for (int i = 0; i < d; ++i) E(i, k) = z(g);
      if (k < n) E(d, k) = w.dot(E.col(k).head(d));
    }
    pb.y.push_back(w.dot(E.col(n).head(d)));
    pb.E.push_back(E);
  }
  return pb;
}
// One gradient-descent step of size eta on the batch loss of convention c, in place.
void gd_step(const prompt_batch& pb, const training_convention& c, int n, double eta, mat_d& PV, mat_d& KQ) {
  const int d1 = static_cast<int>(PV.rows());
  const double att = c.attention_divides_by_n ? 1.0 / n : 1.0;
  const double dloss = (c.loss_has_half ? 1.0 : 2.0) / static_cast<double>(pb.E.size());  // d loss / d(ŷ − y)
  mat_d gPV = mat_d::Zero(d1, d1), gKQ = mat_d::Zero(d1, d1);
  for (std::size_t b = 0; b < pb.E.size(); ++b) {
    const mat_d& E = pb.E[b];
    const mat_d G = E * E.transpose();
    Eigen::VectorXd xq = E.col(E.cols() - 1);  // (x_q; 0)
    const Eigen::VectorXd p = PV.row(d1 - 1).transpose(), v = KQ * xq;
    const double yhat = att * p.dot(G * v);
    const double r = dloss * (yhat - pb.y[b]);
    gPV.row(d1 - 1) += r * att * (G * v).transpose();
    gKQ += r * att * (G * p) * xq.transpose();
  }
  PV -= eta * gPV;
  KQ -= eta * gKQ;
}

}  // namespace

TEST_CASE("flow time per step: every convention's gradient descent maps onto ours with t = factor eta k") {
  const int d = 3, n = 7, B = 6, steps = 40;
  const prompt_batch pb = draw_batch(d, n, B);
  std::mt19937_64 g(11);
  std::normal_distribution<double> z;
  mat_d PV0(d + 1, d + 1), KQ0(d + 1, d + 1);
  for (int i = 0; i <= d; ++i)
    for (int j = 0; j <= d; ++j) PV0(i, j) = 0.1 * z(g), KQ0(i, j) = 0.1 * z(g);
  const double eta = 1e-3;
  for (bool half : {true, false})
    for (bool by_n : {true, false}) {
      const training_convention c{half, by_n};
      CAPTURE(half);
      CAPTURE(by_n);
      const double s = initial_scale_factor(c, n), factor = flow_time_per_step(c, n);
      // Theirs, from W0 / s; ours (½, 1/n), from W0 with step factor·eta; and ours with step eta.
      mat_d PVt = PV0 / s, KQt = KQ0 / s, PVo = PV0, KQo = KQ0, PVw = PV0, KQw = KQ0;
      for (int k = 0; k < steps; ++k) {
        gd_step(pb, c, n, eta, PVt, KQt);
        gd_step(pb, training_convention{}, n, factor * eta, PVo, KQo);
        gd_step(pb, training_convention{}, n, eta, PVw, KQw);
      }
      const double moved = (PVo - PV0).norm() + (KQo - KQ0).norm();
      const double off = (s * PVt - PVo).norm() + (s * KQt - KQo).norm();
      CHECK(moved > 1e-3);        // the runs did move, so agreement says something
      CHECK(off <= 1e-12 * moved);  // mapped iterates agree to rounding
      if (factor != 1.0) {          // and the factor matters: without it the runs drift apart
        const double without = (s * PVt - PVw).norm() + (s * KQt - KQw).norm();
        CHECK(without >= 1e-2 * moved);
      }
    }
}
