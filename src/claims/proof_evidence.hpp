// Theorem 4.1's instance proved in ball arithmetic (docs/THEORY.md §3.9), as evidence beside the
// floating-point verdict of zfb.thm4.1: the proof's verdict, radius and data join the result's
// numbers and its brief. The verdict of the check itself is unchanged.
#pragma once
#include "claims/contract.hpp"
#include "core/scalar.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

// u_star, U_star: the (possibly planted) closed form the check compares with, in MPFR.
void add_limit_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& u_star, const mat<mpfr>& U_star);

}  // namespace icl
