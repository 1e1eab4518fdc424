// The Λ = I logistic of the merged plateau flow (docs/THEORY.md §8.2), the predicted side of
// plateau.closed_form, generic in the scalar: the check evaluates it in its --type, the ball-arithmetic
// judge of src/proof/prove_plateau.cpp in Arb balls (so the proof judges this very formula, plants
// included). Only ring operations, exp and sqrt, found by argument-dependent lookup.
#pragma once
#include <cmath>

#include "theory/plant.hpp"

namespace icl {

// γ of the Λ = I logistic, or the planted one without (d + 1)/N.
template <class T> T plateau_gamma(int d, long N, plant pl) {
  return pl == plant::plateau_gamma_one ? T(1) : T(1) + T(d + 1) / T(N);
}

// s(t) = e^{2√d t} / [γ(e^{2√d t} − 1) + √d/w0²]   (docs/THEORY.md §8.2; eq. 10 of Zhang–Singh–Latham–Saxe,
// ZSLS), written with e^{−2√d t} so that neither the numerator nor the denominator overflows in the tail.
template <class T> T logistic_s(int d, const T& gamma, const T& w0, const T& t) {
  using std::exp;
  using std::sqrt;
  const T rd = sqrt(T(d));
  const T em = exp(-(T(2) * rd * t));
  return T(1) / (gamma * (T(1) - em) + em * rd / (w0 * w0));
}

}  // namespace icl
