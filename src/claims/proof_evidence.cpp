#include "claims/proof_evidence.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "proof/judge_limit.hpp"

namespace icl {

namespace {
// A catalog run is reproducible only under a deterministic budget: Taylor steps, not seconds. The
// d <= 20 instances of the catalog prove in a few hundred steps; the stiff ones do not in any budget
// worth spending here (README, known limits).
constexpr long catalog_proof_steps = 2000;
}  // namespace

void add_limit_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& u_star, const mat<mpfr>& U_star) {
  auto skip = [&](const std::string& why) { r.numbers.push_back({"proof", "not run: " + why}); };
  if (!in.init.paper || !in.init.theta.identity) return skip("the proof covers ZFB's start with Theta Theta^T = I/sqrt(d)");
  try {
    require_provable(in.lambda);
  } catch (const usage_error&) {
    return skip("the proof covers a diagonal Lambda");
  }
  proof_instance pi;
  pi.lambda = in.lambda;
  pi.N = in.N;
  pi.sigma = in.init.sigma;
  pi.model_n_plus_1 = pl == plant::model_gamma_n_plus_1;
  pi.working_digits = mpfr_working_digits();
  pi.max_steps = catalog_proof_steps;
  const proof_outcome o = prove_limit(pi);
  const limit_judgement j = judge_limit(o, u_star, U_star, mpfr_digits() - 8);
  r.numbers.push_back({"proof", proof_verdict_name(j.verdict)});
  r.numbers.push_back({"proof_reason", j.why});
  r.numbers.push_back({"proof_T", o.t_end});
  r.numbers.push_back({"proof_steps", std::to_string(o.steps)});
  r.numbers.push_back({"proof_width_at_T", radius_upper_text(o.width_T)});
  if (o.converged) {
    r.numbers.push_back({"proof_contraction_rate", o.kappa});
    r.numbers.push_back({"proof_limit_radius", radius_upper_text(o.radius)});
    r.brief += fmt::format("; ball-arithmetic proof: {}, limit radius {}", proof_verdict_name(j.verdict),
                           radius_upper_text(o.radius));
  } else {
    r.brief += fmt::format("; ball-arithmetic proof: {} ({})", proof_verdict_name(j.verdict), j.why);
  }
  // A rigorous enclosure that excludes the closed form outranks floating-point agreement.
  if (j.verdict == proof_verdict::disproved && r.v != verdict::fail) {
    r.v = verdict::fail;
    r.brief = "the ball-arithmetic enclosure of the limit excludes the closed form (" + j.why + "); " + r.brief;
  }
}

}  // namespace icl
