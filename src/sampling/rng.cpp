#include "sampling/rng.hpp"

namespace icl {

namespace {
// ZIGNOR (Doornik 2005): 128 rectangles of equal area V under the normal density, tail at R.
constexpr int zig_c = 128;
constexpr double zig_r = 3.442619855899;
constexpr double zig_v = 9.91256303526217e-3;
struct zig_tables {
  double x[zig_c + 1];
  double ratio[zig_c];
  zig_tables() {
    double f = std::exp(-0.5 * zig_r * zig_r);
    x[0] = zig_v / f;
    x[1] = zig_r;
    x[zig_c] = 0;
    for (int i = 2; i < zig_c; ++i) {
      x[i] = std::sqrt(-2 * std::log(zig_v / x[i - 1] + f));
      f = std::exp(-0.5 * x[i] * x[i]);
    }
    for (int i = 0; i < zig_c; ++i) ratio[i] = x[i + 1] / x[i];
  }
};
const zig_tables zig;
}  // namespace

double rng::normal() {
  for (;;) {
    const std::uint64_t b = bits();
    const double u = 2 * (static_cast<double>(b >> 11) * 0x1.0p-53) - 1;
    const int i = static_cast<int>(b & 0x7F);
    if (std::fabs(u) < zig.ratio[i]) return u * zig.x[i];
    if (i == 0) {  // the tail beyond R
      double x, y;
      do {
        x = std::log(uniform_open()) / zig_r;
        y = std::log(uniform_open());
      } while (-2 * y < x * x);
      return u < 0 ? x - zig_r : zig_r - x;
    }
    const double x = u * zig.x[i];
    const double f0 = std::exp(-0.5 * (zig.x[i] * zig.x[i] - x * x));
    const double f1 = std::exp(-0.5 * (zig.x[i + 1] * zig.x[i + 1] - x * x));
    if (f1 + uniform() * (f0 - f1) < 1.0) return x;
  }
}

double rng::gamma(double shape) {
  if (shape < 1) return gamma(shape + 1) * std::pow(uniform_open(), 1 / shape);
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform_open();
    if (u < 1 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

}  // namespace icl
