#include "theory/risk.hpp"

#include "core/instantiate.hpp"

namespace icl {

template <class T> mat<T> gamma_matrix(const mat<T>& lambda, long N) {
  const T n = T(1) / T(N);
  mat<T> g = (T(1) + n) * lambda;
  const T tr = lambda.trace();
  for (int i = 0; i < g.rows(); ++i) g(i, i) += tr * n;
  return g;
}

template <class T>
T thm42_error(const mat<T>& lambda, const mat<T>& gamma, long N, long M, const vec<T>& a, const mat<T>& sigma,
              const T& min_err) {
  const mat<T> gi = gamma.inverse();
  const mat<T> gi2 = gi * gi;
  const T tr = lambda.trace();
  const auto norm2 = [&](const mat<T>& A) { return T(a.dot(A * a)); };
  const mat<T> g2l = gi2 * lambda;
  const T variance = (sigma * g2l).trace() / T(M);
  const T bias = (norm2(g2l * lambda * lambda) + T(2) * tr * norm2(g2l * lambda) + tr * tr * norm2(g2l)) / T(N) / T(N);
  return min_err + variance + bias;
}

template <class T> T risk_linear(const vec<T>& lam, long N, long M) {
  const T tr = lam.sum();
  T r = T(0);
  for (int j = 0; j < lam.size(); ++j) {
    const T l = lam(j), lt = lam(j) + tr;
    const T g = l + lt / T(N);
    r += l * (l * lt / T(M) + lt * lt / T(N) / T(N)) / (g * g);
  }
  return r;
}

template <class T>
T shift_error(const mat<T>& gamma, const mat<T>& lx, const mat<T>& lq, const mat<T>& W, long M, const T& noise,
              const T& noise_q) {
  const mat<T> gi = gamma.inverse();
  const T m = T(1) / T(M);
  const mat<T> second = (T(1) + m) * lx * W * lx + m * (W * lx).trace() * lx;
  return (gi * second * gi * lq).trace() - T(2) * (gi * lx * W * lq).trace() + (W * lq).trace() +
         noise * m * (gi * lx * gi * lq).trace() + noise_q;
}

#define ICL_INST(T)                                                                                         \
  template mat<T> gamma_matrix<T>(const mat<T>&, long);                                                     \
  template T thm42_error<T>(const mat<T>&, const mat<T>&, long, long, const vec<T>&, const mat<T>&, const T&); \
  template T risk_linear<T>(const vec<T>&, long, long);                                                     \
  template T shift_error<T>(const mat<T>&, const mat<T>&, const mat<T>&, const mat<T>&, long, const T&, const T&);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)

}  // namespace icl
