// The expression-claim part of a theorem file; internal to src/spec (it pulls in toml++).
#pragma once
#include <memory>
#include <string>
#include <toml++/toml.h>

#include "spec/expression_claim.hpp"

namespace icl {

// wanted: the file says check = "expression" (then observable and predict are required);
// otherwise any of these keys is an error.
std::shared_ptr<const expression_claim> expression_claim_from_table(const toml::table& root, const std::string& file,
                                                                    bool wanted);

}  // namespace icl
