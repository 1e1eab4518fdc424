// The Λ = I plateau logistic proved at finite times (docs/THEORY.md §3.9, "The plateau logistic"), as
// evidence beside the floating-point verdict of plateau.closed_form: the proof's verdict and data join
// the result's numbers, its brief and the proof column; a DISPROVED turns the verdict into FAIL.
#pragma once
#include <string>

#include "claims/contract.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

// horizon: the check's own horizon (a decimal); the proof covers [0, horizon] at least.
void add_plateau_proof(check_result& r, const instance_spec& in, const check_context& ctx, int d,
                       const std::string& horizon);

}  // namespace icl
