// What `iclverify flow` reports about one run: a summary (JSON keys, full precision) and the
// recorded trajectory as CSV.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "flow/flow.hpp"

namespace icl {

template <class T>
std::vector<std::pair<std::string, std::string>> flow_summary(const problem<T>& p, const flow_options<T>& o,
                                                              const flow_result<T>& r);
template <class T> std::string trajectory_csv(const flow_result<T>& r);

}  // namespace icl
