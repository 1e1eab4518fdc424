// Seeded, parallel Monte Carlo of the literal LSA forward pass on sampled prompts: the measured side
// of every prediction-error claim, independent of the closed forms it is compared with because it
// shares none of their algebra (docs/THEORY.md §5). Samples are cut into fixed chunks, chunk k draws
// from its own stream rng::substream(seed, k) and chunk results are combined in chunk order, so the
// estimate is bit-identical whatever the number of threads.
#pragma once
#include <cstdint>
#include <string>

#include "model/params.hpp"

namespace icl {

struct mc_spec {
  int d = 1;
  long M = 1;                  // prompt length; the LSA divides by it
  mat<double> lambda_x, lambda_q;  // prompt and query covariances (fixed-covariance runs)
  // Task: w ~ N(0, diag(w_var)), a fixed w, Rademacher entries, or `sparse_k` nonzero N(0, 1)
  // entries at random positions.
  enum class task_kind { gaussian, fixed, rademacher, sparse } task = task_kind::gaussian;
  vec<double> w_var;           // gaussian: diagonal of E[wwᵀ] (empty: I)
  vec<double> w_fixed;
  int sparse_k = 1;
  double square = 0;           // y += square · x_1²
  double noise_var = 0, query_noise_var = 0;
  // Random covariance per prompt (Zhang–Frei–Bartlett §4.3): Λ = scale · diag(λ), λ_i iid from the
  // law; the same Λ for the prompt and its query.
  enum class cov_law { fixed, exponential, uniform, gamma } law = cov_law::fixed;
  double law_a = 0, law_b = 1;  // uniform on [a, b]; gamma shape a (scale 1)
  double scale = 1;
  bool orthogonal_query = false;  // project x_q off span{x_i} (needs M < d) ...
  // ... or, when this d × d matrix G is given, off span{G x_i}: then x_qᵀ G x_i = 0 for every i, the
  // query orthogonal to the prompt in the G-weighted sense (docs/THEORY.md §6.4).
  mat<double> query_metric;
  bool with_ols = false;          // also least squares on the same prompts (needs M ≥ d)
  // What is averaged per prompt (docs/THEORY.md §5.6, "Variance reduction"):
  //   plain       (ŷ − y_q)² at one draw of the task and the noise;
  //   antithetic  the mean of (ŷ − y_q)² at (w, ε) and at (−w, −ε), one pair per prompt;
  //   conditional E[(ŷ − y_q)² | X, x_q, Λ]: the task and the noise integrated analytically, from the
  //               forward pass's own coefficients of the labels (needs c = 0, where ŷ is affine in
  //               the labels). The slope's sums are conditioned the same way;
  //   conditional-query  E[(ŷ − y_q)² | X, Λ]: the query integrated too (needs a = c = 0, where ŷ is
  //               bilinear in labels and query; no orthogonal query).
  enum class estimator { plain, antithetic, conditional, conditional_query } est = estimator::plain;
  // Control variates (docs/THEORY.md §5.6): per-prompt statistics whose means follow from the
  // definition of the sampled laws alone (E[x xᵀ] = Λ, E[λ^k] of the covariance law by its own
  // route), subtracted with least-squares coefficients. Off for an orthogonal query, whose law
  // changes E[x_q x_qᵀ].
  bool control_variates = false;
};

// The sampler's name of an estimator and back (`plain`, `antithetic`, `conditional`,
// `conditional-query`, each optionally with `+cv`); throws usage_error on anything else.
std::string estimator_name(const mc_spec& s);
void set_estimator(mc_spec& s, const std::string& name);

struct mc_result {
  long samples = 0;
  double mean = 0, std_error = 0;   // of (ŷ − y_q)²
  double z = 3.2905;                // two-sided 99.9% normal quantile
  double ci_low() const { return mean - z * std_error; }
  double ci_high() const { return mean + z * std_error; }
  double slope = 0;                 // E[ŷ t] / E[t²], t = ⟨w, x_q⟩: how ŷ scales with the truth
  double slope_std_error = 0;       // of that ratio of means, by the delta method
  double max_abs_prediction = 0;
  double ols_mean = 0, ols_std_error = 0;  // least squares, when asked for
  double seconds = 0;
  int threads = 1;
  std::string estimator = "plain";
  int controls = 0;                 // control variates used
  double control_r2 = 0;            // share of the per-prompt variance they removed
};

// f(E)_{d+1,M+1} for prompt columns (X, y) and query x_q, without forming f(E): with pv the last
// row of W^PV and v = W^KQ (x_q; 0), it is (1/M) Σ_col (pvᵀE_col)(E_colᵀv), O(dM) per prompt.
double lsa_bottom_right(const full_params<double>& th, const mat<double>& X, const vec<double>& y, const vec<double>& xq);

// The same forward pass as an affine function of the labels, ŷ = κ + Σ_i α_i y_i, which it is when
// c = 0 (then y_i enters the column term (aᵀx_i + b y_i)(x_iᵀ C x_q) once): α_i = b x_iᵀ C x_q / M and
// κ = [Σ_i (aᵀx_i)(x_iᵀ C x_q) + (aᵀx_q)(x_qᵀ C x_q)] / M, the pass's own products with y_i left out.
struct label_coefficients {
  vec<double> alpha;
  double kappa = 0;
};
label_coefficients lsa_label_coefficients(const full_params<double>& th, const mat<double>& X, const vec<double>& xq);

// Mean squared prediction error of the LSA with parameters th on prompts from s.
mc_result mc_prediction_error(const mc_spec& s, const full_params<double>& th, long samples, std::uint64_t seed,
                              int threads);

}  // namespace icl
