#include "experiments/rank_correlation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

#include "sampling/rng.hpp"

namespace icl {

std::vector<double> midranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double mid = 0.5 * static_cast<double>(i + j) + 1;  // ranks i+1..j+1
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = mid;
    i = j + 1;
  }
  return r;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("spearman: x and y differ in length");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (x.size() < 2) return nan;
  const auto rx = midranks(x), ry = midranks(y);
  const double n = static_cast<double>(x.size()), mean = (n + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return nan;
  return sxy / std::sqrt(sxx * syy);
}

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
  std::sort(rhos.begin(), rhos.end());
  // Percentile interval: the order statistics at (1 − level)/2 and (1 + level)/2.
  auto at = [&](double q) {
    const double pos = q * static_cast<double>(rhos.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, rhos.size() - 1);
    return rhos[lo] + (pos - static_cast<double>(lo)) * (rhos[hi] - rhos[lo]);
  };
  out.lo = at((1 - level) / 2);
  out.hi = at((1 + level) / 2);
  return out;
}

}  // namespace icl
