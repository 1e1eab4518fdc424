#include "dynamics/random_cov.hpp"

#include "core/instantiate.hpp"

namespace icl {

template <class T> vec<T> random_cov_system<T>::state(const T& u, const mat<T>& U) const {
  const int n = d();
  vec<T> y(size());
  y(0) = u;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) y(1 + i * n + j) = U(i, j);
  return y;
}

template <class T> mat<T> random_cov_system<T>::U_of(const vec<T>& y) const {
  const int n = d();
  mat<T> U(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) U(i, j) = y(1 + i * n + j);
  return U;
}

template <class T> void random_cov_system<T>::rhs(const vec<T>& y, vec<T>& dy) const {
  const int n = d();
  const T& u = y(0);
  dy.resize(size());
  dy(0) = T(0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const T& U = y(1 + i * n + j);
      dy(0) -= u * coef(i, j) * U * U;
      dy(1 + i * n + j) = -u * u * coef(i, j) * U;
    }
  for (int i = 0; i < n; ++i) {
    dy(0) += beta(i) * y(1 + i * n + i);
    dy(1 + i * n + i) += u * beta(i);
  }
}

template <class T> void random_cov_system<T>::jacobian(const vec<T>& y, mat<T>& J) const {
  const int n = d();
  const T& u = y(0);
  J = mat<T>::Zero(size(), size());
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const int k = 1 + i * n + j;
      const T& U = y(k);
      J(0, 0) -= coef(i, j) * U * U;
      const T cross = -T(2) * u * coef(i, j) * U + (i == j ? beta(i) : T(0));
      J(0, k) = cross;
      J(k, 0) = cross;
      J(k, k) = -u * u * coef(i, j);
    }
}

template <class T> T random_cov_system<T>::loss(const vec<T>& y) const {
  const int n = d();
  const T& u = y(0);
  T l = half_trace;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const T& U = y(1 + i * n + j);
      l += u * u * coef(i, j) * U * U / T(2);
    }
  for (int i = 0; i < n; ++i) l -= u * beta(i) * y(1 + i * n + i);
  return l;
}

template <class T> T random_cov_system<T>::gap(const vec<T>& y) const {
  const int n = d();
  const T& u = y(0);
  T g = T(0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const T& U = y(1 + i * n + j);
      if (i == j) {
        const T e = u * U - beta(i) / gamma(i);
        g += gamma(i) * e * e / T(2);
      } else {
        g += psi(i, j) * u * u * U * U / T(2);
      }
    }
  return g;
}

template <class T> T random_cov_system<T>::balance(const vec<T>& y) const { return y(0) * y(0) - y.tail(size() - 1).squaredNorm(); }

template <class T> T random_cov_system<T>::grad_norm(const vec<T>& y) const {
  vec<T> g;
  rhs(y, g);
  return g.norm();
}

#define ICL_INST(T) template struct random_cov_system<T>;
ICL_FOR_EACH_SCALAR(ICL_INST)
// Over the rationals (the exact check of the coefficients, docs/THEORY.md §7.1): all but the norm.
template vec<rational> random_cov_system<rational>::state(const rational&, const mat<rational>&) const;
template void random_cov_system<rational>::rhs(const vec<rational>&, vec<rational>&) const;
template rational random_cov_system<rational>::loss(const vec<rational>&) const;
template rational random_cov_system<rational>::gap(const vec<rational>&) const;

}  // namespace icl
