// A `plant` replaces one prediction by a plausible wrong one: the way to show that every claim
// check can FAIL (the --plant option, the falsification theorem files, the tests).
#pragma once
#include <string>

namespace icl {

enum class plant {
  none,
  gamma_without_trace,  // Γ := (1 + 1/N) Λ, the tr(Λ)/N term forgotten
  gamma_n_plus_1,       // Γ with 1/(N + 1) in place of 1/N
  mu_without_sigma,     // PL constant without its σ² factor
  u_above_limit,        // "u(t)² ≥ ‖Γ⁻¹‖_F for all t" in place of Lemma A.5
  wrong_invariant,      // "u² − 2‖U‖²_F is conserved"
  von_oswald_d,         // Γ = (1 + d/N) I at Λ = I
  drop_eight_term,      // the 8·aᵀΛSΛSΛa term left out of the closed-form loss
  no_query_column,      // the exact engine builds E without the query column
  invariant_b,          // "∂L/∂b also vanishes on a = c = 0"
  gamma_to_lambda,      // the trained predictor taken as Λ⁻¹ instead of Γ⁻¹
  rate_n_minus_1,       // "the excess error falls like 1/N"
  cor43_without_n,      // Corollary 4.3's bound without its 1/N² term
  covariate_tolerated,  // "covariate scaling is tolerated": error → 0 as M, N → ∞
  random_cov_consistent,// "training on random covariances is consistent": error → 0
  query_in_span,        // "prediction 0" claimed for a query not orthogonal to the prompt
  limit_scaled,         // the limits u*, U* scaled by (1 + 1e-30): visible only above ~30 digits
  plateau_gamma_one,    // the plateau's logistic with γ = 1, the (d+1)/N term forgotten
  escape_rate_op,       // escape rate ‖Λ²‖_op (the top eigenvalue alone) in place of ‖Λ²‖_F
  pcr_unweighted,       // plateau levels ½T − ½Σ_{i≤m} λ_i, without the λ_i/g_i weights
  remedy_no_gain,       // "the remedy does not change the plateau length"
  model_gamma_n_plus_1, // the measured side wrong: the flow integrates a loss whose Γ has N + 1 for N
  covariance_times_c,   // covariates scaled by c taken as covariance cΛ (in place of c²Λ)
  remedy_ratio_5pct,    // the remedy's predicted plateau-length ratio 5% too large
  covariate_drop_1_over_m,  // (1 + 1/M) → 1 in the covariate-scaling error law
  u2_bound_doubled,     // Lemma A.5's lower bound on u² doubled (the 2 of 2√d dropped)
  mu_op_not_squared,    // Lemma 5.4's μ with ‖Λ‖_op in place of ‖Λ‖²_op
  rate_m_constant_d,    // the 1/M constant d·T in place of (d + 1)·T
  cor43_d_kappa,        // Corollary 4.3's N-coefficient 1 + 2d + dκ in place of 1 + 2d + d²κ
  random_cov_drop_1_over_m,  // (1 + 1/M) → 1 in the random-covariance error (docs/THEORY.md §7.3)
  risk_scaled_half_percent,  // the predicted prediction error 0.5% too large
  model_rc_diagonal_1_over_n,  // the measured side wrong: the random-covariance model's γ_i with (1 + 1/N)λ_i → λ_i
  covariate_limit_not_squared,
  rc_kappa_u_not_squared,  // Lemma C.8's κ with the lower bound on u in place of u² (docs/THEORY.md §7.5)
  rc_u2_bound_doubled,     // Lemma C.7's lower bound on u² doubled
  rc_balance_double,       // "u² − 2‖U‖²_F is conserved" in place of Lemma C.5  // the covariate-scaling limit k (k − 1) tr Λ in place of k (k − 1)² tr Λ
  scale,                // "scale:EPS": every family's prediction multiplied by 1 + EPS (the detection limit)
  gd_gap_zero,          // footnote 2: the best scalar GD step is as good as the trained layer (gap 0 for every Λ)
  hessian_count_d,      // Lemma 5.1: the Hessian at 0 has exactly d negative eigenvalues (in place of ≥ d + 1)
};
// A plant's name, or "scale:EPS" with EPS a nonzero decimal, |EPS| < 1 (e.g. "scale:1e-30",
// "scale:-2e-3"); anything else is refused with the list of names.
plant parse_plant(const std::string& s);
// The EPS of "scale:EPS" as written (validated); "" for every other plant.
std::string plant_scale_eps(const std::string& s);
const char* plant_name(plant p);

}  // namespace icl
