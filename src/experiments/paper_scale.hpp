// `iclverify experiment --scale paper` (docs/THEORY.md §11.10, §11.11): the settings of the papers'
// own experiments, for the families that have them. They are documented here and runnable, but far
// beyond the default budget (the defaults fit 15 CPU minutes on two cores). No torch header.
#pragma once
#include "experiments/experiment_file.hpp"

namespace icl {

// Replaces s's setup by the paper-sized one and returns true, for fu_linreg_dscan and
// zfb_gpt2_covariance; returns false (s unchanged) for the other families. Seeds and plants stay.
bool apply_paper_scale(lsa_experiment_spec& s);

}  // namespace icl
