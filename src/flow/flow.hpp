// Gradient flow dθ/dt = −∇L(θ) from a chosen start, in the reduced (u, U) or the full (a, b, C, c)
// parameterisation, with the trajectory record and the stopping certificate of docs/THEORY.md §3:
// under Lemma 5.4's PL inequality ‖∇L‖² ≥ μ(L − L*), the rest of the path has length at most
// 2‖∇L‖/μ, so the limit lies within that distance of the current point.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flow/integrate.hpp"
#include "model/init.hpp"
#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

enum class parameterisation { reduced, full };

// What the run is compared against and how it may stop, supplied by the caller (the claims layer
// builds it from a closed form, docs/THEORY.md §3.5–§3.7): the flow itself knows only the loss.
// The trajectory's distances and gaps, and the certificate, are observations against it.
template <class T> struct flow_reference {
  T u_star;                 // the claimed limit of u ...
  mat<T> U_star;            // ... and of U, in the original basis (the flow maps it to its own)
  T min_loss;               // the claimed minimum of the loss
  bool applicable = false;  // the hypothesis under which mu is a PL constant holds
  std::optional<T> mu;      // PL constant ‖∇L‖² ≥ mu (L − L*): enables the certificate
  std::function<T(const T& u, const T& frob2_U)> invariant;  // the quantity claimed conserved
};
// Built once the run knows σ and ‖ΘᵀΛ‖²_F of its start.
template <class T> using flow_reference_fn = std::function<flow_reference<T>(const T& sigma, const T& theta_lambda2)>;

template <class T> struct flow_options {
  parameterisation param = parameterisation::reduced;
  init_spec init;
  method m = method::extrapolation;
  std::optional<T> t_end;
  int target_digits = 0;     // certificate target: bound ≤ 10^{-target}·scale (0: digits − 8)
  int tol_digits = 0;        // local error tolerance 10^{-tol} (0: target + 2)
  long max_steps = 200000;
  double max_seconds = 600;
  flow_reference_fn<T> reference;  // required: see flow_reference
};

template <class T> struct flow_point {
  T t, loss, gap, grad_norm, u, frob_U, drift, ac_norm, dist;
};

template <class T> struct flow_result {
  std::vector<flow_point<T>> trajectory;
  reduced_params<T> final_reduced;  // (b, C) for the full parameterisation
  full_params<T> final_full;        // a = c = 0 for the reduced one
  T sigma;
  T theta_lambda2;                  // ‖ΘᵀΛ‖²_F = tr(ΛΘΘᵀΛ) at Θ of the start (paper init)
  bool applicable = false;          // Theorem 4.1's hypothesis holds
  bool certified = false;           // the PL bound reached its target
  std::optional<T> mu;              // Lemma 5.4 constant, when it applies
  T bound;                          // pl_bound + drift_radius at the end: distance to the limit
  T pl_bound;                       // 2‖∇L‖/μ (or ‖∇L‖ when no μ): to the limit of the flow from the end point
  T drift_radius = T(0);            // how far integration error (drift of u² − ‖U‖²) moved that limit
  T floor;                          // rounding floor of ‖∇L‖ at the end
  T scale;                          // ‖(u*, U*)‖
  T u_error, U_error;               // |u − u*|, ‖U − U*‖_F at the end
  T min_loss;
  int digits = 0;
  integration_stats stats;
};

template <class T>
flow_result<T> run_flow(const problem<T>& p, const flow_options<T>& o);

}  // namespace icl
