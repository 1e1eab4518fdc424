// The predicted side of `iclverify risk` in a chosen scalar type (--type, --digits): the flow that
// trains the predictor and the error formula at it (docs/THEORY.md §5.3, §6.1) both run in T, so
// the prediction carries T's digits instead of double's. The Monte Carlo side stays in double: it
// resolves three digits at most, and more would not change its verdict.
#pragma once
#include "claims/risk_claims.hpp"

namespace icl {

template <class T> struct typed_risk {
  T theory;          // E(ŷ − y_q)² by §6.1 at the predictor D = uUᵀ the flow ends at (or Λ⁻¹ if planted)
  T distance;        // the flow's end point to the closed-form optimum (u*, U*)
  bool certified = false;
  std::string stop;  // why the flow ended
};

// Fixed covariance, linear labels (no square term) and any shift except an orthogonal query;
// throws usage_error for the rest, which keep their double-only formulas.
template <class T> typed_risk<T> trained_risk_in(const risk_setup& s);

}  // namespace icl
