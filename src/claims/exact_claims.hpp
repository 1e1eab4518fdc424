// Claims held to exact equality over the rationals (docs/THEORY.md §2–§6): each check builds the measured
// side with the Isserlis/Wick engine (moments/), which knows only the literal model, and the
// predicted side with the closed-form code under test instantiated for rationals. The verdict is
// PASS only when every compared value is identical; there is no tolerance.
//
// Polynomials are compared at `points` seeded random rational points (and symbolically where the
// claim is a polynomial identity): a nonzero difference of degree ≤ 4 vanishes at a random point
// of a grid of 171 values per coordinate with probability ≤ 4/171 (Schwartz–Zippel), so 20 points
// leave a chance below 1e-32 that a wrong closed form passes.
#pragma once
#include "claims/zfb_claims.hpp"

namespace icl {

check_result check_exact_full_loss(const claim_spec&, const instance_spec&, const check_context&);
check_result check_exact_invariance(const claim_spec&, const instance_spec&, const check_context&);
check_result check_exact_reduced(const claim_spec&, const instance_spec&, const check_context&);
check_result check_exact_moments(const claim_spec&, const instance_spec&, const check_context&);
check_result check_exact_minimum(const claim_spec&, const instance_spec&, const check_context&);
check_result check_exact_risk(const claim_spec&, const instance_spec&, const check_context&);

}  // namespace icl
