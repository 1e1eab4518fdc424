#include "sampling/rng.hpp"

namespace icl {

zig_tables::zig_tables() {
  const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
  double dn = 3.442619855899, tn = dn;
  const double q = vn / std::exp(-0.5 * dn * dn);
  k[0] = static_cast<std::int64_t>((dn / q) * m1);
  k[1] = 0;
  w[0] = q / m1;
  w[127] = dn / m1;
  f[0] = 1;
  f[127] = std::exp(-0.5 * dn * dn);
  for (int i = 126; i >= 1; --i) {
    dn = std::sqrt(-2 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
    k[i + 1] = static_cast<std::int64_t>((dn / tn) * m1);
    tn = dn;
    f[i] = std::exp(-0.5 * dn * dn);
    w[i] = dn / m1;
  }
}

const zig_tables zig_table;

double rng::normal_slow(std::int32_t hz, int iz) {
  constexpr double r = 3.442619855899;
  const zig_tables& t = zig_table;
  for (;;) {
    const double x = hz * t.w[iz];
    if (iz == 0) {  // the tail beyond r
      double xt, y;
      do {
        xt = -std::log(uniform_open()) / r;
        y = -std::log(uniform_open());
      } while (y + y < xt * xt);
      return hz > 0 ? r + xt : -r - xt;
    }
    if (t.f[iz] + uniform() * (t.f[iz - 1] - t.f[iz]) < std::exp(-0.5 * x * x)) return x;
    const std::uint64_t b = bits();
    hz = static_cast<std::int32_t>(b >> 32);
    iz = static_cast<int>(b & 127);
    const std::int64_t ahz = hz < 0 ? -static_cast<std::int64_t>(hz) : hz;
    if (ahz < t.k[iz]) return hz * t.w[iz];
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
