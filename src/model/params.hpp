// Live parameters of the LSA layer (docs/THEORY.md §2) and their embedding in W^PV, W^KQ.
#pragma once
#include "core/scalar.hpp"

namespace icl {

// a = (W^PV)_{d+1,1:d}, b = (W^PV)_{d+1,d+1}, C = (W^KQ)_{1:d,1:d}, c = (W^KQ)_{d+1,1:d}.
template <class T> struct full_params {
  vec<T> a;
  T b;
  mat<T> C;
  vec<T> c;

  int d() const { return static_cast<int>(a.size()); }
  static int size(int d) { return d * d + 2 * d + 1; }
  vec<T> pack() const {
    const int n = d();
    vec<T> y(size(n));
    y.head(n) = a;
    y(n) = b;
    y.segment(n + 1, n * n) = Eigen::Map<const vec<T>>(C.data(), n * n);
    y.tail(n) = c;
    return y;
  }
  static full_params unpack(const vec<T>& y, int n) {
    full_params p;
    p.a = y.head(n);
    p.b = y(n);
    p.C = Eigen::Map<const mat<T>>(y.data() + n + 1, n, n);
    p.c = y.tail(n);
    return p;
  }
  mat<T> w_pv() const {
    const int n = d();
    mat<T> w = mat<T>::Zero(n + 1, n + 1);
    w.block(n, 0, 1, n) = a.transpose();
    w(n, n) = b;
    return w;
  }
  mat<T> w_kq() const {
    const int n = d();
    mat<T> w = mat<T>::Zero(n + 1, n + 1);
    w.block(0, 0, n, n) = C;
    w.block(n, 0, 1, n) = c.transpose();
    return w;
  }
};

// Paper initialisation keeps a = c = 0: u := b, U := C (Zhang–Frei–Bartlett Lemma 5.2).
template <class T> struct reduced_params {
  T u;
  mat<T> U;
  full_params<T> as_full() const {
    const int n = static_cast<int>(U.rows());
    return {vec<T>::Zero(n), u, U, vec<T>::Zero(n)};
  }
};

}  // namespace icl
