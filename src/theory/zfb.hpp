// Closed forms of Zhang–Frei–Bartlett (docs/THEORY.md §3): the global optimum the flow should
// reach, the minimum loss, the applicability condition of Theorem 4.1, the lower bound on u(t)
// (Lemma A.4/A.5), the Polyak–Łojasiewicz (PL) constant (Lemma 5.4) and the exact logistic solution
// for Λ = I (docs/THEORY.md §8).
#pragma once
#include <string>

#include "model/problem.hpp"
#include "theory/plant.hpp"

namespace icl {


template <class T> struct zfb_theory {
  // `factor` multiplies the limits u*, U* (1 but under the plant scale:EPS, docs/THEORY.md §9.3).
  zfb_theory(const problem<T>& p, plant pl = plant::none, const T& factor = T(1));

  vec<T> gamma_eig;   // predicted eigenvalues of Γ, in the order of Λ's eigenvalues
  mat<T> gamma_inv;   // Γ⁻¹ in the original basis, from the dense Γ built here
  T gamma_inv_frob;   // ‖Γ⁻¹‖_F = (tr Γ⁻²)^{1/2}
  T u_star;           // ‖Γ⁻¹‖_F^{1/2}: the limit of u = W^PV_{d+1,d+1}
  mat<T> U_star;      // the limit of U in the original basis: ‖Γ⁻¹‖_F^{-1/2} Γ⁻¹
  vec<T> U_star_eig;  // its diagonal in Λ's eigenbasis (= ‖Γ⁻¹‖_F^{-1/2} / g_i; for tables)
  T min_loss;         // L* = ½T − ½ tr(ΛΓ⁻¹Λ)

  mat<T> U_star_original(const problem<T>& p) const;  // ‖Γ⁻¹‖_F^{-1/2} Γ⁻¹ in the original basis

  // Theorem 4.1's hypothesis σ² ‖Γ‖_op √d < 2.
  bool applicable(const T& sigma) const;
  T applicability_margin(const T& sigma) const;  // 2 − σ²‖Γ‖_op√d
  // Lemma A.5: u(t)² ≥ σ²‖ΘᵀΛ‖²_F [2 − √dσ²‖Γ‖_op] / (2√d‖Λ‖²_op). theta_lambda2 = ‖ΘᵀΛ‖²_F.
  T u2_lower_bound(const T& sigma, const T& theta_lambda2) const;
  // Lemma 5.4: μ = σ²‖ΘᵀΛ‖²_F [2 − √dσ²‖Γ‖_op] / (√d ‖Λ‖²_op tr(Γ⁻¹Λ⁻¹) tr(Λ⁻¹)).
  T pl_mu(const T& sigma, const T& theta_lambda2) const;
  // The quantity claimed conserved along the reduced flow (u² − ‖U‖²_F).
  T invariant(const T& u, const T& frob2_U) const;

  plant planted;
  int d;
  long N;
  vec<T> lam;
  T trace;
};

// Λ = I, ΘΘᵀ = I/√d, balanced start: u(t)² = √d s(t) with
// s(t) = e^{2√d t} / [γ(e^{2√d t} − 1) + √d/σ²], γ = 1 + (d+1)/N.
template <class T> T logistic_u2(int d, long N, const T& sigma, const T& t);

}  // namespace icl
