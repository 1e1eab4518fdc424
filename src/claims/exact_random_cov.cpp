// exact_random_cov (docs/THEORY.md §7.1): the coefficients γ_i, β_i and ½E[tr Λ_τ] of the model's
// random-covariance loss, which the random-covariance flow integrates, against the literal
// population loss with Λ_τ = diag(λ) drawn per prompt: ½E_λ E[(ŷ − y_q)²] over prompts, exactly.
//
// For fixed λ the Isserlis/Wick engine gives the literal loss as a polynomial in the parameters
// whose coefficients are polynomials in λ of degree ≤ 3 in each λ_k (each Gaussian x_k carries
// √λ_k, and ŷ² has at most six Gaussian covariate factors). So E_λ is taken exactly by a product
// quadrature with four rational nodes per coordinate, exact for every polynomial of degree ≤ 3 in
// each variable: weights w_j = E[ℓ_j(λ)] for the Lagrange basis ℓ_j of the nodes, from the law's
// moments written here from its density (not the model's moment code). 4^d engine calls.
#include "claims/families.hpp"
#include "spec/theorem_file.hpp"

#include <chrono>
#include <random>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "model/random_cov_model.hpp"
#include "moments/lsa_expectation.hpp"

namespace icl {

namespace {

// Quadrature nodes, positive (a covariance) and distinct; any four would do.
const rational quadrature_nodes[] = {rational(1, 2), rational(1), rational(3, 2), rational(2)};
constexpr int node_count = 4;
// The engine's cost grows steeply with d and N: 4^d expansions of a prompt of N + 1 columns.
constexpr int max_exact_d = 3;
constexpr long max_exact_N = 4;
// Random rational parameter points p/q, |p| ≤ 9, 1 ≤ q ≤ 9, at which loss and gradient are compared
// besides the polynomial identity.
constexpr long point_numerator_max = 9;
constexpr long point_denominator_max = 9;

rational law_rational(const std::string& s) { return parse_rational(s); }

// E[λ^k], k = 0..3, from the law's density: Uniform[a, b]: ∫_a^b x^k dx/(b − a); Gamma(K, 1) (Exp(1)
// is K = 1): integration by parts gives E[λ^k] = (K + k − 1) E[λ^{k−1}]; two-point: the sum over its atoms.
std::array<rational, node_count> density_moments(const law_spec& law) {
  std::array<rational, node_count> m{};
  if (law.k == law_spec::kind::uniform) {
    const rational a = law_rational(law.a), b = law_rational(law.b);
    rational pa = a, pb = b;  // a^{k+1}, b^{k+1}
    for (int k = 0; k < node_count; ++k) {
      m[k] = (pb - pa) / (rational(k + 1) * (b - a));
      pa *= a;
      pb *= b;
    }
    return m;
  }
  if (law.k == law_spec::kind::two_point) {  // the atoms a, b with mass ½ each
    const rational a = law_rational(law.a), b = law_rational(law.b);
    rational pa = 1, pb = 1;  // a^k, b^k
    for (int k = 0; k < node_count; ++k) {
      m[k] = (pa + pb) / rational(2);
      pa *= a;
      pb *= b;
    }
    return m;
  }
  if (law.k != law_spec::kind::exponential && law.k != law_spec::kind::gamma)
    throw usage_error("exact_random_cov needs law = exponential | uniform:A:B | gamma:K | two-point:A:B");
  const rational K = law.k == law_spec::kind::gamma ? law_rational(law.a) : rational(1);
  m[0] = 1;
  for (int k = 1; k < node_count; ++k) m[k] = (K + rational(k - 1)) * m[k - 1];
  return m;
}

// w_j = E[ℓ_j(λ)], ℓ_j(x) = Π_{k≠j} (x − x_k)/(x_j − x_k), expanded in powers of x.
std::array<rational, node_count> quadrature_weights(const std::array<rational, node_count>& m) {
  std::array<rational, node_count> w{};
  for (int j = 0; j < node_count; ++j) {
    std::vector<rational> poly{rational(1)};  // coefficients of x^0, x^1, …
    rational denom = 1;
    for (int k = 0; k < node_count; ++k) {
      if (k == j) continue;
      std::vector<rational> next(poly.size() + 1, rational(0));
      for (std::size_t e = 0; e < poly.size(); ++e) {
        next[e + 1] += poly[e];
        next[e] -= quadrature_nodes[k] * poly[e];
      }
      poly = next;
      denom *= quadrature_nodes[j] - quadrature_nodes[k];
    }
    rational e = 0;
    for (std::size_t p = 0; p < poly.size(); ++p) e += poly[p] * m[p];
    w[j] = e / denom;
  }
  return w;
}

// pack() indices (full_params: a1..ad, b, C column-major, c).
int b_index(int d) { return d; }
int c_index(int d, int i, int j) { return d + 1 + i + j * d; }

}  // namespace

check_result check_exact_random_cov(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, "exact rational");
  const int d = in.lambda.d;
  const long N = in.N;
  if (d < 1 || d > max_exact_d) throw usage_error(fmt::format("exact_random_cov takes 1 <= d <= {} (4^d engine expansions), got {}", max_exact_d, d));
  if (N > max_exact_N) throw usage_error(fmt::format("exact_random_cov takes N <= {} (the engine expands N + 1 columns), got {}", max_exact_N, N));
  const auto t0 = std::chrono::steady_clock::now();
  // The literal side: E_λ of the engine's loss on a = c = 0, C diagonal.
  std::vector<int> zero;
  for (int i = 0; i < d; ++i) zero.push_back(i);
  for (int i = 0; i < d; ++i) zero.push_back(d + 1 + d * d + i);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      if (i != j) zero.push_back(c_index(d, i, j));
  const auto w = quadrature_weights(density_moments(in.law));
  param_poly literal;
  int calls = 0;
  std::vector<int> idx(d, 0);
  for (;;) {
    mat<rational> L = mat<rational>::Zero(d, d);
    rational weight = 1;
    for (int k = 0; k < d; ++k) {
      L(k, k) = quadrature_nodes[idx[k]];
      weight *= w[idx[k]];
    }
    const param_poly Lk = exact_population_loss(exact_prompt::training(L, N)).with_zero(zero);
    ++calls;
    for (const auto& [m, coef] : Lk.terms) literal.add(m, coef * weight);
    int k = 0;
    while (k < d && ++idx[k] == node_count) idx[k++] = 0;
    if (k == d) break;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The model under test, with the slip a plant asks for.
  const random_cov_system<rational> sys = make_random_cov_system<rational>(
      in.law, d, N,
      ctx.planted == plant::model_rc_diagonal_1_over_n ? random_cov_model_slip::gamma_without_diagonal_1_over_n
                                                       : random_cov_model_slip::none);
  // Its loss ½u² Σ γ_i U_ii² − u Σ β_i U_ii + ½E tr Λ as a polynomial in (b = u, C_ii = U_ii); under
  // scale:EPS every coefficient is multiplied by 1 + EPS.
  const rational f = prediction_factor<rational>(ctx);
  param_poly model;
  const param_mono b = param_var(b_index(d));
  model.add(0, f * sys.half_trace);
  std::vector<std::string> names = full_param_names(d);
  int compared = 0, mismatches = 0;
  std::string first;
  const auto compare = [&](const std::string& what, const rational& predicted, const rational& measured) {
    ++compared;
    if (predicted != measured && !mismatches++)
      first = fmt::format("{}: the model has {} but the literal loss gives {}", what, to_string(predicted), to_string(measured));
  };
  for (int i = 0; i < d; ++i) {
    const param_mono C = param_var(c_index(d, i, i));
    model.add(param_times(param_times(b, b), param_times(C, C)), f * sys.gamma(i) / rational(2));
    model.add(param_times(b, C), -f * sys.beta(i));
    // The literal coefficients: γ_i = 2 × [b² C_ii²], β_i = −[b C_ii].
    const auto coef = [&](param_mono m) {
      const auto it = literal.terms.find(m);
      return it == literal.terms.end() ? rational(0) : it->second;
    };
    const rational g_lit = rational(2) * coef(param_times(param_times(b, b), param_times(C, C)));
    const rational b_lit = -coef(param_times(b, C));
    r.numbers.push_back({fmt::format("gamma_{}_literal", i + 1), to_string(g_lit)});
    r.numbers.push_back({fmt::format("gamma_{}_model", i + 1), to_string(rational(f * sys.gamma(i)))});
    r.numbers.push_back({fmt::format("beta_{}_literal", i + 1), to_string(b_lit)});
    r.numbers.push_back({fmt::format("beta_{}_model", i + 1), to_string(rational(f * sys.beta(i)))});
    compare(fmt::format("gamma_{}", i + 1), f * sys.gamma(i), g_lit);
    compare(fmt::format("beta_{}", i + 1), f * sys.beta(i), b_lit);
  }
  // The whole polynomial: no other monomial on either side.
  ++compared;
  const param_poly diff = model - literal;
  if (!diff.is_zero() && !mismatches++) first = "model minus literal loss is the nonzero polynomial " + diff.str(names).substr(0, 240);
  // Loss and gradient at random points: the model's loss() and rhs() (= −∇L) against the literal's.
  std::mt19937_64 rng(in.seed);
  const auto draw = [&] {
    const long num = static_cast<long>(rng() % (2 * point_numerator_max + 1)) - point_numerator_max;
    const long den = static_cast<long>(rng() % point_denominator_max) + 1;
    return rational(num) / rational(den);
  };
  for (int p = 0; p < in.points; ++p) {
    mat<rational> U = mat<rational>::Zero(d, d);
    const rational u = draw();
    for (int i = 0; i < d; ++i) U(i, i) = draw();
    const vec<rational> y = sys.state(u, U);
    std::vector<rational> x(full_params<rational>::size(d), rational(0));
    x[b_index(d)] = u;
    for (int i = 0; i < d; ++i) x[c_index(d, i, i)] = U(i, i);
    vec<rational> dy;
    sys.rhs(y, dy);
    compare(fmt::format("point {} loss", p + 1), f * sys.loss(y), literal.eval(x));
    compare(fmt::format("point {} dL/du", p + 1), -f * dy(0), literal.derivative(b_index(d)).eval(x));
    for (int i = 0; i < d; ++i)
      compare(fmt::format("point {} dL/dU{}{}", p + 1, i + 1, i + 1), -f * dy(1 + i * d + i), literal.derivative(c_index(d, i, i)).eval(x));
  }
  r.numbers.push_back({"engine_calls", std::to_string(calls)});
  r.numbers.push_back({"engine_seconds", fmt::format("{:.3f}", secs)});
  r.numbers.push_back({"literal_terms", std::to_string(literal.size())});
  r.numbers.push_back({"compared", std::to_string(compared)});
  r.numbers.push_back({"mismatches", std::to_string(mismatches)});
  if (mismatches)
    return settle(r, verdict::fail, fmt::format("{} of {} exact comparisons differ; first: {}", mismatches, compared, first),
                  fmt::format("{}/{} differ", mismatches, compared));
  return settle(r, verdict::pass,
                fmt::format("the random-covariance model ({}, d = {}, N = {}): gamma_i = {}, beta_i = {} and its loss and "
                            "gradient equal the literal population loss averaged over Lambda exactly ({} terms, {} engine "
                            "expansions, {} random points)",
                            to_string(in.law), d, N, to_string(sys.gamma(0)), to_string(sys.beta(0)), literal.size(), calls,
                            in.points),
                fmt::format("exact {}/{}", compared, compared));
}

}  // namespace icl
