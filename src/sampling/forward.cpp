#include "sampling/forward.hpp"

#include <cmath>

#include "core/instantiate.hpp"
#include "model/init.hpp"

namespace icl {

template <class T>
T lsa_predict(const mat<T>& w_pv, const mat<T>& w_kq, const mat<T>& X, const vec<T>& y, const vec<T>& xq) {
  const int d = static_cast<int>(X.rows());
  const int n = static_cast<int>(X.cols());
  mat<T> E(d + 1, n + 1);
  E.topLeftCorner(d, n) = X;
  E.block(d, 0, 1, n) = y.transpose();
  E.col(n).head(d) = xq;
  E(d, n) = T(0);
  const mat<T> F = E + w_pv * E * (E.transpose() * w_kq * E) / T(n);
  return F(d, n);
}

mc_estimate mc_population_loss(const problem<double>& p, const mat<double>& w_pv, const mat<double>& w_kq,
                               long samples, std::uint64_t seed) {
  const int d = p.d;
  const long N = p.N;
  const mat<double> L = p.lambda.llt().matrixL();
  normal_stream ns(seed);
  auto draw = [&](int k) {
    vec<double> g(k);
    for (int i = 0; i < k; ++i) g(i) = ns.next();
    return g;
  };
  double sum = 0, sum2 = 0;
  mat<double> X(d, N);
  for (long s = 0; s < samples; ++s) {
    const vec<double> w = draw(d);
    for (long i = 0; i < N; ++i) X.col(i) = L * draw(d);
    const vec<double> xq = L * draw(d);
    const vec<double> y = X.transpose() * w;
    const double e = lsa_predict<double>(w_pv, w_kq, X, y, xq) - w.dot(xq);
    const double v = 0.5 * e * e;
    sum += v;
    sum2 += v * v;
  }
  mc_estimate m;
  m.samples = samples;
  m.mean = sum / samples;
  m.std_error = std::sqrt(std::max(0.0, sum2 / samples - m.mean * m.mean) / samples);
  return m;
}

#define ICL_INST(T) \
  template T lsa_predict<T>(const mat<T>&, const mat<T>&, const mat<T>&, const vec<T>&, const vec<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
