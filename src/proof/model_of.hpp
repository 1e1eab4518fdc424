// The measured side of every proof (docs/THEORY.md §3.9): the model's diagonal flow (a_i = λ_i²,
// g_i = (1 + 1/N)λ_i + T/N, from Λ's decimals and N as balls) and ZFB's start u = σ, U = σ I/√d, at the
// precision of the current ball_precision scope. Internal to src/proof (it carries Arb balls).
#pragma once
#include <vector>

#include "proof/diagonal_flow.hpp"
#include "proof/prove_limit.hpp"

namespace icl::proof {

struct model_instance {
  diagonal_flow f;
  ball trace;              // tr Λ
  std::vector<ball> x0;    // (u, U_1, …, U_d) at t = 0
};

// Throws usage_error for a non-diagonal or non-positive Λ.
model_instance model_of(const proof_instance& in);

}  // namespace icl::proof
