// Fast seeded random numbers for the Monte Carlo engine: xoshiro256++ for bits, the Marsaglia–Tsang
// ziggurat for normals (the sampler draws ~d(M+1) of them per prompt, so they set its speed), and
// the positive laws random covariances use. Streams are split by seed, never shared between threads.
// Unlike the original RNOR, the layer index and the 32-bit value come from disjoint bits of one
// 64-bit draw (Doornik's objection to RNOR is their overlap).
#pragma once
#include <array>
#include <cmath>
#include <cstdint>

namespace icl {

class rng {
 public:
  explicit rng(std::uint64_t seed) {
    for (auto& w : s_) w = splitmix(seed);
  }
  std::uint64_t bits() {
    const std::uint64_t r = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }
  double uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }           // [0, 1)
  double uniform_open() { return (static_cast<double>(bits() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  inline double normal();
  double exponential() { return -std::log(uniform_open()); }
  double gamma(double shape);  // scale 1 (Marsaglia–Tsang)
  double sign() { return (bits() >> 63) ? 1.0 : -1.0; }

  // A seed for sub-stream k of `seed`: chunks of a Monte Carlo run draw from their own streams so
  // the result does not depend on which thread ran which chunk.
  static std::uint64_t substream(std::uint64_t seed, std::uint64_t k) {
    std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ull * (k + 1));
    return splitmix(x);
  }

 private:
  double normal_slow(std::int32_t hz, int iz);
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::array<std::uint64_t, 4> s_;
};

// Marsaglia & Tsang (2000), 128 layers: k_i = x_{i-1}/x_i · 2³¹, w_i = x_i / 2³¹, f_i = e^{-x_i²/2}.
struct zig_tables {
  std::int64_t k[128];
  double w[128], f[128];
  zig_tables();
};
extern const zig_tables zig_table;  // a plain global: no initialisation guard on the hot path

inline double rng::normal() {
  const std::uint64_t b = bits();
  const std::int32_t hz = static_cast<std::int32_t>(b >> 32);
  const int iz = static_cast<int>(b & 127);
  const std::int64_t ahz = hz < 0 ? -static_cast<std::int64_t>(hz) : hz;
  if (ahz < zig_table.k[iz]) return hz * zig_table.w[iz];
  return normal_slow(hz, iz);
}

}  // namespace icl
