// Taylor-series arithmetic (docs/THEORY.md §3.11): the k-th coefficient of a product, a square and an
// exponential from the lower coefficients of their factors (Corliss & Chang 1982). A Taylor
// integrator builds its series order by order with these, O(k) work for coefficient k.
// Series are plain arrays a[0..k] of coefficients a_j = x^{(j)}(t₀)/j!.
#pragma once
#include <type_traits>

#include "core/scalar.hpp"

namespace icl {

// acc += a·b. For MPFR the product goes through `tmp`: at high precision each temporary is an
// allocation, and these are the integrator's innermost operations.
template <class T> inline void mul_add(T& acc, const T& a, const T& b, T& tmp) {
  if constexpr (std::is_same_v<T, mpfr>) {
    mpfr_mul(tmp.backend().data(), a.backend().data(), b.backend().data(), MPFR_RNDN);
    mpfr_add(acc.backend().data(), acc.backend().data(), tmp.backend().data(), MPFR_RNDN);
  } else {
    acc += a * b;
  }
}

// (ab)_k = Σ_{j=0}^{k} a_j b_{k−j}.
template <class T> void product_coeff(const T* a, const T* b, int k, T& out, T& tmp) {
  out = 0;
  for (int j = 0; j <= k; ++j) mul_add(out, a[j], b[k - j], tmp);
}

// (a²)_k = 2 Σ_{j<k/2} a_j a_{k−j} + [k even] a_{k/2}²: half the products of product_coeff.
template <class T> void square_coeff(const T* a, int k, T& out, T& tmp) {
  out = 0;
  for (int j = 0; 2 * j < k; ++j) mul_add(out, a[j], a[k - j], tmp);
  out *= 2;
  if (k % 2 == 0) mul_add(out, a[k / 2], a[k / 2], tmp);
}

// E = exp(φ) satisfies E' = φ'E, so for k ≥ 1: E_k = (1/k) Σ_{j=0}^{k−1} (φ')_j E_{k−1−j}, where
// (φ')_j = (j+1) φ_{j+1} are the coefficients of φ' (given directly: a flow often knows φ' better
// than φ, e.g. φ = c·τ with τ' = u²).
template <class T> void exp_coeff(const T* dphi, const T* E, int k, T& out, T& tmp) {
  product_coeff(dphi, E, k - 1, out, tmp);
  out /= k;
}

}  // namespace icl
