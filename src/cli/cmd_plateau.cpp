// `iclverify plateau`: one learning-plateau experiment (docs/THEORY.md §8), the claim check of
// theorems/plateaus/ on an instance built from the options; its verdict and evidence on stdout, its
// curves and tables as CSV files in --out.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "cli/capture.hpp"
#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "report/report_pages.hpp"
#include "report/writers.hpp"
#include "theory/time_conversion.hpp"

namespace icl {

namespace {

struct plateau_args {
  std::string experiment, lambda, lambda_easy, w0 = "1e-3", w0_list, remedy = "none", out;
  long N = 0;
  int heads = 0;
  unsigned long seed = 1;
  precision_args prec;
  double max_seconds = 600;
};

// The claim family of an experiment.
std::string plateau_check(const std::string& experiment) {
  static const std::map<std::string, std::string> checks{{"closed-form", "plateau_closed_form"},
                                                         {"length", "plateau_length"},
                                                         {"staircase", "plateau_staircase"},
                                                         {"remedy", "plateau_remedy"}};
  const auto found = checks.find(experiment);
  if (found == checks.end())
    throw usage_error("the experiment must be closed-form, length, staircase or remedy, got '" + experiment + "'");
  return found->second;
}

// The option that sets an instance key (for the rules family_key_conflict checks).
std::string option_of_key(const std::string& key) {
  if (key == "sigma") return "--w0";
  if (key == "w0") return "--w0-list";
  if (key == "lambda_easy") return "--lambda-easy";
  return "--" + key;
}

// The instance, validated by the parsers and rules of the theorem-file keys the options stand for.
instance_spec plateau_instance(const plateau_args& a, const std::string& check) {
  instance_spec in;
  in.name = "cli";
  in.lambda = for_option("--lambda", [&] { return parse_lambda_spec(a.lambda); });
  in.N = a.N;
  if (!sigma_is_valid(a.w0)) throw usage_error("--w0: must be a positive number or \"auto\"");
  in.init.sigma = a.w0;  // plateau claims take sigma as the initial scale w0
  if (a.seed > 2147483647UL) throw usage_error("--seed: must be an integer in [0, 2147483647]");
  in.seed = a.seed;
  in.heads = a.heads;
  if (!a.w0_list.empty()) in.w0 = parsed_option("--w0-list", a.w0_list, parse_w0_list);
  in.remedy = parsed_option("--remedy", a.remedy, parse_remedy_spec);
  if (!a.lambda_easy.empty()) {
    in.lambda_easy = for_option("--lambda-easy", [&] { return parse_lambda_spec(a.lambda_easy); });
    if (in.lambda_easy->d != in.lambda.d)
      throw usage_error(fmt::format("--lambda-easy: dimension {} differs from lambda's {}", in.lambda_easy->d, in.lambda.d));
  }
  if (const auto conflict = family_key_conflict(check, in))
    throw usage_error(option_of_key(conflict->key) + ": " + conflict->reason);
  return in;
}

int cmd_plateau(const plateau_args& a) {
  claim_spec c;
  c.check = plateau_check(a.experiment);
  const scalar_kind k = a.prec.apply();
  c.file = "<command line>";
  c.id = "plateau." + a.experiment;
  c.source = "iclverify plateau";
  c.statement = "command line";
  c.instances.push_back(plateau_instance(a, c.check));
  (void)make_problem<double>(c.instances[0].lambda, a.N);  // refuse a bad Λ before any work
  if (!a.out.empty()) require_writable_folder(a.out, "--out");
  check_context ctx;
  ctx.max_seconds = a.max_seconds;
  const check_result r = find_check(c, k)(c, c.instances[0], ctx);
  std::cout << fmt::format("{}  {}\n{}\n", verdict_name(r.v), r.key_figure, r.brief);
  for (const auto& [key, v] : r.numbers) std::cout << fmt::format("  {} = {}\n", key, v);
  // The times above are flow time; a training run's steps map to it by its conventions.
  const auto factor = [&](bool half, bool by_n) { return flow_time_per_step({half, by_n}, a.N); };
  std::cout << fmt::format(
      "flow time t after k gradient-descent steps of size eta (docs/THEORY.md §8.6): t = {:g} eta k for the ½ squared "
      "loss with attention / N (this model), {:g} eta k without the ½, {:g} eta k with attention not divided by N "
      "(start w0 = sqrt(N) w0'), {:g} eta k for both\n",
      factor(true, true), factor(false, true), factor(true, false), factor(false, false));
  if (!a.out.empty()) std::filesystem::create_directories(a.out);
  for (const auto& f : r.figures) {
    const std::string path = a.out.empty() ? "" : (std::filesystem::path(a.out) / (f.name + ".csv")).string();
    emit(path, "figure:" + f.name, [&] { return csv_of(f); });
    if (!path.empty()) std::cout << "wrote " << path << "\n";
  }
  emit("", "results", [&] { return results_json({r}, a.prec.label(k)); });
  return exit_code_of({r});
}

}  // namespace

subcommand add_plateau_command(CLI::App& app) {
  auto a = std::make_shared<plateau_args>();
  auto* plateau = app.add_subcommand("plateau", "run one learning-plateau experiment (docs/THEORY.md §8) and write its curves as CSV");
  plateau->add_option("experiment", a->experiment, "closed-form | length | staircase | remedy")->required();
  plateau->add_option("--lambda", a->lambda, "covariance (diagonal): 0.5,1,2 | linspace:A:B:D | geomspace:A:B:D")->required();
  plateau->add_option("--N", a->N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  plateau->add_option("--w0", a->w0, "initial scale w0 (merged: u = w0, U = w0 I/sqrt d; separate: entries w0 N(0,1)/sqrt d)")
      ->capture_default_str();
  plateau->add_option("--w0-list", a->w0_list, "length: the scales to table over, e.g. 1e-1,1e-3,1e-10,1e-30");
  plateau->add_option("--heads", a->heads, "staircase: rank-one heads of the separate key/query model (default d)")
      ->check(CLI::Range(1, 64));
  plateau->add_option("--seed", a->seed, "staircase: seed of the random start")->capture_default_str();
  plateau->add_option("--remedy", a->remedy, "remedy: warmup:FACTOR | mix:RHO | aux:ALPHA")->capture_default_str();
  plateau->add_option("--lambda-easy", a->lambda_easy, "remedy: the easier covariance of warm-up and mixing");
  a->prec.add(*plateau);
  plateau->add_option("--out", a->out, "folder for the CSV files of the curves and tables");
  plateau->add_option("--max-seconds", a->max_seconds, "time budget per flow run")->capture_default_str();
  return {plateau, [a] { return cmd_plateau(*a); }};
}

}  // namespace icl
