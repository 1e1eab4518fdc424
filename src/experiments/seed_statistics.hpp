// Statistics over seeds shared by the experiment families (docs/THEORY.md §11.7): Student's t-interval
// for a mean, and the rule that says whether a file's verdicts came out as its claim (or its plant)
// says they must. Plain C++; no torch.
#pragma once
#include <limits>
#include <vector>

#include "experiments/lsa_experiment.hpp"

namespace icl {

struct mean_interval {
  double mean = std::numeric_limits<double>::quiet_NaN(), lo = mean, hi = mean;
};

// Whether every value of x is finite (a failed run leaves NaN in its seed's slot).
bool all_finite(const std::vector<double>& x);

// mean ± t_{n−1, (1+level)/2} s/√n over x; NaN edges when x has fewer than 2 values.
mean_interval t_interval(const std::vector<double>& x, double level);

// mean(a) − mean(b) ± t_{ν, (1+level)/2} √(s_a²/n_a + s_b²/n_b), ν by Welch–Satterthwaite: two
// independent samples of unequal variance; NaN edges when either has fewer than 2 values.
mean_interval welch_interval(const std::vector<double>& a, const std::vector<double>& b, double level);

// The t-interval of x at `level` written into v's effect, lo and hi when every value of x is finite
// (NaN otherwise); returns whether they all were.
bool set_t_interval(experiment_verdict& v, const std::vector<double>& x, double level);

// Every verdict as expected: without a plant each is CONFIRMED, or NOT REPRODUCED when its key is
// listed among the file's findings; with a plant at least one verdict is planted and every planted
// verdict is NOT REPRODUCED (the unplanted ones do not count).
bool verdicts_as_expected(const lsa_experiment_spec& s, const std::vector<experiment_verdict>& verdicts);

}  // namespace icl
