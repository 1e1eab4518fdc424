// The experiment family fu_weights_component (docs/THEORY.md §11.7): Fu et al.'s first finding —
// the weights component rises during training on an easy setting (few mappings: the labels can be
// stored in the weights) and falls, ending below its value at initialisation, on a hard one (many
// mappings: the labels must be read from the context). Measured over seeds on the GPT-2-style model
// of src/train; the statistic per seed is (probe score at the last step) − (probe score at step 0).
// This file includes no torch header: it drives train::train through its plain C++ interface.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"
#include "train/trainer.hpp"

namespace icl {

// The verdict on per-seed changes `changes` (final − initial) whose predicted sign is `sign`
// (+1: rises, −1: falls): a t-interval at `level` over the seeds; CONFIRMED when it lies on the
// predicted side of 0, NOT REPRODUCED when it lies on the other side, INCONCLUSIVE when it contains
// 0, when fewer than 2 seeds or a non-finite value are given, or when `failure` is non-empty (then
// it is the reason).
experiment_verdict fu_change_verdict(const std::string& key, const std::string& claim, const std::vector<double>& changes, int sign,
                                     double level, const std::string& failure);

// The training run of seed `seed` at `mappings` mappings per factor, from the file's model, task and
// probe keys (shared by the plateau families, §11.8–§11.9).
train::train_config fu_train_config(const lsa_experiment_spec& s, long mappings, int seed);

// Refuses before any training a setup `iclverify train` would refuse (file:line:key).
void validate_fu_experiment(const lsa_experiment_spec& s);
experiment_outcome run_fu_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                     const std::function<void(const std::string&)>& status);

}  // namespace icl
