// The exact link of the chain of trust (docs/THEORY.md §4.4). For fixed d both sides of
//   ½ E[(ŷ − y_q)²]  (the engine, from the literal model)  =  L(a, b, C, c; Λ, N)  (§2.3, src/dynamics)
// are, after multiplying by N², polynomials of total degree <= 4 in the (d + 1)² parameters, <= 3 in
// Λ's d(d + 1)/2 entries and <= 2 in N; their gradients in the parameters have degree <= 3 there. The
// product of three principal lattices — parameters α with |α| <= 4, Λ = Λ₀ + steps·β with |β| <= 3,
// N ∈ {N₀, N₀ + 1, N₀ + 2} — is unisolvent for that space, so equality at its points is equality for
// every parameter, every symmetric Λ and every N >= 1: a proof, not a probability. A few random points
// off the lattice are checked besides (they would expose code whose degree exceeds the bound).
#include "claims/exact_identity.hpp"

#include <fmt/format.h>

#include <chrono>
#include <random>

#include "dynamics/full_loss.hpp"
#include "moments/lsa_expectation.hpp"

namespace icl {

namespace {

// The degree bounds of docs/THEORY.md §4.4.
constexpr int parameter_degree = 4;  // total degree in (a, b, C, c)
constexpr int lambda_degree = 3;     // total degree in Λ's entries
constexpr int n_degree = 2;          // degree in N of N²·L
// Λ's lattice steps: 1 on the diagonal, 1/4 off it, so that from a Λ₀ whose diagonal exceeds its
// off-diagonal row sums by 3/4·(d − 1) every point is a covariance (the identity itself is polynomial
// and would not need it).
constexpr long off_diagonal_step_denominator = 4;
// The engine's cost grows steeply with d (d = 3: 84 Λ points × 3 N × 4845 parameter points); d > 3
// is refused before any work.
constexpr int max_identity_d = 3;
// Witnesses off the lattice: two (Λ, N) pairs with N beyond the lattice's, ten random parameter points each.
constexpr int witness_pairs = 2, witness_points = 10;

// Every α in N^n with |α| <= D: the principal lattice, unisolvent for polynomials of total degree <= D.
void principal_lattice(int n, int D, std::vector<int>& cur, std::vector<std::vector<int>>& out) {
  if (static_cast<int>(cur.size()) == n) {
    out.push_back(cur);
    return;
  }
  for (int k = 0; k <= D; ++k) {
    cur.push_back(k);
    principal_lattice(n, D - k, cur, out);
    cur.pop_back();
  }
}
std::vector<std::vector<int>> principal_lattice(int n, int D) {
  std::vector<std::vector<int>> out;
  std::vector<int> cur;
  principal_lattice(n, D, cur, out);
  return out;
}

struct tally {
  long compared = 0, mismatches = 0;
  std::string first;
  void compare(const rational& closed, const rational& engine, const std::string& where) {
    ++compared;
    if (closed != engine && !mismatches++)
      first = fmt::format("{}: closed form {} but the engine gives {}", where, to_string(closed), to_string(engine));
  }
};

// Both sides at one (Λ, N), at the given parameter points (loss and every partial derivative).
void compare_at(tally& t, const problem<rational>& base, const mat<rational>& L, long N, bool query_column,
                loss_variant v, const rational& factor, const std::vector<vec<rational>>& thetas,
                const std::string& label) {
  exact_prompt pr = exact_prompt::training(L, N);
  pr.query_column = query_column;
  const param_poly E = exact_population_loss(pr);
  const int d = base.d, n = full_params<rational>::size(d);
  std::vector<param_poly> dE;
  for (int k = 0; k < n; ++k) dE.push_back(E.derivative(k));
  problem<rational> q = base;
  q.lambda = L;
  q.trace = L.trace();
  q.N = N;
  q.diagonal = false;  // the dense path: evals, evecs of base no longer describe L
  q.gamma_N = 0;
  for (const auto& y : thetas) {
    const full_params<rational> th = full_params<rational>::unpack(y, d);
    full_params<rational> g;
    const std::vector<rational> x(y.data(), y.data() + y.size());
    t.compare(factor * full_loss_grad<rational>(q, th, g, nullptr, v), E.eval(x), label + " loss");
    const vec<rational> gp = g.pack();
    for (int k = 0; k < n; ++k) t.compare(factor * gp(k), dE[k].eval(x), label + fmt::format(" dL/dtheta_{}", k + 1));
    if (t.mismatches) return;
  }
}

}  // namespace

check_result check_exact_identity(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, "exact rational");
  const problem<rational> base = make_exact_problem(in.lambda, in.N);
  const int d = base.d;
  if (d > max_identity_d)
    return settle(r, verdict::inconclusive,
                  fmt::format("the lattice proof runs at d <= {} (d = {} asked): the engine's cost grows steeply with d",
                              max_identity_d, d),
                  "d too large");
  const auto t0 = std::chrono::steady_clock::now();
  const loss_variant v = ctx.planted == plant::gamma_n_plus_1    ? loss_variant::gamma_n_plus_1
                         : ctx.planted == plant::drop_eight_term ? loss_variant::drop_eight_term
                                                                 : loss_variant::as_derived;
  const bool query_column = ctx.planted != plant::no_query_column;
  const rational factor = prediction_factor<rational>(ctx);  // 1 + EPS under the plant scale:EPS
  const int n = full_params<rational>::size(d);
  std::vector<vec<rational>> thetas;
  for (const auto& a : principal_lattice(n, parameter_degree)) {
    vec<rational> y(n);
    for (int k = 0; k < n; ++k) y(k) = rational(a[k]);
    thetas.push_back(y);
  }
  std::vector<std::pair<int, int>> entries;  // Λ's free entries, i <= j
  for (int i = 0; i < d; ++i)
    for (int j = i; j < d; ++j) entries.push_back({i, j});
  const auto lambdas = principal_lattice(static_cast<int>(entries.size()), lambda_degree);
  tally t;
  long pairs = 0;
  for (int k = 0; k <= n_degree && !t.mismatches; ++k) {
    const long N = in.N + k;
    for (const auto& beta : lambdas) {
      mat<rational> L = base.lambda;
      for (std::size_t e = 0; e < entries.size(); ++e) {
        const auto [i, j] = entries[e];
        const rational step = i == j ? rational(1) : rational(1) / rational(off_diagonal_step_denominator);
        L(i, j) += rational(beta[e]) * step;
        if (i != j) L(j, i) = L(i, j);
      }
      ++pairs;
      compare_at(t, base, L, N, query_column, v, factor, thetas, fmt::format("N = {}, Lambda point {}", N, pairs));
      if (t.mismatches) break;
    }
  }
  const long lattice_compared = t.compared;
  // Witnesses: random points off the lattice (N beyond it, Λ₀ plus random rational symmetric steps).
  std::mt19937_64 rng(in.seed);
  auto draw = [&] { return rational(static_cast<long>(rng() % 19) - 9) / rational(static_cast<long>(rng() % 9) + 1); };
  for (int w = 0; w < witness_pairs && !t.mismatches; ++w) {
    mat<rational> L = base.lambda;
    for (const auto& [i, j] : entries) {
      L(i, j) += (draw() + rational(9)) / rational(i == j ? 9 : 9 * off_diagonal_step_denominator * d);
      if (i != j) L(j, i) = L(i, j);
    }
    std::vector<vec<rational>> th;
    for (int p = 0; p < witness_points; ++p) {
      vec<rational> y(n);
      for (int k = 0; k < n; ++k) y(k) = draw();
      th.push_back(y);
    }
    compare_at(t, base, L, in.N + n_degree + 1 + 2 * w, query_column, v, factor, th, fmt::format("witness {}", w + 1));
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.numbers.push_back({"degree_bounds", fmt::format("parameters {}, Lambda entries {}, N (of N^2 L) {}", parameter_degree,
                                                    lambda_degree, n_degree)});
  r.numbers.push_back({"lattice", fmt::format("{} parameter points x {} Lambda points x {} values of N", thetas.size(),
                                              lambdas.size(), n_degree + 1)});
  r.numbers.push_back({"lattice_comparisons", std::to_string(lattice_compared)});
  r.numbers.push_back({"witness_comparisons", std::to_string(t.compared - lattice_compared)});
  r.numbers.push_back({"mismatches", std::to_string(t.mismatches)});
  r.numbers.push_back({"seconds", fmt::format("{:.3f}", secs)});
  if (t.mismatches) {
    r.numbers.push_back({"first_mismatch", t.first});
    r.numbers.push_back({"proof", "DISPROVED"});
    r.numbers.push_back({"proof_covers", "the identity closed-form loss = literal expectation at this d (a mismatch is a counterexample)"});
    return settle(r, verdict::fail, "the closed form and the literal expectation differ: " + t.first,
                  fmt::format("{} of {} differ", t.mismatches, t.compared));
  }
  r.numbers.push_back({"proof", "PROVED"});
  r.numbers.push_back({"proof_covers",
                       fmt::format("the link closed-form loss (and its gradient) = literal expected loss of the LSA layer, "
                                   "for all parameters, all symmetric Lambda and all N >= 1 at d = {} (THEORY §4.4), assuming "
                                   "the code implements the loss of THEORY §2.3 and so has degrees <= 4/3/2 (the "
                                   "off-lattice witnesses test that, they do not prove it); not the ODE's derivation "
                                   "from it, not any flow",
                                   d)});
  return settle(r, verdict::pass,
                fmt::format("proved for all parameters, symmetric Lambda and N >= 1 at d = {}: the closed-form loss and its "
                            "{} partial derivatives equal the literal expectation's at all {} points of a unisolvent lattice "
                            "(degrees <= {}, {}, {} in parameters, Lambda, N); {} witnesses off the lattice agree too",
                            d, n, thetas.size() * lambdas.size() * (n_degree + 1), parameter_degree, lambda_degree,
                            n_degree, (t.compared - lattice_compared) / (n + 1)),
                fmt::format("exact {}/{}", t.compared, t.compared));
}

}  // namespace icl
