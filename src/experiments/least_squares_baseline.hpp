// The baselines of ZFB's Figure 1 on a batch of in-context linear-regression prompts
// (docs/THEORY.md §11.11): least squares fitted on the examples before each query (the minimum-norm
// solution when they are fewer than d, 0 before any), and the zero estimator. Computed in plain
// C++ from the prompts themselves, never from a model; the trained model is scored on the same prompts.
#pragma once
#include <vector>

#include "train/task_batch.hpp"

namespace icl {

// Squared error of the minimum-norm least-squares prediction of y_i from the pairs 0..i−1, at every
// example i of every prompt: [prompt · examples + i].
std::vector<double> least_squares_errors(const train::task_batch& b);
// Squared error of predicting 0: y_i², same layout.
std::vector<double> zero_errors(const train::task_batch& b);

}  // namespace icl
