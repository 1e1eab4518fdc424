// In-context linear regression (docs/THEORY.md "Trained models"): y_i = <w, x_i> + noise with
// w ~ N(0, I_d) per prompt and x_i ~ N(0, Λ), Λ = c·I (fixed) or c·diag(e_1..e_d) with e_k i.i.d.
// Exp(1) drawn per prompt (random). Tokens have width d + 1: x token (x, 0), y token (0, y).
#pragma once
#include <cstdint>

#include "train/task_batch.hpp"

namespace icl::train {

struct linreg_config {
  int d = 5;
  int examples = 20;       // N pairs per prompt
  bool random_cov = false;  // Λ fixed (c·I) or random per prompt (c·Exp(1) diagonal)
  double scale = 1.0;       // c
  double noise = 0.0;       // standard deviation of the label noise
};

// Throws usage_error naming the option for impossible parameters.
void validate(const linreg_config& c);

// A batch determined by `seed` alone (the training loop passes a seed derived from its own seed and
// the step, so a resumed run draws the same batches).
task_batch sample_linreg(const linreg_config& c, std::size_t batch, std::uint64_t seed);

// The loss of the zero predictor, E[y²] = c·d·E[λ] + noise² (E[λ] = 1 for both laws).
double linreg_zero_loss(const linreg_config& c);

}  // namespace icl::train
