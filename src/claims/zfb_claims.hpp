// The Theorem 4.1 family of Zhang–Frei–Bartlett: each check computes the measured side (a flow
// run) and the predicted side (theory/zfb) and compares them in digits of the working precision.
#pragma once
#include "claims/verdict.hpp"
#include "spec/theorem_file.hpp"
#include "theory/zfb.hpp"

namespace icl {

struct check_context {
  plant planted = plant::none;  // replaces one prediction by a wrong one (falsification tests)
  double max_seconds = 600;     // per flow run
  long max_steps = 200000;      // per flow run (the reduced and full flows of the zfb claims)
};

using check_fn = check_result (*)(const claim_spec&, const instance_spec&, const check_context&);

// T is the scalar type; mpfr uses the current working precision.
template <class T> check_result check_thm41_limits(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_invariance(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_conservation(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_positivity(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_pl(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_minimum(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_von_oswald(const claim_spec&, const instance_spec&, const check_context&);

}  // namespace icl
