// An instance proved in ball arithmetic (docs/THEORY.md §3.9), as evidence beside the floating-point
// verdicts of zfb.thm4.1 (the limit), zfb.corA.2 (the loss at the limit), zfb.lemmaA.3 (the
// conserved quantity at the proof's T) and zfb.von-oswald (uU at the limit): the proof's verdict, radius and data join the result's
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
// L_star: the (possibly planted) closed-form minimum; u_star sets the scale.
void add_loss_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& L_star, const mpfr& u_star);
// k: the claimed invariant is u² − k‖U‖²_F (1 in Lemma A.3; a plant claims another k).
void add_conservation_proof(check_result& r, const instance_spec& in, plant pl, long k);
// step: the (possibly planted) gradient-descent step von Oswald et al.'s construction predicts for uU.
void add_product_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& step);

}  // namespace icl
