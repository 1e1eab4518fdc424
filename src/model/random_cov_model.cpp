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

// E[Π_k λ_k^{e_k}] for independent λ_k: the product of the one-dimensional moments.
template <class T> T product_moment(const law_spec& law, const std::vector<int>& e) {
  T m = T(1);
  for (int k : e) m *= law_raw_moment<T>(law, k);
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
    default: throw usage_error("a random-covariance model needs law = exponential | uniform:A:B | gamma:K");
  }
}

// Prompt level (docs/THEORY.md §3.2 with U diagonal): ½u² Σ_i (Γ_τ)_ii λ_i² U_ii² − u Σ_i λ_i² U_ii + ½ Σ_k λ_k,
// (Γ_τ)_ii = (1 + 1/N) λ_i + (1/N) Σ_k λ_k. Averaging over λ monomial by monomial:
//   γ_i = (1 + 1/N) E[λ_i³] + (1/N) Σ_k E[λ_i² λ_k],  β_i = E[λ_i²],  ½ Σ_k E[λ_k].
template <class T>
random_cov_system<T> make_random_cov_system(const law_spec& law, int d, long N, random_cov_model_slip slip) {
  if (d < 1) throw usage_error("a random-covariance model needs d >= 1");
  if (N < 1) throw usage_error("a random-covariance model needs N >= 1");
  const T inv_n = T(1) / T(N);
  const T diag_factor = slip == random_cov_model_slip::gamma_without_diagonal_1_over_n ? T(1) : T(1) + inv_n;
  random_cov_system<T> s;
  s.gamma.resize(d);
  s.beta.resize(d);
  s.half_trace = T(0);
  for (int i = 0; i < d; ++i) {
    std::vector<int> e(d, 0);
    e[i] = 3;
    T g = diag_factor * product_moment<T>(law, e);
    for (int k = 0; k < d; ++k) {
      std::vector<int> ek(d, 0);
      ek[i] = 2;
      ek[k] += 1;
      g += inv_n * product_moment<T>(law, ek);
    }
    s.gamma(i) = g;
    std::vector<int> e2(d, 0);
    e2[i] = 2;
    s.beta(i) = product_moment<T>(law, e2);
    std::vector<int> e1(d, 0);
    e1[i] = 1;
    s.half_trace += product_moment<T>(law, e1) / T(2);
  }
  return s;
}

#define ICL_INST(T)                                  \
  template T law_raw_moment<T>(const law_spec&, int); \
  template random_cov_system<T> make_random_cov_system<T>(const law_spec&, int, long, random_cov_model_slip);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)

}  // namespace icl
