// The Theorem 4.1 family of Zhang–Frei–Bartlett: each check computes the measured side (a flow
// run) and the predicted side (theory/zfb) and compares them in digits of the working precision.
// The checks are declared with every family's in families.hpp; this header also brings the
// contract, theorem files and the theory a claims file builds on.
#pragma once
#include "claims/contract.hpp"
#include "claims/families.hpp"
#include "spec/theorem_file.hpp"
#include "theory/zfb.hpp"
