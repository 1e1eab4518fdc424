// The test-time shift of a prediction-error instance (Zhang–Frei–Bartlett §4.2): none, both prompt
// and query covariances scaled by C² (covariate:C), or a query orthogonal to the prompt. One grammar
// for the theorem-file key `shift` and `iclverify risk --shift`.
#pragma once
#include <string>

namespace icl {

struct shift_spec {
  enum class kind { none, covariate, orthogonal_query } k = kind::none;
  std::string c;  // covariate: the scale C as written (a decimal > 0)
};

// "covariate:C" (C > 0) | "orthogonal-query"; throws std::invalid_argument with the reason.
shift_spec parse_shift_spec(const std::string& text);
// The text it was parsed from: "" (none) | "covariate:C" | "orthogonal-query".
std::string to_string(const shift_spec& s);

}  // namespace icl
