#include "theory/covariate_law.hpp"

namespace icl {

covariate_prediction predict_covariate_scaling(const vec<double>& lambda_eig, long N, long M, double c, double s2,
                                               double sq2, covariate_slip slip, double factor) {
  covariate_prediction p;
  const double k = slip == covariate_slip::covariance_times_c ? c : c * c;
  const double pair_factor = slip == covariate_slip::drop_one_over_m ? 1 : 1 + 1 / static_cast<double>(M);
  const double n = static_cast<double>(N), m = static_cast<double>(M);
  const int d = static_cast<int>(lambda_eig.size());
  double T = 0;
  for (int j = 0; j < d; ++j) T += lambda_eig(j);
  // In the eigenbasis of Λ the trained predictor is Γ⁻¹ with γ_j = λ_j + (λ_j + T)/N (ZFB Theorem 4.1);
  // with Λ_x = Λ_q = kΛ and W = I, docs/THEORY.md §6.1 becomes a polynomial in k:
  //   err(k) = k T − 2k² Σ λ²/γ + k³ Σ [(1 + 1/M)λ³ + (T/M)λ²]/γ² + k² (s²/M) Σ λ²/γ² + s_q².
  double b = 0, a3 = 0, a2 = 0;
  for (int j = 0; j < d; ++j) {
    const double l = lambda_eig(j), g = l + (l + T) / n;
    b += l * l / g;
    a3 += (pair_factor * l * l * l + (T / m) * l * l) / (g * g);
    a2 += l * l / (g * g);
  }
  p.k = k;
  p.error = k * T - 2 * k * k * b + k * k * k * a3 + k * k * (s2 / m) * a2 + sq2;
  // E[ŷ t] = tr(Γ⁻¹ Λ_x Λ_q) = k² Σ λ²/γ and E[t²] = k T.
  p.slope = k * b / T;
  p.slope_ratio = k;
  // Least squares: β̂ − w = (XXᵀ)⁻¹ X ε, so its error is s_q² + s² E[x_qᵀ (XXᵀ)⁻¹ x_q]
  // = s_q² + s² tr(kΛ · (kΛ)⁻¹)/(M − d − 1) (inverse-Wishart mean): the scale k cancels.
  p.ols_error = sq2 + s2 * d / (m - d - 1);
  // M, N → ∞: Γ⁻¹ → Λ⁻¹, so err → kT − 2k²T + k³T + s_q² = k (k − 1)² T + s_q².
  p.limit_excess = slip == covariate_slip::limit_not_squared ? k * (k - 1) * T : k * (k - 1) * (k - 1) * T;
  p.signal = k * T;
  p.error *= factor;
  p.slope *= factor;
  p.slope_ratio *= factor;
  p.ols_error *= factor;
  p.limit_excess *= factor;
  return p;
}

}  // namespace icl
