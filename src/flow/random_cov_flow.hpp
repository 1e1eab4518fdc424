// Gradient flow of the random-covariance reduced system (docs/THEORY.md §7) from the paper's start
// u = σ, U = σ I/√d. There is no PL constant here, so the run stops when ‖∇L‖ falls below
// 10^-target of the limit's size: a gradient test, reported as such, not a certificate.
#pragma once
#include "flow/integrate.hpp"
#include "theory/risk.hpp"

namespace icl {

template <class T> struct random_cov_flow_result {
  T u;
  vec<T> U;  // diagonal of U
  T loss, grad_norm;
  integration_stats stats;
};

template <class T>
random_cov_flow_result<T> run_random_cov_flow(const random_cov_theory<T>& th, const T& sigma, int target_digits,
                                              double max_seconds);

}  // namespace icl
