// One batch of prompts for a trained model (docs/THEORY.md "Trained models"): plain C++ (no torch), so
// the tasks are testable on their own and the command line never includes torch. Token layout: each
// example is two tokens, the input (x or an item) then its label, each padded with zeros into a
// common token width; the model's prediction for example i is read at the input token of example i.
#pragma once
#include <cstddef>
#include <vector>

namespace icl::train {

struct task_batch {
  std::size_t batch = 0, examples = 0, token_dim = 0;  // sequence length 2 * examples
  // Row-major [batch][2 * examples][token_dim].
  std::vector<float> tokens;
  // Linear regression: the labels y, [batch][examples]. Factor task: the class indices.
  std::vector<float> y;
  std::vector<long> label;
  // What the probes read: the inputs x themselves, [batch][examples][d] (linear regression), or each
  // item's own factor values, [batch][examples][factors] (factor task), and which factor each prompt
  // labels, [batch] (factor task; -1 otherwise).
  std::vector<float> x;
  std::vector<long> item_factors;
  std::vector<long> prompt_factor;
};

}  // namespace icl::train
