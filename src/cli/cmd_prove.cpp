// `iclverify prove`: a computer-assisted proof that the reduced flow of one instance converges, with
// an enclosure of its limit, judged against Theorem 4.1's closed form (docs/THEORY.md §3.9).
#include <fmt/format.h>

#include <memory>

#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "model/init.hpp"
#include "proof/judge_limit.hpp"
#include "theory/zfb.hpp"

namespace icl {

namespace {

struct prove_args {
  std::string lambda, sigma = "0.1", theta = "identity", plant_name = "none";
  long N = 0;
  int digits = 50, order = 0, target_digits = 0;
  double max_seconds = 600;
};

int cmd_prove(const prove_args& a) {
  const lambda_spec spec = parse_lambda_spec(a.lambda);
  (void)make_problem<double>(spec, a.N);  // refuse a bad Λ or N before any work
  require_provable(spec);
  if (!sigma_is_valid(a.sigma)) throw usage_error("--sigma must be a positive number or auto, got '" + a.sigma + "'");
  const theta_spec theta = parse_theta_spec(a.theta);
  if (!theta.identity)
    throw usage_error("--theta: prove covers ZFB's start with Theta Theta^T = I/sqrt(d) (identity) only: a random "
                      "Theta gives U off-diagonal entries the proof does not carry");
  const plant pl = for_option("--plant", [&] { return parse_plant(a.plant_name); });
  if (pl != plant::none && pl != plant::limit_scaled && pl != plant::gamma_n_plus_1 && pl != plant::gamma_without_trace &&
      pl != plant::model_gamma_n_plus_1)
    throw usage_error("--plant: prove takes none, limit-1e-30, gamma-n-plus-1, gamma-without-trace or "
                      "model-gamma-n-plus-1, got '" + a.plant_name + "'");
  const int required = a.target_digits > 0 ? a.target_digits : a.digits - 8;
  if (a.target_digits != 0 && (a.target_digits < 2 || a.target_digits > a.digits))
    throw usage_error("--target-digits must be in [2, --digits], got " + std::to_string(a.target_digits));
  if (!(a.max_seconds > 0)) throw usage_error("--max-seconds must be positive");
  // The balls carry digits + guard digits; the closed form is evaluated 20 digits beyond them, so
  // that its rounding allowance (judge_limit) lies far below the enclosure's radius.
  const int working = a.digits + guard_digits;
  set_mpfr_digits(working);

  // The predicted side: the closed form of src/theory, in MPFR (a Γ plant changes it).
  const problem<mpfr> p = make_problem<mpfr>(spec, a.N);
  const zfb_theory<mpfr> th(p, pl == plant::model_gamma_n_plus_1 ? plant::none : pl);
  const mpfr sigma = sigma_value(p, a.sigma);

  // The measured side: the proof, from Λ's decimals, N and σ alone.
  proof_instance in;
  in.lambda = spec;
  in.N = a.N;
  in.sigma = a.sigma;
  in.model_n_plus_1 = pl == plant::model_gamma_n_plus_1;
  in.working_digits = working;
  in.order = a.order;
  in.max_seconds = a.max_seconds;
  const proof_outcome o = prove_limit(in);
  const limit_judgement j = judge_limit(o, th.u_star, th.U_star_original(p), required);

  std::vector<std::pair<std::string, std::string>> kv = {
      {"instance", fmt::format("lambda={} N={} sigma={} theta=identity d={}", a.lambda, a.N, a.sigma, p.d)},
      {"plant", plant_name(pl)},
      {"hypothesis_margin", full(th.applicability_margin(sigma)) + " (not used by the proof)"},
      {"precision", fmt::format("{} bits ({} digits), Taylor order {}", o.bits, in.working_digits, o.order)},
      {"level_c", o.level},
      {"T", o.t_end},
      {"steps", std::to_string(o.steps)},
      {"width_at_T", radius_upper_text(o.width_T)},
      {"contraction_rate", o.converged ? o.kappa : "-"},
      {"tail_ball_radius", o.converged ? o.rho : "-"},
      {"limit_radius", o.converged ? radius_upper_text(o.radius) : "-"},
      {"u_limit", o.converged ? o.limit[0] : "-"},
      {"u_star_closed_form", full(th.u_star)},
      {"distance_rel", fmt::format("{:.3e}", j.distance)},
      {"closed_form_allowance_rel", fmt::format("{:.3e} (rounding of the closed form, assumed)", j.allowance)},
      {"cpu_seconds", fmt::format("{:.2f}", o.seconds)},
      {"wall_seconds", fmt::format("{:.2f}", o.wall_seconds)},
      {"verdict", proof_verdict_name(j.verdict)},
      {"reason", j.why},
  };
  print_aligned(kv);
  return j.verdict == proof_verdict::proved ? 0 : 1;  // DISPROVED: the closed form is refuted; under a plant, as it must be
}

}  // namespace

subcommand add_prove_command(CLI::App& app) {
  auto a = std::make_shared<prove_args>();
  auto* c = app.add_subcommand("prove", "prove in ball arithmetic that the reduced flow converges and enclose its "
                                        "limit; judge Theorem 4.1's closed form against the enclosure");
  c->add_option("--lambda", a->lambda, "diagonal covariance: 0.5,1,2 | linspace:A:B:D | geomspace:A:B:D | FILE")->required();
  c->add_option("--N", a->N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  c->add_option("--sigma", a->sigma, "initialisation scale: a positive number, or auto")->capture_default_str();
  c->add_option("--theta", a->theta, "identity (Theta Theta^T = I/sqrt d); random:SEED is refused")->capture_default_str();
  c->add_option("--digits", a->digits, "decimal digits asked for; the balls carry 20 guard digits more [16, 980]")
      ->capture_default_str()
      ->check(CLI::Range(min_digits, max_digits - guard_digits));
  c->add_option("--order", a->order, "Taylor order (default: 0.75 x working digits)")->check(CLI::Range(4, 400));
  c->add_option("--target-digits", a->target_digits, "PROVED needs the limit's radius below 10^-K of u* (default: digits - 8)");
  c->add_option("--plant", a->plant_name,
                "none | limit-1e-30 | gamma-n-plus-1 | gamma-without-trace (the closed form wrong) | "
                "model-gamma-n-plus-1 (the flow's loss wrong)")
      ->capture_default_str();
  c->add_option("--max-seconds", a->max_seconds, "CPU-time budget of the proof")->capture_default_str();
  return {c, [a] { return cmd_prove(*a); }};
}

}  // namespace icl
