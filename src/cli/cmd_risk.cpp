// `iclverify risk`: the trained model's prediction error, the formula against a Monte Carlo of the
// literal forward pass.
#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>

#include "cli/capture.hpp"
#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "claims/risk_claims.hpp"
#include "claims/risk_in_type.hpp"
#include "core/instantiate.hpp"
#include "core/text.hpp"
#include "report/writers.hpp"
#include "theory/plant.hpp"

namespace icl {

namespace {

// A query orthogonal to the prompt: the prediction is 0 (for an isotropic Λ the trained D is a
// multiple of I, so ŷ = x_qᵀ D (1/M) Σ y_i x_i vanishes in exact arithmetic), and what the forward
// pass returns in double is the rounding of its O(1) products and sums over d and M: measured
// 1.3e-14 to 2.5e-14 (60 to 115 ulps of 1) over 1e5 prompts for d = 3 to 20. Zero up to rounding is
// taken as below 2^12 ulps of 1 (9.1e-13), 35 times that; an anisotropic Λ gives ŷ of order 1.
constexpr double orthogonal_zero = 4096 * std::numeric_limits<double>::epsilon();

struct risk_args {
  std::string lambda, task = "gaussian", shift, law = "fixed", scale = "1", json, plant_name = "none";
  std::string lambda_x, lambda_q;
  long N = 0, M = 0, samples = 200000;
  std::uint64_t seed = 1;
  int threads = 0;
  double max_seconds = 600;
  // Relative resolution the interval must reach before agreement is declared (docs/THEORY.md §5.6):
  // the catalog's rule for its Monte Carlo claims.
  double resolution = mc_resolution;
  std::string estimator = "conditional-query+cv";
  precision_args prec;  // of the predicted side; double unless asked (the Monte Carlo is double)
};

risk_setup risk_setup_of(const risk_args& a) {
  risk_setup s;
  s.lambda = parse_lambda_spec(a.lambda);
  (void)make_problem<double>(s.lambda, a.N);  // refuses a bad Λ or N before any work
  if (a.M < 1) throw usage_error("--M must be >= 1, got " + std::to_string(a.M));
  if (a.samples < 100) throw usage_error("--samples must be >= 100");
  s.N = a.N;
  s.M = a.M;
  s.task = for_option("--task", [&] { return parse_task_spec(a.task, s.lambda.d); });
  if (!a.lambda_x.empty()) s.lambda_x = parse_lambda_spec(a.lambda_x);
  if (!a.lambda_q.empty()) s.lambda_q = parse_lambda_spec(a.lambda_q);
  for (const auto* l : {&s.lambda_x, &s.lambda_q})
    if (*l && (*l)->d != s.lambda.d) throw usage_error("test covariances must have the dimension of --lambda");
  if (!a.shift.empty()) s.shift = parsed_option("--shift", a.shift, parse_shift_spec);
  s.law = parsed_option("--law", a.law, parse_law_spec);
  try {
    s.scale = std::stod(a.scale);
  } catch (...) {
    s.scale = 0;
  }
  if (!(s.scale > 0)) throw usage_error("--scale must be > 0, got '" + a.scale + "'" + decimal_note(a.scale));
  s.samples = a.samples;
  s.seed = a.seed;
  s.threads = a.threads > 0 ? a.threads : all_cores();
  s.planted = parse_plant(a.plant_name);
  mc_spec probe;
  set_estimator(probe, a.estimator);  // refuses an unknown name before any work
  s.estimator = a.estimator;
  if (s.planted == plant::scale) throw usage_error("--plant scale:EPS is a plant of `check` (every claim family's prediction); `risk` takes the named plants");
  s.max_seconds = a.max_seconds;
  return s;
}

// The predicted side when --type or --digits asks for more than double: the value at T's full
// precision, and how the training in T ended.
struct typed_theory {
  std::string precision, value, training;
};

// What the command prints and writes, in this order.
std::vector<std::pair<std::string, std::string>> risk_numbers(const risk_setup& s, const risk_comparison& r, bool agree,
                                                              const mc_judgement& j, const std::string& outcome,
                                                              const std::optional<typed_theory>& typed) {
  return {
      {"training", typed ? typed->training : r.training},
      {"formula", r.formula},
      {"precision", typed ? typed->precision : "double"},
      {"risk_theory", typed ? typed->value : fmt::format("{:.17g}", r.theory)},
      {"risk_mc", fmt::format("{:.17g}", r.mc.mean)},
      {"mc_std_error", fmt::format("{:.17g}", r.mc.std_error)},
      {"mc_ci_low", fmt::format("{:.17g}", r.mc.ci_low())},
      {"mc_ci_high", fmt::format("{:.17g}", r.mc.ci_high())},
      {"mc_confidence", "0.999"},
      {"mc_slope", fmt::format("{:.17g}", r.mc.slope)},
      {"slope_theory", fmt::format("{:.17g}", r.slope_theory)},
      {"max_abs_prediction", fmt::format("{:.17g}", r.mc.max_abs_prediction)},
      {"samples", std::to_string(r.mc.samples)},
      {"estimator", r.mc.estimator},
      {"control_variates", std::to_string(r.mc.controls)},
      {"control_variance_explained", fmt::format("{:.17g}", r.mc.control_r2)},
      {"seed", std::to_string(s.seed)},
      {"threads", std::to_string(r.mc.threads)},
      {"mc_seconds", fmt::format("{:.6f}", r.mc.seconds)},
      {"prompts_per_second", fmt::format("{:.0f}", r.mc.samples / r.mc.seconds)},
      {"agree", agree ? "true" : "false"},
      {"ci_half_width_relative", fmt::format("{:.17g}", j.half_width_relative)},
      {"samples_needed", std::to_string(j.samples_needed)},
      {"outcome", outcome},
  };
}

int cmd_risk(const risk_args& a) {
  const scalar_kind k = a.prec.apply();
  const risk_setup s = risk_setup_of(a);
  require_writable(a.json, "--json");
  // The typed side first: it refuses the cases it has no formula for before the sampling starts.
  std::optional<typed_theory> typed;
  double typed_value = 0;
  if (k != scalar_kind::dbl) {
    typed = dispatch(k, [&]<class T>() {
      const auto t = trained_risk_in<T>(s);
      typed_value = static_cast<double>(t.theory);
      return typed_theory{a.prec.label(k), full(t.theory),
                          fmt::format("reduced flow in {}, N = {}, sigma auto: {}, distance to the closed-form optimum "
                                      "{:.3g}",
                                      a.prec.label(k), s.N, t.certified ? "certified" : "not certified (" + t.stop + ")",
                                      to_double(t.distance))};
    });
  }
  auto r = compare_risk(s);
  if (typed) {  // the Monte Carlo interval is asked to hold the sharper value
    r.theory = typed_value;
    r.agree = r.mc.ci_low() <= r.theory && r.theory <= r.mc.ci_high();
  }
  check_result result;
  mc_judgement j;
  std::string outcome;
  bool agree;
  if (s.shift.k == shift_spec::kind::orthogonal_query) {
    // For an orthogonal query the claim is ŷ = 0, judged against rounding, not against an interval.
    agree = r.mc.max_abs_prediction <= orthogonal_zero;
    result.v = agree ? verdict::pass : verdict::fail;
    outcome = agree ? "PASS: yhat is zero up to rounding"
                    : fmt::format("FAIL: max |yhat| = {:.6g} is not zero up to rounding ({:.3g})", r.mc.max_abs_prediction,
                                  orthogonal_zero);
  } else {
    // Agreement needs the formula inside the interval AND an interval narrow enough to resolve it at
    // --resolution: a wide interval that happens to contain a wrong formula decides nothing.
    j = judge_mc(r.mc, r.theory, a.resolution);
    agree = j.v == verdict::pass;  // inside a too-wide interval is not agreement
    result.v = j.v;
    if (j.v == verdict::fail)
      outcome = fmt::format("FAIL: the formula {:.10g} lies outside the 99.9% interval [{:.10g}, {:.10g}] (disagreement)",
                            r.theory, r.mc.ci_low(), r.mc.ci_high());
    else if (j.v == verdict::inconclusive)
      outcome = fmt::format("INCONCLUSIVE: the interval's half-width is {:.3g} of the mean, wider than the resolution {:g}; "
                            "about {} samples would resolve it",
                            j.half_width_relative, a.resolution, j.samples_needed);
    else
      outcome = fmt::format("PASS: the formula lies inside the interval, whose half-width is {:.3g} of the mean (resolution {:g})",
                            j.half_width_relative, a.resolution);
  }
  const auto kv = risk_numbers(s, r, agree, j, outcome, typed);
  print_aligned(kv);
  emit(a.json, "summary", [&] { return flat_json(kv); });
  return exit_code_of({result});
}

}  // namespace

subcommand add_risk_command(CLI::App& app) {
  auto a = std::make_shared<risk_args>();
  auto* risk = app.add_subcommand("risk", "the trained model's prediction error: formula against a Monte Carlo of the "
                                          "literal forward pass");
  risk->add_option("--lambda", a->lambda, "training covariance: 0.5,1,2 | linspace:A:B:D | geomspace:A:B:D | FILE")
      ->required();
  risk->add_option("--N", a->N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  risk->add_option("--M", a->M, "test prompt length M >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  risk->add_option("--task", a->task,
                   "gaussian[:W11,..] | fixed:w1,.. | rademacher | sparse:K, with +square:C +noise:S2 +query-noise:S2")
      ->capture_default_str();
  risk->add_option("--lambda-x", a->lambda_x, "test covariance of the prompt (default: --lambda)");
  risk->add_option("--lambda-q", a->lambda_q, "test covariance of the query (default: --lambda)");
  risk->add_option("--shift", a->shift, "covariate:C (both scaled by C^2) | orthogonal-query");
  risk->add_option("--law", a->law,
                   "random covariance per prompt (training and test): fixed | exponential | uniform:A:B | gamma:K")
      ->capture_default_str();
  risk->add_option("--scale", a->scale, "test scaling c of a random covariance")->capture_default_str();
  risk->add_option("--samples", a->samples, "Monte Carlo prompts")
      ->capture_default_str()
      ->check(CLI::Range(100L, 1000000000000L));
  risk->add_option("--seed", a->seed, "Monte Carlo seed (the estimate does not depend on --threads)")->capture_default_str();
  risk->add_option("--threads", a->threads, "sampling threads (default: all cores)")->check(CLI::Range(1, 4096));
  risk->add_option("--plant", a->plant_name,
                   "replace the prediction by a known-wrong one (gamma-to-lambda, risk-scaled-0.5pct, random-cov-drop-1-over-m)");
  risk->add_option("--estimator", a->estimator,
                   "Monte Carlo estimator: plain | antithetic | conditional, each optionally +cv (control variates)")
      ->capture_default_str();
  risk->add_option("--resolution", a->resolution,
                   "relative half-width of the 99.9% interval needed to declare agreement; wider is INCONCLUSIVE")
      ->capture_default_str()
      ->check(CLI::Range(1e-9, 1.0));
  risk->add_option("--json", a->json, "write the numbers as JSON (decimal strings)");
  risk->add_option("--max-seconds", a->max_seconds, "time budget of the training flow")->capture_default_str();
  // The predicted side's precision, as for `flow`; the default stays double, as the Monte Carlo is.
  a->prec.type = "double";
  a->prec.add(*risk);
  return {risk, [a] { return cmd_risk(*a); }};
}

}  // namespace icl
