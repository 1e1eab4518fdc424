// The exact layer: rationals parse exactly, the Isserlis engine reproduces hand-counted moments,
// its loss polynomial agrees with a hand expansion and with sampling of the literal forward pass,
// and every exact claim family PASSes on a true statement and FAILs under its plant.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "claims/registry.hpp"
#include "core/errors.hpp"
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
