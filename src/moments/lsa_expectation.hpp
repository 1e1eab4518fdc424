// The literal LSA prediction ŷ = f(E)_{d+1,n+1}, f(E) = E + W^PV E (Eᵀ W^KQ E)/n, expanded from the
// embedding matrix of one prompt (query column included) as a polynomial in Gaussian variables,
// and its exact expected squared error (docs/THEORY.md §1). Nothing of docs/THEORY.md §2's algebra is
// used.
#pragma once
#include <string>
#include <vector>

#include "model/params.hpp"
#include "moments/gauss_poly.hpp"

namespace icl {

struct exact_prompt {
  mat<rational> lambda_x;   // covariance of the prompt's x_i
  mat<rational> lambda_q;   // covariance of the query x_q
  long n = 1;               // prompt length; the LSA divides by it (N in training, M at test)
  mat<rational> w_cov;      // task w ~ N(0, w_cov) ...
  vec<rational> w_fixed;    // ... or this fixed task when non-empty
  rational square = 0;      // nonlinear label: y = ⟨w, x⟩ + square · x_1² + ε
  rational noise_var = 0;   // variance of ε on the prompt's labels
  rational noise_var_q = 0; // and on the query's label
  bool query_column = true; // false only as a plant: the query column left out of E

  // The training distribution of docs/THEORY.md §1: x ~ N(0, Λ), w ~ N(0, I), noiseless.
  static exact_prompt training(const mat<rational>& lambda, long n);
  int d() const { return static_cast<int>(lambda_x.rows()); }
};

// a1..ad, b, C11.. (column-major), c1..cd: the order of full_params::pack().
std::vector<std::string> full_param_names(int d);

struct lsa_expansion {
  gauss_space space;
  gpoly yhat{0}, target{0};
};
// Symbolic in (a, b, C, c) (parameter k is pack() index k) when params is null.
lsa_expansion expand_lsa(const exact_prompt& pr, const full_params<rational>* params);

// ½ E[(ŷ − y_q)²] as a polynomial in (a, b, C, c): the population loss.
param_poly exact_population_loss(const exact_prompt& pr);
// E[(ŷ − y_q)²] at fixed parameters.
rational exact_prediction_error(const exact_prompt& pr, const full_params<rational>& params);

// Moments of one labelled example (x ~ N(0, Λ_x), the prompt's fixed task, square and noise):
// E[x y], E[x xᵀ y²] and E[y²], which Theorem 4.2's a, Σ and minimum error are made of.
struct label_moments {
  vec<rational> xy;
  mat<rational> xxyy;
  rational yy;
};
label_moments exact_label_moments(const exact_prompt& pr);

}  // namespace icl
