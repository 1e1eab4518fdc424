// The experiment family fu_plateau_remedies (docs/THEORY.md §11.9): Fu et al.'s remedies for the long
// plateau of the hard setting — (a) warm-up on an easy setting, (b) easy prompts mixed into every
// batch, (c) an extra loss on the weights component — each shorten it, and (d) the same extra loss on
// the context component does not. Paired by seed against the baseline (same initial weights, same
// world, same held-out prompts); every arm is measured on the hard task's held-out in-context loss.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"

namespace icl {

// (d)'s verdict on paired differences `diffs` (remedy − baseline plateau lengths) with the margin
// `bound` = margin × the baseline's mean length: "does not shorten" is CONFIRMED when the t-interval's
// lower edge lies above −bound, NOT REPRODUCED when its upper edge lies below −bound, INCONCLUSIVE
// otherwise. The plant (planted = true) claims the opposite with the same bound.
experiment_verdict no_shortening_verdict(const std::string& key, const std::string& claim, const std::vector<double>& diffs, double bound,
                                         bool planted, double level, const std::string& failure);

experiment_outcome run_fu_plateau_remedies(const lsa_experiment_spec& s, run_journal& journal,
                                           const std::function<void(const std::string&)>& status);

}  // namespace icl
