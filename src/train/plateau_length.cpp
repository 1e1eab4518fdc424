#include "train/plateau_length.hpp"

#include <algorithm>
#include <stdexcept>

namespace icl::train {

plateau_estimate plateau_length(const std::vector<long>& steps, const std::vector<double>& loss) {
  if (steps.size() != loss.size()) throw std::invalid_argument("plateau_length: steps and losses differ in number");
  plateau_estimate e;
  const std::size_t n = loss.size();
  if (n == 0) return e;
  const std::size_t k = std::max<std::size_t>(1, n / 20), w = std::max<std::size_t>(1, n / 50);
  for (std::size_t i = 0; i < k; ++i) e.start += loss[i] / static_cast<double>(k);
  for (std::size_t i = n - k; i < n; ++i) e.end += loss[i] / static_cast<double>(k);
  if (!(e.end < e.start)) return e;
  const double half = e.start - 0.5 * (e.start - e.end);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum += loss[i];
    if (i >= w) sum -= loss[i - w];
    const double smooth = sum / static_cast<double>(std::min(i + 1, w));
    if (smooth <= half) {
      e.step = steps[i];
      return e;
    }
  }
  return e;
}

}  // namespace icl::train
