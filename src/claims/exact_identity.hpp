// exact_identity.cpp — the closed-form loss of docs/THEORY.md §2.3 and its gradient equal the literal
// expectation for all parameters, all symmetric Λ and all N >= 1 at one d: a polynomial identity proved
// on a unisolvent lattice (docs/THEORY.md §4.4). Declared apart from families.hpp so that adding it
// recompiles only the registry.
#pragma once
#include "claims/contract.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

check_result check_exact_identity(const claim_spec&, const instance_spec&, const check_context&);

}  // namespace icl
