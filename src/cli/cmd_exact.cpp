// `iclverify exact`: the exact population loss polynomial (Isserlis/Wick over the rationals) and the
// exact identity checks for one tiny case.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/capture.hpp"
#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "moments/lsa_expectation.hpp"
#include "report/writers.hpp"
#include "theory/plant.hpp"

namespace icl {

namespace {

struct exact_args {
  std::string lambda, task, json, plant_name = "none";
  long N = 0, M = 0;
  int d_max = 3, points = 20;
  unsigned long seed = 1;
  bool show = false;
};

// The instance the exact families are checked on, from the options.
instance_spec exact_instance(const exact_args& a, const lambda_spec& spec, int d) {
  instance_spec in;
  in.name = fmt::format("d{}-N{}", d, a.N);
  in.lambda = spec;
  in.N = a.N;
  in.M = a.M;
  in.points = a.points;
  in.seed = a.seed;
  if (!a.task.empty()) {
    if (a.M < 1) throw usage_error("--task needs --M, the test prompt length");
    in.task = for_option("--task", [&] { return parse_task_spec(a.task, d); });
  }
  return in;
}

int cmd_exact(const exact_args& a) {
  const lambda_spec spec = parse_lambda_spec(a.lambda);
  const problem<rational> p = make_exact_problem(spec, a.N);  // refuses a bad Λ or N before any work
  if (a.d_max < 1 || a.d_max > 8) throw usage_error("--d-max must be in [1, 8], got " + std::to_string(a.d_max));
  if (p.d > a.d_max)
    throw usage_error(fmt::format("d = {} exceeds --d-max {}: the expansion grows steeply with d and N (raise --d-max "
                                  "to try)", p.d, a.d_max));
  if (a.M < 0) throw usage_error("--M must be >= 1");
  if (a.points < 1) throw usage_error("--points must be >= 1");
  const instance_spec in = exact_instance(a, spec, p.d);
  check_context ctx;
  set_plant(ctx, a.plant_name);
  require_writable(a.json, "--json");

  const auto t0 = std::chrono::steady_clock::now();
  const param_poly L = exact_population_loss(exact_prompt::training(p.lambda, a.N));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << fmt::format("population loss L(a, b, C, c), d = {}, N = {}, lambda = {}: {} terms, {:.4f} s\n", p.d,
                           a.N, spec.text, L.size(), secs);
  if (a.show) std::cout << "L = " << L.str(full_param_names(p.d)) << "\n";
  // For an in-process caller, on one line (sympy parses it: ^ is a power, p/q exact rationals).
  emit("", "polynomial", [&] {
    std::string one_line;
    for (const char ch : L.str(full_param_names(p.d)))
      if (ch != '\n') one_line += ch;
    return one_line;
  });
  std::cout << "\n";

  std::vector<check_result> rs;
  std::vector<std::string> fams = {"exact_full_loss", "exact_invariance", "exact_reduced", "exact_minimum", "exact_moments"};
  if (a.M > 0) fams.push_back("exact_risk");
  for (const auto& f : fams) {
    claim_spec c;
    c.file = "command line";
    c.id = f;
    c.check = f;
    c.instances.push_back(in);
    rs.push_back(find_check(c, scalar_kind::mp)(c, c.instances.front(), ctx));
  }
  print_table(std::cout, rs);
  emit(a.json, "results", [&] { return results_json(rs, "exact rational"); });
  return exit_code_of(rs);
}

}  // namespace

subcommand add_exact_command(CLI::App& app) {
  auto a = std::make_shared<exact_args>();
  auto* exact = app.add_subcommand("exact", "the exact population loss polynomial (Isserlis/Wick over the rationals) and "
                                            "the exact identity checks for one tiny case");
  exact->add_option("--lambda", a->lambda, "covariance with exact entries: 0.5,1,2 | linspace:A:B:D | FILE")->required();
  exact->add_option("--N", a->N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  exact->add_option("--M", a->M, "test prompt length: also checks the trained model's error exactly")
      ->check(CLI::Range(1L, max_prompt_length));
  exact->add_option("--task", a->task,
                    "test labels: gaussian[:W11,..] | fixed:w1,.. [+square:C] [+noise:S2] [+query-noise:S2]");
  exact->add_option("--d-max", a->d_max, "refuse dimensions above this (the expansion grows steeply)")->capture_default_str();
  exact->add_option("--points", a->points, "random rational points each identity is checked at")->capture_default_str();
  exact->add_option("--seed", a->seed, "seed of those points")->capture_default_str();
  exact->add_flag("--show-polynomial", a->show, "print the loss polynomial, sorted by degree");
  exact->add_option("--plant", a->plant_name, "replace one prediction by a known-wrong one, to see the checks FAIL");
  exact->add_option("--json", a->json, "write verdicts and evidence as JSON");
  return {exact, [a] { return cmd_exact(*a); }};
}

}  // namespace icl
