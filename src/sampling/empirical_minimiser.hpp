// The finite-sample training loss of the LSA layer on a = c = 0 and its exact minimiser: the
// measured side of the finite-sample claim (docs/THEORY.md §3.12). There the prediction is
// ŷ = x_qᵀ P β̂ with P = uU (b C in the live parameters) and β̂ = (1/N) Σ y_i x_i, linear in P, so the
// empirical loss over B prompts, (1/2B) Σ_b (x_q,bᵀ P β̂_b − y_q,b)², is a quadratic in the d² entries
// of P and its minimiser is one linear least-squares solve. Nothing here knows Γ.
#pragma once
#include <cstdint>
#include <vector>

#include "core/scalar.hpp"

namespace icl {

// One training prompt as the layer sees it: N labelled columns and the query with its target.
struct training_prompt {
  mat<double> X;   // N × d, row i is x_iᵀ
  vec<double> y;   // N labels
  vec<double> xq;  // query
  double yq = 0;   // its target ⟨w, x_q⟩
};

// B prompts of ZFB's training distribution (docs/THEORY.md §1.1): w ~ N(0, I_d), x_i, x_q ~ N(0, Λ)
// (x = Lz with LLᵀ = Λ, z standard normal), y_i = ⟨w, x_i⟩, noiseless; drawn from the stream `seed`.
std::vector<training_prompt> sample_training_prompts(const mat<double>& lambda, long N, long B, std::uint64_t seed);

// The P minimising Σ_b (x_q,bᵀ P β̂_b − y_q,b)², β̂_b = (1/N_b) Σ_i y_i x_i over the prompt's own
// columns: least squares on the B × d² design with rows vec(x_q β̂ᵀ), solved by column-pivoted
// Householder QR (no normal equations, so the conditioning is the design's, not its square).
// Throws std::runtime_error when the design has rank < d² (the minimiser is not unique).
mat<double> empirical_minimiser(const std::vector<training_prompt>& prompts);

}  // namespace icl
