// The problem instance: covariance Λ (any SPD matrix), training prompt length N, and the derived
// quantities every later stage needs (T = tr Λ, eigenbasis, Γ). Λ arrives as a type-free spec of
// decimal strings so each scalar type rounds the user's decimals exactly once.
#pragma once
#include <string>
#include <vector>

#include "core/rational.hpp"
#include "core/scalar.hpp"

namespace icl {

constexpr long max_prompt_length = 1000000000L;  // N and M

struct lambda_spec {
  enum class form { diagonal, linspace, geomspace, matrix } kind = form::diagonal;
  int d = 0;
  std::vector<std::string> entries;  // diagonal: d values; matrix: d*d row-major; *space: {A, B}
  std::string text;                  // what the user wrote, for reports
};

// "0.5,1,2" | "linspace:A:B:D" | "geomspace:A:B:D" | path of a file holding a square matrix (or one
// row, taken as a diagonal). Throws usage_error with the reason.
lambda_spec parse_lambda_spec(const std::string& text);
// Rows of a square matrix as decimal strings (TOML arrays, files).
lambda_spec matrix_lambda_spec(const std::vector<std::vector<std::string>>& rows, std::string text);

template <class T> struct problem {
  int d = 0;
  long N = 1;
  mat<T> lambda;      // Λ as given
  bool diagonal = true;
  vec<T> evals;       // eigenvalues of Λ
  mat<T> evecs;       // Λ = Q diag(evals) Qᵀ; exactly I when Λ is diagonal
  T trace;            // T = tr Λ
  vec<T> gamma_eig;   // eigenvalues of Γ = (1 + 1/N) Λ + (T/N) I, in the same order
  // The N inside Γ; 0 means N. Only a plant of the measured side sets another, so that every loss
  // the model builds (eigenbasis, dense reduced, full) carries the same wrong Γ (docs/THEORY.md §3.5).
  long gamma_N = 0;

  T inv_n() const { return T(1) / T(N); }
  T inv_gamma_n() const { return T(1) / T(gamma_N != 0 ? gamma_N : N); }
  mat<T> gamma() const;  // dense Γ in the original basis
};

// The model's Γ built with n in place of N (a planted error of the measured side): refreshes gamma_eig.
template <class T> void plant_model_gamma_N(problem<T>& p, long n);

// Materialises the spec in T and refuses non-finite, non-symmetric or non-positive-definite Λ and
// N < 1 (usage_error, before any work).
template <class T> problem<T> make_problem(const lambda_spec& spec, long N);

// The same over the rationals, for the exact layer: each entry is the exact rational the user's
// decimal denotes (geomspace is refused, its entries are irrational) and Λ is checked symmetric
// positive definite by exact elimination. evals, evecs and gamma_eig are filled only when Λ is
// diagonal: an exact eigen-decomposition does not exist in general.
problem<rational> make_exact_problem(const lambda_spec& spec, long N);

// Shortest decimal that round-trips a double: the literal a user wrote in TOML or on the CLI.
std::string decimal_of(double v);

}  // namespace icl
