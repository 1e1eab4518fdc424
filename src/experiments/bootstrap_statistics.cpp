#include "experiments/bootstrap_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace icl {

std::vector<double> average_ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> rank(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double r = 0.5 * static_cast<double>(i + j) + 1;  // ranks i+1 .. j+1 share their mean
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = r;
    i = j + 1;
  }
  return rank;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (x.size() != y.size() || x.size() < 2) return nan;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) return nan;
  const auto rx = average_ranks(x), ry = average_ranks(y);
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n, my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : nan;
}

std::vector<int> resample_counts(std::size_t n, rng& r) {
  std::vector<int> c(n, 0);
  for (std::size_t i = 0; i < n; ++i) ++c[std::min(n - 1, static_cast<std::size_t>(r.uniform() * static_cast<double>(n)))];
  return c;
}

mean_interval percentile_of(double point, std::vector<double> v, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (v.empty() || !std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); })) return {point, nan, nan};
  std::sort(v.begin(), v.end());
  auto quantile = [&](double p) {
    const double h = p * static_cast<double>(v.size() - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    return k + 1 < v.size() ? v[k] + (h - static_cast<double>(k)) * (v[k + 1] - v[k]) : v.back();
  };
  return {point, quantile((1 - level) / 2), quantile((1 + level) / 2)};
}

mean_interval percentile_interval(double point, int resamples, double level, std::uint64_t seed,
                                  const std::function<double(rng&)>& draw) {
  rng r(seed);
  std::vector<double> v;
  for (int b = 0; b < resamples; ++b) v.push_back(draw(r));
  return percentile_of(point, std::move(v), level);
}

std::string interval_side(double lo, double hi, double threshold, int sign) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "INCONCLUSIVE";
  const bool above = lo > threshold, below = hi < threshold;
  return (sign > 0 ? above : below) ? "CONFIRMED" : (sign > 0 ? below : above) ? "NOT REPRODUCED" : "INCONCLUSIVE";
}

}  // namespace icl
