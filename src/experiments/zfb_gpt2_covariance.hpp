// The experiment family zfb_gpt2_covariance (docs/THEORY.md §11.11): ZFB §4.3 at reduced scale.
// GPT-2-style models trained on in-context linear regression with fixed Λ = I and with random Λ
// (diag Exp(1) per prompt) are tested on Λ = I and on random c·Λ, c ∈ {1, c_mid, c_max}, at
// M = 0..M_max > N in-context examples, beside least squares, the zero estimator and the
// linear-attention limit of the exact core (§7.3–§7.4). The measured side is src/train and the
// baselines computed from the test prompts; the LSA lines come from random_cov_theory. This file
// includes no torch header.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"
#include "train/linreg_task.hpp"

namespace icl {

// The curves the verdicts read: for each model and test set the squared error per dimension,
// ‖ŷ − y‖²/d, at M = 0..M_max as means over `blocks` blocks of each seed's test prompts.
enum zfb_curve { zfb_fixed_trained = 0, zfb_random_trained = 1, zfb_least_squares = 2, zfb_zero = 3 };
struct zfb_curves {
  int seeds = 0, blocks = 0, max_examples = 0;
  // [curve][set][(M · seeds + seed) · blocks + block]; set 0: Λ = I; set 1 + j: random scales[j]·Λ.
  std::vector<std::vector<std::vector<double>>> err;
  double at(int curve, int set, int M, int seed, int block) const {
    return err[static_cast<std::size_t>(curve)][static_cast<std::size_t>(set)]
              [static_cast<std::size_t>((M * seeds + seed) * blocks + block)];
  }
};

// The LSA limit line per dimension (§7.4: M, N → ∞ for the layer trained on random Exp(1)
// covariance), from the exact core, at scale c.
double zfb_lsa_limit_per_dim(int d, double c);
// The LSA trained at length N on random Exp(1) covariance (δ = β/γ, §7.2) tested with M examples at
// scale c (§7.3), per dimension; M = 0 gives the zero estimator's c.
double zfb_lsa_finite_per_dim(int d, long N, double c, long M);

// The six verdicts of §11.11 on measured curves (the two-stage bootstrap over seeds and prompt
// blocks); `failure` non-empty makes all INCONCLUSIVE.
std::vector<experiment_verdict> zfb_gpt2_verdicts(const lsa_experiment_spec& s, const zfb_curves& c, const std::string& failure);

// The test sets of a seed (set 0: Λ = I, c = 1; then random c·Λ per scale), M_max + 1 examples each.
std::vector<train::linreg_config> zfb_test_tasks(const lsa_experiment_spec& s);
// The seed of a training seed's test prompts: shared by its fixed- and random-trained runs (paired).
std::uint64_t zfb_test_seed(int seed);

void validate_zfb_gpt2_experiment(const lsa_experiment_spec& s);  // file:line:key before any training
experiment_outcome run_zfb_gpt2_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                           const std::function<void(const std::string&)>& status);

}  // namespace icl
