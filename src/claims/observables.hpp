// What an expression claim measures: named outputs of the engines (docs/THEORY.md §9). Each
// observable is computed by an engine that knows only the model — the flow of the population loss,
// the Isserlis/Wick expectation of the literal layer, or a Monte Carlo of its forward pass — and
// comes with how far the true value can be from the number reported (its radius).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "claims/zfb_claims.hpp"
#include "core/rational.hpp"
#include "spec/expression.hpp"

namespace icl {

struct observable_info {
  const char* name;
  expr_kind kind;
  bool path;          // a trajectory (relations *_along) rather than one value
  bool exact;         // computed over the rationals
  bool needs_M;       // reads the instance's test prompt length
  const char* help;
};

const std::vector<observable_info>& observables();
const observable_info* find_observable(const std::string& name);
// name → one-line description with kind and engine, for `iclverify list observables`.
std::vector<std::pair<std::string, std::string>> observable_descriptions();

template <class T> struct measurement {
  expr_kind kind = expr_kind::scalar;
  T value = T(0);
  mat<T> matrix;
  // |true − value| ≤ radius (Frobenius norm for matrices): a certified bound for flow limits, the
  // 99.9% confidence half-width for Monte Carlo, 0 for exact values; for trajectories the
  // integrator's relative tolerance.
  T radius = T(0);
  std::string radius_kind;
  bool statistical = false;  // the radius is a confidence half-width, not a bound
  std::vector<T> t, path;  // trajectories
  std::vector<std::pair<std::string, std::string>> numbers;  // evidence, full precision
  std::string failure;     // non-empty: the engine could not decide (→ INCONCLUSIVE)
};

// T: the run's type. Exact observables are measured in rational (measure<rational>) and, when the
// prediction needs an irrational operation, converted to T by the caller.
template <class T>
measurement<T> measure(const observable_info& o, const instance_spec& in, const check_context& ctx, int required_digits);
measurement<rational> measure_exact(const observable_info& o, const instance_spec& in);

}  // namespace icl
