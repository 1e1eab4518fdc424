// Theorem 4.1's instance proved in ball arithmetic (docs/THEORY.md §3.9), as evidence beside the
// floating-point verdict of zfb.thm4.1: the proof's verdict, radius and data join the result's
// numbers, its brief and the result's proof column. The check's verdict stands, except that a proof
// which DISPROVES the closed form turns it into FAIL: a rigorous enclosure outranks two
// floating-point numbers that agree.
#pragma once
#include "claims/contract.hpp"
#include "core/scalar.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

// u_star, U_star: the (possibly planted) closed form the check compares with, in MPFR.
void add_limit_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& u_star, const mat<mpfr>& U_star);

}  // namespace icl
