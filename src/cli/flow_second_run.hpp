// How many digits a flow run that stops at a fixed time (--t-end) delivers. Such a run has no
// certificate — the PL bound speaks of the limit, not of the state at t — so the command repeats
// it in MPFR with 20 more digits (tolerances follow the digits) and counts the digits on which the
// two end states agree (docs/THEORY.md §3.7). This is an estimate of the first run's error, not a
// bound: it trusts the more precise run to be the more accurate one.
#pragma once
#include <optional>
#include <string>

#include "flow/flow.hpp"
#include "model/problem.hpp"

namespace icl {

struct second_run_agreement {
  int digits_used = 0;       // the second run's --digits
  double digits = 0;         // agreement of the end states (all live parameters), relative to their size
  std::string failure;       // non-empty when the second run did not finish; digits then mean nothing
};

// `t_end` is the decimal text the first run parsed, read again at the second run's precision.
template <class T>
second_run_agreement agree_with_second_run(const lambda_spec& spec, long N, const flow_options<T>& o, const std::string& t_end,
                                           const flow_result<T>& first);

}  // namespace icl
