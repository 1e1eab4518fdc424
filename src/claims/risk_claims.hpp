// What the trained transformer does on new prompts (Zhang–Frei–Bartlett §4, docs/THEORY.md §5–§7):
// the measured side is a Monte Carlo of the literal forward pass with the parameters a flow run
// produced; the predicted side is the closed-form error. Shared by the `risk` command and the claim
// families below.
#pragma once
#include "claims/zfb_claims.hpp"
#include "sampling/monte_carlo.hpp"

namespace icl {

struct risk_setup {
  lambda_spec lambda;
  long N = 1, M = 1;
  task_spec task;
  std::optional<lambda_spec> lambda_x, lambda_q;  // test covariances (default Λ)
  shift_spec shift;          // none | covariate:C | orthogonal-query
  law_spec law;              // random covariance per prompt, for training and test
  double scale = 1;          // its test scaling c
  long samples = 200000;
  std::uint64_t seed = 1;
  int threads = 1;
  // The Monte Carlo estimator (docs/THEORY.md §5.6): the task, the noise and the query integrated given the
  // prompt, with control variates; `plain` etc. for measuring what each technique pays.
  std::string estimator = "conditional-query+cv";
  plant planted = plant::none;
  double factor = 1;         // the predicted error and slope are multiplied by it (plant scale:EPS)
  double max_seconds = 600;
};

struct risk_comparison {
  double theory = 0;         // predicted E(ŷ − y_q)² (NaN when there is no formula: orthogonal query)
  std::string formula;       // which one
  mc_result mc;
  bool agree = false;        // theory inside the Monte Carlo interval
  mat<double> D;             // trained predictor ŷ = x_qᵀ D (1/M) Σ y_i x_i
  std::string training;      // how D was obtained, one line
  double slope_theory = 0;   // predicted E[ŷ t]/E[t²]
};

// Trains (flow), predicts and samples; throws usage_error for combinations without a formula.
risk_comparison compare_risk(const risk_setup& s);

// A Monte Carlo PASS needs the 99.9% interval's half-width within 0.2% of the sampled mean
// (docs/THEORY.md §5.6): an interval that wide could hide a formula off by that much (a (1 + 1/M) → 1
// slip moves the random-covariance error by 0.6–7.5%), so the instance must ask for more samples
// instead. The same rule holds for every Monte Carlo family, the expression observable mc.risk and
// the default of `iclverify risk`.
constexpr double mc_resolution = 2e-3;

// The rule on a Monte Carlo interval (docs/THEORY.md §5.6): FAIL when the prediction lies outside it;
// INCONCLUSIVE when it lies inside but the half-width exceeds `resolution` times |mean| (an interval
// that wide could hide an error of that size); PASS otherwise. `samples_needed` is the sample count at
// which the half-width would reach the resolution (it shrinks like 1/√n); 0 when it already does.
struct mc_judgement {
  verdict v = verdict::inconclusive;
  double half_width_relative = 0;  // z·SE/|mean|
  long samples_needed = 0;
};
mc_judgement judge_mc(const mc_result& mc, double predicted, double resolution);

}  // namespace icl
