// The experiment family fu_linreg_dscan (docs/THEORY.md §11.10): Fu et al.'s fifth finding — on
// in-context linear regression the weights component (the held-out relative error of a linear
// probe regressing x itself from the attention-cut hidden state; lower is better) degrades as the
// dimension d grows, and the extra weights loss helps more where it is impaired. Verdicts: Spearman's
// rank correlation between d and the component at the end of training (a) and its change from step 0
// (b), one ρ per seed over the dims, with a t-interval over the seeds; (c) the extra weights loss's
// benefit at a larger d minus at a smaller one, paired by seed. This file includes no torch header.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"

namespace icl {

// The verdict on the rank correlation of d and y (dims[j] beside y[j][seed]): for each seed,
// Spearman's ρ over the dims; the t-interval of their mean at `level`, compared with 0 on the side
// `sign` predicts.
experiment_verdict dscan_rank_verdict(const std::string& key, const std::string& claim, const std::string& statistic,
                                      const std::vector<long>& dims, const std::vector<std::vector<double>>& y, int sign,
                                      double level, const std::string& failure);

// The verdict on (c) from the per-seed benefits ln(I/I^w) of the extra weights loss at the smaller
// and the larger d (independent samples): the Welch interval of mean(high) − mean(low) at `level`;
// CONFIRMED when it and the t-interval of the benefit at the larger d both lie above 0, NOT
// REPRODUCED when either lies below; planted ("helps less"): the Welch interval below 0. INCONCLUSIVE
// unless the premise holds: the component's mean change during training (without the head) is < 0
// at the smaller d and > 0 at the larger.
experiment_verdict dscan_weights_loss_verdict(const std::string& key, const std::string& claim, const std::vector<double>& benefit_low,
                                              const std::vector<double>& benefit_high, double change_low, double change_high,
                                              bool planted, double level, const std::string& failure);

void validate_dscan_experiment(const lsa_experiment_spec& s);  // file:line:key before any training
experiment_outcome run_dscan_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                        const std::function<void(const std::string&)>& status);

}  // namespace icl
