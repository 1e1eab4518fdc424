// A claim stated as data: "observable RELATION expression" (docs/THEORY.md §9). The observable is
// a named output of an engine (claims/observables), the expression the user's prediction. Parsed
// and kind-checked at load; the observable's name and needs are checked before any work runs.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "spec/expression.hpp"

namespace icl {

// equal: the limit (or exact value) equals the prediction, to the run's digits or exactly;
// le / ge: it lies below / above it; *_along: the same at every recorded point of a trajectory,
// with the flow time t available to the expression.
enum class relation { equal, le, ge, equal_along, le_along, ge_along };
const char* relation_name(relation r);
relation parse_relation(const std::string& s);  // throws std::invalid_argument listing the choices
inline bool along(relation r) { return r == relation::equal_along || r == relation::le_along || r == relation::ge_along; }

struct expression_claim {
  std::string observable;
  long observable_line = 0;
  relation rel = relation::equal;
  long relation_line = 0;  // where relation was given (the observable's line when it was not)
  expression predict;
  long predict_line = 0;
  std::vector<std::pair<std::string, expression>> defines;  // in file order
};

}  // namespace icl
