// Every claim family's check as the registry's table (registry.cpp) lists it: one function per
// family, with the contract's signature (contract.hpp). Each is defined in the file named above its
// group; templates are instantiated there for every scalar type. The family of claims written as
// expressions is declared with its validation in expression_check.hpp.
#pragma once
#include "claims/contract.hpp"

namespace icl {

// ---- Checks in the scalar type T (--type; mpfr at the current working precision) ----

// zfb_claims.cpp — the Theorem 4.1 family of Zhang–Frei–Bartlett: a flow run against theory/zfb.
// Theorem 4.1: the flow's limits W^PV, W^KQ equal the closed forms [tr Γ⁻²]^(±1/4) (docs/THEORY.md §3.5).
template <class T> check_result check_thm41_limits(const claim_spec&, const instance_spec&, const check_context&);
// Lemma 5.2: the full flow from a = c = 0 stays there and matches the reduced flow (§2.5).
template <class T> check_result check_invariance(const claim_spec&, const instance_spec&, const check_context&);
// Lemma A.3: u² − ‖U‖²_F is conserved along the flow (§3.4).
template <class T> check_result check_conservation(const claim_spec&, const instance_spec&, const check_context&);
// Lemma A.5: u(t) > 0 and u(t)² is bounded below for all t (§3.6).
template <class T> check_result check_positivity(const claim_spec&, const instance_spec&, const check_context&);
// Lemma 5.4: the PL inequality and its exponential envelope of the loss gap (§3.6).
template <class T> check_result check_pl(const claim_spec&, const instance_spec&, const check_context&);
// Corollary A.2: the limit's loss is the minimum ½T − ½tr(Λ²Γ⁻¹) and uU = Γ⁻¹ (§2.6).
template <class T> check_result check_minimum(const claim_spec&, const instance_spec&, const check_context&);
// von Oswald et al.: at Λ = I the trained model is one gradient-descent step from 0 (§3.5).
template <class T> check_result check_von_oswald(const claim_spec&, const instance_spec&, const check_context&);

// risk_claims.cpp — prediction error of flow-trained models by closed forms (§5, §7).
// Excess error falls like 1/N² in N and 1/M in M, with the predicted constants (§5.5).
template <class T> check_result check_rates(const claim_spec&, const instance_spec&, const check_context&);
// Corollary 4.3's bound holds on a 5 × 5 grid of (M, N) (§5.4).
template <class T> check_result check_cor43(const claim_spec&, const instance_spec&, const check_context&);
// Theorem 4.5: random covariances — the flow reaches (4.12), and the error does not vanish (§7).
template <class T> check_result check_thm45(const claim_spec&, const instance_spec&, const check_context&);

// plateau_claims.cpp — learning plateaus (§8); staircase and remedy are instantiated in double only.
// Λ = I: the merged flow follows the logistic s(t) at every accepted step (§8.2).
template <class T> check_result check_plateau_closed_form(const claim_spec&, const instance_spec&, const check_context&);
// The plateau length t_f grows like ln(1/w0) over the escape rate ‖Λ²‖_F (§8.3).
template <class T> check_result check_plateau_length(const claim_spec&, const instance_spec&, const check_context&);
// Separate key/query heads pause at every PCR level, the merged model only at the start (§8.4).
template <class T> check_result check_plateau_staircase(const claim_spec&, const instance_spec&, const check_context&);
// FU's remedies shorten the plateau by the predicted ratio and leave the predicted bias (§8.5).
template <class T> check_result check_plateau_remedy(const claim_spec&, const instance_spec&, const check_context&);


// lemma51_claims.cpp — Lemma 5.1: the loss is not convex; at the origin the Hessian over (a, b, C, c)
// has at least d + 1 negative eigenvalues (§2.7). Exact inertia over the rationals for d ≤ 3,
// eigenvalues in T with a stated rounding margin above.
template <class T> check_result check_lemma51_nonconvex(const claim_spec&, const instance_spec&, const check_context&);

// ---- Checks in a fixed arithmetic, whatever --type says ----

// sharpness_claims.cpp — Theorem 4.1 beyond its hypothesis σ²‖Γ‖√d < 2: ball-arithmetic proofs of
// the limit from starts up to 1000 times the boundary, against the closed form in MPFR (§3.9).
check_result check_thm41_sharpness(const claim_spec&, const instance_spec&, const check_context&);

// risk_claims.cpp — Monte Carlo of the literal forward pass (double) against closed forms (§5–§7).
// Theorem 4.2: the trained model's error on new prompts (§5.2, §6.1).
check_result check_thm42_mc(const claim_spec&, const instance_spec&, const check_context&);
// Task and query shifts are tolerated: the excess error vanishes as M, N grow (§6.2).
check_result check_shift_tolerated(const claim_spec&, const instance_spec&, const check_context&);
// Covariate scaling: the sampled error, prediction slope and least squares against §6.3's laws in c,
// and the M, N → ∞ error c² (c² − 1)² tr Λ: not tolerated (§6.3).
check_result check_covariate_shift(const claim_spec&, const instance_spec&, const check_context&);
// A query orthogonal to the prompt gets the prediction 0 (§6.4): true for Λ ∝ I, FAIL with a
// counterexample otherwise ...
check_result check_orthogonal_query(const claim_spec&, const instance_spec&, const check_context&);
// ... and what holds for every Λ: a query Γ⁻¹-orthogonal to the prompt gets 0 (§6.4).
check_result check_orthogonal_query_gamma(const claim_spec&, const instance_spec&, const check_context&);
// finite_sample_claims.cpp — the finite-sample training loss: the exact minimiser of the empirical loss
// over B sampled prompts approaches the population minimiser Gamma^-1 at the rate B^-1/2 with the
// sandwich constant (§3.12).
check_result check_finite_sample_minimiser(const claim_spec&, const instance_spec&, const check_context&);
// Figure 1's "LSA limit" line d(2c³/3 − 4c²/3 + c) (§7.4).
check_result check_fig1(const claim_spec&, const instance_spec&, const check_context&);

// exact_claims.cpp — exact equality over the rationals against the Isserlis/Wick engine (§2–§6).
// The closed-form loss and gradient (§2.3–§2.4).
check_result check_exact_full_loss(const claim_spec&, const instance_spec&, const check_context&);
// a = c = 0 is invariant: ∂L/∂a and ∂L/∂c vanish there identically (§2.5).
check_result check_exact_invariance(const claim_spec&, const instance_spec&, const check_context&);
// The reduced loss and gradient (§3.2).
check_result check_exact_reduced(const claim_spec&, const instance_spec&, const check_context&);
// The Wishart and Isserlis identities (§4).
check_result check_exact_moments(const claim_spec&, const instance_spec&, const check_context&);
// The minimum and the minimisers, and the rank-one stationary points (§2.6).
check_result check_exact_minimum(const claim_spec&, const instance_spec&, const check_context&);
// The trained model's error: §6's formula, R(M, N) of §5.3, Theorem 4.2 (§5–§6).
check_result check_exact_risk(const claim_spec&, const instance_spec&, const check_context&);
// exact_random_cov.cpp — the random-covariance model's γ_i, β_i against the literal loss averaged over
// Λ_τ (docs/THEORY.md §7.1), exactly.
check_result check_exact_random_cov(const claim_spec&, const instance_spec&, const check_context&);

// footnote2_claims.cpp — footnote 2: the best scalar gradient-descent step against the trained layer;
// the error gap is the closed form of §5.7, 0 exactly when Λ ∝ I (exact engine, rationals).
check_result check_exact_footnote2(const claim_spec&, const instance_spec&, const check_context&);
// cor43_threshold_claims.cpp — Definition 3.2 with Corollary 4.3: the bound's smallest M for error ≤ η
// is at least the exact error's smallest M (§5.8, rationals).
check_result check_exact_cor43_threshold(const claim_spec&, const instance_spec&, const check_context&);

}  // namespace icl
