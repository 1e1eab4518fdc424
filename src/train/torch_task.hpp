// Tasks and losses as tensors (docs/THEORY.md "Trained models"). Includes torch: for src/train/*.cpp only.
#pragma once
#include <string>
#include <vector>

#include "train/gpt_module.hpp"
#include "train/task_batch.hpp"
#include "train/trainer.hpp"

namespace icl::train {

torch::Tensor tokens_tensor(const task_batch& b);  // [B, 2n, token_dim]
// The loss of each prediction, [B, n]: squared error (linreg) or cross-entropy over the 15 classes
// (factor). Predictions are read at the input tokens (even positions).
torch::Tensor per_example_loss(const torch::Tensor& out, const task_batch& b, bool factor);

// The probes at one step on fixed held-out batches; appends the per-position in-context curve.
probe_row evaluate_probes(gpt_model& m, const train_config& c, const task_batch& fit, const task_batch& test, long step,
                          std::vector<position_row>& positions);

// The model's squared error at every example of a linreg batch, [B · n] row-major, in chunks of
// `chunk` prompts (no gradient; the model in eval mode).
std::vector<double> squared_errors(gpt_model& m, const task_batch& b, long chunk);

}  // namespace icl::train
