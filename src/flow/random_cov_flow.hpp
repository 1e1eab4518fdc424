// Gradient flow of the random-covariance reduced system (docs/THEORY.md §7) from ZFB's start
// u = σ, U = σΘΘᵀ (‖ΘΘᵀ‖_F = 1). With a PL constant κ (derived, docs/THEORY.md §7.5) the run stops
// *certified* once 2‖∇ℓ‖/κ, plus what the drift of u² − ‖U‖²_F moves the limit, is below 10^-target
// of the limit's size (the argument of §3.7); without one it stops on a gradient test, reported as
// such, not as a certificate. Along the path it records what Lemmas C.5–C.8 speak of. It runs on
// the model's system (model/random_cov_model.hpp) and reads nothing of the prediction: the limit's
// size is the system's own, √2 (Σ b_i²/a_i²)^{1/4}; κ comes from the caller and is only trusted
// for the stop, its truth along the path being what the caller checks.
#pragma once
#include <optional>

#include "dynamics/random_cov.hpp"
#include "flow/integrate.hpp"

namespace icl {

template <class T> struct random_cov_flow_options {
  T sigma;
  mat<T> start;            // ΘΘᵀ with ‖ΘΘᵀ‖_F = 1
  int target_digits = 12;
  double max_seconds = 600;
  std::optional<T> kappa;  // a PL constant for the whole path: certified stop; none: gradient test
  // With κ: when the gradient reaches its rounding floor before the bound reaches target_digits (a
  // small κ, i.e. a small σ, in a short type), the run is still certified if the bound is below
  // 10^-accept_digits of the limit's size (the digits the claim needs), with the bound it has.
  int accept_digits = 0;
};

template <class T> struct random_cov_flow_result {
  T u;
  mat<T> U;
  T loss, grad_norm;
  bool certified = false;
  T radius;  // certified: 2‖∇ℓ‖/κ + drift part, a bound on the distance of (u, U) to the flow's limit
  T pl_part, drift_part;
  // Along the path, at the start and after every accepted step:
  T min_u, min_u2;          // min u, min u²   (Lemmas C.6, C.7)
  T max_drift;              // max |(u² − ‖U‖²_F)(t) − (u² − ‖U‖²_F)(0)|   (Lemma C.5)
  T max_drift_double;       // the same for the planted invariant u² − 2‖U‖²_F
  T min_pl_ratio, t_min_pl; // min ‖∇ℓ‖²/(ℓ − ℓ*) and where   (Lemma C.8)
  T max_offdiag0;           // max |U_ij(0)|, i ≠ j: what the c_ij act on
  T scale;                  // √2 (Σ b_i²/a_i²)^{1/4}
  long observed = 0;        // points the path quantities were taken at
  integration_stats stats;
};

template <class T> random_cov_flow_result<T> run_random_cov_flow(const random_cov_system<T>& sys, const random_cov_flow_options<T>& o);

// The former interface: ΘΘᵀ = I/√d, gradient test at 10^-target of the limit's size.
template <class T>
random_cov_flow_result<T> run_random_cov_flow(const random_cov_system<T>& sys, const T& sigma, int target_digits,
                                              double max_seconds);

}  // namespace icl
