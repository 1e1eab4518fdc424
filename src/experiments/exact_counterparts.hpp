// Where a claim about trained models has a counterpart in the exact catalog (theorems/, the
// population flow of the linear model), so that an experiment's page can point at both sides of
// the same statement. Plain C++; the pages link to the catalog's pages, they do not read them.
#pragma once
#include <string>
#include <vector>

namespace icl {

struct exact_counterpart {
  std::string claim_id;  // the catalog claim (its page is reports/<claim_id>.md)
  std::string what;      // what it checks there, in one line
};

std::vector<exact_counterpart> exact_counterparts(const std::string& family);

}  // namespace icl
