// The reduced flow of Zhang–Frei–Bartlett §4.3 when every prompt has its own covariance
// Λ_τ = diag(λ_τ), λ_i iid (docs/THEORY.md §7). Started from the paper's initialisation with ΘΘᵀ
// diagonal, U stays diagonal:
//   du/dt = −u Σ_i γ_i U_ii² + Σ_i β_i U_ii,   dU_ii/dt = −u² γ_i U_ii + u β_i,
// the expected loss being ½u² Σ γ_i U_ii² − u Σ β_i U_ii + ½ E[tr Λ_τ]. State y = (u, U_11 … U_dd).
#pragma once
#include "core/scalar.hpp"

namespace icl {

template <class T> struct random_cov_system {
  vec<T> gamma, beta;  // per coordinate (all equal for iid λ)
  T half_trace;        // ½ E[tr Λ_τ]

  int size() const { return static_cast<int>(gamma.size()) + 1; }
  void rhs(const vec<T>& y, vec<T>& dy) const;
  void jacobian(const vec<T>& y, mat<T>& J) const;
  T loss(const vec<T>& y) const;
  T grad_norm(const vec<T>& y) const;
};

}  // namespace icl
