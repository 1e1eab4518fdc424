// Population loss of the LSA layer in its live parameters (a, b, C, c) and its exact gradient, in
// closed form (docs/THEORY.md §2). Λ may be any SPD matrix: no change of basis happens here.
#pragma once
#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

// Deliberately wrong versions of the closed form, so tests can show the exact layer rejects them.
enum class loss_variant { as_derived, gamma_n_plus_1, drop_eight_term };

template <class T> T full_loss(const problem<T>& p, const full_params<T>& th, loss_variant v = loss_variant::as_derived);
// Loss and gradient (same layout as the parameters). `scale` receives the size of the largest
// term that cancels in the gradient, so callers know its rounding floor.
template <class T> T full_loss_grad(const problem<T>& p, const full_params<T>& th, full_params<T>& grad,
                                    T* scale = nullptr, loss_variant v = loss_variant::as_derived);

}  // namespace icl
