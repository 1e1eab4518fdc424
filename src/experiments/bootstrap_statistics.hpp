// Rank correlation, resampling and percentile intervals for the experiment families of
// docs/THEORY.md §11.10 (fu_linreg_dscan) and §11.11 (zfb_gpt2_covariance), and the rule that reads
// a verdict off the side of a threshold an interval lies on. Plain C++; no torch.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "experiments/seed_statistics.hpp"
#include "sampling/rng.hpp"

namespace icl {

// 1-based ranks of x, tied values sharing the average of their ranks.
std::vector<double> average_ranks(const std::vector<double>& x);

// Spearman's rank correlation: Pearson's correlation of the average ranks. NaN when the sizes
// differ, fewer than 2 values are given, a value is not finite or either side has no spread.
double spearman(const std::vector<double>& x, const std::vector<double>& y);

// How often each of n items is drawn in one resample of n with replacement.
std::vector<int> resample_counts(std::size_t n, rng& r);

// The percentile bootstrap interval: `point` and the (1 − level)/2 and (1 + level)/2 quantiles
// (linear interpolation between order statistics) of `resamples` values of draw(r), r seeded by
// `seed`. NaN edges when a draw is not finite.
mean_interval percentile_interval(double point, int resamples, double level, std::uint64_t seed,
                                  const std::function<double(rng&)>& draw);

// The same from draws already made (sorted here).
mean_interval percentile_of(double point, std::vector<double> draws, double level);

// Which side of `threshold` [lo, hi] lies on, against the side the claim predicts (sign +1: above,
// −1: below): CONFIRMED when wholly on the predicted side, NOT REPRODUCED when wholly on the other,
// INCONCLUSIVE when it contains the threshold or an edge is not finite.
std::string interval_side(double lo, double hi, double threshold, int sign);

}  // namespace icl
