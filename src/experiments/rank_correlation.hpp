// Spearman's rank correlation with a stratified bootstrap interval (docs/THEORY.md §11.8), for the
// plateau-length scan: runs fall into strata (one difficulty each) and the seeds of a stratum are
// exchangeable, so a resample redraws the seeds within each stratum and keeps the design. Plain C++.
#pragma once
#include <cstdint>
#include <vector>

#include "experiments/bootstrap_statistics.hpp"

namespace icl {

// spearman() and the percentile interval are those of bootstrap_statistics.hpp.
struct rank_interval {
  double rho = 0, lo = 0, hi = 0;
  int degenerate = 0;  // resamples whose rho was not defined (a constant resample); left out
};

// rho of (x, y) and the percentile interval at `level` of `resamples` stratified bootstrap
// resamples: within each stratum (runs with one value of `stratum`) draw as many runs as it has,
// with replacement. Seeded: the same inputs give the same interval.
rank_interval spearman_bootstrap(const std::vector<double>& x, const std::vector<double>& y, const std::vector<int>& stratum,
                                 double level, int resamples, std::uint64_t seed);

}  // namespace icl
