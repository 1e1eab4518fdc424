// Training a GPT-2-style model on a sampled task (docs/THEORY.md "Trained models"): seeded and
// deterministic on one thread, checkpointed atomically every K steps, resumable, with the probes of
// probes.cpp evaluated along the way. Plain C++: the command line includes this, never torch.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "train/factor_task.hpp"
#include "train/linreg_task.hpp"
#include "train/model_config.hpp"

namespace icl::train {

struct probe_config {
  int layer = 2;          // the block ℓ whose output the probes read (0 = read-in + positions)
  int points = 12;        // probe evaluations, log-spaced over the steps (step 0 and the last included)
  int fit_prompts = 64;   // held-out prompts the probes are fitted on
  int test_prompts = 64;  // and scored on (different prompts)
  double ridge = 1e-3;
};

// Fu et al.'s remedies for a long plateau (docs/THEORY.md §11.9): all four on the factor task, the
// extra weights loss also on linear regression (§11.10, where it regresses x itself). The easy setting
// of warm-up and mixing is the task's own world (same codes, same world seed) with easy_mappings
// mappings per factor. Each extra head is a linear map from the final LayerNorm's output at the item
// tokens, created after the model so that the model's initialisation does not depend on it (runs with
// and without a remedy start from the same weights at one seed: their differences are paired).
struct remedy_config {
  long warmup_steps = 0;      // the first W steps train on the easy setting only
  double mix_fraction = 0;    // every later batch: round(fraction × batch) easy prompts, the rest from the task
  int easy_mappings = 1;      // m of the easy setting
  double weights_loss = 0;    // weight of the head predicting each item's own 6 factor values, or x itself (0: no head)
  double context_loss = 0;    // weight of the head predicting which factor the prompt labels (0: no head)
};

// A held-out in-context loss curve on the task's own prompts (a fixed batch no training step draws),
// so that remedies which change the training batches are judged on the same measuring stick.
struct held_out_config {
  long every = 0;    // evaluate at step 0 and every `every` steps (0: no curve)
  int prompts = 64;
};

struct train_config {
  std::string task = "linreg";  // linreg | factor
  linreg_config linreg;
  factor_config factor;
  model_config model;
  std::string optimizer = "adam";  // adam | sgd
  double lr = 1e-3;
  long lr_warmup = 0;  // the learning rate rises linearly to lr over the first lr_warmup steps (0: none)
  int batch = 64;
  long steps = 2000;
  std::uint64_t seed = 1;
  std::string checkpoint_dir;  // empty: no checkpoints
  long checkpoint_every = 500;
  bool resume = false;
  long stop_at = -1;  // stop after this step as if killed (tests); -1: run to the end
  probe_config probe;
  remedy_config remedy;
  held_out_config held_out;
  bool progress = false;  // a live line on stderr
  // Held-out evaluation after the last step (docs/THEORY.md §11.11): `eval_prompts` prompts of each
  // task, drawn by sample_linreg(eval_tasks[k], eval_prompts, rng::substream(eval_seed, k)) so that a
  // caller can draw the same prompts for its baselines. Their length may exceed the training length
  // when model.max_tokens leaves room (positions never trained). linreg only; empty: none.
  std::vector<linreg_config> eval_tasks;
  int eval_prompts = 0;
  std::uint64_t eval_seed = 0;
};

void validate(const train_config& c);  // usage_error naming the option; before any work

struct curve_row {
  long step;
  double loss, icl_loss;  // batch loss at all predictions; at predictions i >= examples/2
};
struct probe_row {
  long step;
  double weights_score;  // factor task: mean held-out accuracy over the 6 factors; linreg: relative error of x
  double context_score;  // factor task: accuracy of the labelled factor (NaN for linreg)
  double icl_score;      // held-out in-context loss (linreg: squared error; factor: accuracy) at the last position
};
struct position_row {
  long step;
  long position;  // example index 0..examples-1 (the number of labelled examples before it)
  double value;   // linreg: mean squared error; factor: accuracy
};

struct train_result {
  std::vector<curve_row> curve;
  std::vector<probe_row> probes;
  std::vector<position_row> positions;
  // The model's squared error at every example of the eval prompts: [task][prompt · examples + i].
  std::vector<std::vector<double>> eval_errors;
  std::vector<curve_row> held_out;  // held_out.every > 0: the held-out batch's loss and in-context loss
  std::vector<double> extra_loss;   // per step, the weighted extra losses of the remedies' heads (empty: no head)
  double zero_loss = 0;  // the loss of the zero predictor (linreg) or of uniform logits (factor)
  long steps_done = 0;
  bool finished = false;  // false when stopped by stop_at
  long resumed_from = -1;
  long parameters = 0;
  double seconds = 0;
  std::string blas_warning;
};

train_result train(const train_config& c);

// The training batch of step `step` (0-based) as the run draws it, remedies included (tests).
task_batch training_batch(const train_config& c, long step);

// The probe steps of c: 0 and `points` log-spaced steps up to c.steps.
std::vector<long> probe_steps(const train_config& c);

// Times `steps` training steps of c's model on one fixed batch (forward, backward, optimiser step);
// per-step wall and CPU seconds.
struct bench_result {
  std::vector<double> wall, cpu;
  long parameters = 0;
};
bench_result bench_steps(const train_config& c, int steps);

// For an independent check of the model (tests/python/test_train_forward.py): loads c's checkpoint
// (refusing one of other settings), runs the model on `tokens` (row-major [B, T, token_dim], B
// inferred) with attention on and cut, and returns both outputs, row-major [B, T, out_dim] each.
struct forward_outputs {
  std::vector<float> on, cut;
  long step = 0;
};
forward_outputs forward_from_checkpoint(const train_config& c, const std::vector<float>& tokens);

}  // namespace icl::train
