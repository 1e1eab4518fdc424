// The law of a random covariance per prompt (Zhang–Frei–Bartlett §4.3): Λ = diag(λ), λ_i iid
// exponential(1), uniform on [A, B], gamma with shape K or two-point (A or B with probability ½ each);
// fixed: the instance's Λ. One grammar for the theorem-file keys `law` and `laws` (one law per
// coordinate, docs/THEORY.md §7) and `iclverify risk --law`; the numbers are checked when it is parsed.
#pragma once
#include <string>

namespace icl {

struct law_spec {
  enum class kind { fixed, exponential, uniform, gamma, two_point } k = kind::fixed;
  std::string a, b;  // decimals as written: uniform A:B with 0 <= A < B; gamma K > 0 (in a); two-point 0 < A < B
};

// "fixed" | "exponential" | "uniform:A:B" | "gamma:K" | "two-point:A:B"; throws std::invalid_argument with the reason.
law_spec parse_law_spec(const std::string& text);
// The text it was parsed from.
std::string to_string(const law_spec& l);

}  // namespace icl
