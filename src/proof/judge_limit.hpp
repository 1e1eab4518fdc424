// The verdict of a proof against the closed form (docs/THEORY.md §3.9): PROVED when Theorem 4.1's
// limit lies in the enclosure and the enclosure is as narrow as required, DISPROVED when the
// enclosure excludes it, INCONCLUSIVE when the proof failed or the enclosure is too wide.
#pragma once
#include <string>

#include "core/scalar.hpp"
#include "proof/prove_limit.hpp"

namespace icl {

enum class proof_verdict { proved, disproved, inconclusive };

// What a PROVED of the limit proofs covers (docs/THEORY.md §3.9, §4.4), one line for the claim pages.
inline constexpr const char* limit_proof_covers =
    "the exact solution of the reduced ODE of THEORY §3.3 (diagonal Lambda, Theta Theta^T = I/sqrt(d), from the init's "
    "decimals) converges and its limit lies in the printed ball; that this ODE is the gradient flow of the literal "
    "expected loss rests on the derivation of §3.2-§3.3 and the loss identity of §4.4 (proved for all N and Lambda at "
    "d <= 2, tested at points above); the closed form is taken within 2^16 ulps";
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

// Corollary A.2 proved: the enclosure of the loss at the limit (o.loss_limit) against the closed-form
// minimum L_star, with the same rounding allowance; PROVED needs radius <= 10^-required · max(|L*|, u*²).
limit_judgement judge_loss_limit(const proof_outcome& o, const mpfr& L_star, const mpfr& u_star, int required_digits);

// Lemma A.3 at T: the claimed conserved quantity u² − k‖U‖²_F, evaluated on the enclosures at the start
// and at T; PROVED when their difference's enclosure contains 0 and is narrower than
// 10^-required · u(0)², DISPROVED when it excludes 0. The ODE's own identity (§3.4) carries it to all t.
limit_judgement judge_conserved(const proof_outcome& o, long k, int required_digits);

// von Oswald et al.'s comparison (Λ = I) proved: every diagonal entry of u·U over the limit's
// enclosure against the gradient-descent step (the off-diagonal entries are exactly 0 on both sides).
limit_judgement judge_product_limit(const proof_outcome& o, const mpfr& step, int required_digits);

}  // namespace icl
