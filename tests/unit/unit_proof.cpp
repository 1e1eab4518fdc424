// The proofs of src/proof (docs/THEORY.md §3.9): ball arithmetic against a solution known in closed
// form, the limit PROVED where Theorem 4.1 holds and DISPROVED where the closed form or the model's Γ
// is planted wrong.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "core/errors.hpp"
#include "proof/judge_limit.hpp"
#include "proof/limit_tail.hpp"
#include "proof/prove_plateau.hpp"
#include "proof/prove_limit.hpp"
#include "proof/validated_flow.hpp"
#include "theory/zfb.hpp"

using namespace icl;
using namespace icl::proof;

namespace {

// Λ = I_d: every g_i = γ = 1 + (d + 1)/N (§3.3).
diagonal_flow identity_flow(int d, long N) {
  diagonal_flow f;
  for (int i = 0; i < d; ++i) {
    f.a.push_back(ball(1));
    f.g.push_back(ball(1) + ball(d + 1) / ball(N));
  }
  return f;
}

// §8.2, written here from the formula: u(t)² = √d s(t), s = e^{2√d t}/(γ(e^{2√d t} − 1) + √d/σ²),
// with σ = 1/20, at 128 bits beyond the flow's precision so that containment (not mere overlap)
// can be asked of the enclosure.
ball logistic_u2_ball(int d, long N, const ball& t) {
  ball_precision finer(ball_precision::bits() + 128);
  const ball sigma = ball(1) / ball(20);
  const ball rd = sqrt(ball(d));
  const ball gamma = ball(1) + ball(d + 1) / ball(N);
  const ball e = exp(ball(2) * rd * t);
  return rd * e / (gamma * (e - ball(1)) + rd / (sigma * sigma));
}

struct logistic_run {
  double final_width = 0;
  int checked = 0, inside = 0;
};

// Integrates the Λ = I flow from σ = 1/20 to t >= 4, checking the closed form at every step's end.
logistic_run logistic_at(long bits) {
  ball_precision prec(bits);
  const int d = 4;
  const long N = 31;
  const diagonal_flow f = identity_flow(d, N);
  const ball sigma = ball(1) / ball(20);
  std::vector<ball> x0(d + 1);
  x0[0] = sigma;
  for (int i = 0; i < d; ++i) x0[1 + i] = sigma / sqrt(ball(d));
  validated_flow flow(f, x0, static_cast<int>(bits / 8));
  logistic_run r;
  std::string why;
  while (flow.t().mid_double() < 4) {
    REQUIRE_MESSAGE(flow.step(why), why);
    const ball exact = logistic_u2_ball(d, N, flow.t());
    const ball u2 = flow.x()[0] * flow.x()[0];
    ++r.checked;
    if (u2.contains(exact)) ++r.inside;
    else MESSAGE("t = " << flow.t().to_string(20) << ": " << u2.to_string(40) << " does not contain " << exact.to_string(40));
  }
  r.final_width = flow.width();
  return r;
}

proof_instance instance(const std::string& lambda, long N, const std::string& sigma) {
  proof_instance in;
  in.lambda = parse_lambda_spec(lambda);
  in.N = N;
  in.sigma = sigma;
  in.working_digits = mpfr_working_digits();
  in.max_seconds = 120;
  return in;
}

limit_judgement judge(const proof_outcome& o, const std::string& lambda, long N, plant pl = plant::none,
                      const std::string& scale = "", int required = 0) {
  const problem<mpfr> p = make_problem<mpfr>(parse_lambda_spec(lambda), N);
  const zfb_theory<mpfr> th(p, pl);
  mpfr u = th.u_star;
  mat<mpfr> U = th.U_star_original(p);
  if (!scale.empty()) {
    u *= mpfr(scale);
    U *= mpfr(scale);
  }
  return judge_limit(o, u, U, required > 0 ? required : mpfr_digits() - 8);
}

}  // namespace

TEST_CASE("the Lambda = I logistic lies inside the enclosure at every step, and the radius shrinks with precision") {
  const logistic_run lo = logistic_at(128), hi = logistic_at(256);
  CHECK(lo.checked > 5);
  CHECK(lo.inside == lo.checked);
  CHECK(hi.inside == hi.checked);
  MESSAGE("final width: " << lo.final_width << " at 128 bits, " << hi.final_width << " at 256 bits");
  CHECK(lo.final_width < 1e-25);
  // 128 more bits must buy at least 100 bits (30 digits) of radius.
  CHECK(hi.final_width < lo.final_width * 1e-30);
}

TEST_CASE("an enclosure that leaves out the exact solution is noticed: a wrong gamma breaks containment") {
  // The same flow with γ taken one N too large encloses a different curve; the check above must
  // then fail somewhere, or it could not fail at all.
  ball_precision prec(128);
  const int d = 4;
  const long N = 31;
  diagonal_flow f = identity_flow(d, N + 1);
  const ball sigma = ball(1) / ball(20);
  std::vector<ball> x0(d + 1);
  x0[0] = sigma;
  for (int i = 0; i < d; ++i) x0[1 + i] = sigma / sqrt(ball(d));
  validated_flow flow(f, x0, 16);
  std::string why;
  int outside = 0;
  while (flow.t().mid_double() < 4) {
    REQUIRE(flow.step(why));
    if (!(flow.x()[0] * flow.x()[0]).contains(logistic_u2_ball(d, N, flow.t()))) ++outside;
  }
  CHECK(outside > 0);
}

TEST_CASE("the tail is not proved far from the equilibrium") {
  ball_precision prec(128);
  const diagonal_flow f = identity_flow(3, 10);
  const ball sigma = ball(1) / ball(1000);
  std::vector<ball> x0(4);
  x0[0] = sigma;
  for (int i = 0; i < 3; ++i) x0[1 + i] = sigma / sqrt(ball(3));
  const tail_proof t = prove_tail(f, ball(0), x0);
  CHECK_FALSE(t.ok);
  CHECK(!t.why.empty());
}

TEST_CASE("Theorem 4.1's limit is PROVED on d = 2..5 instances") {
  set_mpfr_digits(40);
  struct row {
    std::string lambda;
    long N;
    std::string sigma;
  };
  const row rows[] = {{"0.5,2", 5, "0.1"},
                      {"0.5,1,2", 5, "auto"},
                      {"linspace:0.5:2:4", 10, "0.01"},
                      {"geomspace:0.25:4:5", 20, "0.1"}};
  for (const auto& r : rows) {
    CAPTURE(r.lambda);
    const proof_outcome o = prove_limit(instance(r.lambda, r.N, r.sigma));
    REQUIRE_MESSAGE(o.converged, o.why);
    CHECK(o.radius < 1e-40);
    const limit_judgement j = judge(o, r.lambda, r.N);
    CHECK_MESSAGE(j.verdict == proof_verdict::proved, j.why);
  }
}

TEST_CASE("planted falsehoods are DISPROVED: the limit scaled by 1 + 1e-25, Gamma with N + 1 on either side") {
  set_mpfr_digits(40);
  const std::string lambda = "0.5,1,2";
  const long N = 40;
  const proof_outcome o = prove_limit(instance(lambda, N, "0.1"));
  REQUIRE_MESSAGE(o.converged, o.why);
  CHECK(judge(o, lambda, N).verdict == proof_verdict::proved);
  CHECK(judge(o, lambda, N, plant::none, "1.0000000000000000000000001").verdict == proof_verdict::disproved);
  CHECK(judge(o, lambda, N, plant::limit_scaled).verdict == proof_verdict::disproved);
  CHECK(judge(o, lambda, N, plant::gamma_n_plus_1).verdict == proof_verdict::disproved);
  proof_instance wrong_model = instance(lambda, N, "0.1");
  wrong_model.model_n_plus_1 = true;
  const proof_outcome m = prove_limit(wrong_model);
  REQUIRE_MESSAGE(m.converged, m.why);
  CHECK(judge(m, lambda, N).verdict == proof_verdict::disproved);
}

TEST_CASE("Corollary A.2's minimum and Lemma A.3's invariant on the proof's enclosures; their plants DISPROVED") {
  set_mpfr_digits(40);
  const proof_outcome o = prove_limit(instance("0.5,1,2", 40, "0.1"));
  REQUIRE_MESSAGE(o.converged, o.why);
  // L* = T/2 - (1/2) sum lambda_i^2 / gamma_i, gamma_i = (1 + 1/N) lambda_i + T/N, written out here.
  const mpfr lam[3] = {mpfr("0.5"), mpfr(1), mpfr(2)};
  const mpfr N(40), T = lam[0] + lam[1] + lam[2];
  auto min_loss = [&](bool with_trace) {
    mpfr L = T / 2;
    for (const auto& l : lam) L -= l * l / ((1 + 1 / N) * l + (with_trace ? T / N : mpfr(0))) / 2;
    return L;
  };
  mpfr gsum = 0;  // u* = (sum gamma_i^-2)^(1/4), the scale
  for (const auto& l : lam) gsum += 1 / (((1 + 1 / N) * l + T / N) * ((1 + 1 / N) * l + T / N));
  const mpfr u_star = sqrt(sqrt(gsum));
  const limit_judgement right = judge_loss_limit(o, min_loss(true), u_star, 32);
  CHECK_MESSAGE(right.verdict == proof_verdict::proved, right.why);
  CHECK(judge_loss_limit(o, min_loss(false), u_star, 32).verdict == proof_verdict::disproved);
  CHECK(judge_loss_limit(o, min_loss(true) * mpfr("1.0000000000000000000000001"), u_star, 32).verdict ==
        proof_verdict::disproved);
  const limit_judgement kept = judge_conserved(o, 1, 32);
  CHECK_MESSAGE(kept.verdict == proof_verdict::proved, kept.why);
  CHECK(judge_conserved(o, 2, 32).verdict == proof_verdict::disproved);
}

TEST_CASE("von Oswald's step for Lambda = I on the proof's enclosure; the step with d for d + 1 DISPROVED") {
  set_mpfr_digits(40);
  const proof_outcome o = prove_limit(instance("1,1,1", 2, "0.1"));
  REQUIRE_MESSAGE(o.converged, o.why);
  const limit_judgement right = judge_product_limit(o, mpfr(1) / (1 + mpfr(3 + 1) / 2), 32);
  CHECK_MESSAGE(right.verdict == proof_verdict::proved, right.why);
  CHECK(judge_product_limit(o, mpfr(1) / (1 + mpfr(3) / 2), 32).verdict == proof_verdict::disproved);
}

TEST_CASE("a failed proof is INCONCLUSIVE with its reason") {
  set_mpfr_digits(40);
  proof_instance in = instance("0.5,1,2", 5, "0.001");
  in.max_seconds = 1e-9;  // no time to reach the tail
  const proof_outcome o = prove_limit(in);
  CHECK_FALSE(o.converged);
  const limit_judgement j = judge(o, "0.5,1,2", 5);
  CHECK(j.verdict == proof_verdict::inconclusive);
  CHECK(j.why.find("time budget") != std::string::npos);
}

TEST_CASE("prove refuses a non-diagonal covariance before any work") {
  lambda_spec s = matrix_lambda_spec({{"2", "0.5"}, {"0.5", "1"}}, "in-test");
  CHECK_THROWS_AS(require_provable(s), usage_error);
  lambda_spec diag = matrix_lambda_spec({{"2", "0"}, {"0", "1"}}, "in-test");
  CHECK_NOTHROW(require_provable(diag));
}

TEST_CASE("PROVED rests on the enclosure, not on the allowance: with the closed form 20 digits finer, it is within the radius") {
  set_mpfr_digits(80);  // the closed form at 100 working digits
  const std::string lambda = "0.5,1,2";
  const long N = 40;
  proof_instance in = instance(lambda, N, "0.1");
  in.working_digits = 60;  // the balls at 60 digits
  const proof_outcome o = prove_limit(in);
  REQUIRE_MESSAGE(o.converged, o.why);
  const limit_judgement j = judge(o, lambda, N, plant::none, "", 52);
  CHECK_MESSAGE(j.verdict == proof_verdict::proved, j.why);
  CHECK(j.allowance < 1e-70);
  // u* > 1 here, so the relative distance bounds the absolute one.
  MESSAGE("distance " << j.distance << ", radius " << o.radius);
  CHECK(j.distance <= o.radius);
  CHECK(o.radius < 1e-55);
}

TEST_CASE("the plateau logistic at finite times: PROVED through plateau, drop and tail; gamma = 1 and a 1e-30 scale DISPROVED") {
  set_mpfr_digits(40);
  // Λ = I_3, N = 10, w0 = 1e-10: γ = 1.4 and s reaches half its limit at
  // t = ln(√3/(1.4·1e-20) − 1)/(2√3) ≈ 13.35 (§8.2); the horizon 30 covers the tail.
  proof_instance flow = instance("1,1,1", 10, "1e-10");
  logistic_claim claim;
  claim.d = 3;
  claim.N = 10;
  claim.w0 = "1e-10";
  const plateau_proof right = prove_plateau(flow, "30", claim, 32);
  CHECK_MESSAGE(right.verdict == proof_verdict::proved, right.why);
  MESSAGE(right.why << "; " << right.steps << " steps, " << right.seconds << " s, width at T " << right.width_T);
  CHECK(right.plateau >= 3);
  CHECK(right.drop >= 3);
  CHECK(right.tail >= 3);
  CHECK(right.worst_relative_radius < 1e-40);

  claim.pl = plant::plateau_gamma_one;  // the (d + 1)/N term forgotten
  const plateau_proof wrong = prove_plateau(flow, "30", claim, 32);
  CHECK_MESSAGE(wrong.verdict == proof_verdict::disproved, wrong.why);

  claim.pl = plant::scale;  // the right formula times 1 + 1e-30: far outside an enclosure some 1e-55 wide
  claim.scale_eps = "1e-30";
  const plateau_proof scaled = prove_plateau(flow, "30", claim, 32);
  CHECK_MESSAGE(scaled.verdict == proof_verdict::disproved, scaled.why);

  // The measured side planted instead: the model's Γ built with N + 1, the closed form right.
  claim.pl = plant::none;
  flow.model_n_plus_1 = true;
  const plateau_proof model = prove_plateau(flow, "30", claim, 32);
  CHECK_MESSAGE(model.verdict == proof_verdict::disproved, model.why);
}

TEST_CASE("the plateau proof without the budget to reach its horizon is INCONCLUSIVE with the reason") {
  set_mpfr_digits(40);
  proof_instance flow = instance("1,1,1", 10, "1e-10");
  flow.max_steps = 5;
  logistic_claim claim;
  claim.d = 3;
  claim.N = 10;
  claim.w0 = "1e-10";
  const plateau_proof o = prove_plateau(flow, "30", claim, 32);
  CHECK(o.verdict == proof_verdict::inconclusive);
  CHECK(o.why.find("step budget") != std::string::npos);
}
