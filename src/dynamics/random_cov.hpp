// The reduced flow of Zhang–Frei–Bartlett §4.3 when every prompt has its own covariance
// Λ_τ = diag(λ_τ), the λ_i independent, each with its own law (docs/THEORY.md §7.1, ZFB Cor. C.2):
//   dU_ii/dt = −a_i u² U_ii + b_i u,   dU_ij/dt = −c_ij u² U_ij (i ≠ j),
//   du/dt    = −u Σ_i a_i U_ii² − u Σ_{i≠j} c_ij U_ij² + Σ_i b_i U_ii,
// gradient flow of ℓ = ½u² Σ_i a_i U_ii² + ½u² Σ_{i≠j} c_ij U_ij² − u Σ_i b_i U_ii + ½ E[tr Λ_τ]
// (ZFB Lemma C.3). State y = (u, U_11, U_12, …, U_dd): U row by row. From a diagonal start the
// off-diagonal entries stay 0; from ZFB's start with a random Θ they decay and the c_ij act.
#pragma once
#include "core/scalar.hpp"

namespace icl {

template <class T> struct random_cov_system {
  vec<T> gamma, beta;  // a_i and b_i of ZFB Cor. C.2 (all equal for iid λ)
  mat<T> psi;          // c_ij for i ≠ j (the diagonal is not used)
  T half_trace;        // ½ E[tr Λ_τ]

  int d() const { return static_cast<int>(gamma.size()); }
  int size() const { return 1 + d() * d(); }
  // The coefficient of ½u²U_ij² in ℓ: a_i on the diagonal, c_ij off it.
  const T& coef(int i, int j) const { return i == j ? gamma(i) : psi(i, j); }
  // The state of (u, U).
  vec<T> state(const T& u, const mat<T>& U) const;
  mat<T> U_of(const vec<T>& y) const;
  void rhs(const vec<T>& y, vec<T>& dy) const;  // −∇ℓ
  void jacobian(const vec<T>& y, mat<T>& J) const;
  T loss(const vec<T>& y) const;
  T grad_norm(const vec<T>& y) const;
  // ℓ − min ℓ written as ZFB Lemma C.4's sum of squares, ½Σ a_i (uU_ii − b_i/a_i)² + ½Σ_{i≠j} c_ij u²U_ij²:
  // no cancellation near the minimum (docs/THEORY.md §7.5).
  T gap(const vec<T>& y) const;
  // u² − ‖U‖²_F, constant along the flow (ZFB Lemma C.5).
  T balance(const vec<T>& y) const;
};

}  // namespace icl
