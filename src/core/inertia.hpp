// Inertia of a symmetric matrix over the rationals: how many eigenvalues are positive, negative and
// zero, decided exactly by congruence (Sylvester's law of inertia), without computing any eigenvalue.
#pragma once
#include "core/rational.hpp"
#include "core/scalar.hpp"

namespace icl {

struct inertia_counts {
  int pos = 0, neg = 0, zero = 0;
};

// H must be symmetric. A nonzero diagonal pivot counts its sign; with a zero diagonal and a nonzero
// off-diagonal x the 2×2 block [[0, x], [x, 0]] counts one of each.
inertia_counts inertia(mat<rational> H);

}  // namespace icl
