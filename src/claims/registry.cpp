#include "claims/registry.hpp"

#include <atomic>
#include <chrono>
#include <fnmatch.h>
#include <mpfr.h>
#include <mutex>
#include <thread>

#include "claims/exact_identity.hpp"
#include "claims/expression_check.hpp"
#include "claims/families.hpp"
#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "core/run_memo.hpp"

namespace icl {

namespace {

#define ICL_TYPED(fn) {&fn<double>, &fn<long double>, &fn<float128>, &fn<mpfr>}
#define ICL_ANY(fn) {&fn, &fn, &fn, &fn}
constexpr const char* any_type = "the --type scalar";
// Plateau explorations measure dwell times and time ratios to a few digits against tolerances of
// percents: they run in double whatever --type says (at 50 digits they cost minutes, not ms).
constexpr const char* plateau_double = "double (plateau exploration)";
// Monte Carlo claims run their flow and sampling in double whatever --type says.
constexpr const char* monte_carlo = "double + Monte Carlo";
// Exact claims run over the rationals whatever --type says.
constexpr const char* rationals = "exact rationals";

const std::vector<claim_family> families = {
    {"thm41_limits", ICL_TYPED(check_thm41_limits), any_type},
    {"thm41_sharpness", ICL_ANY(check_thm41_sharpness), "mpfr at the working precision + Arb balls"},
    {"lemma52_invariance", ICL_TYPED(check_invariance), any_type},
    {"lemmaA3_conservation", ICL_TYPED(check_conservation), any_type},
    {"lemmaA5_positivity", ICL_TYPED(check_positivity), any_type},
    {"lemma54_pl", ICL_TYPED(check_pl), any_type},
    {"corA2_minimum", ICL_TYPED(check_minimum), any_type},
    {"von_oswald", ICL_TYPED(check_von_oswald), any_type},
    {"rates", ICL_TYPED(check_rates), any_type},
    {"cor43_bound", ICL_TYPED(check_cor43), any_type},
    {"thm45_random_cov", ICL_TYPED(check_thm45), any_type},
    {"expression", ICL_TYPED(check_expression), any_type},
    {"plateau_closed_form", ICL_TYPED(check_plateau_closed_form), any_type},
    {"plateau_length", ICL_TYPED(check_plateau_length), any_type},
    {"plateau_staircase", ICL_ANY(check_plateau_staircase<double>), plateau_double},
    {"plateau_remedy", ICL_ANY(check_plateau_remedy<double>), plateau_double},
    {"thm42_mc", ICL_ANY(check_thm42_mc), monte_carlo},
    {"shift_tolerated", ICL_ANY(check_shift_tolerated), monte_carlo},
    {"covariate_shift", ICL_ANY(check_covariate_shift), monte_carlo},
    {"orthogonal_query", ICL_ANY(check_orthogonal_query), monte_carlo},
    {"fig1_lsa_limit", ICL_ANY(check_fig1), monte_carlo},
    {"finite_sample_minimiser", ICL_ANY(check_finite_sample_minimiser), monte_carlo},
    {"exact_full_loss", ICL_ANY(check_exact_full_loss), rationals},
    {"exact_identity", ICL_ANY(check_exact_identity), rationals},
    {"exact_invariance", ICL_ANY(check_exact_invariance), rationals},
    {"exact_reduced", ICL_ANY(check_exact_reduced), rationals},
    {"exact_moments", ICL_ANY(check_exact_moments), rationals},
    {"exact_minimum", ICL_ANY(check_exact_minimum), rationals},
    {"exact_risk", ICL_ANY(check_exact_risk), rationals},
    {"exact_random_cov", ICL_ANY(check_exact_random_cov), rationals},
    {"orthogonal_query_gamma", ICL_ANY(check_orthogonal_query_gamma), monte_carlo},
    {"exact_footnote2", ICL_ANY(check_exact_footnote2), rationals},
    {"exact_cor43_threshold", ICL_ANY(check_exact_cor43_threshold), rationals},
    {"lemma51_nonconvex", ICL_TYPED(check_lemma51_nonconvex), "exact rationals (d <= 3), else the --type scalar"},
};
#undef ICL_TYPED
#undef ICL_ANY

// The plant table: which plants each family takes, and the wrong prediction each makes there. A
// theorem file naming a plant its family does not list is refused before any work. `expression`
// takes none: an expression claim plants by writing the wrong expression.
const std::vector<family_plant> plants = {
    {"thm41_limits", plant::gamma_without_trace, "limits u*, U* from Gamma = (1 + 1/N) Lambda: the tr(Lambda)/N term forgotten"},
    {"thm41_limits", plant::gamma_n_plus_1, "limits u*, U* from Gamma with 1/(N + 1) in place of 1/N"},
    {"thm41_sharpness", plant::gamma_n_plus_1, "limits u*, U* from Gamma with 1/(N + 1) in place of 1/N, judged against every proof of the sweep"},
    {"thm41_limits", plant::limit_scaled, "limits u*, U* scaled by (1 + 1e-30): refuted only above ~30 digits"},
    {"lemma52_invariance", plant::gamma_without_trace, "the reduced flow the full flow must match runs on Gamma = (1 + 1/N) Lambda"},
    {"lemmaA3_conservation", plant::wrong_invariant, "u^2 - 2 |U|_F^2 conserved in place of u^2 - |U|_F^2"},
    {"lemmaA5_positivity", plant::u_above_limit, "u(t)^2 >= |Gamma^-1|_F for all t in place of Lemma A.5's lower bound"},
    {"lemmaA5_positivity", plant::u2_bound_doubled, "Lemma A.5's lower bound on u(t)^2 doubled (sqrt(d) for 2 sqrt(d) in its denominator)"},
    {"lemma54_pl", plant::mu_without_sigma, "the PL constant mu without its sigma^2 factor"},
    {"lemma54_pl", plant::mu_op_not_squared, "the PL constant mu with |Lambda|_op in place of |Lambda|_op^2"},
    {"corA2_minimum", plant::gamma_without_trace, "L* and uU = Gamma^-1 with Gamma = (1 + 1/N) Lambda"},
    {"von_oswald", plant::von_oswald_d, "the gradient-descent step (1 + d/N)^-1 in place of (1 + (d+1)/N)^-1"},
    {"rates", plant::rate_n_minus_1, "the excess error falls like 1/N in place of 1/N^2"},
    {"rates", plant::gamma_without_trace, "the predicted constants from Gamma = (1 + 1/N) Lambda: the tr(Lambda)/N term forgotten"},
    {"rates", plant::gamma_n_plus_1, "the predicted constants from Gamma with 1/(N + 1) in place of 1/N"},
    {"rates", plant::rate_m_constant_d, "the 1/M constant d tr(Lambda) in place of (d + 1) tr(Lambda)"},
    {"cor43_bound", plant::cor43_without_n, "Corollary 4.3's bound without its 1/N^2 term, (d + 1) tr(Lambda)/M alone"},
    {"cor43_bound", plant::cor43_d_kappa, "Corollary 4.3's N-coefficient 1 + 2d + d kappa in place of 1 + 2d + d^2 kappa"},
    {"thm45_random_cov", plant::random_cov_consistent, "training on random covariances is consistent: error -> 0 as M, N -> inf"},
    {"plateau_closed_form", plant::plateau_gamma_one, "the logistic with gamma = 1: the (d + 1)/N term forgotten"},
    {"plateau_length", plant::plateau_gamma_one, "plateau lengths from the logistic with gamma = 1"},
    {"plateau_length", plant::escape_rate_op, "escape rate |Lambda^2|_op (the top eigenvalue alone) in place of |Lambda^2|_F"},
    {"plateau_staircase", plant::pcr_unweighted, "plateau levels T/2 - sum_(i<=m) lambda_i/2, without the lambda_i/g_i weights"},
    {"plateau_remedy", plant::remedy_no_gain, "the remedy does not change the plateau length"},
    {"thm42_mc", plant::gamma_to_lambda, "the trained predictor taken as Lambda^-1 instead of Gamma^-1"},
    {"shift_tolerated", plant::gamma_to_lambda, "the trained predictor taken as Lambda^-1 instead of Gamma^-1"},
    {"covariate_shift", plant::covariate_tolerated, "covariate scaling is tolerated: the error -> 0 as M, N -> infinity"},
    {"orthogonal_query", plant::query_in_span, "prediction 0 claimed for a query in general position, not orthogonal to the prompt"},
    {"fig1_lsa_limit", plant::random_cov_consistent, "the finite-M error of the N -> infinity model is 0 (consistent training)"},
    {"exact_full_loss", plant::gamma_n_plus_1, "the closed-form loss with 1/(N + 1) in place of 1/N"},
    {"exact_full_loss", plant::drop_eight_term, "the closed-form loss without its 8 a^T Lambda S Lambda S Lambda a term"},
    {"exact_full_loss", plant::no_query_column, "the engine builds E without the query column: the loss of another model"},
    {"exact_identity", plant::gamma_n_plus_1, "the closed-form loss with 1/(N + 1) in place of 1/N, against the lattice proof"},
    {"exact_invariance", plant::invariant_b, "dL/db also vanishes on a = c = 0"},
    {"exact_reduced", plant::gamma_n_plus_1, "the reduced loss and gradient with Gamma from N + 1"},
    {"exact_moments", plant::gamma_n_plus_1, "the Wishart identities with 1/(M + 1) in place of 1/M"},
    {"exact_minimum", plant::gamma_n_plus_1, "L* and the minimisers b C = Gamma^-1 with Gamma from N + 1"},
    {"exact_risk", plant::gamma_n_plus_1, "the error formulas with Gamma from N + 1"},
    // Plants on the measured side: the prediction is right and the model's loss is wrong.
    {"thm41_limits", plant::model_gamma_n_plus_1, "the flow integrates the loss with Gamma from N + 1 (the model wrong, the prediction right)"},
    {"corA2_minimum", plant::model_gamma_n_plus_1, "the flow integrates the loss with Gamma from N + 1 (the model wrong, the prediction right)"},
    {"lemma52_invariance", plant::model_gamma_n_plus_1, "the full flow's dense loss with Gamma from N + 1 (the model wrong, the reduced prediction right)"},
    {"covariate_shift", plant::covariance_times_c, "covariates scaled by c taken as covariance c Lambda, not c^2 Lambda"},
    {"plateau_remedy", plant::remedy_ratio_5pct, "the predicted plateau-length ratio of the remedy 5% too large"},
    {"orthogonal_query_gamma", plant::gamma_to_lambda, "the query made Lambda^-1-orthogonal to the prompt, not Gamma^-1-orthogonal"},
    {"thm45_random_cov", plant::model_rc_diagonal_1_over_n, "the flow integrates a random-covariance loss whose gamma_i has lambda_i for (1 + 1/N) lambda_i (the model wrong, the prediction right)"},
    {"thm45_random_cov", plant::rc_kappa_u_not_squared, "Lemma C.8's PL constant 2 min{a_i, c_ij} u_low with the bound on u, not on u^2"},
    {"thm45_random_cov", plant::rc_u2_bound_doubled, "Lemma C.7's lower bound on u^2 doubled"},
    {"thm45_random_cov", plant::rc_balance_double, "u^2 - 2|U|_F^2 conserved in place of u^2 - |U|_F^2 (Lemma C.5)"},
    {"exact_random_cov", plant::model_rc_diagonal_1_over_n, "the model's gamma_i with lambda_i for (1 + 1/N) lambda_i in Gamma_tau's diagonal"},
    {"covariate_shift", plant::covariate_limit_not_squared, "the M, N -> infinity excess c^2 (c^2 - 1) tr Lambda in place of c^2 (c^2 - 1)^2 tr Lambda"},
    {"covariate_shift", plant::covariate_drop_1_over_m, "the covariate-scaling error law with (1 + 1/M) -> 1 (5.6% at c = 1.7)"},
    {"thm45_random_cov", plant::random_cov_drop_1_over_m, "the random-covariance error with (1 + 1/M) -> 1 (2.6% to 7.5% here)"},
    {"fig1_lsa_limit", plant::random_cov_drop_1_over_m, "the finite-M error with (1 + 1/M) -> 1 (0.60% to 0.92% at M = 200)"},
    {"thm42_mc", plant::risk_scaled_half_percent, "the predicted error 0.5% too large"},
    {"shift_tolerated", plant::risk_scaled_half_percent, "the predicted error 0.5% too large"},
    {"exact_footnote2", plant::gd_gap_zero, "one gradient-descent step with the best scalar step is as good as the trained layer: gap 0 for every Lambda"},
    {"exact_cor43_threshold", plant::rate_m_constant_d, "Corollary 4.3's M-term d tr(Lambda)/M in place of (d + 1) tr(Lambda)/M: its M(eta) falls below the exact one"},
    {"finite_sample_minimiser", plant::gamma_to_lambda, "the empirical minimiser converges to Lambda^-1: the finite-N terms of Gamma forgotten"},
    {"finite_sample_minimiser", plant::rate_n_minus_1, "the distance to the population minimiser falls like 1/B (slope -1) in place of B^-1/2"},
    {"lemma51_nonconvex", plant::hessian_count_d, "the Hessian at the origin has exactly d negative eigenvalues, not at least d + 1"},
};

std::string joined(const std::vector<std::string>& v) {
  std::string all;
  for (const auto& x : v) all += (all.empty() ? "" : ", ") + x;
  return all;
}

// A planted falsehood its family cannot make is a mistake in the theorem file, not a FAIL to report.
void validate_plant(const claim_spec& c) {
  if (c.plant.empty() || family_takes(c.check, parse_plant(c.plant))) return;
  std::vector<std::string> names;
  for (const auto& fp : plants_of(c.check)) names.push_back(plant_name(fp.p));
  throw spec_error(c.file, c.plant_line, "plant",
                   "claim family '" + c.check + "' takes no plant '" + c.plant + "' (" +
                       (names.empty() ? std::string("it takes none") : "it takes: " + joined(names)) + ")");
}

}  // namespace

const std::vector<claim_family>& claim_families() { return families; }
const std::vector<family_plant>& plant_table() { return plants; }

std::vector<std::string> check_names() {
  std::vector<std::string> v;
  for (const auto& f : families) v.push_back(f.name);
  return v;
}

const claim_family* find_family(const std::string& check) {
  for (const auto& f : families)
    if (check == f.name) return &f;
  return nullptr;
}

std::vector<family_plant> plants_of(const std::string& family) {
  std::vector<family_plant> v;
  for (const auto& fp : plants)
    if (family == fp.family) v.push_back(fp);
  return v;
}

bool family_takes(const std::string& family, plant p) {
  // Every family multiplies its prediction by 1 + EPS under scale:EPS (docs/THEORY.md §9.3).
  if (p == plant::none || p == plant::scale) return true;
  for (const auto& fp : plants)
    if (family == fp.family && fp.p == p) return true;
  return false;
}

check_fn find_check(const claim_spec& c, scalar_kind k) {
  const claim_family* f = find_family(c.check);
  if (!f)
    throw spec_error(c.file, c.check_line, "check", "unknown claim family '" + c.check + "' (" + joined(check_names()) + ")");
  validate_plant(c);
  return f->fns[static_cast<int>(k)];
}

bool glob_match(const std::string& pattern, const std::string& text) {
  return pattern.empty() || fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// A planted falsehood must FAIL; anything else (PASS, or a hypothesis that let it off) is a defect of
// the check. INCONCLUSIVE stays what it is: the run decided nothing.
static void expected_failure(const claim_spec& c, check_result& r) {
  const std::string plant = c.expr ? "predict = \"" + c.expr->predict.text + "\""
                            : !c.finding.empty() ? "finding: " + c.finding
                                                 : c.plant;
  if (r.v == verdict::fail) {
    r.v = verdict::rejected;
    r.brief = (c.finding.empty() ? "rejected as expected (plant " : "false as found (") + plant + "): " + r.brief;
  } else if (r.v == verdict::pass || r.v == verdict::not_applicable) {
    r.brief = std::string(c.finding.empty() ? "planted falsehood " : "statement expected false, ") + plant + " was NOT rejected (" +
              verdict_name(r.v) + "): " + r.brief;
    r.v = verdict::fail;
    r.key_figure = "not rejected";
  }
}

check_fn prepare_claim(const claim_spec& c, scalar_kind k) {
  check_fn fn = find_check(c, k);
  if (c.expr) validate_expression_claim(c);
  for (const auto& in : c.instances) {
    // Materialise every problem now so an impossible Λ is refused before any work.
    try {
      (void)make_problem<double>(in.lambda, in.N);
      if (c.check.rfind("exact_", 0) == 0) (void)make_exact_problem(in.lambda, in.N);
    } catch (const usage_error& e) {
      throw spec_error(c.file, in.lambda_line, "lambda", e.what());
    }
  }
  return fn;
}

check_result run_instance(const claim_spec& c, const instance_spec& in, check_fn fn, const check_context& base) {
  check_result r;
  const auto t0 = std::chrono::steady_clock::now();
  check_context ctx = base;
  if (!c.plant.empty()) set_plant(ctx, c.plant);  // a falsification file brings its own
  if (in.max_steps) ctx.max_steps = *in.max_steps;
  if (in.max_seconds) ctx.max_seconds = *in.max_seconds;
  try {
    r = fn(c, in, ctx);
  } catch (const std::exception& e) {
    r.claim = c.id;
    r.instance = in.name;
    r.v = verdict::inconclusive;
    r.brief = std::string("run failed: ") + e.what();
    r.key_figure = "error";
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.seed = in.seed;
  if (c.expect_fail) expected_failure(c, r);
  return r;
}

std::vector<check_result> run_catalog(const std::vector<std::string>& files, const run_options& o) {
  std::vector<claim_spec> claims;
  claims.reserve(files.size());
  for (const auto& f : files) claims.push_back(load_theorem_file(f));
  return run_claims(claims, o);
}

std::vector<check_result> run_claims(const std::vector<claim_spec>& claims, const run_options& o,
                                     const std::function<bool(const claim_spec&, const instance_spec&)>& skip) {
  struct job {
    check_fn fn;
    const claim_spec* claim;
    const instance_spec* inst;
  };
  std::vector<job> jobs;
  std::size_t skipped = 0;
  for (const auto& c : claims) {
    check_fn fn = prepare_claim(c, o.kind);
    for (const auto& in : c.instances) {
      if (!glob_match(o.filter, c.id + "/" + in.name)) continue;
      if (skip && skip(c, in))
        ++skipped;
      else
        jobs.push_back({fn, &c, &in});
    }
  }
  if (jobs.empty() && skipped) return {};
  if (jobs.empty()) throw usage_error("--filter '" + o.filter + "' matches no instance (patterns are claim-id/instance)");
  std::vector<check_result> out(jobs.size());
  const run_memo_scope shared_results;  // claims of this run share flows they would integrate twice
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex m;
  auto worker = [&] {
    for (std::size_t i; (i = next++) < jobs.size();) {
      out[i] = run_instance(*jobs[i].claim, *jobs[i].inst, jobs[i].fn, o.ctx);
      std::lock_guard<std::mutex> lk(m);
      ++done;
      if (o.on_result) o.on_result(out[i], done, jobs.size());
    }
  };
  auto thread_body = [&] {
    worker();
    mpfr_free_cache();  // MPFR keeps per-thread constant caches; a pool thread must free its own
  };
  std::vector<std::thread> pool;
  const int n = std::max(1, std::min<int>(o.jobs, static_cast<int>(jobs.size())));
  for (int k = 0; k < n; ++k) pool.emplace_back(thread_body);
  for (auto& t : pool) t.join();
  return out;
}

}  // namespace icl
