// The reduced flow of docs/THEORY.md §3.3 when Ũ starts diagonal (ΘΘᵀ = I/√d): the off-diagonal
// entries stay exactly 0 and the state x = (u, U_1, …, U_d) obeys d + 1 polynomial ODEs
//   dU_i/dt = a_i u R_i,   du/dt = Σ_i a_i U_i R_i,   R_i := 1 − g_i u U_i,
// with a_i = λ_i² and g_i = (1 + 1/N)λ_i + T/N, all held as balls (docs/THEORY.md §3.9).
// Internal to src/proof (it carries Arb balls).
#pragma once
#include <vector>

#include "proof/ball.hpp"

namespace icl::proof {

struct diagonal_flow {
  std::vector<ball> a;  // λ_i²
  std::vector<ball> g;  // Γ's eigenvalues, from Λ and N as the model's loss defines them (§3.3)

  int d() const { return static_cast<int>(a.size()); }
  int size() const { return d() + 1; }

  void rhs(const std::vector<ball>& x, std::vector<ball>& f) const;

  // c[k * size() + j] = x_j^{(k)}(0)/k!, k = 0..K, for the solution through x(0) = x: the product
  // recurrences of a polynomial right-hand side. Over balls x the result encloses the coefficient
  // at every point of the box, which is what bounds the Taylor remainder (§3.9).
  void taylor(const std::vector<ball>& x, int K, std::vector<ball>& c) const;

  // A Metzler majorant of the Jacobian over the box x (§3.9): upper bounds of the diagonal entries
  // and of the absolute values of the off-diagonal ones. The Jacobian is an arrowhead (row and
  // column 0 plus the diagonal), so the majorant is returned as diag (size()) and the symmetric
  // border border_[i] = |∂f_0/∂U_i| bound = |∂f_i/∂u| bound (d()).
  void majorant(const std::vector<ball>& x, std::vector<ball>& diag, std::vector<ball>& border) const;
};

}  // namespace icl::proof
