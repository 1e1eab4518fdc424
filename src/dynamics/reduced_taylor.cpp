// The Taylor series of the reduced flow in Λ's eigenbasis (docs/THEORY.md §3.11). With s = u²,
// Q = Σ_i g_i λ_i² Ũ_ii² + Σ_{i≠j} g_i λ_i λ_j Ũ_ij(0)² e^{−2 g_i λ_i λ_j τ} and ℓ = Σ_i λ_i² Ũ_ii, the
// flow is u' = ℓ − uQ, τ' = s, Ũ_ii' = λ_i² u − g_i λ_i² s Ũ_ii: products only, plus the off-diagonal
// exponentials, whose series follow from F' = −2 g_i λ_i λ_j s F. Coefficient k+1 of every unknown
// needs coefficients ≤ k of s, Q and the unknowns, so the series is built order by order.
#include "core/instantiate.hpp"
#include "core/taylor_series.hpp"
#include "dynamics/reduced.hpp"

namespace icl {

template <class T> void reduced_eigen_system<T>::taylor(const vec<T>& y, int K, std::vector<T>& c) const {
  using std::exp;
  const int m = K + 1;
  const std::size_t n_off = off_.size();
  c.resize(static_cast<std::size_t>(d_ + 2) * m);
  s_.resize(m);
  q_.resize(m);
  f_.resize(n_off * m);
  T* u = c.data();
  T* tau = c.data() + m;
  auto v = [&](int i) { return c.data() + static_cast<std::size_t>(2 + i) * m; };
  for (int var = 0; var < d_ + 2; ++var) c[static_cast<std::size_t>(var) * m] = y(var);
  for (std::size_t o = 0; o < n_off; ++o) {
    const auto& p = off_[o];
    f_[o * m] = p.rate * p.u0 * p.u0 * exp(T(-2) * p.rate * y(1));
  }
  T acc, tmp, w, lin;
  for (int k = 0; k < K; ++k) {
    square_coeff(u, k, s_[k], tmp);
    T& q = q_[k];
    q = 0;
    for (std::size_t o = 0; o < n_off; ++o) {
      T* F = f_.data() + o * m;
      if (k > 0) {
        exp_coeff(s_.data(), F, k, F[k], tmp);  // series of exp(φ) with φ' = s ...
        F[k] *= off_[o].rate;                   // ... scaled, since φ' = −2·rate·s: the sum is linear in φ'
        F[k] *= -2;
      }
      q += F[k];
    }
    lin = 0;
    for (int i = 0; i < d_; ++i) {
      square_coeff(v(i), k, w, tmp);
      mul_add(q, gl2_(i), w, tmp);
      mul_add(lin, l2_(i), v(i)[k], tmp);
    }
    product_coeff(u, q_.data(), k, acc, tmp);
    u[k + 1] = lin;
    u[k + 1] -= acc;
    u[k + 1] /= k + 1;
    tau[k + 1] = s_[k];
    tau[k + 1] /= k + 1;
    for (int i = 0; i < d_; ++i) {
      product_coeff(s_.data(), v(i), k, acc, tmp);
      T& out = v(i)[k + 1];
      out = l2_(i);
      out *= u[k];
      acc *= gl2_(i);
      out -= acc;
      out /= k + 1;
    }
  }
}

#define ICL_INST(T) template void reduced_eigen_system<T>::taylor(const vec<T>&, int, std::vector<T>&) const;
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
