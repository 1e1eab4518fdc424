// Claim families by the `check` name a theorem file gives, and the runner over a catalog.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "claims/zfb_claims.hpp"
#include "core/scalar.hpp"

namespace icl {

std::vector<std::string> check_names();
// The check for a family name in type k; throws spec_error (file:line, key 'check') if unknown.
check_fn find_check(const claim_spec& c, scalar_kind k);

struct run_options {
  scalar_kind kind = scalar_kind::mp;
  int jobs = 1;
  std::string filter;  // glob on "claim/instance"
  check_context ctx;
  std::function<void(const check_result&, std::size_t done, std::size_t total)> on_result;
};

// Validates every file first (errors before any work), then runs all instances, `jobs` at a time.
std::vector<check_result> run_catalog(const std::vector<std::string>& files, const run_options& o);
// The same over claims already loaded; instances for which `skip` says true are left out (resumed sweeps).
std::vector<check_result> run_claims(const std::vector<claim_spec>& claims, const run_options& o,
                                     const std::function<bool(const claim_spec&, const instance_spec&)>& skip = {});

bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace icl
