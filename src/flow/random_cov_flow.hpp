// Gradient flow of the random-covariance reduced system (docs/THEORY.md §7) from the paper's start
// u = σ, U = σ I/√d. There is no PL constant here, so the run stops when ‖∇L‖ falls below
// 10^-target of the limit's size: a gradient test, reported as such, not a certificate. It runs on
// the model's system (model/random_cov_model.hpp) and reads nothing of the prediction: the limit's
// size in the stopping test is the system's own, √2 (Σ β_i²/γ_i²)^{1/4}.
#pragma once
#include "dynamics/random_cov.hpp"
#include "flow/integrate.hpp"

namespace icl {

template <class T> struct random_cov_flow_result {
  T u;
  vec<T> U;  // diagonal of U
  T loss, grad_norm;
  integration_stats stats;
};

template <class T>
random_cov_flow_result<T> run_random_cov_flow(const random_cov_system<T>& sys, const T& sigma, int target_digits,
                                              double max_seconds);

}  // namespace icl
