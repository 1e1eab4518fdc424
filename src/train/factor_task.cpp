#include "train/factor_task.hpp"

#include <cmath>
#include <numeric>

#include "core/errors.hpp"
#include "sampling/rng.hpp"

namespace icl::train {

void validate(const factor_config& c) {
  if (c.mappings < 1 || c.mappings > 1000000) throw usage_error("--mappings: must be an integer in [1, 1000000]");
  if (c.factors < 1 || c.factors > 6) throw usage_error("--factors: must be an integer in [1, 6]");
  if (c.examples < 1 || c.examples > 100000) throw usage_error("--examples: must be an integer in [1, 100000]");
  if (c.embed_dim < 1 || c.embed_dim > 4096) throw usage_error("--embed-dim: must be an integer in [1, 4096]");
  if (!(c.noise >= 0) || !std::isfinite(c.noise)) throw usage_error("--noise: must be a number >= 0");
}

factor_world::factor_world(const factor_config& c) : c_(c) {
  validate(c);
  rng r(c.world_seed);
  // Each coordinate of a code has variance 1/6 so an item's noiseless embedding has unit variance per
  // coordinate, whatever the width.
  const double sd = 1.0 / std::sqrt(6.0);
  code_.resize(6);
  for (int f = 0; f < 6; ++f) {
    code_[f].resize(factor_cardinality[f]);
    for (auto& v : code_[f]) {
      v.resize(c.embed_dim);
      for (auto& e : v) e = static_cast<float>(sd * r.normal());
    }
  }
  maps_.resize(6);
  for (int f = 0; f < 6; ++f) {
    maps_[f].resize(c.mappings);
    for (auto& p : maps_[f]) {
      p.resize(factor_cardinality[f]);
      std::iota(p.begin(), p.end(), 0);
      for (std::size_t i = p.size() - 1; i > 0; --i) std::swap(p[i], p[r.bits() % (i + 1)]);  // Fisher–Yates
    }
  }
}

task_batch factor_world::sample(std::size_t batch, std::uint64_t seed) const {
  const std::size_t n = static_cast<std::size_t>(c_.examples), td = token_dim(), e = static_cast<std::size_t>(c_.embed_dim);
  task_batch b;
  b.batch = batch;
  b.examples = n;
  b.token_dim = td;
  b.tokens.assign(batch * 2 * n * td, 0.0f);
  b.label.resize(batch * n);
  b.item_factors.resize(batch * n * 6);
  b.prompt_factor.resize(batch);
  rng r(seed);
  for (std::size_t p = 0; p < batch; ++p) {
    const int f = static_cast<int>(r.bits() % static_cast<std::uint64_t>(c_.factors));
    const auto& map = maps_[f][r.bits() % static_cast<std::uint64_t>(c_.mappings)];
    b.prompt_factor[p] = f;
    for (std::size_t i = 0; i < n; ++i) {
      float* it = &b.tokens[((p * 2 * n) + 2 * i) * td];
      float* lt = it + td;
      for (std::size_t k = 0; k < e; ++k) it[k] = static_cast<float>(c_.noise * r.normal());
      for (int g = 0; g < 6; ++g) {
        const int v = static_cast<int>(r.bits() % static_cast<std::uint64_t>(factor_cardinality[g]));
        b.item_factors[(p * n + i) * 6 + g] = v;
        const auto& code = code_[g][v];
        for (std::size_t k = 0; k < e; ++k) it[k] += code[k];
      }
      const long lab = map[b.item_factors[(p * n + i) * 6 + f]];
      b.label[p * n + i] = lab;
      lt[e + lab] = 1.0f;
    }
  }
  return b;
}

}  // namespace icl::train
