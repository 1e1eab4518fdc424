// The measured side of "covariate scaling is not tolerated as M, N → ∞" (docs/THEORY.md §6.3): the
// flow-trained LSA's literal error at covariate scale c, exact in M → ∞ and extrapolated in N → ∞.
//
// For trained parameters fixed, the literal error E(M) of prompts of length M is exactly affine in
// 1/M (β̂ = (1/M) Σ y_i x_i: its second moment is (1 − 1/M) times the pair term plus 1/M times the
// diagonal term), so E(∞) = 2E(2) − E(1) is exact; the Isserlis engine computes E(1), E(2) (and
// E(3), to confirm the affinity) from the literal forward pass, with the trained parameters as
// exact rationals. The trained predictor D(N) is analytic in 1/N, so E(∞; D(N)) = L + a/N + b/N²
// + c/N³ + O(N⁻⁴): three Richardson steps over N, 2N, 4N, 8N leave O(N⁻⁴), and the change of the
// last step (the size of the c/N³ term removed) is reported as the extrapolation's error estimate.
#pragma once
#include <string>
#include <vector>

#include "core/rational.hpp"
#include "model/problem.hpp"

namespace icl {

struct covariate_limit_measurement {
  std::vector<long> Ns;                 // training prompt lengths N, 2N, 4N, 8N
  std::vector<double> excess;           // E(∞; D(N)) − s_q² at each N (literal, exact in D(N))
  double richardson_1 = 0;              // 2E(8N) − E(4N): the 1/N term removed
  double extrapolated = 0;              // the 1/N, 1/N² and 1/N³ terms removed
  double error_estimate = 0;            // |extrapolated − the previous step's last entry|
  bool affine_in_1_over_M = true;       // E(3) = E(∞) + (E(1) − E(∞))/3 exactly at every N
  double engine_seconds = 0;
};

// Λ exactly as the instance wrote it (diagonal or not), covariates scaled by c (text, exact), w ~ N(0, I),
// prompt and query label noise s2, sq2; the reduced flow trains in double from the paper's start.
covariate_limit_measurement measure_covariate_limit(const lambda_spec& lambda, long N0, const std::string& c,
                                                    const rational& s2, const rational& sq2, double max_seconds);

}  // namespace icl
