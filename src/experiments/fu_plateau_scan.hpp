// The experiment family fu_plateau_scan (docs/THEORY.md §11.8): Fu et al.'s claim that plateaus are
// long when the weights component ends below its initial value. A scan over the number of mappings
// m; per run, the plateau length on the held-out in-context loss and the weights component's change;
// verdicts on Spearman rank correlations across all runs with stratified bootstrap intervals.
#pragma once
#include <functional>
#include <string>

#include "experiments/lsa_experiment.hpp"

namespace icl {

// The verdict on a rank correlation predicted to have sign `sign` (−1 or +1): CONFIRMED when the
// interval [lo, hi] lies on that side of 0, NOT REPRODUCED when on the other, INCONCLUSIVE when it
// contains 0, is not finite, or `failure` is non-empty.
experiment_verdict rank_verdict(const std::string& key, const std::string& claim, const std::string& statistic, double rho, double lo,
                                double hi, int sign, double level, const std::string& failure);

experiment_outcome run_fu_plateau_scan(const lsa_experiment_spec& s, run_journal& journal,
                                       const std::function<void(const std::string&)>& status);

}  // namespace icl
