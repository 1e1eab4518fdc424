// Linearly implicit Euler with polynomial extrapolation (Deuflhard's method, the core of SEULEX):
// an arbitrary-order stiff integrator. Explicit Runge–Kutta and odeint's Bulirsch–Stoer (order ≤ 16)
// need millions of steps at 50+ digits, and ill-conditioned Λ makes the flow stiff (rates spread
// like κ³); this method raises its order with the precision and is stable on stiff decay.
// The Jacobian is the system's own (`jacobian(y, J)`, or `linearise` with its own solve, docs/THEORY.md
// §3.10) when it has one, else a forward difference: the extrapolated scheme stays consistent with
// any matrix (a W-method), so an inexact one only costs efficiency. Known weakness: on stiff problems (h·rate ≫ 1) the order collapses at high precision.
#pragma once
#include <algorithm>
#include <concepts>
#include <vector>

#include "core/scalar.hpp"
#include "flow/step_matrix.hpp"

namespace icl {

template <class T> class extrapolation_stepper {
 public:
  // Error per component is held to tol·(floor + |y|): floor 1 is a mixed absolute/relative test;
  // a small floor keeps relative accuracy in states that start tiny (plateaus from w0 = 1e-30).
  extrapolation_stepper(const T& tol, int digits, const T& floor = T(1))
      : tol_(tol), floor_(floor), kmax_(std::clamp(digits / 2 + 4, 8, 48)), k_(std::clamp(digits / 4, 2, kmax_ - 2)) {}

  long rhs_evals = 0;

  // One attempt of a step of size h from (t, y). On success y and t advance and h is the
  // proposal for the next step; on failure only h shrinks.
  template <class Sys> bool try_step(Sys&& f, vec<T>& y, T& t, T& h) {
    using std::abs;
    using std::isfinite;
    using std::max;
    using std::pow;
    const int n = static_cast<int>(y.size());
    vec<T> f0;
    f(y, f0);
    ++rhs_evals;
    // A system may own its linearisation and the solve with it (the full-parameter flow's block
    // Hessian, flow/full_step_matrix.hpp); otherwise the stepper keeps a matrix and step_matrix.
    constexpr bool own_solver = requires(const T& s, vec<T>& acc) {
      f.linearise(y);
      f.factor(s);
      f.solve_add(y, s, acc);
      { f.cheap_factor() } -> std::convertible_to<bool>;
    };
    if (!have_jac_ || !(jac_at_ == y)) {
      if constexpr (own_solver) {
        f.linearise(y);
        jac_at_ = y;
        have_jac_ = true;
      } else if constexpr (requires { f.jacobian(y, jac_); }) {
        f.jacobian(y, jac_);  // exact: an FD Jacobian's O(√ε) error stalls the order at high precision
        jac_at_ = y;
        have_jac_ = true;
      } else {
        jacobian(f, y, f0);
      }
      if constexpr (!own_solver) sm_.set_jacobian(jac_);
    }
    if (prev_.size() != static_cast<size_t>(kmax_)) {
      prev_.assign(kmax_, vec<T>());
      cur_.assign(kmax_, vec<T>());
    }
    auto& prev = prev_;
    auto& cur = cur_;
    std::vector<T> hopt(kmax_, h), work(kmax_, T(0));
    const int last = std::min(k_ + 1, kmax_ - 1);
    T cost = T(n + 1);
    vec<T>& F = f_;
    vec<T>& yD = yd_;
    yD.resize(n);
    T c;
    for (int j = 0; j <= last; ++j) {
      const int nj = seq(j);
      const T hh = h / T(nj);
      if constexpr (own_solver) f.factor(hh); else sm_.factor(jac_, hh);
      // Increments are accumulated apart from y: their rounding scales with the step, not |y|,
      // which keeps the high extrapolation columns above the rounding floor.
      vec<T>& D = cur[0];
      D.setZero(n);
      auto solve_add = [&](const vec<T>& b, vec<T>& acc) {
        if constexpr (own_solver) f.solve_add(b, hh, acc); else sm_.solve_add(b, hh, acc);
      };
      solve_add(f0, D);
      for (int s = 1; s < nj; ++s) {
        for (int i = 0; i < n; ++i) {
          yD(i) = y(i);
          yD(i) += D(i);
        }
        f(yD, F);
        ++rhs_evals;
        solve_add(F, D);
      }
      cost += column_cost(j, n, cheap(f));
      bool finite = true;
      for (int i = 0; i < n; ++i) finite = finite && isfinite(D(i));
      if (!finite) {
        h /= T(4);
        return false;
      }
      // Aitken–Neville: cur[k] = cur[k−1] + (cur[k−1] − prev[k−1]) / (n_j / n_{j−k} − 1), in place.
      for (int k = 1; k <= j; ++k) {
        c = T(1) / (T(nj) / T(seq(j - k)) - T(1));
        vec<T>& out = cur[k];
        out.resize(n);
        for (int i = 0; i < n; ++i) {
          out(i) = cur[k - 1](i);
          out(i) -= prev[k - 1](i);
          out(i) *= c;
          out(i) += cur[k - 1](i);
        }
      }
      if (j >= 1) {
        T err = T(0);
        for (int i = 0; i < n; ++i) {
          T sc = tol_ * (floor_ + max(abs(y(i)), abs(y(i) + cur[j](i))));
          T e = (cur[j](i) - cur[j - 1](i)) / sc;
          err += e * e;
        }
        err = sqrt_(err / T(n));
        T fac = err == T(0) ? T(8) : T(9) / T(10) * pow(T(1) / err, T(1) / T(j + 1));
        fac = std::clamp(fac, T(1) / T(10), T(8));
        hopt[j] = h * fac;
        work[j] = cost / hopt[j];
        // Accept only in the target column k_ or the one after it: accepting earlier would let a
        // step proposed for a higher order be taken at the old one, and the order would never rise.
        if (err <= T(1) && j >= k_) {
          y += cur[j];
          t += h;
          if (j >= 2 && work[j - 1] < T(8) / T(10) * work[j]) {
            k_ = std::max(j - 1, 2);
            h = hopt[j - 1];
          } else if (work[j] < T(9) / T(10) * work[j - 1] && j + 1 <= kmax_ - 2) {
            k_ = j + 1;
            h = hopt[j] * (cost + column_cost(j + 1, n, cheap(f))) / cost;
          } else {
            k_ = j;
            h = hopt[j];
          }
          have_jac_ = false;
          return true;
        }
        if (j == last) {
          h = std::min(hopt[j], h / T(2));
          k_ = std::max(2, std::min(k_, j));
          return false;
        }
      }
      prev.swap(cur);
    }
    h /= T(2);
    return false;
  }

 private:
  T tol_, floor_;
  int kmax_, k_;
  mat<T> jac_;
  step_matrix<T> sm_;
  std::vector<vec<T>> prev_, cur_;  // extrapolation tableau, reused across steps
  vec<T> f_, yd_;
  vec<T> jac_at_;
  bool have_jac_ = false;

  template <class Sys> bool cheap(Sys& f) const {
    if constexpr (requires { f.cheap_factor(); }) return f.cheap_factor(); else return sm_.arrowhead();
  }
  static int seq(int j) { return j + 1; }  // harmonic: 1, 2, 3, ...
  // Work of column j in right-hand-side evaluations: n_j evaluations and solves plus one
  // factorisation (an arrowhead's costs about what an evaluation does, a dense LU grows with n).
  static T column_cost(int j, int n, bool arrow) {
    return arrow ? T(2 * seq(j) + 1) : T(seq(j)) * T(1 + n / 16) + T(n / 4 + 1);
  }
  static T sqrt_(const T& x) {
    using std::sqrt;
    return sqrt(x);
  }

  template <class Sys> void jacobian(Sys& f, const vec<T>& y, const vec<T>& f0) {
    using std::abs;
    using std::max;
    using std::sqrt;
    const int n = static_cast<int>(y.size());
    jac_.resize(n, n);
    const T rel = sqrt(eps<T>());
    vec<T> yp = y, fp;
    for (int i = 0; i < n; ++i) {
      const T delta = rel * max(abs(y(i)), T(1));
      yp(i) = y(i) + delta;
      f(yp, fp);
      ++rhs_evals;
      jac_.col(i) = (fp - f0) / (yp(i) - y(i));
      yp(i) = y(i);
    }
    jac_at_ = y;
    have_jac_ = true;
  }
};

}  // namespace icl
