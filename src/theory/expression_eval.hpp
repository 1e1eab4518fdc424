// Evaluates a parsed prediction expression (spec/expression.hpp) on one instance, in any scalar type
// the run uses, including the GMP rationals when the expression needs no irrational operation. The
// values the expression reads (Λ, its eigenvalues, d, N, …) come from the instance's own decimals:
// nothing here reads a closed form the engines use, so the predicted side is the user's alone.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/rational.hpp"
#include "core/scalar.hpp"
#include "spec/expression.hpp"

namespace icl {

template <class T> struct expr_value {
  bool matrix = false;
  T s = T(0);
  mat<T> m;
};

template <class T> struct expr_env {
  std::map<std::string, T> scalars;        // d, N, M, sigma, c, t, … (absent: not given here)
  std::map<std::string, mat<T>> matrices;  // Lambda, I
  vec<T> lambda;                           // eigenvalues of Λ, ascending (empty: not known exactly)
  // [define] entries of the theorem file, in file order; a later one may read an earlier one.
  std::vector<std::pair<std::string, const expression*>> defines;
};

// Throws expression_error (with the node's column) when a value does not exist: a singular inverse,
// an index out of range, an irrational operation over the rationals, a name this instance lacks.
template <class T> expr_value<T> evaluate(const expression& e, const expr_env<T>& env);

}  // namespace icl
