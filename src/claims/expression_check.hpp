// The claim family of claims written as data (check = "expression"): an engine's observable is
// compared with the theorem file's expression by the file's relation (docs/THEORY.md §9).
#pragma once
#include "claims/zfb_claims.hpp"

namespace icl {

template <class T> check_result check_expression(const claim_spec&, const instance_spec&, const check_context&);

// Refuses, naming file, line and key, an unknown observable, a relation that does not fit it, a
// prediction of the wrong kind, or an instance without a quantity the prediction reads.
void validate_expression_claim(const claim_spec& c);

}  // namespace icl
