// The training runs behind the plateau families (docs/THEORY.md §11.8, §11.9): one "arm" is a
// setting (mappings, remedy) trained at seeds 1..S; each run yields the weights component at step 0
// and at the last step and the held-out in-context loss curve on the arm's own task, from which the
// plateau length is read with a fixed escape level. Runs are journalled under a key holding every
// setting that changes them (not the escape level, which is read off afterwards), so the families
// and their plants share runs. Plain C++: drives train::train.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"
#include "train/trainer.hpp"

namespace icl {

struct plateau_run {
  int seed = 0;
  std::vector<long> probe_steps;
  std::vector<double> score;         // weights component along training
  std::vector<long> curve_steps;
  std::vector<double> icl;           // held-out in-context loss
  long plateau = -1;                 // first step whose trailing mean is <= escape_loss
  bool censored = false;             // never reached: plateau is the step budget, a lower bound
  long parameters = 0;
  double change() const { return score.back() - score.front(); }
};

struct plateau_arm {
  std::string name;  // as shown on the page
  long mappings = 0;
  train::remedy_config remedy;
  std::vector<plateau_run> runs;  // seeds 1..S, less any that failed
  std::string failure;            // non-empty: a run failed (the reason)
  int censored() const;
  std::vector<double> lengths() const;  // plateau lengths, censored ones at the budget
  const plateau_run* of_seed(int seed) const;  // nullptr when that seed's run failed
};

// Per seed 1..S: a's plateau length minus base's at the same seed, NaN where either run failed
// (pairs are matched by seed, never by position).
std::vector<double> paired_differences(const plateau_arm& a, const plateau_arm& base, int seeds);

// The plateau length of a curve at `escape_loss`, censored at `budget` (§11.8).
void read_plateau(plateau_run& r, double escape_loss, long budget);

// Trains (or finds in the journal) every seed of `arm`; `total` and `done` number the runs for the
// status line.
void run_arm(const lsa_experiment_spec& s, plateau_arm& arm, run_journal& journal,
             const std::function<void(const std::string&)>& status, int& done, int total, experiment_outcome& out);

// Refuses before any training a setup `iclverify train` would refuse (file:line:key).
void validate_fu_plateau(const lsa_experiment_spec& s);

// Figure: mean held-out in-context loss of each arm along training (log-step axis), the escape
// level dashed, each arm's mean plateau length in its key.
experiment_figure plateau_curves_figure(const lsa_experiment_spec& s, const std::vector<const plateau_arm*>& arms);
// Figure: each seed's plateau length per arm, the step budget dashed.
experiment_figure plateau_lengths_figure(const lsa_experiment_spec& s, const std::vector<const plateau_arm*>& arms);

// Runs table rows (header first) with each run's plateau length and weights-component change.
std::vector<std::vector<std::string>> plateau_runs_table(const std::vector<const plateau_arm*>& arms, long budget);

}  // namespace icl
