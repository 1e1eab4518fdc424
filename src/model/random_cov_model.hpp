// The measured side of the random-covariance theorem (docs/THEORY.md §7.1): the coefficients a_i,
// b_i, c_ij and ½E[tr Λ_τ] of the λ-averaged reduced loss the random-covariance flow integrates. They are
// built here from the prompt-level loss of docs/THEORY.md §3.2 at Λ_τ = diag(λ), term by term: each
// coefficient is a sum of monomials in λ whose expectation is the product of the law's moments
// (the λ_i are independent). Nothing is read from the prediction (random_cov_theory), so a slip in
// either side shows as a flow that stops somewhere else than (4.12).
#pragma once
#include "dynamics/random_cov.hpp"
#include <vector>

#include "spec/law_spec.hpp"

namespace icl {

// Slips planted in the model to show that the checks reject a wrong measured side.
enum class random_cov_model_slip {
  none,
  gamma_without_diagonal_1_over_n,  // (1 + 1/N) λ_i → λ_i in Γ_τ's diagonal: a_i loses E[λ_i³]/N, c_ij E[λ_i²λ_j]/N
};

// E[λ^k] of one diagonal entry under the law (k ≥ 0): k! for Exp(1),
// (b^{k+1} − a^{k+1})/((k + 1)(b − a)) for Uniform[a, b], K(K + 1)…(K + k − 1) for Gamma(K, 1),
// (a^k + b^k)/2 for the two-point law on {a, b}.
template <class T> T law_raw_moment(const law_spec& law, int k);

// The system of docs/THEORY.md §7.1 for training prompts of length N, λ_i drawn from laws[i]
// independently (ZFB Theorem 4.5 asks for independent, not identically distributed, entries) ...
template <class T>
random_cov_system<T> make_random_cov_system(const std::vector<law_spec>& laws, long N,
                                            random_cov_model_slip slip = random_cov_model_slip::none);
// ... and for d coordinates of one law.
template <class T>
random_cov_system<T> make_random_cov_system(const law_spec& law, int d, long N,
                                            random_cov_model_slip slip = random_cov_model_slip::none);

}  // namespace icl
