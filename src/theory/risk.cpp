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
T predictor_error(const mat<T>& D, const mat<T>& lx, const mat<T>& lq, const mat<T>& W, long M, const T& noise,
                  const T& noise_q) {
  const T m = M > 0 ? T(1) / T(M) : T(0);  // M = 0: the M → ∞ limit
  const mat<T> S = (T(1) + m) * lx * W * lx + m * (W * lx).trace() * lx + noise * m * lx;
  return (D * S * D.transpose() * lq).trace() - T(2) * (D * lx * W * lq).trace() + (W * lq).trace() + noise_q;
}

// The shift error of docs/THEORY.md §6 is the predictor error at D = Γ⁻¹.
template <class T>
T shift_error(const mat<T>& gamma, const mat<T>& lx, const mat<T>& lq, const mat<T>& W, long M, const T& noise,
              const T& noise_q) {
  return predictor_error<T>(gamma.inverse(), lx, lq, W, M, noise, noise_q);
}

template <class T> T cor43_bound(const vec<T>& lam, long N, long M) {
  const T d = T(static_cast<int>(lam.size()));
  const T tr = lam.sum();
  const T kappa = lam.maxCoeff() / lam.minCoeff();
  const T n_term = (T(1) + T(2) * d + d * d * kappa) * tr / T(N) / T(N);
  return M > 0 ? (d + T(1)) * tr / T(M) + n_term : n_term;  // M = 0 stands for M → ∞
}

template <class T>
random_cov_theory<T>::random_cov_theory(int d_, long N_, const T& a, const T& b, const T& c)
    : d(d_), N(N_), m1(a), m2(b), m3(c) {
  const T n = T(1) / T(N);
  // E[λ_i² Σ_k λ_k] = m3 + (d − 1) m2 m1; E[λ_i λ_j Σ_k λ_k] = 2 m2 m1 + (d − 2) m1³ (i ≠ j).
  gamma = (T(1) + n) * m3 + n * (m3 + T(d - 1) * m2 * m1);
  beta = m2;
  psi = (T(1) + n) * m2 * m1 + n * (T(2) * m2 * m1 + T(d - 2) * m1 * m1 * m1);
}

template <class T> T random_cov_theory<T>::u_star() const {
  using std::sqrt;
  return sqrt(sqrt(T(d) * beta * beta / (gamma * gamma)));
}
template <class T> T random_cov_theory<T>::U_star() const { return beta / gamma / u_star(); }
template <class T> T random_cov_theory<T>::min_loss() const { return T(d) * m1 / T(2) - T(d) * beta * beta / gamma / T(2); }

template <class T> T random_cov_theory<T>::error(const T& delta, const T& c, long M, bool drop_pair_1_over_m) const {
  const T inv_m = M > 0 ? T(1) / T(M) : T(0);
  const T c2 = c * c, c3 = c2 * c;
  const T pair = drop_pair_1_over_m ? T(1) : T(1) + inv_m;
  return T(d) * (pair * delta * delta * c3 * m3 + inv_m * delta * delta * c3 * (m3 + T(d - 1) * m2 * m1) -
                 T(2) * delta * c2 * m2 + c * m1);
}

#define ICL_INST(T)                                                                                         \
  template mat<T> gamma_matrix<T>(const mat<T>&, long);                                                     \
  template T thm42_error<T>(const mat<T>&, const mat<T>&, long, long, const vec<T>&, const mat<T>&, const T&); \
  template T risk_linear<T>(const vec<T>&, long, long);                                                     \
  template T shift_error<T>(const mat<T>&, const mat<T>&, const mat<T>&, const mat<T>&, long, const T&, const T&); \
  template T predictor_error<T>(const mat<T>&, const mat<T>&, const mat<T>&, const mat<T>&, long, const T&, const T&);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)
#define ICL_INST_SQRT(T)                                  \
  template T cor43_bound<T>(const vec<T>&, long, long); \
  template struct random_cov_theory<T>;
ICL_FOR_EACH_SCALAR(ICL_INST_SQRT)

}  // namespace icl
