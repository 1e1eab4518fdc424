// The two parameterisations of the plateau experiments (docs/THEORY.md §8), written in Λ's
// eigenbasis, where the population loss of a predictor ŷ = βᵀK x_q, β = (1/N)Σ y_i x_i, is
//   L(K) = ½ Σ_ij g_i λ_i λ_j K_ij² − Σ_i λ_i² K_ii + ½T,   L* = ½T − ½ Σ_i λ_i²/g_i,
// the T1 term of docs/THEORY.md §2 (a = c = 0), which the exact engine confirms (theorems/exact).
//
// merged_system: the (u, U) of Zhang–Frei–Bartlett (ZFB) with U diagonal (U(0) ∝ I keeps it so
//   exactly), K = uU, extended by the convex mixture of several prompt distributions (remedy 2 of
//   Fu et al., FU) and the auxiliary loss α·½ tr((U − I)Λ(U − I)ᵀ) (FU remedy 3). Its Jacobian is an
//   arrowhead, as the reduced flow's.
// separate_system: the separate key/query model (S) of Zhang–Singh–Latham–Saxe (ZSLS), H rank-one
//   heads K = Σ_h v_h k_h q_hᵀ with separate key and query.
#pragma once
#include <cstdint>
#include <vector>

#include "core/scalar.hpp"
#include "model/problem.hpp"

namespace icl {

// One prompt distribution in the eigenbasis: λ_i, g_i, T.
template <class T> struct spectrum {
  vec<T> lam, g;
  T trace;
  static spectrum of(const problem<T>& p);  // refuses a non-diagonal Λ: mixtures need a shared eigenbasis
  T min_loss() const;
  // L(K) − L* for K given by its entries (no cancellation: a weighted sum of squares).
  T gap_diag(const vec<T>& k_diag) const;
  T gap(const mat<T>& K) const;
};

template <class T> class merged_system {
 public:
  // Σ_t weight_t L_t(uU) + alpha·L_aux(U; aux), the tasks sharing one eigenbasis.
  merged_system(const std::vector<spectrum<T>>& tasks, const std::vector<T>& weights, const T& alpha,
                const spectrum<T>& aux);
  int size() const { return static_cast<int>(A_.size()) + 1; }
  void rhs(const vec<T>& y, vec<T>& dy) const;
  void jacobian(const vec<T>& y, mat<T>& J) const;
  T loss(const vec<T>& y) const;
  T grad_norm2(const vec<T>& y) const;
  // Rate of escape from the saddle at 0 (α = 0): the top eigenvalue ‖B‖₂ of the linearisation.
  T escape_rate() const { return B_.norm(); }
  // Without the auxiliary loss every minimiser has uU = diag(B/A): the mixture's optimum.
  vec<T> mixture_optimum() const { return B_.cwiseQuotient(A_); }
  static vec<T> balanced_start(int d, const T& w0);  // u = w0, U = w0 I/√d
  static vec<T> product(const vec<T>& y);           // diag of K = uU

 private:
  vec<T> A_, B_, aux_;  // Σ w g λ², Σ w λ², α λ_aux
  T c_;                 // Σ w T / 2 + α Σ λ_aux / 2
};

template <class T> class separate_system {
 public:
  separate_system(const spectrum<T>& s, int heads);
  int size() const { return heads_ * (2 * d_ + 1); }
  void rhs(const vec<T>& y, vec<T>& dy) const;
  void jacobian(const vec<T>& y, mat<T>& J) const;
  mat<T> product(const vec<T>& y) const;  // K
  T loss(const vec<T>& y) const;
  T grad_norm2(const vec<T>& y) const;
  // Entries w·N(0,1)/√d from a seeded stream (doubles, converted exactly).
  vec<T> random_start(const T& w, std::uint64_t seed) const;

 private:
  spectrum<T> s_;
  int d_, heads_;
  mat<T> G(const mat<T>& K) const;  // ∂L/∂K
  void grad(const vec<T>& y, const mat<T>& G, vec<T>& g) const;
};

// ZSLS's principal-component-regression levels: L_m = ½T − ½ Σ_{i ≤ m} λ_i²/g_i over the m
// leading directions (by λ), m = 0 … d; L_d = L*.
template <class T> std::vector<T> pcr_levels(const spectrum<T>& s);

}  // namespace icl
