// Prediction error of the trained model x_q ↦ x_qᵀ Γ⁻¹ (1/M) Σ y_i x_i (docs/THEORY.md §5–§6), for
// every scalar type including the rationals (no square roots): Γ is the training Γ, passed
// explicitly so a test can plant a wrong one.
#pragma once
#include "core/scalar.hpp"

namespace icl {

// Γ = (1 + 1/N) Λ + (tr Λ / N) I.
template <class T> mat<T> gamma_matrix(const mat<T>& lambda, long N);

// Theorem 4.2 of Zhang–Frei–Bartlett (ZFB) for a test distribution with x ~ N(0, Λ),
// a = Λ⁻¹E[xy], Σ = Cov(xy):
// min_err + (1/M) tr(Σ Γ⁻² Λ) + (1/N²)[‖a‖²_{Γ⁻²Λ³} + 2T‖a‖²_{Γ⁻²Λ²} + T²‖a‖²_{Γ⁻²Λ}].
template <class T>
T thm42_error(const mat<T>& lambda, const mat<T>& gamma, long N, long M, const vec<T>& a, const mat<T>& sigma,
              const T& min_err);

// (derived) Noiseless linear labels, w ~ N(0, I), Λ = diag(λ):
// R(M, N) = Σ_j λ_j [λ_j(λ_j + T)/M + (λ_j + T)²/N²] / γ_j², γ_j = λ_j + (λ_j + T)/N.
template <class T> T risk_linear(const vec<T>& lambda_eig, long N, long M);

// (derived, docs/THEORY.md §6) x_i ~ N(0, Λ_x), x_q ~ N(0, Λ_q), E[wwᵀ] = W, label noise s²
// (prompt) and s_q² (query), trained Γ:
// tr(Γ⁻¹[(1 + 1/M)Λ_x W Λ_x + (1/M) tr(WΛ_x)Λ_x]Γ⁻¹Λ_q) − 2tr(Γ⁻¹Λ_x W Λ_q) + tr(WΛ_q)
//   + (s²/M) tr(Γ⁻¹Λ_xΓ⁻¹Λ_q) + s_q².
template <class T>
T shift_error(const mat<T>& gamma, const mat<T>& lambda_x, const mat<T>& lambda_q, const mat<T>& W, long M,
              const T& noise, const T& noise_q);
// The same for any linear predictor ŷ = x_qᵀ D (1/M) Σ y_i x_i (the LSA with D = b Cᵀ = u Uᵀ):
// tr(D S Dᵀ Λ_q) − 2 tr(D Λ_x W Λ_q) + tr(W Λ_q) + s_q², S = E[β̂β̂ᵀ] =
// (1 + 1/M)Λ_x W Λ_x + (1/M) tr(WΛ_x)Λ_x + (s²/M)Λ_x. M = 0 stands for M → ∞.
template <class T>
T predictor_error(const mat<T>& D, const mat<T>& lambda_x, const mat<T>& lambda_q, const mat<T>& W, long M,
                  const T& noise, const T& noise_q);

// Corollary-4.3-style bound on R(M, N): (d+1)T/M + (1 + 2d + d²κ) T/N², κ = λ_max/λ_min. M = 0
// stands for M → ∞ (the N-term alone).
template <class T> T cor43_bound(const vec<T>& lambda_eig, long N, long M);

// Random covariance (ZFB §4.3, docs/THEORY.md §7): Λ = diag(λ), λ_i iid with moments m1, m2, m3.
template <class T> struct random_cov_theory {
  random_cov_theory(int d, long N, const T& m1, const T& m2, const T& m3);
  int d;
  long N;
  T m1, m2, m3;
  T gamma, beta, psi;  // γ_i = E[(1+1/N)λ_i³ + (1/N)λ_i² Σλ], β_i = E[λ_i²], ψ_ij (i ≠ j)
  T u_star() const;    // [Σ β²/γ²]^{1/4}
  T U_star() const;    // [Σ β²/γ²]^{-1/4} β/γ (diagonal)
  T min_loss() const;  // ½ d m1 − ½ Σ β²/γ
  // Error on test prompts Λ = c·diag(λ) of the predictor D = diag(δ), δ = uU_ii (docs/THEORY.md §7,
  // derived): Σ_i [(1 + 1/M)δ²c³m3 + (1/M)δ²c³(m3 + (d−1)m2m1) − 2δc²m2 + c m1]; M = 0 means M → ∞.
  // `drop_pair_1_over_m` plants the slip (1 + 1/M) → 1 in the first term.
  T error(const T& delta, const T& c, long M, bool drop_pair_1_over_m = false) const;
  // The N, M → ∞ limit: δ = m2/m3, d(2c³/3 − 4c²/3 + c) for Exp(1).
  T limit_error(const T& c) const { return error(m2 / m3, c, 0); }
};

}  // namespace icl
