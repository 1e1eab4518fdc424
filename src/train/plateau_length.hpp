// The plateau length of a learning curve (docs/THEORY.md "Trained models"): the first step at which
// the smoothed loss has closed half of the gap between its start and its end. Plain C++.
#pragma once
#include <vector>

namespace icl::train {

struct plateau_estimate {
  double start = 0, end = 0;  // mean of the first and of the last 5 % of the points (at least one)
  long step = -1;             // -1: the loss did not fall (end >= start), no plateau to measure
};

// steps ascending, one loss per step; smoothing: the trailing mean over max(1, n/50) points.
plateau_estimate plateau_length(const std::vector<long>& steps, const std::vector<double>& loss);

// The first step at which the same trailing mean is <= level, or -1 when it never is (§11.8 uses a
// fixed level, so that runs of one task are measured with one stick).
long first_step_below(const std::vector<long>& steps, const std::vector<double>& loss, double level);

}  // namespace icl::train
