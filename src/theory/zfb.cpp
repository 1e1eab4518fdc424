#include "theory/zfb.hpp"

#include "core/errors.hpp"
#include "core/instantiate.hpp"

namespace icl {

// The predicted side builds Γ itself, from Λ as the user gave it (docs/THEORY.md §3.5): the dense
// matrix (1 + 1/N) Λ + (tr Λ / N) I, its inverse by a Cholesky solve, and u*, U*, L* from those
// matrices. It reads neither the model's Γ eigenvalues (problem::gamma_eig, which the flow's
// right-hand side integrates) nor its eigenvectors, so a wrong Γ in the model's loss shows as a
// flow that converges somewhere else.
template <class T>
zfb_theory<T>::zfb_theory(const problem<T>& p, plant pl, const T& factor)
    : planted(pl), d(p.d), N(p.N), lam(p.evals), trace(p.lambda.trace()) {
  using std::sqrt;
  const mat<T> I = mat<T>::Identity(d, d);
  const mat<T>& L = p.lambda;
  // The plants: Γ without its trace term, with N + 1 for N, and the one-step-GD Γ for Λ = I.
  const T n = pl == plant::gamma_n_plus_1 ? T(1) / T(N + 1) : T(1) / T(N);
  mat<T> G = (T(1) + n) * L + (pl == plant::gamma_without_trace ? T(0) : trace * n) * I;
  if (pl == plant::von_oswald_d) G = (T(1) + T(d) / T(N)) * I;
  gamma_inv = G.llt().solve(I);
  gamma_inv_frob = gamma_inv.norm();
  u_star = sqrt(gamma_inv_frob);
  U_star = gamma_inv / u_star;
  if (pl == plant::limit_scaled) {
    const T scale = T(1) + pow(T(10), -30);
    u_star *= scale;
    U_star *= scale;
  }
  u_star *= factor;
  U_star *= factor;
  // Γ's eigenvalues for the hypothesis and Lemma 5.4: Γ is a polynomial in Λ, so they are that
  // polynomial at Λ's eigenvalues (the spectrum of the input, not the model's Γ).
  gamma_eig.resize(d);
  for (int i = 0; i < d; ++i)
    gamma_eig(i) = pl == plant::von_oswald_d ? G(0, 0) : (T(1) + n) * lam(i) + (pl == plant::gamma_without_trace ? T(0) : trace * n);
  U_star_eig.resize(d);
  for (int i = 0; i < d; ++i) U_star_eig(i) = T(p.evecs.col(i).transpose() * U_star * p.evecs.col(i));
  min_loss = (trace - T((L * gamma_inv * L).trace())) / T(2);
}

template <class T> mat<T> zfb_theory<T>::U_star_original(const problem<T>&) const { return U_star; }

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
  T tr_gl = T(0), tr_l = T(0);  // tr(Γ⁻¹Λ⁻¹) and tr(Λ⁻¹)
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
