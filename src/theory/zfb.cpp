#include "theory/zfb.hpp"

#include "core/errors.hpp"
#include "core/instantiate.hpp"

namespace icl {

namespace {
struct plant_entry {
  plant p;
  const char* name;
};
constexpr plant_entry plants[] = {
    {plant::none, "none"},
    {plant::gamma_without_trace, "gamma-without-trace"},
    {plant::gamma_n_plus_1, "gamma-n-plus-1"},
    {plant::mu_without_sigma, "mu-without-sigma"},
    {plant::u_above_limit, "u-above-limit"},
    {plant::wrong_invariant, "wrong-invariant"},
    {plant::von_oswald_d, "von-oswald-d"},
    {plant::drop_eight_term, "drop-eight-term"},
    {plant::no_query_column, "no-query-column"},
    {plant::invariant_b, "invariant-b"},
    {plant::gamma_to_lambda, "gamma-to-lambda"},
    {plant::rate_n_minus_1, "rate-n-minus-1"},
    {plant::cor43_without_n, "cor43-without-n"},
    {plant::covariate_tolerated, "covariate-tolerated"},
    {plant::random_cov_consistent, "random-cov-consistent"},
    {plant::query_in_span, "query-in-span"},
    {plant::limit_scaled, "limit-1e-30"},
};
}  // namespace

plant parse_plant(const std::string& s) {
  for (const auto& e : plants)
    if (s == e.name) return e.p;
  std::string all;
  for (const auto& e : plants) all += std::string(all.empty() ? "" : ", ") + e.name;
  throw usage_error("unknown plant '" + s + "' (" + all + ")");
}

const char* plant_name(plant p) {
  for (const auto& e : plants)
    if (p == e.p) return e.name;
  return "?";
}

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
  return sigma * sigma * theta_lambda2 * applicability_margin(sigma) / (T(2) * sqrt(T(d)) * lmax * lmax);
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
  return s2 * theta_lambda2 * applicability_margin(sigma) / (sqrt(T(d)) * lmax * lmax * tr_gl * tr_l);
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
