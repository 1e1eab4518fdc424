#include "dynamics/reduced.hpp"

#include "core/instantiate.hpp"

namespace icl {

template <class T> T reduced_loss(const problem<T>& p, const reduced_params<T>& r) {
  const mat<T>& L = p.lambda;
  const mat<T> LUL = L * r.U * L;
  return r.u * r.u * (p.gamma() * LUL * r.U.transpose()).trace() / T(2) - r.u * (L * L * r.U.transpose()).trace() +
         p.trace / T(2);
}

template <class T> T reduced_loss_grad(const problem<T>& p, const reduced_params<T>& r, reduced_params<T>& g) {
  const mat<T>& L = p.lambda;
  const mat<T> GLUL = p.gamma() * L * r.U * L;
  const mat<T> L2 = L * L;
  const T quad = (GLUL * r.U.transpose()).trace();
  const T lin = (L2 * r.U.transpose()).trace();
  g.U = r.u * r.u * GLUL - r.u * L2;
  g.u = r.u * quad - lin;
  return r.u * r.u * quad / T(2) - r.u * lin + p.trace / T(2);
}

template <class T>
reduced_eigen_system<T>::reduced_eigen_system(const problem<T>& p, const reduced_params<T>& start)
    : d_(p.d), lam_(p.evals), g_(p.gamma_eig), Q_(p.evecs), trace_(p.trace) {
  const mat<T> Ut = p.diagonal ? start.U : mat<T>(Q_.transpose() * start.U * Q_);
  y0_.resize(d_ + 2);
  y0_(0) = start.u;
  y0_(1) = T(0);
  for (int i = 0; i < d_; ++i) y0_(2 + i) = Ut(i, i);
  l2_ = lam_.cwiseProduct(lam_);
  gl2_ = g_.cwiseProduct(l2_);
  for (int i = 0; i < d_; ++i)
    for (int j = 0; j < d_; ++j)
      if (i != j && Ut(i, j) != T(0)) off_.push_back({i, j, g_(i) * lam_(i) * lam_(j), Ut(i, j)});
}

template <class T> void reduced_eigen_system<T>::off_sums(const T& tau, T& weighted, T& plain) const {
  using std::exp;
  weighted = T(0);
  plain = T(0);
  for (const auto& o : off_) {
    T v = o.u0 * exp(-o.rate * tau);
    T v2 = v * v;
    weighted += o.rate * v2;
    plain += v2;
  }
}

// The flow's inner loop: in-place arithmetic, since at high precision each temporary is an allocation.
template <class T> void reduced_eigen_system<T>::rhs(const vec<T>& y, vec<T>& dy) const {
  dy.resize(d_ + 2);
  const T& u = y(0);
  T quad, plain, lin = T(0), a, b;
  off_sums(y(1), quad, plain);
  const T u2 = u * u;
  for (int i = 0; i < d_; ++i) {
    const T& v = y(2 + i);
    a = gl2_(i);
    a *= v;  // g_i λ_i² Ũ_ii
    b = a;
    b *= v;
    quad += b;
    b = l2_(i);
    b *= v;
    lin += b;
    T& out = dy(2 + i);
    out = l2_(i);
    out *= u;
    a *= u2;
    out -= a;
  }
  dy(0) = lin;
  dy(0) -= u * quad;
  dy(1) = u2;
}

template <class T> void reduced_eigen_system<T>::jacobian(const vec<T>& y, mat<T>& J) const {
  using std::exp;
  const int n = d_ + 2;
  J.setZero(n, n);
  const T& u = y(0);
  T quad, plain, dquad_dtau = T(0);
  off_sums(y(1), quad, plain);
  for (const auto& o : off_) {
    T v = o.u0 * exp(-o.rate * y(1));
    dquad_dtau -= T(2) * o.rate * o.rate * v * v;
  }
  for (int i = 0; i < d_; ++i) {
    const T& v = y(2 + i);
    const T l2 = lam_(i) * lam_(i);
    const T gl2 = g_(i) * l2;
    quad += gl2 * v * v;
    J(0, 2 + i) = -T(2) * u * gl2 * v + l2;
    J(2 + i, 0) = -T(2) * u * gl2 * v + l2;
    J(2 + i, 2 + i) = -u * u * gl2;
  }
  J(0, 0) = -quad;
  J(0, 1) = -u * dquad_dtau;
  J(1, 0) = T(2) * u;
}

template <class T> mat<T> reduced_eigen_system<T>::U_eigen(const vec<T>& y) const {
  using std::exp;
  mat<T> U = mat<T>::Zero(d_, d_);
  for (int i = 0; i < d_; ++i) U(i, i) = y(2 + i);
  for (const auto& o : off_) U(o.i, o.j) = o.u0 * exp(-o.rate * y(1));
  return U;
}

template <class T> mat<T> reduced_eigen_system<T>::U_original(const vec<T>& y) const {
  return Q_ * U_eigen(y) * Q_.transpose();
}

template <class T> T reduced_eigen_system<T>::frob2_U(const vec<T>& y) const {
  T w, plain;
  off_sums(y(1), w, plain);
  for (int i = 0; i < d_; ++i) plain += y(2 + i) * y(2 + i);
  return plain;
}

template <class T> T reduced_eigen_system<T>::loss(const vec<T>& y) const {
  const T& u = y(0);
  T quad, plain;
  off_sums(y(1), quad, plain);
  T lin = T(0);
  for (int i = 0; i < d_; ++i) {
    const T l2 = lam_(i) * lam_(i);
    quad += g_(i) * l2 * y(2 + i) * y(2 + i);
    lin += l2 * y(2 + i);
  }
  return u * u * quad / T(2) - u * lin + trace_ / T(2);
}

// With P = uŨ: L − L* = ½ Σ_ij g_i λ_i λ_j (P_ij − δ_ij/g_i)² (complete the square per entry).
template <class T> T reduced_eigen_system<T>::loss_gap(const vec<T>& y) const {
  const T& u = y(0);
  T quad, plain;
  off_sums(y(1), quad, plain);
  T s = u * u * quad;
  for (int i = 0; i < d_; ++i) {
    T dev = u * y(2 + i) - T(1) / g_(i);
    s += g_(i) * lam_(i) * lam_(i) * dev * dev;
  }
  return s / T(2);
}

template <class T> T reduced_eigen_system<T>::grad_norm(const vec<T>& y, T* scale) const {
  using std::abs;
  using std::exp;
  using std::sqrt;
  const T& u = y(0);
  T quad, plain;
  off_sums(y(1), quad, plain);
  T gU2 = T(0), lin = T(0), big = T(0);
  for (const auto& o : off_) {
    T v = o.u0 * exp(-o.rate * y(1));
    T gij = u * u * o.rate * v;
    gU2 += gij * gij;
  }
  for (int i = 0; i < d_; ++i) {
    const T l2 = lam_(i) * lam_(i);
    const T& v = y(2 + i);
    quad += g_(i) * l2 * v * v;
    lin += l2 * v;
    // ∂L/∂Ũ_ii = u λ_i² (g_i u Ũ_ii − 1): the bracket is computed first to keep the cancellation exact.
    T gi = u * l2 * (g_(i) * u * v - T(1));
    gU2 += gi * gi;
    big = std::max(big, abs(u) * l2);
  }
  T gu = u * quad - lin;
  if (scale) *scale = big + abs(lin);
  return sqrt(gU2 + gu * gu);
}

template <class T> T reduced_eigen_system<T>::min_loss() const {
  T s = T(0);
  for (int i = 0; i < d_; ++i) s += lam_(i) * lam_(i) / g_(i);
  return (trace_ - s) / T(2);
}

#define ICL_INST(T)                                                                              \
  template T reduced_loss<T>(const problem<T>&, const reduced_params<T>&);                       \
  template T reduced_loss_grad<T>(const problem<T>&, const reduced_params<T>&, reduced_params<T>&); \
  template class reduced_eigen_system<T>;
ICL_FOR_EACH_SCALAR(ICL_INST)
template rational reduced_loss<rational>(const problem<rational>&, const reduced_params<rational>&);
template rational reduced_loss_grad<rational>(const problem<rational>&, const reduced_params<rational>&,
                                              reduced_params<rational>&);

}  // namespace icl
