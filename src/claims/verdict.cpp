#include "claims/verdict.hpp"

namespace icl {

const char* verdict_name(verdict v) {
  switch (v) {
    case verdict::pass: return "PASS";
    case verdict::fail: return "FAIL";
    case verdict::inconclusive: return "INCONCLUSIVE";
    case verdict::not_applicable: return "NOT-APPLICABLE";
    case verdict::rejected: return "REJECTED-AS-EXPECTED";
  }
  return "?";
}

int exit_code_of(const std::vector<check_result>& rs) {
  for (const auto& r : rs)
    if (r.v == verdict::fail || r.v == verdict::inconclusive) return 1;
  return 0;
}

}  // namespace icl
