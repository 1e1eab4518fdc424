// Definition 3.2 with Corollary 4.3 (docs/THEORY.md §5.8): the smallest test prompt length M at which
// Corollary 4.3's bound certifies that the trained layer's error is at most η, against the smallest M
// at which the error itself is at most η. The bound's M must be the larger (a bound may only
// overstate what is needed); the check reports by how much.
//
// Measured side: the exact error R(M, N) of §5.3 over the rationals (the form exact.risk holds equal
// to the engine's error of the literal layer), searched over M for its first M with R ≤ η. Predicted
// side: the bound's threshold M_bound(η) = ⌈(d + 1)T / (η − (1 + 2d + d²κ)T/N²)⌉, solved from the bound
// alone. Compared exactly.
#include "claims/families.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "spec/theorem_file.hpp"
#include "theory/risk.hpp"

namespace icl {

namespace {

// The accuracy levels η = T/10^k, k = 1, 2, 3: the error relative to the trivial predictor's T.
constexpr int level_count = 3;

// ⌈x⌉ for a positive rational.
long ceiling(const rational& x) {
  const auto q = numerator(x) / denominator(x);  // the floor, for x > 0
  const long f = q.template convert_to<long>();
  return rational(f) == x ? f : f + 1;
}

// R(∞, N): R(M, N) = V/M + B is affine in 1/M, so B = 2R(2, N) − R(1, N) exactly.
rational risk_m_infinity(const vec<rational>& lam, long N) { return 2 * risk_linear(lam, N, 2) - risk_linear(lam, N, 1); }

// The first M ≥ 1 with R(M, N) ≤ η, or 0 when none exists (η at or below the M → ∞ error).
long exact_threshold(const vec<rational>& lam, long N, const rational& eta) {
  if (!(risk_m_infinity(lam, N) < eta)) return 0;  // R decreases to R(∞, N) and never reaches η
  long hi = 1;
  while (risk_linear(lam, N, hi) > eta) hi *= 2;
  long lo = hi / 2;  // R(lo) > η unless lo = 0
  while (hi - lo > 1) {
    const long mid = lo + (hi - lo) / 2;
    (risk_linear(lam, N, mid) > eta ? lo : hi) = mid;
  }
  return hi;
}

}  // namespace

check_result check_exact_cor43_threshold(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, "exact rational");
  const problem<rational> p = make_exact_problem(in.lambda, in.N);
  if (!p.diagonal) throw usage_error("Corollary 4.3's threshold is checked for a diagonal Lambda (its kappa and R(M, N) use the eigenvalues)");
  const int d = p.d;
  const vec<rational>& lam = p.evals;
  const rational T = p.trace;
  const rational kappa = lam.maxCoeff() / lam.minCoeff();
  // The bound's coefficients; the plant writes dT for the M-term's (d + 1)T.
  const rational m_coef = (ctx.planted == plant::rate_m_constant_d ? rational(d) : rational(d + 1)) * T;
  const rational n_term = (1 + 2 * d + d * d * kappa) * T / (rational(in.N) * rational(in.N));
  r.numbers.push_back({"bound_N_term", to_string(n_term)});
  r.numbers.push_back({"exact_R_M_infinity", to_string(risk_m_infinity(lam, in.N))});
  figure f;
  f.name = "m-threshold";
  f.title = fmt::format("smallest M with error <= eta: Corollary 4.3's bound against the exact error (d = {}, N = {})", d, in.N);
  f.xlabel = "eta / tr(Lambda)";
  f.ylabel = "M(eta)";
  f.logx = f.logy = true;
  f.columns = {"eta/T", "M exact", "M bound", "M bound / M exact"};
  f.curves = {{0, 1}, {0, 2}};
  f.styles = {"linespoints", "linespoints"};
  int certified = 0, violations = 0;
  std::string first, table;
  rational scale = 1;
  for (int k = 1; k <= level_count; ++k) {
    scale /= 10;
    const rational eta = T * scale;
    const long m_exact = exact_threshold(lam, in.N, eta);
    const bool bound_certifies = eta > n_term;
    const long m_bound = bound_certifies ? ceiling(m_coef / (eta - n_term)) : 0;
    const std::string key = fmt::format("eta_T_over_1e{}", k);
    r.numbers.push_back({key + "_M_exact", m_exact ? std::to_string(m_exact) : "none (eta <= R(infinity, N))"});
    r.numbers.push_back({key + "_M_bound", m_bound ? std::to_string(m_bound) : "none (eta <= the bound's N-term)"});
    if (!m_bound) {
      table += fmt::format("{}T/1e{}: bound certifies no M (exact {})", table.empty() ? "" : "; ", k,
                           m_exact ? std::to_string(m_exact) : std::string("none either"));
      continue;
    }
    ++certified;
    // The bound certified m_bound: the exact error there must be ≤ η, i.e. m_bound ≥ m_exact.
    const bool holds = m_exact > 0 && m_bound >= m_exact && !(risk_linear(lam, in.N, m_bound) > eta);
    if (!holds && !violations++)
      first = fmt::format("at eta = T/1e{} the bound certifies M = {} but the exact error needs M = {} (R(M_bound, N) = {})", k,
                          m_bound, m_exact ? std::to_string(m_exact) : "none", to_string(risk_linear(lam, in.N, m_bound)));
    const double ratio = static_cast<double>(m_bound) / static_cast<double>(m_exact ? m_exact : 1);
    r.numbers.push_back({key + "_ratio", fmt::format("{:.17g}", ratio)});
    f.rows.push_back({fmt::format("1e-{}", k), std::to_string(m_exact), std::to_string(m_bound), fmt::format("{:.17g}", ratio)});
    table += fmt::format("{}T/1e{}: M_bound {} vs M_exact {} (x{:.3f})", table.empty() ? "" : "; ", k, m_bound, m_exact, ratio);
  }
  r.figures.push_back(f);
  if (!certified)
    return settle(r, verdict::inconclusive, fmt::format("the bound certifies no level at N = {} (its N-term {} exceeds every eta)", in.N,
                                                        to_string(n_term)),
                  "no level certified");
  if (violations) return settle(r, verdict::fail, first, "bound M below exact M");
  return settle(r, verdict::pass,
                fmt::format("Corollary 4.3's M(eta) is at least the exact one at every certified level (d = {}, N = {}): {}", d, in.N, table),
                fmt::format("{} levels, bound >= exact", certified));
}

}  // namespace icl
