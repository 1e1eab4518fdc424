#include "dynamics/random_cov.hpp"

#include "core/instantiate.hpp"

namespace icl {

template <class T> void random_cov_system<T>::rhs(const vec<T>& y, vec<T>& dy) const {
  const int d = static_cast<int>(gamma.size());
  const T& u = y(0);
  dy.resize(d + 1);
  dy(0) = T(0);
  for (int i = 0; i < d; ++i) {
    const T& U = y(1 + i);
    dy(0) += -u * gamma(i) * U * U + beta(i) * U;
    dy(1 + i) = -u * u * gamma(i) * U + u * beta(i);
  }
}

template <class T> void random_cov_system<T>::jacobian(const vec<T>& y, mat<T>& J) const {
  const int d = static_cast<int>(gamma.size());
  const T& u = y(0);
  J = mat<T>::Zero(d + 1, d + 1);
  for (int i = 0; i < d; ++i) {
    const T& U = y(1 + i);
    J(0, 0) -= gamma(i) * U * U;
    J(0, 1 + i) = -T(2) * u * gamma(i) * U + beta(i);
    J(1 + i, 0) = -T(2) * u * gamma(i) * U + beta(i);
    J(1 + i, 1 + i) = -u * u * gamma(i);
  }
}

template <class T> T random_cov_system<T>::loss(const vec<T>& y) const {
  T l = half_trace;
  for (int i = 0; i < gamma.size(); ++i) l += y(0) * y(0) * gamma(i) * y(1 + i) * y(1 + i) / T(2) - y(0) * beta(i) * y(1 + i);
  return l;
}

template <class T> T random_cov_system<T>::grad_norm(const vec<T>& y) const {
  vec<T> g;
  rhs(y, g);
  return g.norm();
}

#define ICL_INST(T) template struct random_cov_system<T>;
ICL_FOR_EACH_SCALAR(ICL_INST)
// Over the rationals (the exact check of the coefficients, docs/THEORY.md §7.1): all but the norm.
template void random_cov_system<rational>::rhs(const vec<rational>&, vec<rational>&) const;
template rational random_cov_system<rational>::loss(const vec<rational>&) const;

}  // namespace icl
