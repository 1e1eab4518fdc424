// Every claim family PASSes on a true statement and FAILs when one prediction is replaced by a
// plausible wrong one (a plant); runs that cannot decide are INCONCLUSIVE, never PASS.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "claims/registry.hpp"
#include "claims/risk_claims.hpp"
#include "core/errors.hpp"
#include "core/run_memo.hpp"
#include "dynamics/full_loss_hessian.hpp"
#include "sampling/empirical_minimiser.hpp"
#include "support.hpp"

using namespace icl;

namespace {

claim_spec claim(const std::string& check, const std::string& lambda, long N, const std::string& sigma,
                 std::optional<std::string> t_end = std::nullopt) {
  claim_spec c = one_instance_claim(check, lambda, N);
  c.instances.front().init.sigma = sigma;
  c.instances.front().t_end = t_end;
  return c;
}

check_result run(const claim_spec& c, scalar_kind k, plant pl = plant::none, double max_seconds = 600) {
  check_context ctx;
  ctx.planted = pl;
  ctx.max_seconds = max_seconds;
  return find_check(c, k)(c, c.instances.front(), ctx);
}

struct family_case {
  const char* check;
  const char* lambda;
  long N;
  const char* sigma;
  plant wrong;
};

// One true instance per family and the plant that must make it FAIL.
const family_case cases[] = {
    {"thm41_limits", "0.5,1,2", 5, "auto", plant::gamma_without_trace},
    {"thm41_limits", "0.5,1,2", 5, "auto", plant::gamma_n_plus_1},
    {"lemma52_invariance", "0.5,1.5", 4, "0.2", plant::gamma_without_trace},
    {"lemmaA3_conservation", "0.5,1,2", 5, "0.2", plant::wrong_invariant},
    {"lemmaA5_positivity", "0.5,1,2", 5, "0.2", plant::u_above_limit},
    {"lemma54_pl", "0.5,1,2", 5, "0.01", plant::mu_without_sigma},  // the bound is loose by ~150x: 1/σ² = 1e4 exceeds that
    // Where Lemma A.5's bound is tight (u²/bound = 1.00012 at t = 0): a bound twice too large shows.
    {"lemmaA5_positivity", "linspace:1:1:3", 10, "0.01", plant::u2_bound_doubled},
    // d = 1, the lemma's tightest case (slack 2.04): μ three times too large shows.
    {"lemma54_pl", "3", 5, "0.1", plant::mu_op_not_squared},
    {"corA2_minimum", "0.5,1,2", 5, "auto", plant::gamma_without_trace},
    {"von_oswald", "linspace:1:1:3", 4, "auto", plant::von_oswald_d},
};

}  // namespace

TEST_CASE("each claim family passes when true and fails on its planted wrong prediction, in double") {
  for (const auto& fc : cases) {
    const auto c = claim(fc.check, fc.lambda, fc.N, fc.sigma, std::string(fc.check) == "lemma52_invariance"
                                                                   ? std::optional<std::string>("10")
                                                                   : std::nullopt);
    const auto good = run(c, scalar_kind::dbl);
    INFO(fc.check << " (" << plant_name(fc.wrong) << "): " << good.brief);
    CHECK(good.v == verdict::pass);
    const auto bad = run(c, scalar_kind::dbl, fc.wrong);
    INFO("planted: " << bad.brief);
    CHECK(bad.v == verdict::fail);
  }
}

TEST_CASE("the same in MPFR at 30 digits, where a plant of relative size 1e-25 would still show") {
  set_mpfr_digits(30);
  for (const auto& fc : cases) {
    const auto c = claim(fc.check, fc.lambda, fc.N, fc.sigma, std::string(fc.check) == "lemma52_invariance"
                                                                   ? std::optional<std::string>("10")
                                                                   : std::nullopt);
    const auto good = run(c, scalar_kind::mp);
    INFO(fc.check << ": " << good.brief);
    CHECK(good.v == verdict::pass);
    CHECK(run(c, scalar_kind::mp, fc.wrong).v == verdict::fail);
  }
}

TEST_CASE("Theorem 4.1 outside its hypothesis is NOT-APPLICABLE, not PASS") {
  const auto c = claim("thm41_limits", "0.5,1,2", 5, "3", std::string("5"));
  CHECK(run(c, scalar_kind::dbl).v == verdict::not_applicable);
}

TEST_CASE("von Oswald's comparison is NOT-APPLICABLE for Lambda != I") {
  CHECK(run(claim("von_oswald", "0.5,1", 4, "auto"), scalar_kind::dbl).v == verdict::not_applicable);
}

TEST_CASE("a flow that runs out of time is INCONCLUSIVE with the reason") {
  set_mpfr_digits(200);
  const auto r = run(claim("thm41_limits", "linspace:0.5:2:8", 5, "0.01"), scalar_kind::mp, plant::none, 0.05);
  CHECK(r.v == verdict::inconclusive);
  CHECK(r.brief.find("time budget") != std::string::npos);
}

TEST_CASE("exit status: 0 only when nothing fails or is inconclusive") {
  check_result p, f, i, n;
  p.v = verdict::pass;
  f.v = verdict::fail;
  i.v = verdict::inconclusive;
  n.v = verdict::not_applicable;
  CHECK(exit_code_of({p, n}) == 0);
  CHECK(exit_code_of({p, f}) == 1);
  CHECK(exit_code_of({p, i}) == 1);
}

// The Monte Carlo interval rule (docs/THEORY.md §5.6): a prediction inside a too-wide interval is
// INCONCLUSIVE with the sample count that would resolve it, never agreement.
TEST_CASE("judge_mc: outside FAILs, inside but too wide is INCONCLUSIVE with a sample count, inside and narrow PASSes") {
  mc_result m;
  m.samples = 100;
  m.mean = 1;
  m.std_error = 0.1;  // half-width 0.329: resolves 33%, not 5%
  const auto wide = judge_mc(m, 1.3, 0.05);  // a 30% error inside the interval
  CHECK(wide.v == verdict::inconclusive);
  // (0.329/0.05)² · 100 = 4330.7...: the half-width falls like 1/√n.
  CHECK(wide.samples_needed == 4331);
  CHECK(judge_mc(m, 1.3, 0.5).v == verdict::pass);     // at a 50% resolution the same interval suffices
  CHECK(judge_mc(m, 1.4, 0.5).v == verdict::fail);     // outside: 1.4 > 1 + 0.329
  m.samples = 4331;
  m.std_error = 0.1 * std::sqrt(100.0 / 4331.0);
  CHECK(judge_mc(m, 1.3, 0.05).v == verdict::fail);    // resolved: the 30% error is now outside
  CHECK(judge_mc(m, 1.01, 0.05).v == verdict::pass);
  CHECK(judge_mc(m, 1.01, 0.05).samples_needed == 0);
}

TEST_CASE("every plant in the cases above is one its family takes") {
  for (const auto& fc : cases) {
    INFO(fc.check << " / " << plant_name(fc.wrong));
    CHECK(family_takes(fc.check, fc.wrong));
  }
}

// The plant table against the falsification catalog: every file's plant is one its family takes, and
// every (family, plant) pair of the table is exercised by some file, except the pairs listed here.
TEST_CASE("the plant table and theorems/falsification agree") {
  // Pairs exercised elsewhere only: exact_full_loss under gamma-n-plus-1 by tests/unit/unit_exact.cpp.
  const std::set<std::pair<std::string, std::string>> not_in_files = {{"exact_full_loss", "gamma-n-plus-1"}};
  std::set<std::pair<std::string, std::string>> exercised;
  const auto files = theorem_files({std::string(ICLVERIFY_SOURCE_DIR) + "/theorems/falsification"});
  REQUIRE(files.size() > 20);
  for (const auto& path : files) {
    const claim_spec c = load_theorem_file(path);
    REQUIRE(find_family(c.check) != nullptr);
    if (c.plant.empty()) {
      CHECK(c.expr != nullptr);  // only an expression claim plants without `plant`
      continue;
    }
    INFO(path << ": " << c.check << " / " << c.plant);
    CHECK(family_takes(c.check, parse_plant(c.plant)));
    CHECK_NOTHROW((void)find_check(c, scalar_kind::dbl));
    exercised.insert({c.check, c.plant});
  }
  for (const auto& fp : plant_table()) {
    const std::pair<std::string, std::string> pair{fp.family, plant_name(fp.p)};
    INFO(pair.first << " / " << pair.second);
    CHECK(find_family(fp.family) != nullptr);
    CHECK(fp.p != plant::none);
    CHECK(exercised.count(pair) + not_in_files.count(pair) == 1);  // exercised, or listed as not: not both
  }
}

TEST_CASE("the plant scale:EPS: parsed, refused when it makes no sense, exact over the rationals") {
  CHECK(parse_plant("scale:1e-30") == plant::scale);
  CHECK(plant_scale_eps("scale:-2e-3") == "-2e-3");
  CHECK(plant_scale_eps("gamma-n-plus-1").empty());
  for (const char* bad : {"scale:", "scale:0", "scale:0e5", "scale:abc", "scale:1", "scale:-1.5", "scale:nan", "scale:1e-3x"}) {
    INFO(bad);
    CHECK_THROWS_AS((void)parse_plant(bad), usage_error);
  }
  check_context ctx;
  set_plant(ctx, "scale:1e-30");
  rational tiny = 1;
  for (int k = 0; k < 30; ++k) tiny /= 10;
  CHECK(prediction_factor<rational>(ctx) == rational(1) + tiny);
  CHECK(prediction_factor<double>(check_context{}) == 1.0);
  CHECK(family_takes("thm41_limits", plant::scale));
  CHECK(family_takes("expression", plant::scale));
}

TEST_CASE("a theorem file whose plant its family does not take is refused at file:line, key 'plant'") {
  claim_spec c = claim("thm41_limits", "1,1,1", 4, "auto");
  c.plant = "von-oswald-d";
  c.plant_line = 6;
  try {
    (void)find_check(c, scalar_kind::dbl);
    FAIL("not refused");
  } catch (const spec_error& e) {
    const std::string what = e.what();
    CHECK(what.find("in-test:6") != std::string::npos);
    CHECK(what.find("key 'plant'") != std::string::npos);
    CHECK(what.find("gamma-without-trace") != std::string::npos);  // names the plants it does take
  }
  c.plant = "none";
  CHECK_NOTHROW((void)find_check(c, scalar_kind::dbl));
}

TEST_CASE("filters are globs on claim/instance") {
  CHECK(glob_match("zfb.thm4.1/*d5*", "zfb.thm4.1/aniso-d5-N10"));
  CHECK_FALSE(glob_match("zfb.thm4.1/*d5*", "zfb.lemma5.4/aniso-d5-N10"));
}

// Lemma 5.1 (docs/THEORY.md §2.7): d + 1 negative eigenvalues at the origin, by the exact route (d ≤ 3)
// and the floating one; "exactly d" is refuted by both.
TEST_CASE("Lemma 5.1's count passes by both routes and the count d is rejected") {
  for (const char* lambda : {"0.5,2", "linspace:0.5:2:5"}) {
    const auto c = claim("lemma51_nonconvex", lambda, 4, "auto");
    for (scalar_kind k : {scalar_kind::dbl, scalar_kind::mp}) {
      set_mpfr_digits(30);
      const auto good = run(c, k);
      INFO(lambda << " " << scalar_name(k) << ": " << good.brief);
      CHECK(good.v == verdict::pass);
      CHECK(good.key_figure.rfind(std::string(lambda[0] == 'l' ? "6 neg" : "3 neg"), 0) == 0);
      const auto bad = run(c, k, plant::hessian_count_d);
      INFO("planted: " << bad.brief);
      CHECK(bad.v == verdict::fail);
    }
  }
}

// The values behind the count: the negative eigenvalues are -lambda_i^2 and -|Lambda^2|_F (§2.7),
// here for a non-diagonal Lambda in MPFR at 40 digits.
TEST_CASE("the Hessian at the origin has eigenvalues -lambda_i^2 and -|Lambda^2|_F") {
  set_mpfr_digits(40);
  const auto spec = matrix_lambda_spec({{"2", "0.5", "0"}, {"0.5", "1", "0.25"}, {"0", "0.25", "0.75"}}, "nondiagonal");
  const problem<mpfr> p = make_problem<mpfr>(spec, 5);
  const full_params<mpfr> origin{vec<mpfr>::Zero(3), mpfr(0), mat<mpfr>::Zero(3, 3), vec<mpfr>::Zero(3)};
  const auto h = full_loss_hessian(p, origin);
  const vec<mpfr> ev = Eigen::SelfAdjointEigenSolver<mat<mpfr>>(h.H, Eigen::EigenvaluesOnly).eigenvalues();
  const mat<mpfr> L2 = p.lambda * p.lambda;
  std::vector<mpfr> want;
  const vec<mpfr> l = Eigen::SelfAdjointEigenSolver<mat<mpfr>>(p.lambda, Eigen::EigenvaluesOnly).eigenvalues();
  for (int i = 0; i < 3; ++i) want.push_back(-l(i) * l(i));
  want.push_back(-L2.norm());
  std::sort(want.begin(), want.end());
  for (int i = 0; i < 4; ++i) CHECK(agrees(ev(i), want[static_cast<std::size_t>(i)], 35));
  CHECK(agrees(ev(15), -want[0], 35));  // the largest is +|Lambda^2|_F
  for (int i = 4; i < 12; ++i) CHECK(abs(ev(i)) < mpfr("1e-35"));
}

// The finite-sample loss (docs/THEORY.md §3.12). The least-squares minimiser on a batch small enough
// to solve by hand: with one-column prompts x_1 = e_j, y_1 = c the feature x_q β̂ᵀ is c e_i e_jᵀ, so
// each entry of P is fitted on its own (P21 = (2·1 + 1·1)/(2² + 1²) = 3/5, P22 = 1/4), except that a
// two-column prompt with β̂ = (1/2, 1/2) and target 0 couples P11 and P12: their normal equations
// [[9/4, 1/4], [1/4, 5/4]] (P11, P12) = (3, −1) give P11 = 16/11, P12 = −12/11.
TEST_CASE("the empirical loss's minimiser on a hand-made batch equals the hand-solved P") {
  const auto e = [](int i) { return vec<double>(vec<double>::Unit(2, i)); };
  const auto prompt = [](std::vector<vec<double>> xs, std::vector<double> ys, vec<double> xq, double yq) {
    training_prompt p;
    p.X.resize(static_cast<long>(xs.size()), 2);
    p.y.resize(static_cast<long>(ys.size()));
    for (std::size_t i = 0; i < xs.size(); ++i) p.X.row(static_cast<long>(i)) = xs[i].transpose(), p.y(static_cast<long>(i)) = ys[i];
    p.xq = xq;
    p.yq = yq;
    return p;
  };
  const std::vector<training_prompt> batch = {
      prompt({e(0)}, {1}, e(0), 1),  prompt({e(0)}, {1}, e(0), 2),   prompt({e(1)}, {1}, e(0), -1),
      prompt({e(0)}, {2}, e(1), 1),  prompt({e(0)}, {1}, e(1), 1),   prompt({e(1)}, {1}, e(1), 0.25),
      prompt({e(0), e(1)}, {1, 1}, e(0), 0),
  };
  const mat<double> P = empirical_minimiser(batch);
  const double want[2][2] = {{16.0 / 11, -12.0 / 11}, {3.0 / 5, 1.0 / 4}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      INFO("P(" << i << ", " << j << ") = " << P(i, j));
      CHECK(std::abs(P(i, j) - want[i][j]) <= 16 * std::numeric_limits<double>::epsilon() * 2);  // 16 units of eps at |P| <= 2
    }
  // Fewer distinct features than d² = 4 unknowns: no unique minimiser, refused.
  CHECK_THROWS((void)empirical_minimiser({batch[0], batch[1], batch[2]}));
}

TEST_CASE("finite_sample_minimiser passes on a small instance and rejects Lambda^-1 and the rate 1/B") {
  claim_spec c = one_instance_claim("finite_sample_minimiser", "0.5,2", 4);
  instance_spec& in = c.instances.front();
  in.samples = 2048;
  in.points = 8;
  const auto good = run(c, scalar_kind::mp);
  INFO(good.brief);
  CHECK(good.v == verdict::pass);
  CHECK(good.figures.size() == 1);
  CHECK(good.figures.front().rows.size() == 6);  // B = 64 .. 2048
  for (plant wrong : {plant::gamma_to_lambda, plant::rate_n_minus_1}) {
    const auto bad = run(c, scalar_kind::mp, wrong);
    INFO(plant_name(wrong) << ": " << bad.brief);
    CHECK(bad.v == verdict::fail);
  }
  in.samples = 1000;  // not a power of two: refused before any work, naming the key
  const auto conflict = family_key_conflict(c.check, in);
  REQUIRE(conflict.has_value());
  CHECK(conflict->key == "samples");
}

// The results one catalog run shares (core/run_memo.hpp): one computation per key inside a scope,
// a failure not kept, and nothing shared outside a scope.
TEST_CASE("run memo: shared within a scope only, failures recomputed") {
  int calls = 0;
  auto make = [&] { return ++calls; };
  CHECK(memoised<int>("unit|a", make) == 1);
  CHECK(memoised<int>("unit|a", make) == 2);  // no scope: computed every time
  {
    const run_memo_scope scope;
    CHECK(memoised<int>("unit|a", make) == 3);
    CHECK(memoised<int>("unit|a", make) == 3);
    CHECK(memoised<int>("unit|b", make) == 4);
    CHECK_THROWS(memoised<int>("unit|c", [&]() -> int { ++calls; throw std::runtime_error("budget"); }));
    CHECK(memoised<int>("unit|c", make) == 6);
  }
  const run_memo_scope again;
  CHECK(memoised<int>("unit|a", make) == 7);  // the table was cleared with the last scope
}
