// The Hessian of the closed-form population loss (docs/THEORY.md §2.3) in the live parameters
// (a, b, C, c), obtained from the closed-form gradient without any formula for the second
// derivatives: the loss is a polynomial of degree 4 in the parameters, so along a coordinate line the
// gradient is a polynomial of degree ≤ 3 in the step, and the five-point central difference with
// unit step reproduces its derivative exactly (docs/THEORY.md §2.7). Over the rationals the result
// is the exact Hessian; in a floating type it is exact up to rounding.
#pragma once
#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

template <class T> struct loss_hessian {
  mat<T> H;       // symmetrised: (H + Hᵀ)/2
  T asymmetry;    // max |H_kl − H_lk| before symmetrising (0 over the rationals)
  T scale;        // the largest gradient entry or cancelling term met: the rounding floor's scale
  long gradient_evaluations = 0;
};

template <class T> loss_hessian<T> full_loss_hessian(const problem<T>& p, const full_params<T>& at);

}  // namespace icl
