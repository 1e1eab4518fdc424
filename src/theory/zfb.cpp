#include "theory/zfb.hpp"

#include "core/errors.hpp"
#include "core/instantiate.hpp"

namespace icl {

template <class T>
zfb_theory<T>::zfb_theory(const problem<T>& p, plant pl)
    : planted(pl), d(p.d), N(p.N), lam(p.evals), trace(p.trace) {
  using std::sqrt;
  gamma_eig = p.gamma_eig;
  const T n = p.inv_n();
  if (pl == plant::gamma_without_trace)
    for (int i = 0; i < d; ++i) gamma_eig(i) = (T(1) + n) * lam(i);
  if (pl == plant::gamma_n_plus_1)
    for (int i = 0; i < d; ++i) gamma_eig(i) = (T(1) + T(1) / T(N + 1)) * lam(i) + trace / T(N + 1);
  if (pl == plant::von_oswald_d)
    for (int i = 0; i < d; ++i) gamma_eig(i) = T(1) + T(d) * n;
  T s2 = T(0), lg = T(0);
  for (int i = 0; i < d; ++i) {
    s2 += T(1) / (gamma_eig(i) * gamma_eig(i));
    lg += lam(i) * lam(i) / gamma_eig(i);
  }
  gamma_inv_frob = sqrt(s2);
  u_star = sqrt(gamma_inv_frob);
  U_star_eig.resize(d);
  for (int i = 0; i < d; ++i) U_star_eig(i) = T(1) / (u_star * gamma_eig(i));
  if (pl == plant::limit_scaled) {
    const T scale = T(1) + pow(T(10), -30);
    u_star *= scale;
    U_star_eig *= scale;
  }
  min_loss = (trace - lg) / T(2);
}

template <class T> mat<T> zfb_theory<T>::U_star_original(const problem<T>& p) const {
  return p.evecs * U_star_eig.asDiagonal() * p.evecs.transpose();
}

template <class T> T zfb_theory<T>::applicability_margin(const T& sigma) const {
  using std::sqrt;
  return T(2) - sigma * sigma * gamma_eig.maxCoeff() * sqrt(T(d));
}

template <class T> bool zfb_theory<T>::applicable(const T& sigma) const { return applicability_margin(sigma) > T(0); }

template <class T> T zfb_theory<T>::u2_lower_bound(const T& sigma, const T& theta_lambda2) const {
  using std::sqrt;
  if (planted == plant::u_above_limit) return gamma_inv_frob;
  const T lmax = lam.maxCoeff();
  const T bound = sigma * sigma * theta_lambda2 * applicability_margin(sigma) / (T(2) * sqrt(T(d)) * lmax * lmax);
  return planted == plant::u2_bound_doubled ? T(2) * bound : bound;
}

template <class T> T zfb_theory<T>::pl_mu(const T& sigma, const T& theta_lambda2) const {
  using std::sqrt;
  const T lmax = lam.maxCoeff();
  T tr_gl = T(0), tr_l = T(0);
  for (int i = 0; i < d; ++i) {
    tr_gl += T(1) / (gamma_eig(i) * lam(i));
    tr_l += T(1) / lam(i);
  }
  const T s2 = planted == plant::mu_without_sigma ? T(1) : sigma * sigma;
  const T op2 = planted == plant::mu_op_not_squared ? lmax : lmax * lmax;
  return s2 * theta_lambda2 * applicability_margin(sigma) / (sqrt(T(d)) * op2 * tr_gl * tr_l);
}

template <class T> T zfb_theory<T>::invariant(const T& u, const T& frob2_U) const {
  return planted == plant::wrong_invariant ? u * u - T(2) * frob2_U : u * u - frob2_U;
}

template <class T> T logistic_u2(int d, long N, const T& sigma, const T& t) {
  using std::exp;
  using std::sqrt;
  const T rd = sqrt(T(d));
  const T gamma = T(1) + T(d + 1) / T(N);
  const T e = exp(T(2) * rd * t);
  return rd * e / (gamma * (e - T(1)) + rd / (sigma * sigma));
}

#define ICL_INST(T)                 \
  template struct zfb_theory<T>;    \
  template T logistic_u2<T>(int, long, const T&, const T&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
