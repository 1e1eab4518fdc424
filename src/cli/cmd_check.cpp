// `iclverify check`: verify the claims of a theorem catalog and print verdicts.
#include <iostream>
#include <memory>

#include "cli/capture.hpp"
#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "report/writers.hpp"
#include "theory/plant.hpp"

namespace icl {

namespace {

struct check_args {
  std::vector<std::string> paths;
  catalog_args run;
  std::string json, junit, plant_name = "none";
  bool verbose = false;
};

int cmd_check(const check_args& a) {
  const scalar_kind k = a.run.prec.apply();
  run_options o = run_options_of(a.run, k);
  set_plant(o.ctx, a.plant_name);
  require_writable(a.json, "--json");
  require_writable(a.junit, "--junit");
  if (a.run.quiet && a.verbose) throw usage_error("--quiet and --verbose exclude each other");
  const auto files = theorem_files(theorem_paths(a.paths));
  // A live progress line on a terminal; --verbose prints every result as it lands; --quiet nothing.
  const bool tty = progress_on_terminal(a.run.quiet);
  o.on_result = progress(tty, a.verbose);
  const auto rs = run_catalog(files, o);
  if (tty && !a.verbose) std::cerr << "\r\033[K";
  print_table(std::cout, rs);
  emit(a.json, "results", [&] { return results_json(rs, a.run.prec.label(k)); });
  if (!a.junit.empty()) write_atomically(a.junit, results_junit(rs, a.run.prec.label(k)));
  return exit_code_of(rs);
}

}  // namespace

subcommand add_check_command(CLI::App& app) {
  auto a = std::make_shared<check_args>();
  auto* check = app.add_subcommand("check", "verify the claims of a theorem catalog and print verdicts");
  check->add_option("paths", a->paths, "theorem files or folders (default: theorems/)");
  a->run.prec.add(*check);
  add_jobs_option(*check, a->run);
  check->add_option("--json", a->json, "write verdicts and evidence as JSON");
  check->add_option("--junit", a->junit, "write JUnit XML for CI systems (one test case per instance)");
  check->add_flag("--quiet,-q", a->run.quiet, "no progress line");
  check->add_flag("--verbose,-v", a->verbose, "print each verdict with its evidence as it lands (stderr)");
  add_filter_option(*check, a->run);
  check->add_option("--plant", a->plant_name, "replace one prediction by a known-wrong one, to see the checks FAIL");
  add_budget_options(*check, a->run);
  return {check, [a] { return cmd_check(*a); }};
}

}  // namespace icl
