#include "claims/proof_evidence.hpp"

#include <fmt/format.h>

#include <future>
#include <map>
#include <mutex>

#include "core/errors.hpp"
#include "proof/judge_limit.hpp"

namespace icl {

namespace {
// A catalog run is reproducible only under a deterministic budget: Taylor steps, not seconds. The
// d <= 20 instances of the catalog prove in a few hundred steps (701 at most); the stiff ones do not
// in any budget worth spending here (README, known limits).
constexpr long catalog_proof_steps = 1000;

// One proof per instance and process: zfb.thm4.1, zfb.corA.2 and zfb.lemmaA.3 read the same
// enclosures, and a catalog run asks for each from up to --jobs threads at once (the first computes,
// the others wait for its result). The key holds everything prove_limit reads.
std::shared_future<proof_outcome> shared_proof(const proof_instance& pi) {
  static std::mutex m;
  static std::map<std::string, std::shared_future<proof_outcome>> done;
  const std::string key = fmt::format("{}|{}|{}|{}|{}|{}", pi.lambda.text, pi.N, pi.sigma, pi.model_n_plus_1,
                                      pi.working_digits, pi.max_steps);
  std::promise<proof_outcome> mine;
  {
    std::lock_guard<std::mutex> lock(m);
    if (auto it = done.find(key); it != done.end()) return it->second;
    done.emplace(key, mine.get_future().share());
  }
  try {
    mine.set_value(prove_limit(pi));
  } catch (...) {
    mine.set_exception(std::current_exception());
  }
  std::lock_guard<std::mutex> lock(m);
  return done.at(key);
}

// The proof of this instance, or nullptr (with the reason in the evidence) where it does not apply.
const proof_outcome* proof_of(check_result& r, const instance_spec& in, plant pl,
                              std::shared_future<proof_outcome>& holder) {
  auto skip = [&](const std::string& why) {
    r.numbers.push_back({"proof", "not run: " + why});
    return nullptr;
  };
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
  holder = shared_proof(pi);
  return &holder.get();
}

void add_data(check_result& r, const proof_outcome& o, const limit_judgement& j, const std::string& what) {
  r.numbers.push_back({"proof", proof_verdict_name(j.verdict)});
  r.numbers.push_back({"proof_covers", limit_proof_covers});
  r.numbers.push_back({"proof_reason", j.why});
  r.numbers.push_back({"proof_T", o.t_end});
  r.numbers.push_back({"proof_steps", std::to_string(o.steps)});
  r.numbers.push_back({"proof_width_at_T", radius_upper_text(o.width_T)});
  if (o.converged) {
    r.numbers.push_back({"proof_contraction_rate", o.kappa});
    r.numbers.push_back({"proof_limit_radius", radius_upper_text(o.radius)});
  }
  r.brief += fmt::format("; ball-arithmetic proof ({}): {} ({})", what, proof_verdict_name(j.verdict), j.why);
  // A rigorous enclosure that excludes the closed form outranks floating-point agreement.
  if (j.verdict == proof_verdict::disproved && r.v != verdict::fail) {
    r.v = verdict::fail;
    r.brief = "the ball-arithmetic enclosure excludes the closed form (" + j.why + "); " + r.brief;
  }
}

}  // namespace

void add_limit_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& u_star, const mat<mpfr>& U_star) {
  std::shared_future<proof_outcome> holder;
  const proof_outcome* o = proof_of(r, in, pl, holder);
  if (!o) return;
  add_data(r, *o, judge_limit(*o, u_star, U_star, mpfr_digits() - 8), "the limit of W^PV, W^KQ");
}

void add_loss_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& L_star, const mpfr& u_star) {
  std::shared_future<proof_outcome> holder;
  const proof_outcome* o = proof_of(r, in, pl, holder);
  if (!o) return;
  if (o->converged) r.numbers.push_back({"proof_loss_at_limit", o->loss_limit});
  add_data(r, *o, judge_loss_limit(*o, L_star, u_star, mpfr_digits() - 8), "the loss at the limit");
}

void add_conservation_proof(check_result& r, const instance_spec& in, plant pl, long k) {
  std::shared_future<proof_outcome> holder;
  const proof_outcome* o = proof_of(r, in, pl, holder);
  if (!o) return;
  r.numbers.push_back({"proof_u_at_T", o->u_T});
  r.numbers.push_back({"proof_frob2_U_at_T", o->frob2_U_T});
  add_data(r, *o, judge_conserved(*o, k, mpfr_digits() - 8), "u^2 - |U|^2 at T");
}

void add_product_proof(check_result& r, const instance_spec& in, plant pl, const mpfr& step) {
  std::shared_future<proof_outcome> holder;
  const proof_outcome* o = proof_of(r, in, pl, holder);
  if (!o) return;
  add_data(r, *o, judge_product_limit(*o, step, mpfr_digits() - 8), "uU at the limit");
}

}  // namespace icl
