// One training run of the probe families (docs/THEORY.md §11.7 fu_weights_component, §11.10
// fu_linreg_dscan) as the run journal holds it: the weights-component probe at each probe step, the
// in-context loss over the last 5 % of the steps (whether the run left its plateau) and the
// parameter count. Trained once, then found again by key on --resume. No torch header.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"
#include "train/trainer.hpp"

namespace icl {

struct probe_run {
  std::vector<double> score;  // at each probe step
  double icl_end = 0;         // in-context loss, last 5 % of steps (over the zero predictor's when asked)
  long parameters = 0;
};

// The model, optimiser and probe settings both families share (their setups name them alike).
template <class Setup>
void set_model_and_probe(train::train_config& c, const Setup& f, int seed) {
  c.model.layers = f.layers;
  c.model.heads = f.heads;
  c.model.width = f.width;
  c.optimizer = "adam";
  c.lr = f.lr;
  c.batch = f.batch;
  c.steps = f.steps;
  c.seed = static_cast<std::uint64_t>(seed);
  c.probe.layer = f.probe_layer;
  c.probe.points = f.probe_points;
  c.probe.fit_prompts = c.probe.test_prompts = f.probe_prompts;
}

// The run of c under `key`: from the journal, or trained now and journalled (counted in `out`).
// A failed run returns nothing and, when `failure` is still empty, sets it to
// "the run <what> failed: <why>". `relative_icl` divides the in-context loss by the zero predictor's.
std::optional<probe_run> journalled_probe_run(run_journal& journal, const std::string& key, const train::train_config& c,
                                              const std::vector<long>& steps, bool relative_icl, const std::string& what,
                                              experiment_outcome& out, std::string& failure);

}  // namespace icl
