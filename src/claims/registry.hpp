// Claim families by the `check` name a theorem file gives, and the runner over a catalog.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "claims/zfb_claims.hpp"
#include "core/scalar.hpp"

namespace icl {

// A claim family as the registry holds it: the `check` name a theorem file gives, the check in each
// scalar type, and what it computes in.
struct claim_family {
  const char* name;
  check_fn fns[4];      // double, long double, float128, mpfr
  const char* runs_in;  // what it computes in: the --type scalar, or what it always uses
};

// One row of the plant table: a plant a claim family takes, and the wrong prediction it makes there.
// A family takes plant::none and exactly the plants its rows list.
struct family_plant {
  const char* family;
  plant p;
  const char* wrong;  // one line
};

const std::vector<claim_family>& claim_families();
const std::vector<family_plant>& plant_table();
std::vector<std::string> check_names();
// The family of a `check` name, or null.
const claim_family* find_family(const std::string& check);
// The rows of the plant table for one family, in table order.
std::vector<family_plant> plants_of(const std::string& family);
// Whether `family` takes plant p (plant::none: always).
bool family_takes(const std::string& family, plant p);
// The check for a family name in type k; throws spec_error (file:line, key 'check') if unknown, and
// (file:line, key 'plant') if the claim plants something its family does not take.
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

// The check of a claim in type k, after refusing what run_claims refuses before any work: an unknown
// family, a bad expression, an impossible Λ (spec_error naming file, line and key).
check_fn prepare_claim(const claim_spec& c, scalar_kind k);
// One instance as run_claims runs it: the claim's plant and the instance's budgets applied, an
// exception turned into INCONCLUSIVE, the time and seed recorded, a planted falsehood judged.
check_result run_instance(const claim_spec& c, const instance_spec& in, check_fn fn, const check_context& ctx);

bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace icl
