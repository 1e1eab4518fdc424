#include "model/random_cov_model.hpp"

#include <vector>

#include "core/errors.hpp"
#include "core/instantiate.hpp"

namespace icl {

namespace {

// A law's number (decimal text) in T: exactly over the rationals.
template <class T> T law_number(const std::string& s) {
  if constexpr (std::is_same_v<T, rational>)
    return parse_rational(s);
  else
    return parse<T>(s);
}

// E[Π_k λ_k^{e_k}] for independent λ_k, λ_k drawn from laws[k]: the product of the one-dimensional moments.
template <class T> T product_moment(const std::vector<law_spec>& laws, const std::vector<int>& e) {
  T m = T(1);
  for (std::size_t k = 0; k < e.size(); ++k) m *= law_raw_moment<T>(laws[k], e[k]);
  return m;
}

}  // namespace

template <class T> T law_raw_moment(const law_spec& law, int k) {
  switch (law.k) {
    case law_spec::kind::exponential: {
      T f = T(1);
      for (int j = 2; j <= k; ++j) f *= T(j);
      return f;
    }
    case law_spec::kind::uniform: {
      const T a = law_number<T>(law.a), b = law_number<T>(law.b);
      T ak = T(1), bk = T(1);
      for (int j = 0; j <= k; ++j) {
        ak *= a;
        bk *= b;
      }
      return (bk - ak) / (T(k + 1) * (b - a));
    }
    case law_spec::kind::gamma: {
      const T shape = law_number<T>(law.a);
      T f = T(1);
      for (int j = 0; j < k; ++j) f *= shape + T(j);
      return f;
    }
    case law_spec::kind::two_point: {  // (A^k + B^k)/2
      const T a = law_number<T>(law.a), b = law_number<T>(law.b);
      T ak = T(1), bk = T(1);
      for (int j = 0; j < k; ++j) {
        ak *= a;
        bk *= b;
      }
      return (ak + bk) / T(2);
    }
    default: throw usage_error("a random-covariance model needs law = exponential | uniform:A:B | gamma:K | two-point:A:B");
  }
}

// Prompt level (docs/THEORY.md §3.2 at Λ_τ = diag(λ)): ½u² Σ_ij (Γ_τ)_ii λ_i λ_j U_ij² − u Σ_i λ_i² U_ii
// + ½ Σ_k λ_k, (Γ_τ)_ii = (1 + 1/N) λ_i + (1/N) Σ_k λ_k. Averaging over λ monomial by monomial:
//   a_i = (1 + 1/N) E[λ_i³] + (1/N) Σ_k E[λ_i² λ_k],  b_i = E[λ_i²],
//   c_ij = (1 + 1/N) E[λ_i² λ_j] + (1/N) Σ_k E[λ_i λ_j λ_k] (i ≠ j),  ½ Σ_k E[λ_k].
template <class T>
random_cov_system<T> make_random_cov_system(const std::vector<law_spec>& laws, long N, random_cov_model_slip slip) {
  const int d = static_cast<int>(laws.size());
  if (d < 1) throw usage_error("a random-covariance model needs d >= 1");
  if (N < 1) throw usage_error("a random-covariance model needs N >= 1");
  const T inv_n = T(1) / T(N);
  const T diag_factor = slip == random_cov_model_slip::gamma_without_diagonal_1_over_n ? T(1) : T(1) + inv_n;
  // E[λ_i λ_j (Γ_τ)_ii] for the monomial λ_i^{1+[i=j]} λ_j … : (1 + 1/N) E[λ_i² λ_j] + (1/N) Σ_k E[λ_i λ_j λ_k].
  const auto weight = [&](int i, int j) {
    std::vector<int> e(d, 0);
    e[i] += 2;
    e[j] += 1;
    T g = diag_factor * product_moment<T>(laws, e);
    for (int k = 0; k < d; ++k) {
      std::vector<int> ek(d, 0);
      ek[i] += 1;
      ek[j] += 1;
      ek[k] += 1;
      g += inv_n * product_moment<T>(laws, ek);
    }
    return g;
  };
  random_cov_system<T> s;
  s.gamma.resize(d);
  s.beta.resize(d);
  s.psi = mat<T>::Zero(d, d);
  s.half_trace = T(0);
  for (int i = 0; i < d; ++i) {
    s.gamma(i) = weight(i, i);
    for (int j = 0; j < d; ++j)
      if (j != i) s.psi(i, j) = weight(i, j);
    std::vector<int> e2(d, 0);
    e2[i] = 2;
    s.beta(i) = product_moment<T>(laws, e2);
    std::vector<int> e1(d, 0);
    e1[i] = 1;
    s.half_trace += product_moment<T>(laws, e1) / T(2);
  }
  return s;
}

template <class T>
random_cov_system<T> make_random_cov_system(const law_spec& law, int d, long N, random_cov_model_slip slip) {
  if (d < 1) throw usage_error("a random-covariance model needs d >= 1");
  return make_random_cov_system<T>(std::vector<law_spec>(static_cast<std::size_t>(d), law), N, slip);
}

#define ICL_INST(T)                                  \
  template T law_raw_moment<T>(const law_spec&, int); \
  template random_cov_system<T> make_random_cov_system<T>(const law_spec&, int, long, random_cov_model_slip); \
  template random_cov_system<T> make_random_cov_system<T>(const std::vector<law_spec>&, long, random_cov_model_slip);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)

}  // namespace icl
