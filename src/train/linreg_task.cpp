#include "train/linreg_task.hpp"

#include <cmath>
#include <vector>

#include "core/errors.hpp"
#include "sampling/rng.hpp"

namespace icl::train {

void validate(const linreg_config& c) {
  if (c.d < 1 || c.d > 4096) throw usage_error("--d: must be an integer in [1, 4096]");
  if (c.examples < 1 || c.examples > 100000) throw usage_error("--examples: must be an integer in [1, 100000]");
  if (!(c.scale > 0) || !std::isfinite(c.scale)) throw usage_error("--scale: must be a positive number");
  if (!(c.noise >= 0) || !std::isfinite(c.noise)) throw usage_error("--noise: must be a number >= 0");
}

task_batch sample_linreg(const linreg_config& c, std::size_t batch, std::uint64_t seed) {
  const std::size_t d = static_cast<std::size_t>(c.d), n = static_cast<std::size_t>(c.examples), td = d + 1;
  task_batch b;
  b.batch = batch;
  b.examples = n;
  b.token_dim = td;
  b.tokens.assign(batch * 2 * n * td, 0.0f);
  b.y.resize(batch * n);
  b.x.resize(batch * n * d);
  b.prompt_factor.assign(batch, -1);
  rng r(seed);
  std::vector<double> w(d), sd(d);
  for (std::size_t p = 0; p < batch; ++p) {
    for (std::size_t k = 0; k < d; ++k) sd[k] = std::sqrt(c.scale * (c.random_cov ? r.exponential() : 1.0));
    for (std::size_t k = 0; k < d; ++k) w[k] = r.normal();
    for (std::size_t i = 0; i < n; ++i) {
      float* xt = &b.tokens[((p * 2 * n) + 2 * i) * td];
      float* yt = xt + td;
      double y = 0;
      for (std::size_t k = 0; k < d; ++k) {
        const double xk = sd[k] * r.normal();
        xt[k] = static_cast<float>(xk);
        b.x[(p * n + i) * d + k] = static_cast<float>(xk);
        y += w[k] * xk;
      }
      if (c.noise > 0) y += c.noise * r.normal();
      yt[d] = static_cast<float>(y);
      b.y[p * n + i] = static_cast<float>(y);
    }
  }
  return b;
}

double linreg_zero_loss(const linreg_config& c) { return c.scale * c.d + c.noise * c.noise; }

}  // namespace icl::train
