// What ZFB's trained model does when every covariate of the test prompt is scaled by c
// (docs/THEORY.md §6.3), computed from the eigenvalues of Λ alone: Γ is formed here from λ_j, N
// and tr Λ, not read from the model or the flow, so a wrong Γ on the measured side cannot agree
// with it by construction. Plain double code: the family it serves samples in double.
#pragma once
#include "core/scalar.hpp"

namespace icl {

struct covariate_prediction {
  double k = 1;             // the factor the test covariance is scaled by: c² (covariates times c)
  double error = 0;         // E(ŷ − y_q)² of the trained LSA at (M, N)
  double slope = 0;         // E[ŷ t]/E[t²], t = ⟨w, x_q⟩
  double slope_ratio = 1;   // slope at c over slope at c = 1
  double ols_error = 0;     // least squares on the same prompt (needs M ≥ d + 2)
  double limit_excess = 0;  // M, N → ∞ error above the query-noise floor
  double signal = 0;        // E[t²] at c: k tr Λ
};

// Slips a theorist makes in this law, planted to show the check can see them.
enum class covariate_slip {
  none,
  covariance_times_c,  // covariates scaled by c taken as covariance cΛ (k = c in place of c²)
  drop_one_over_m,     // (1 + 1/M) → 1 in front of Λ_x W Λ_x in E[β̂β̂ᵀ]
  limit_not_squared,   // the M, N → ∞ excess written k (k − 1) T in place of k (k − 1)² T
};

// Prompt and query covariates x ~ N(0, kΛ) with k = c², w ~ N(0, I), prompt label noise s2, query
// noise sq2, the LSA trained on (Λ, N).
// `factor` multiplies every predicted number (1 but under the plant scale:EPS).
covariate_prediction predict_covariate_scaling(const vec<double>& lambda_eig, long N, long M, double c, double s2,
                                               double sq2, covariate_slip slip = covariate_slip::none, double factor = 1);

}  // namespace icl
