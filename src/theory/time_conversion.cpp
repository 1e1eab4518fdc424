#include "theory/time_conversion.hpp"

#include <cmath>

namespace icl {

double flow_time_per_step(const training_convention& c, long n) {
  return (c.loss_has_half ? 1.0 : 2.0) * (c.attention_divides_by_n ? 1.0 : static_cast<double>(n));
}

double initial_scale_factor(const training_convention& c, long n) {
  return c.attention_divides_by_n ? 1.0 : std::sqrt(static_cast<double>(n));
}

}  // namespace icl
