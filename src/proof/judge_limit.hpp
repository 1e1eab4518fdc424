// The verdict of a proof against the closed form (docs/THEORY.md §3.9): PROVED when Theorem 4.1's
// limit lies in the enclosure and the enclosure is as narrow as required, DISPROVED when the
// enclosure excludes it, INCONCLUSIVE when the proof failed or the enclosure is too wide.
#pragma once
#include <string>

#include "core/scalar.hpp"
#include "proof/prove_limit.hpp"

namespace icl {

enum class proof_verdict { proved, disproved, inconclusive };
const char* proof_verdict_name(proof_verdict v);

struct limit_judgement {
  proof_verdict verdict = proof_verdict::inconclusive;
  std::string why;
  double distance = 0;   // largest |closed form − midpoint| over (u, U), relative to u*
  double allowance = 0;  // the closed form's rounding allowance, relative to u*
};

// u_star, U_star: the closed form (src/theory) in MPFR, U in the original basis of the diagonal Λ.
// The closed form is a floating-point evaluation; it is taken to lie within 2^16 ulps (of the larger of
// |value| and u*) of the exact value — the one unproved allowance, stated in every output.
// required_digits: PROVED needs radius <= 10^-required · u*.
// A radius with 3 significant digits, rounded up (printing to nearest could understate it).
std::string radius_upper_text(double r);

limit_judgement judge_limit(const proof_outcome& o, const mpfr& u_star, const mat<mpfr>& U_star, int required_digits);

}  // namespace icl
