// The experiment family fu_linreg_dscan (docs/THEORY.md §11.10): Fu et al.'s fifth finding — on
// in-context linear regression the weights component (the held-out relative error of a linear
// probe regressing x itself from the attention-cut hidden state; lower is better) degrades as the
// dimension d grows. Verdicts: Spearman's rank correlation between d and the component at the end of
// training (a) and its change from step 0 (b), over all runs, with a percentile bootstrap interval
// that resamples the seeds within each d. This file includes no torch header.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"

namespace icl {

// The verdict on the rank correlation of d and y over the runs (dims[j] beside y[j][seed]):
// Spearman's ρ over all runs, its percentile interval at `level` over `resamples` stratified
// resamples (the seeds of each d drawn with replacement), compared with 0 on the side `sign` predicts.
experiment_verdict dscan_rank_verdict(const std::string& key, const std::string& claim, const std::string& statistic,
                                      const std::vector<long>& dims, const std::vector<std::vector<double>>& y, int sign,
                                      double level, int resamples, const std::string& failure);

void validate_dscan_experiment(const lsa_experiment_spec& s);  // file:line:key before any training
experiment_outcome run_dscan_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                        const std::function<void(const std::string&)>& status);

}  // namespace icl
