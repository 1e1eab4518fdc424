// Prediction error of the trained model x_q ↦ x_qᵀ Γ⁻¹ (1/M) Σ y_i x_i (THEORY §5–§6), for every
// scalar type including the rationals (no square roots): Γ is the training Γ, passed explicitly
// so a test can plant a wrong one.
#pragma once
#include "core/scalar.hpp"

namespace icl {

// Γ = (1 + 1/N) Λ + (tr Λ / N) I.
template <class T> mat<T> gamma_matrix(const mat<T>& lambda, long N);

// ZFB Theorem 4.2 for a test distribution with x ~ N(0, Λ), a = Λ⁻¹E[xy], Σ = Cov(xy):
// min_err + (1/M) tr(Σ Γ⁻² Λ) + (1/N²)[‖a‖²_{Γ⁻²Λ³} + 2T‖a‖²_{Γ⁻²Λ²} + T²‖a‖²_{Γ⁻²Λ}].
template <class T>
T thm42_error(const mat<T>& lambda, const mat<T>& gamma, long N, long M, const vec<T>& a, const mat<T>& sigma,
              const T& min_err);

// (derived) Noiseless linear labels, w ~ N(0, I), Λ = diag(λ):
// R(M, N) = Σ_j λ_j [λ_j(λ_j + T)/M + (λ_j + T)²/N²] / γ_j², γ_j = λ_j + (λ_j + T)/N.
template <class T> T risk_linear(const vec<T>& lambda_eig, long N, long M);

// (derived, THEORY §6) x_i ~ N(0, Λ_x), x_q ~ N(0, Λ_q), E[wwᵀ] = W, label noise s² (prompt) and
// s_q² (query), trained Γ:
// tr(Γ⁻¹[(1 + 1/M)Λ_x W Λ_x + (1/M) tr(WΛ_x)Λ_x]Γ⁻¹Λ_q) − 2tr(Γ⁻¹Λ_x W Λ_q) + tr(WΛ_q)
//   + (s²/M) tr(Γ⁻¹Λ_xΓ⁻¹Λ_q) + s_q².
template <class T>
T shift_error(const mat<T>& gamma, const mat<T>& lambda_x, const mat<T>& lambda_q, const mat<T>& W, long M,
              const T& noise, const T& noise_q);

}  // namespace icl
