// The reduced dynamics of Zhang–Frei–Bartlett Lemma 5.2 (docs/THEORY.md §3) in two exact forms.
//
// Dense: L(u, U) = ½u² tr(ΓΛUΛUᵀ) − u tr(Λ²Uᵀ) + ½T for any SPD Λ.
//
// Eigenbasis (used by the flow): with Λ = Q D Qᵀ and Ũ = QᵀUQ the loss is unchanged (every term is
// a trace in which Q cancels) and the ODE decouples entrywise:
//   dŨ_ij/dt = −u² g_i λ_i λ_j Ũ_ij + u λ_i² δ_ij,   g_i = (1 + 1/N)λ_i + T/N.
// Off the diagonal this is linear with solution Ũ_ij(t) = Ũ_ij(0) exp(−g_i λ_i λ_j τ(t)),
// τ(t) = ∫₀ᵗ u², so the state integrated is y = (u, τ, Ũ_11 … Ũ_dd): d + 2 unknowns instead of
// d² + 1, and the off-diagonal entries are exact functions of τ.
#pragma once
#include <vector>

#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

template <class T> T reduced_loss(const problem<T>& p, const reduced_params<T>& r);
template <class T> T reduced_loss_grad(const problem<T>& p, const reduced_params<T>& r, reduced_params<T>& g);

template <class T> class reduced_eigen_system {
 public:
  // u0, U0 in the original basis.
  reduced_eigen_system(const problem<T>& p, const reduced_params<T>& start);

  int size() const { return d_ + 2; }
  const vec<T>& initial_state() const { return y0_; }
  void rhs(const vec<T>& y, vec<T>& dy) const;
  void jacobian(const vec<T>& y, mat<T>& J) const;  // ∂rhs/∂y, exact
  // The Taylor series of the solution through y to order K (docs/THEORY.md §3.10), variable by
  // variable: c[v·(K+1) + k] = y_v^{(k)}(t₀)/k!. Defined in reduced_taylor.cpp.
  void taylor(const vec<T>& y, int K, std::vector<T>& c) const;

  // Observables at a state y.
  T u(const vec<T>& y) const { return y(0); }
  mat<T> U_eigen(const vec<T>& y) const;           // Ũ
  mat<T> U_original(const vec<T>& y) const;        // Q Ũ Qᵀ
  T frob2_U(const vec<T>& y) const;                // ‖U‖_F²
  T loss(const vec<T>& y) const;
  T loss_gap(const vec<T>& y) const;               // L − L*, as a sum of squares (no cancellation)
  T grad_norm(const vec<T>& y, T* scale = nullptr) const;  // ‖∇L‖ over (u, U); scale: cancelling size
  T min_loss() const;                              // L* = ½T − ½ tr(Λ²Γ⁻¹)

 private:
  struct pair_term {
    int i, j;
    T rate;  // g_i λ_i λ_j
    T u0;    // Ũ_ij(0)
  };
  int d_;
  vec<T> lam_, g_, l2_, gl2_;  // λ_i, g_i, λ_i², g_i λ_i²
  mat<T> Q_;
  T trace_;
  std::vector<pair_term> off_;
  vec<T> y0_;
  mutable std::vector<T> s_, q_, f_;  // taylor(): series of u², of the quadratic form, of each off term
  // Σ_{i≠j} g_i λ_i λ_j Ũ_ij² and Σ_{i≠j} Ũ_ij² at τ.
  void off_sums(const T& tau, T& weighted, T& plain) const;
};

}  // namespace icl
