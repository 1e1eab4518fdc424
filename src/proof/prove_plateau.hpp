// A computer-assisted check of the Λ = I plateau logistic at finite times (docs/THEORY.md §3.9,
// "The plateau logistic"): the validated integrator encloses the exact merged flow from the init's
// decimals at the end of every step up to a horizon, and the closed form s(t) of §8.2, evaluated in
// ball arithmetic 20 digits finer, must lie in the enclosure of s = u·U_i at every one of those times.
// No Arb type appears here.
#pragma once
#include <string>

#include "proof/judge_limit.hpp"
#include "proof/prove_limit.hpp"
#include "theory/plant.hpp"

namespace icl {

// The predicted side: which closed form is judged (the plateau check's own, plants included).
struct logistic_claim {
  int d = 1;
  long N = 1;
  std::string w0;         // the start's scale as written (a decimal)
  plant pl = plant::none; // plateau-gamma-one: γ = 1; scale: s multiplied by 1 + scale_eps
  std::string scale_eps;
};

struct plateau_proof {
  proof_verdict verdict = proof_verdict::inconclusive;
  std::string why;
  std::string t_end;             // the last time checked (exact, a dyadic)
  long steps = 0;
  int times = 0;                 // times at which the closed form was judged (t = 0 and every step's end)
  int plateau = 0, drop = 0, tail = 0;  // of those, by s/s(t_end): < 1 %, between, > 99 %
  double worst_relative_radius = 0;     // max over times and i of radius(u·U_i)/s(t), rounded up
  std::string worst_at;                 // the time where it is reached
  double width_T = 0;                   // largest radius of the state's enclosure at t_end
  double tolerance_sum = 0;             // steps · 2^-bits: the per-step remainders' sum, relative
  long bits = 0;
  int order = 0;
  double seconds = 0;                   // CPU seconds
};

// flow: the measured side (Λ must be the identity for the claim to be the logistic's; diagonal is
// required); horizon: integrate until t >= horizon (a decimal); PROVED needs every relative radius
// <= 10^-required_digits. A budget spent or a step that fails is INCONCLUSIVE with the reason.
plateau_proof prove_plateau(const proof_instance& flow, const std::string& horizon, const logistic_claim& claim,
                            int required_digits);

}  // namespace icl
