// The literal LSA forward pass f(E) = E + W^PV E (Eᵀ W^KQ E)/n on a sampled prompt, and a seeded
// Monte Carlo estimate of the population loss built on it: the check of the closed forms that
// shares no algebra with them.
#pragma once
#include <cstdint>

#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

// Bottom-right entry of f(E) for prompt columns (x_i; y_i), query column (x_q; 0).
template <class T>
T lsa_predict(const mat<T>& w_pv, const mat<T>& w_kq, const mat<T>& X, const vec<T>& y, const vec<T>& xq);

struct mc_estimate {
  double mean = 0, std_error = 0;
  long samples = 0;
};

// ½ E[(ŷ − ⟨w, x_q⟩)²] with w ~ N(0, I), x ~ N(0, Λ), prompt length N, in double.
mc_estimate mc_population_loss(const problem<double>& p, const mat<double>& w_pv, const mat<double>& w_kq,
                               long samples, std::uint64_t seed);

}  // namespace icl
