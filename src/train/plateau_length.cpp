#include "train/plateau_length.hpp"

#include <algorithm>
#include <stdexcept>

namespace icl::train {

plateau_estimate plateau_length(const std::vector<long>& steps, const std::vector<double>& loss) {
  if (steps.size() != loss.size()) throw std::invalid_argument("plateau_length: steps and losses differ in number");
  plateau_estimate e;
  const std::size_t n = loss.size();
  if (n == 0) return e;
  const std::size_t k = std::max<std::size_t>(1, n / 20);
  for (std::size_t i = 0; i < k; ++i) e.start += loss[i] / static_cast<double>(k);
  for (std::size_t i = n - k; i < n; ++i) e.end += loss[i] / static_cast<double>(k);
  if (!(e.end < e.start)) return e;
  e.step = first_step_below(steps, loss, e.start - 0.5 * (e.start - e.end));
  return e;
}

long first_step_below(const std::vector<long>& steps, const std::vector<double>& loss, double level) {
  if (steps.size() != loss.size()) throw std::invalid_argument("first_step_below: steps and losses differ in number");
  const std::size_t n = loss.size(), w = std::max<std::size_t>(1, n / 50);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum += loss[i];
    if (i >= w) sum -= loss[i - w];
    if (sum / static_cast<double>(std::min(i + 1, w)) <= level) return steps[i];
  }
  return -1;
}

}  // namespace icl::train
