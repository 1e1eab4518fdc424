// The prediction of ZFB Theorem 4.5 with independent, not identically distributed, diagonal entries
// (docs/THEORY.md §7): the coefficients of Cor. C.2 from each coordinate's first three moments in
// closed form, the limits (4.12), the minimum (Lemma C.4), and the constants derived in §7.5 for
// the σ condition (4.11), the lower bound on u (Lemma C.7) and the PL constant (Lemma C.8). Written
// from the moments alone: nothing is read from the model (model/random_cov_model.hpp), which
// averages the prompt-level loss monomial by monomial.
#pragma once
#include <array>
#include <vector>

#include "core/scalar.hpp"
#include "spec/law_spec.hpp"

namespace icl {

// (E λ, E λ², E λ³) of a law in closed form: (1, 2, 6) for Exp(1); (b^{k+1} − a^{k+1})/((k+1)(b − a))
// for Uniform[a, b]; K, K(K+1), K(K+1)(K+2) for Gamma(K, 1); (a^k + b^k)/2 for two-point {a, b}.
template <class T> std::array<T, 3> law_moments(const law_spec& law);

template <class T> struct random_cov_limits {
  random_cov_limits(const std::vector<law_spec>& laws, long N);
  int d;
  long N;
  vec<T> m1, m2, m3;
  // a_i = (1 + 2/N) m3_i + (1/N) m2_i Σ_{k≠i} m1_k;  b_i = m2_i;
  // c_ij = (1 + 2/N) m2_i m1_j + (1/N)(m1_i m2_j + m1_i m1_j Σ_{k≠i,j} m1_k)   (i ≠ j).
  vec<T> a, b;
  mat<T> c;
  T S() const;          // Σ b_i²/a_i²
  T u_star() const;     // S^{1/4}
  vec<T> U_star() const;  // diagonal of the limit U: S^{−1/4} b_i/a_i (off-diagonal 0)
  T min_loss() const;   // ½ Σ m1_i − ½ Σ b_i²/a_i (Lemma C.4 with the constant ½ E tr Λ)
  // The M, N → ∞ error of the trained model on w ~ N(0, I), noiseless: Σ_i (m1_i − m2_i²/m3_i).
  T limit_error() const;
  // At ZFB's start u = σ, U = σS (S = ΘΘᵀ, ‖S‖_F = 1): ℓ − ½E tr Λ = ½σ⁴Q − σ²B with
  // Q = Σ_ij coef_ij S_ij² and B = Σ_i b_i S_ii (derived, docs/THEORY.md §7.5).
  T start_Q(const mat<T>& S0) const;
  T start_B(const mat<T>& S0) const;
  // (derived 4.11) σ²Q < 2B ⇔ the start's loss is below ℓ(u = 0): the margin 1 − σ²Q/(2B) (> 0 needed).
  T hypothesis_margin(const T& sigma, const mat<T>& S0) const;
  // (derived C.7) u(t)² ≥ (σ²B − ½σ⁴Q)/‖b‖₂ for all t.
  T u2_lower_bound(const T& sigma, const mat<T>& S0) const;
  // (derived C.8) ‖∇ℓ‖² ≥ κ(ℓ − ℓ*) for all t, κ = 2 min{a_i, c_ij} · (C.7 bound).
  T pl_kappa(const T& sigma, const mat<T>& S0) const;
  T min_coef() const;  // min{a_i, c_ij}
};

}  // namespace icl
