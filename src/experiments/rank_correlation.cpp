#include "experiments/rank_correlation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "sampling/rng.hpp"

namespace icl {

rank_interval spearman_bootstrap(const std::vector<double>& x, const std::vector<double>& y, const std::vector<int>& stratum,
                                 double level, int resamples, std::uint64_t seed) {
  if (x.size() != stratum.size()) throw std::invalid_argument("spearman_bootstrap: strata and values differ in length");
  rank_interval out;
  out.rho = spearman(x, y);
  std::map<int, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < stratum.size(); ++i) groups[stratum[i]].push_back(i);
  rng r(seed);
  std::vector<double> rhos, bx(x.size()), by(x.size());
  for (int b = 0; b < resamples; ++b) {
    std::size_t at = 0;
    for (const auto& [s, idx] : groups)
      for (std::size_t k = 0; k < idx.size(); ++k) {
        const std::size_t pick = idx[r.bits() % idx.size()];
        bx[at] = x[pick];
        by[at] = y[pick];
        ++at;
      }
    const double rho = spearman(bx, by);
    if (std::isfinite(rho)) rhos.push_back(rho);
    else ++out.degenerate;
  }
  if (rhos.empty()) {
    out.lo = out.hi = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  const auto ci = percentile_of(out.rho, std::move(rhos), level);
  out.lo = ci.lo;
  out.hi = ci.hi;
  return out;
}

}  // namespace icl
