// The exact layer: rationals parse exactly, the Isserlis engine reproduces hand-counted moments,
// its loss polynomial agrees with a hand expansion and with sampling of the literal forward pass,
// and every exact claim family PASSes on a true statement and FAILs under its plant.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <map>

#include "claims/registry.hpp"
#include "core/errors.hpp"
#include "core/inertia.hpp"
#include "dynamics/full_loss_hessian.hpp"
#include "dynamics/full_loss_hessian_blocks.hpp"
#include "moments/lsa_expectation.hpp"
#include "sampling/forward.hpp"
#include "support.hpp"

using namespace icl;

namespace {
rational q(long p, long r = 1) { return rational(p) / rational(r); }
}  // namespace

TEST_CASE("decimals and p/q parse to the exact rational, in lowest terms") {
  CHECK(parse_rational("0.5") == q(1, 2));
  CHECK(parse_rational("0.5").str() == "1/2");  // canonical: GMP's == assumes lowest terms
  CHECK(parse_rational("-1.5e-3") == q(-3, 2000));
  CHECK(parse_rational("6/4").str() == "3/2");
  CHECK(parse_rational("1e3") == q(1000));
  CHECK(parse_rational("+.25") == q(1, 4));
  CHECK(parse_rational("0.1") * 10 == 1);  // no binary rounding anywhere
  for (const char* bad : {"", "1/0", "abc", "1.2.3", ".", "1e", "1e+", "--1", "1/-2", "0x10", "inf"})
    CHECK_THROWS_AS(parse_rational(bad), std::invalid_argument);
}

TEST_CASE("the engine reproduces moments counted by hand") {
  gauss_space g;
  const int s = g.add_scalar(q(1));
  const int v = g.add_scalar(q(1, 4));
  mat<rational> cov(2, 2);
  cov << q(2), q(1, 2), q(1, 2), q(1);
  const int x = g.add_block(cov);
  const int n = g.size();
  const auto mono = [&](std::initializer_list<std::pair<int, int>> powers) {
    std::string e(static_cast<std::size_t>(n), '\0');
    for (auto [var, k] : powers) e[static_cast<std::size_t>(var)] = static_cast<char>(k);
    return g.moment(e);
  };
  CHECK(mono({{s, 2}}) == 1);
  CHECK(mono({{s, 4}}) == 3);
  CHECK(mono({{s, 6}}) == 15);
  CHECK(mono({{s, 3}}) == 0);
  CHECK(mono({{v, 4}}) == q(3, 16));  // 3 σ⁴, σ² = 1/4
  // Isserlis over the 3 pairings of {1,1,2,2}: Λ11Λ22 + 2Λ12²; of {1,1,1,2}: 3Λ11Λ12.
  CHECK(mono({{x, 2}, {x + 1, 2}}) == q(5, 2));
  CHECK(mono({{x, 3}, {x + 1, 1}}) == 3);
  // 15 pairings of {1,1,1,1,2,2}: 3 Λ11²Λ22 + 12 Λ11Λ12² = 12 + 6.
  CHECK(mono({{x, 4}, {x + 1, 2}}) == 18);
  // Independent blocks factorise.
  CHECK(mono({{s, 2}, {x, 2}, {v, 2}}) == q(1) * q(2) * q(1, 4));
  CHECK_THROWS_AS(g.add_scalar(q(1)), std::logic_error);  // blocks are fixed once moments are taken
}

TEST_CASE("parameter polynomials differentiate and restrict exactly") {
  param_poly p;  // 3 x0² x1 − x1 + 2
  p.add(param_times(param_times(param_var(0), param_var(0)), param_var(1)), q(3));
  p.add(param_var(1), q(-1));
  p.add(0, q(2));
  CHECK(p.eval({q(2), q(5)}) == 3 * 4 * 5 - 5 + 2);
  CHECK(p.derivative(0).eval({q(2), q(5)}) == 6 * 2 * 5);
  CHECK(p.derivative(1).eval({q(2), q(5)}) == 3 * 4 - 1);
  CHECK(p.with_zero({1}).eval({q(7), q(9)}) == 2);
  CHECK((p - p).is_zero());
  CHECK(p.str({"x", "y"}) == "2\n  - y\n  + 3*x^2*y");
}

// d = 1, N = 1, Λ = 1: y₁ = w x₁ and ŷ = (b C w x₁² x_q) + terms in a and c, so on a = c = 0
// ½E[(ŷ − w x_q)²] = ½E[w²]E[x_q²]E[(bC x₁² − 1)²] = (3/2) b²C² − bC + ½ by hand.
TEST_CASE("the engine's loss on a = c = 0 matches a hand expansion") {
  mat<rational> lam = mat<rational>::Identity(1, 1);
  const param_poly L = exact_population_loss(exact_prompt::training(lam, 1)).with_zero({0, 3});
  param_poly hand;
  const param_mono b = param_var(1), C = param_var(2);
  hand.add(param_times(param_times(b, b), param_times(C, C)), q(3, 2));
  hand.add(param_times(b, C), q(-1));
  hand.add(0, q(1, 2));
  CHECK((L - hand).is_zero());
}

// The engine and the sampler share no code beyond the definition of the model.
TEST_CASE("the engine's loss agrees with a Monte Carlo of the literal forward pass") {
  const auto spec = matrix_lambda_spec({{"2", "0.5"}, {"0.5", "1"}}, "test");
  const long N = 3;
  const auto pe = make_exact_problem(spec, N);
  const param_poly L = exact_population_loss(exact_prompt::training(pe.lambda, N));
  full_params<rational> th{vec<rational>(2), q(3, 4), mat<rational>(2, 2), vec<rational>(2)};
  th.a << q(1, 5), q(-1, 6);
  th.C << q(1, 2), q(1, 5), q(-1, 4), q(1, 3);
  th.c << q(1, 8), q(1, 6);
  const vec<rational> y = th.pack();
  const double exact = static_cast<double>(L.eval(std::vector<rational>(y.data(), y.data() + y.size())));
  full_params<double> td{th.a.cast<double>(), static_cast<double>(th.b), th.C.cast<double>(), th.c.cast<double>()};
  const auto mc = mc_population_loss(make_problem<double>(spec, N), td.w_pv(), td.w_kq(), 4000000, 5);
  INFO("engine " << exact << ", Monte Carlo " << mc.mean << " +- " << mc.std_error);
  CHECK(std::abs(exact - mc.mean) < 4 * mc.std_error);
  CHECK(4 * mc.std_error < 0.03 * exact);
}

namespace {
claim_spec exact_claim(const std::string& check, const std::string& lambda, long N, long M = 0,
                       const std::string& task = "") {
  claim_spec c = one_instance_claim(check, lambda, N);
  instance_spec& in = c.instances.front();
  in.M = M;
  in.points = 5;
  if (!task.empty()) in.task = parse_task_spec(task, in.lambda.d);
  return c;
}
check_result run(const claim_spec& c, plant pl) {
  check_context ctx;
  ctx.planted = pl;
  return find_check(c, scalar_kind::dbl)(c, c.instances.front(), ctx);
}
}  // namespace

TEST_CASE("every exact family PASSes and FAILs under its plant") {
  struct family_case {
    claim_spec c;
    plant pl;
  };
  const family_case cases[] = {
      {exact_claim("exact_full_loss", "0.5,2", 3), plant::gamma_n_plus_1},
      {exact_claim("exact_full_loss", "0.5,2", 3), plant::drop_eight_term},
      {exact_claim("exact_full_loss", "0.5,2", 3), plant::no_query_column},
      {exact_claim("exact_invariance", "0.5,2", 2), plant::invariant_b},
      {exact_claim("exact_reduced", "0.5,2", 2), plant::gamma_n_plus_1},
      {exact_claim("exact_moments", "0.5,2", 1, 3), plant::gamma_n_plus_1},
      {exact_claim("exact_minimum", "0.5", 2), plant::gamma_n_plus_1},
      {exact_claim("exact_minimum", "0.5,2", 2), plant::gamma_n_plus_1},
      {exact_claim("exact_risk", "0.5,2", 3, 2, "fixed:1/2,-1+square:1+noise:1/4"), plant::gamma_n_plus_1},
      {exact_claim("exact_risk", "0.5,2", 3, 2), plant::gamma_n_plus_1},
      {exact_claim("exact_footnote2", "0.5,2", 4), plant::gd_gap_zero},
      {exact_claim("exact_cor43_threshold", "0.5,1,2", 1000), plant::rate_m_constant_d},
      {exact_claim("exact_identity", "2", 1), plant::gamma_n_plus_1},
  };
  for (const auto& k : cases) {
    CAPTURE(k.c.check);
    CAPTURE(plant_name(k.pl));
    CHECK(family_takes(k.c.check, k.pl));  // the plant table lists it
    const auto good = run(k.c, plant::none);
    INFO(good.brief);
    CHECK(good.v == verdict::pass);
    const auto bad = run(k.c, k.pl);
    INFO(bad.brief);
    CHECK(bad.v == verdict::fail);
  }
}

TEST_CASE("exact claims refuse inputs they cannot hold exactly") {
  CHECK_THROWS_AS(make_exact_problem(parse_lambda_spec("geomspace:1:4:3"), 2), usage_error);
  CHECK_THROWS_AS(make_exact_problem(matrix_lambda_spec({{"1", "2"}, {"2", "1"}}, "indefinite"), 2), usage_error);
  CHECK_THROWS_AS(make_exact_problem(parse_lambda_spec("1,2"), 0), usage_error);
  CHECK_THROWS_AS(parse_task_spec("fixed:1", 2), usage_error);
  CHECK_THROWS_AS(parse_task_spec("gaussian+noise:-1", 1), usage_error);
  CHECK_THROWS_AS(parse_task_spec("uniform", 1), usage_error);
  CHECK_THROWS_AS(run(exact_claim("exact_risk", "0.5,2", 3), plant::none), usage_error);  // no M
}

TEST_CASE("exact inertia counts signs by congruence, zero diagonals included") {
  mat<rational> H = mat<rational>::Zero(3, 3);
  H(0, 0) = 1;
  H(1, 1) = -2;
  auto r = inertia(H);
  CHECK((r.pos == 1 && r.neg == 1 && r.zero == 1));
  // [[0, 1], [1, 0]] has eigenvalues ±1: the zero-diagonal branch.
  mat<rational> J = mat<rational>::Zero(2, 2);
  J(0, 1) = J(1, 0) = q(3, 7);
  r = inertia(J);
  CHECK((r.pos == 1 && r.neg == 1 && r.zero == 0));
  // [[1, 2], [2, 1]]: eigenvalues 3 and -1, though both pivots of a naive look are positive.
  mat<rational> K(2, 2);
  K << q(1), q(2), q(2), q(1);
  r = inertia(K);
  CHECK((r.pos == 1 && r.neg == 1 && r.zero == 0));
}

// The floating route of Lemma 5.1's check (docs/THEORY.md §2.7) takes the Hessian from the closed-form
// gradient by a five-point stencil; over the rationals it must be the engine's Hessian of the literal
// loss entry by entry, at the origin and at a point where every block is nonzero.
TEST_CASE("the stencil Hessian of the closed form equals the engine's Hessian exactly") {
  // Both Λ forms: the closed form scales by a diagonal Λ and multiplies by any other (§2.4).
  for (const auto& spec : {matrix_lambda_spec({{"2", "0.5"}, {"0.5", "1"}}, "nondiagonal"), parse_lambda_spec("0.5,3")}) {
    const long N = 3;
    const problem<rational> p = make_exact_problem(spec, N);
    const param_poly L = exact_population_loss(exact_prompt::training(p.lambda, N));
    const int n = full_params<rational>::size(2);
    vec<rational> y(n);
    for (int k = 0; k < n; ++k) y(k) = q((k * 7) % 11 - 5, 1 + k % 4);
    for (const vec<rational>& at : {vec<rational>(vec<rational>::Zero(n)), y}) {
      const auto h = full_loss_hessian(p, full_params<rational>::unpack(at, 2));
      CHECK(h.asymmetry == 0);
      const std::vector<rational> x(at.data(), at.data() + n);
      int differ = 0;
      for (int k = 0; k < n; ++k) {
        const param_poly dk = L.derivative(k);
        for (int l = 0; l < n; ++l) differ += dk.derivative(l).eval(x) != h.H(k, l);
      }
      CHECK(differ == 0);
    }
  }
}

// The closed-form Hessian blocks on a = c = 0 (docs/THEORY.md §2.8) against the engine's Hessian of
// the literal loss, entry by entry and exactly, at points with every (b, C) entry nonzero and a
// nondiagonal Λ; a single wrong entry planted in the blocks is seen; off a = c = 0 the block form is
// refused (there the flow takes the stencil Hessian, tested exactly above).
TEST_CASE("the closed-form Hessian blocks on a = c = 0 equal the engine's Hessian exactly") {
  const int d = 2;
  const int n = full_params<rational>::size(d);
  for (const auto& [spec, N] : {std::pair{matrix_lambda_spec({{"2", "0.5"}, {"0.5", "1"}}, "nondiagonal"), 3L},
                                std::pair{parse_lambda_spec("0.5,3"), 1L}}) {
    const problem<rational> p = make_exact_problem(spec, N);
    const param_poly L = exact_population_loss(exact_prompt::training(p.lambda, N));
    for (int seed = 0; seed < 3; ++seed) {
      vec<rational> y = vec<rational>::Zero(n);
      for (int k = d; k < d + 1 + d * d; ++k) y(k) = q(((k + 3 * seed) * 7) % 11 - 5 + (seed == 0 ? 0 : 11), 1 + (k + seed) % 4);
      const full_params<rational> at = full_params<rational>::unpack(y, d);
      mat<rational> H = full_loss_hessian_blocks(p, at).dense();
      const std::vector<rational> x(y.data(), y.data() + n);
      auto differing = [&](const mat<rational>& M) {
        int differ = 0;
        for (int k = 0; k < n; ++k) {
          const param_poly dk = L.derivative(k);
          for (int l = 0; l < n; ++l) differ += dk.derivative(l).eval(x) != M(k, l);
        }
        return differ;
      };
      CHECK(differing(H) == 0);
      H(d + 2, n - 1) += q(1, 1000);  // a planted wrong entry in the C–c corner
      CHECK(differing(H) == 1);
    }
    vec<rational> off = vec<rational>::Zero(n);
    off(0) = q(1, 3);
    CHECK_THROWS_AS(full_loss_hessian_blocks(p, full_params<rational>::unpack(off, d)), std::invalid_argument);
  }
}

namespace {
std::string evidence(const check_result& r, const std::string& key) {
  for (const auto& [k, v] : r.numbers)
    if (k == key) return v;
  return "(missing " + key + ")";
}
}  // namespace

// Footnote 2 (docs/THEORY.md §5.7) at values worked out by hand (Python fractions, not this code):
// Λ = I₂, N = M = 4: Γ = (1 + 3/4) I, the best scalar step is 4/7 and matches the trained layer;
// Λ = diag(1/2, 2), N = M = 4: η* = 68/205 and the gap is 72/1025.
TEST_CASE("footnote 2: the engine's best scalar step and gap at hand-computed values") {
  const auto iso = run(exact_claim("exact_footnote2", "1,1", 4), plant::none);
  INFO(iso.brief);
  CHECK(iso.v == verdict::pass);
  CHECK(evidence(iso, "eta_star_engine") == "4/7");
  CHECK(evidence(iso, "gap_engine") == "0");
  const auto aniso = run(exact_claim("exact_footnote2", "0.5,2", 4), plant::none);
  INFO(aniso.brief);
  CHECK(aniso.v == verdict::pass);
  CHECK(evidence(aniso, "eta_star_engine") == "68/205");
  CHECK(evidence(aniso, "gap_engine") == "72/1025");
}

// Corollary 4.3's threshold (docs/THEORY.md §5.8) at d = 3, Λ = diag(1/2, 1, 2), N = 1000, values from
// an independent Python bisection on R(M, N): exact 40, 397, 4039; the bound 41, 402, 4180.
TEST_CASE("Corollary 4.3's M(eta) against the exact M at hand-computed values") {
  const auto r = run(exact_claim("exact_cor43_threshold", "0.5,1,2", 1000), plant::none);
  INFO(r.brief);
  CHECK(r.v == verdict::pass);
  CHECK(evidence(r, "eta_T_over_1e1_M_exact") == "40");
  CHECK(evidence(r, "eta_T_over_1e2_M_exact") == "397");
  CHECK(evidence(r, "eta_T_over_1e3_M_exact") == "4039");
  CHECK(evidence(r, "eta_T_over_1e1_M_bound") == "41");
  CHECK(evidence(r, "eta_T_over_1e3_M_bound") == "4180");
  // At N = 5 the bound's N-term (43 T / 25) exceeds every level: nothing certified, INCONCLUSIVE.
  CHECK(run(exact_claim("exact_cor43_threshold", "0.5,1,2", 5), plant::none).v == verdict::inconclusive);
}

TEST_CASE("the lattice proof of the loss identity (THEORY §4.4) at d = 1 uses the unisolvent lattice's full size") {
  // d = 1: 4 parameters (a, b, C, c), |alpha| <= 4: C(8, 4) = 70 points; one Lambda entry, |beta| <= 3: 4 points;
  // N in {1, 2, 3}. Every point compares the loss and its 4 partial derivatives: 70 * 4 * 3 * 5 = 4200.
  const claim_spec c = exact_claim("exact_identity", "2", 1);
  const check_result r = run(c, plant::none);
  INFO(r.brief);
  REQUIRE(r.v == verdict::pass);
  std::map<std::string, std::string> ev(r.numbers.begin(), r.numbers.end());
  CHECK(ev["lattice"] == "70 parameter points x 4 Lambda points x 3 values of N");
  CHECK(ev["lattice_comparisons"] == "4200");
  CHECK(ev["proof"] == "PROVED");
  const check_result bad = run(c, plant::gamma_n_plus_1);
  CHECK(bad.v == verdict::fail);
  std::map<std::string, std::string> eb(bad.numbers.begin(), bad.numbers.end());
  CHECK(eb["proof"] == "DISPROVED");
}
