// The Hessian of the closed-form population loss on the invariant set a = c = 0, in closed form
// (docs/THEORY.md §2.8). The loss is even in (a, c) jointly, so there the Hessian splits into an
// (a, c) block and a (b, C) block with no coupling; the (b, C) block is ½F1(bC)'s, whose C–C part
// is the Kronecker product b²(Λ ⊗ M), M = sym(ΛΓ). Stored by blocks: the flow's linear solve
// exploits them (flow/full_step_matrix.hpp) and never forms the dense matrix.
#pragma once
#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

template <class T> struct full_hessian_blocks {
  int d = 0;
  // (b, C): ∂²L/∂b² = bb, ∂²L/∂b∂C_ij = bC(i, j), ∂²L/∂C_ij∂C_kl = b2 · lambda(j, l) · M(i, k).
  T bb, b2;
  mat<T> bC, lambda, M;
  // (a, c): ∂²L/∂a_i∂a_k = aa(i, k), ∂²L/∂a_i∂c_k = ac(i, k), ∂²L/∂c_i∂c_k = cc(i, k). Empty when
  // not asked for (the flow needs them only if the right-hand side leaves a = c = 0).
  bool has_ac = false;
  mat<T> aa, ac, cc;

  // The dense Hessian in full_params::pack order (a, b, vec C column-major, c); needs has_ac.
  mat<T> dense() const;
};

// Throws std::invalid_argument unless at.a = at.c = 0 exactly (elsewhere the blocks couple).
template <class T>
full_hessian_blocks<T> full_loss_hessian_blocks(const problem<T>& p, const full_params<T>& at, bool with_ac = true);
// The (a, c) blocks at the point the (b, C) ones were computed from.
template <class T> void add_ac_blocks(const problem<T>& p, const full_params<T>& at, full_hessian_blocks<T>& h);

}  // namespace icl
