#include "theory/random_cov_limits.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/instantiate.hpp"

namespace icl {

template <class T> std::array<T, 3> law_moments(const law_spec& law) {
  switch (law.k) {
    case law_spec::kind::exponential: return {T(1), T(2), T(6)};
    case law_spec::kind::uniform: {
      const T a = parse<T>(law.a), b = parse<T>(law.b);
      const auto m = [&](int k) {
        using std::pow;
        return T((pow(b, T(k + 1)) - pow(a, T(k + 1))) / (T(k + 1) * (b - a)));
      };
      return {m(1), m(2), m(3)};
    }
    case law_spec::kind::gamma: {
      const T k = parse<T>(law.a);
      return {k, k * (k + T(1)), k * (k + T(1)) * (k + T(2))};
    }
    case law_spec::kind::two_point: {
      const T a = parse<T>(law.a), b = parse<T>(law.b);
      return {(a + b) / T(2), (a * a + b * b) / T(2), (a * a * a + b * b * b) / T(2)};
    }
    default: throw usage_error("a random-covariance claim needs law = exponential | uniform:A:B | gamma:K | two-point:A:B");
  }
}

template <class T>
random_cov_limits<T>::random_cov_limits(const std::vector<law_spec>& laws, long N_) : d(static_cast<int>(laws.size())), N(N_) {
  m1.resize(d);
  m2.resize(d);
  m3.resize(d);
  for (int i = 0; i < d; ++i) {
    const auto m = law_moments<T>(laws[static_cast<std::size_t>(i)]);
    m1(i) = m[0];
    m2(i) = m[1];
    m3(i) = m[2];
  }
  const T n = T(1) / T(N), t1 = m1.sum();
  a.resize(d);
  b = m2;
  c = mat<T>::Zero(d, d);
  for (int i = 0; i < d; ++i) {
    // E[λ_i² Σ_k λ_k] = m3_i + m2_i Σ_{k≠i} m1_k, so a_i = (1 + 1/N) m3_i + (1/N)(m3_i + m2_i (T1 − m1_i)).
    a(i) = (T(1) + T(2) * n) * m3(i) + n * m2(i) * (t1 - m1(i));
    for (int j = 0; j < d; ++j)
      if (j != i)  // E[λ_iλ_j Σ_k λ_k] = m2_i m1_j + m1_i m2_j + m1_i m1_j (T1 − m1_i − m1_j)
        c(i, j) = (T(1) + T(2) * n) * m2(i) * m1(j) + n * (m1(i) * m2(j) + m1(i) * m1(j) * (t1 - m1(i) - m1(j)));
  }
}

template <class T> T random_cov_limits<T>::S() const { return (b.array() / a.array()).square().sum(); }
template <class T> T random_cov_limits<T>::u_star() const {
  using std::sqrt;
  return sqrt(sqrt(S()));
}
template <class T> vec<T> random_cov_limits<T>::U_star() const { return (b.array() / a.array()).matrix() / u_star(); }
template <class T> T random_cov_limits<T>::min_loss() const {
  return m1.sum() / T(2) - (b.array().square() / a.array()).sum() / T(2);
}
template <class T> T random_cov_limits<T>::limit_error() const { return (m1.array() - m2.array().square() / m3.array()).sum(); }

template <class T> T random_cov_limits<T>::start_Q(const mat<T>& S0) const {
  T q = T(0);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) q += (i == j ? a(i) : c(i, j)) * S0(i, j) * S0(i, j);
  return q;
}
template <class T> T random_cov_limits<T>::start_B(const mat<T>& S0) const { return b.dot(S0.diagonal()); }

template <class T> T random_cov_limits<T>::hypothesis_margin(const T& sigma, const mat<T>& S0) const {
  return T(1) - sigma * sigma * start_Q(S0) / (T(2) * start_B(S0));
}
template <class T> T random_cov_limits<T>::u2_lower_bound(const T& sigma, const mat<T>& S0) const {
  const T s2 = sigma * sigma;
  return (s2 * start_B(S0) - s2 * s2 * start_Q(S0) / T(2)) / b.norm();
}
template <class T> T random_cov_limits<T>::min_coef() const {
  T m = a.minCoeff();
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      if (i != j) m = std::min(m, c(i, j));
  return m;
}
template <class T> T random_cov_limits<T>::pl_kappa(const T& sigma, const mat<T>& S0) const {
  return T(2) * min_coef() * u2_lower_bound(sigma, S0);
}

#define ICL_INST(T)                                          \
  template std::array<T, 3> law_moments<T>(const law_spec&); \
  template struct random_cov_limits<T>;
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
