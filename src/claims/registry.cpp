#include "claims/registry.hpp"

#include <atomic>
#include <chrono>
#include <fnmatch.h>
#include <mpfr.h>
#include <mutex>
#include <thread>

#include "claims/exact_claims.hpp"
#include "claims/expression_check.hpp"
#include "claims/plateau_claims.hpp"
#include "claims/risk_claims.hpp"
#include "core/errors.hpp"
#include "core/instantiate.hpp"

namespace icl {

namespace {
struct family {
  const char* name;
  check_fn fns[4];  // double, long double, float128, mpfr
};
#define ICL_FAMILY(name, fn) {name, {&fn<double>, &fn<long double>, &fn<float128>, &fn<mpfr>}}
#define ICL_SAME(name, fn) {name, {&fn, &fn, &fn, &fn}}
const family families[] = {
    ICL_FAMILY("thm41_limits", check_thm41_limits),
    ICL_FAMILY("lemma52_invariance", check_invariance),
    ICL_FAMILY("lemmaA3_conservation", check_conservation),
    ICL_FAMILY("lemmaA5_positivity", check_positivity),
    ICL_FAMILY("lemma54_pl", check_pl),
    ICL_FAMILY("corA2_minimum", check_minimum),
    ICL_FAMILY("von_oswald", check_von_oswald),
    ICL_FAMILY("rates", check_rates),
    ICL_FAMILY("cor43_bound", check_cor43),
    ICL_FAMILY("thm45_random_cov", check_thm45),
    ICL_FAMILY("expression", check_expression),
    ICL_FAMILY("plateau_closed_form", check_plateau_closed_form),
    ICL_FAMILY("plateau_length", check_plateau_length),
    // Plateau explorations measure dwell times and time ratios to a few digits against tolerances
    // of percents: they run in double whatever --type says (at 50 digits they cost minutes, not ms).
    ICL_SAME("plateau_staircase", check_plateau_staircase<double>),
    ICL_SAME("plateau_remedy", check_plateau_remedy<double>),
    // Monte Carlo claims run their flow and sampling in double whatever --type says.
    ICL_SAME("thm42_mc", check_thm42_mc),
    ICL_SAME("shift_tolerated", check_shift_tolerated),
    ICL_SAME("covariate_shift", check_covariate_shift),
    ICL_SAME("orthogonal_query", check_orthogonal_query),
    ICL_SAME("fig1_lsa_limit", check_fig1),
    // Exact claims run over the rationals whatever --type says.
    ICL_SAME("exact_full_loss", check_exact_full_loss),
    ICL_SAME("exact_invariance", check_exact_invariance),
    ICL_SAME("exact_reduced", check_exact_reduced),
    ICL_SAME("exact_moments", check_exact_moments),
    ICL_SAME("exact_minimum", check_exact_minimum),
    ICL_SAME("exact_risk", check_exact_risk),
};
}  // namespace

std::vector<std::string> check_names() {
  std::vector<std::string> v;
  for (const auto& f : families) v.push_back(f.name);
  return v;
}

check_fn find_check(const claim_spec& c, scalar_kind k) {
  for (const auto& f : families)
    if (c.check == f.name) return f.fns[static_cast<int>(k)];
  std::string all;
  for (const auto& n : check_names()) all += (all.empty() ? "" : ", ") + n;
  throw spec_error(c.file, c.check_line, "check", "unknown claim family '" + c.check + "' (" + all + ")");
}

bool glob_match(const std::string& pattern, const std::string& text) {
  return pattern.empty() || fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// A planted falsehood must FAIL; anything else (PASS, or a hypothesis that let it off) is a defect of
// the check. INCONCLUSIVE stays what it is: the run decided nothing.
static void expected_failure(const claim_spec& c, check_result& r) {
  const std::string plant = c.expr ? "predict = \"" + c.expr->predict.text + "\"" : c.plant;
  if (r.v == verdict::fail) {
    r.v = verdict::rejected;
    r.brief = "rejected as expected (plant " + plant + "): " + r.brief;
  } else if (r.v == verdict::pass || r.v == verdict::not_applicable) {
    r.brief = std::string("planted falsehood ") + plant + " was NOT rejected (" + verdict_name(r.v) + "): " + r.brief;
    r.v = verdict::fail;
    r.key_figure = "not rejected";
  }
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
    check_fn fn = find_check(c, o.kind);
    if (c.expr) validate_expression_claim(c);
    for (const auto& in : c.instances) {
      // Materialise every problem now so an impossible Λ is refused before any work.
      try {
        (void)make_problem<double>(in.lambda, in.N);
        if (c.check.rfind("exact_", 0) == 0) (void)make_exact_problem(in.lambda, in.N);
      } catch (const usage_error& e) {
        throw spec_error(c.file, in.lambda_line, "lambda", e.what());
      }
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
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex m;
  auto worker = [&] {
    for (std::size_t i; (i = next++) < jobs.size();) {
      check_result r;
      const auto t0 = std::chrono::steady_clock::now();
      const claim_spec& c = *jobs[i].claim;
      check_context ctx = o.ctx;
      if (!c.plant.empty()) ctx.planted = parse_plant(c.plant);  // a falsification file brings its own
      if (jobs[i].inst->max_steps) ctx.max_steps = *jobs[i].inst->max_steps;
      if (jobs[i].inst->max_seconds) ctx.max_seconds = *jobs[i].inst->max_seconds;
      try {
        r = jobs[i].fn(c, *jobs[i].inst, ctx);
      } catch (const std::exception& e) {
        r.claim = jobs[i].claim->id;
        r.instance = jobs[i].inst->name;
        r.v = verdict::inconclusive;
        r.brief = std::string("run failed: ") + e.what();
        r.key_figure = "error";
      }
      r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      r.seed = jobs[i].inst->seed;
      if (c.expect_fail) expected_failure(c, r);
      out[i] = r;
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
