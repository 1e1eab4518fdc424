// Theorem files (TOML, one claim per file): what is claimed, where it comes from, and the
// instances to check it on. Unknown keys are errors; every error names file, line and key.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/init.hpp"
#include "model/problem.hpp"
#include "model/task.hpp"
#include "spec/expression_claim.hpp"
#include "spec/law_spec.hpp"
#include "spec/remedy_spec.hpp"
#include "spec/shift_spec.hpp"
#include "spec/w0_spec.hpp"

namespace icl {

struct instance_spec {
  std::string name;
  lambda_spec lambda;
  long N = 1;
  init_spec init;                     // sigma, theta, paper/random
  std::optional<std::string> t_end;   // fixed horizon (decimal string) for claims that compare flows
  int target_digits = 0;              // > 0: hold this instance to fewer digits than the run carries
  // Exact and test-time claims.
  long M = 0;                          // test prompt length (0: not given)
  int points = 20;                     // random rational points an identity is checked at
  unsigned long seed = 1;              // of those points
  std::optional<task_spec> task;       // test labels (default: w ~ N(0, I), noiseless)
  std::optional<lambda_spec> lambda_x, lambda_q;  // test covariances of prompt and query (default: Λ)
  long samples = 200000;               // Monte Carlo prompts
  std::optional<long> max_steps;       // budgets of this instance's flow runs (default: the command's)
  std::optional<double> max_seconds;
  shift_spec shift;                    // none | covariate:C | orthogonal-query
  law_spec law;                        // random covariance per prompt: fixed | exponential | uniform:A:B | gamma:K | two-point:A:B
  std::vector<law_spec> laws;          // or one law per coordinate, independent (thm45_random_cov; empty: `law` for all)
  std::string scale = "1";             // test scaling c of a random covariance
  // Plateau experiments (docs/THEORY.md §8).
  std::vector<std::string> w0 = default_w0_list();  // initial scales (decimals) the plateau length is tabled over
  int heads = 0;                       // rank-one heads of the separate key/query model (0: d)
  remedy_spec remedy;                  // none | warmup:FACTOR | mix:RHO | aux:ALPHA
  std::optional<lambda_spec> lambda_easy;  // the easier prompt distribution of warm-up and mixing
  long line = 0;         // of the [[instance]] table
  long lambda_line = 0;  // of its lambda key, for errors found when Λ is materialised
};

struct claim_spec {
  std::string file;
  std::string id, source, statement, check;
  int digits_margin = 10;  // agreement required: working digits − margin
  long check_line = 0;    // where `check` was given, for errors raised later
  std::string plant;      // falsification files: the planted wrong prediction every instance runs with
  long plant_line = 0;    // where `plant` was given (its family may not take it: refused when the claim runs)
  bool expect_fail = false;  // expect = "fail": FAIL is the right outcome (REJECTED-AS-EXPECTED), PASS is an error
  // A statement of the paper found false (expect = "fail" without a plant): what is false and where
  // the counterexample is, one line; the check must still FAIL with the counterexample on the page.
  std::string finding;
  std::vector<instance_spec> instances;
  // check = "expression": the claim as data (observable, relation, prediction); null otherwise.
  std::shared_ptr<const expression_claim> expr;
};

claim_spec load_theorem_file(const std::string& path);
// The same from text in memory; `path` names it in errors (the fuzz target's entry point).
claim_spec parse_theorem_text(std::string_view text, const std::string& path);
// Files under each path (a .toml file or a folder searched recursively), sorted.
std::vector<std::string> theorem_files(const std::vector<std::string>& paths);

// The rules between an instance's keys that its claim family adds (plateau claims need a numeric
// sigma, plateau_remedy a remedy, warm-up and mixing lambda_easy): the first one broken, as the key
// to blame and the reason. Theorem files name that key's line, `iclverify plateau` its option.
struct key_conflict {
  std::string key, reason;
};
std::optional<key_conflict> family_key_conflict(const std::string& check, const instance_spec& in);

}  // namespace icl
