// Claims held to exact equality over the rationals (docs/THEORY.md §2–§6): each check builds the measured
// side with the Isserlis/Wick engine (moments/), which knows only the literal model, and the
// predicted side with the closed-form code under test instantiated for rationals. The verdict is
// PASS only when every compared value is identical; there is no tolerance.
//
// Polynomials are compared at `points` seeded random rational points (and symbolically where the
// claim is a polynomial identity): a nonzero difference of degree ≤ 4 vanishes at a random point
// of a grid of 171 values per coordinate with probability ≤ 4/171 (Schwartz–Zippel), so 20 points
// leave a chance below 1e-32 that a wrong closed form passes.
#include "claims/families.hpp"
#include "claims/zfb_claims.hpp"

#include <chrono>
#include <random>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/inertia.hpp"
#include "dynamics/full_loss.hpp"
#include "dynamics/reduced.hpp"
#include "moments/lsa_expectation.hpp"
#include "theory/risk.hpp"

namespace icl {

namespace {

// Mismatches are quoted up to 240 characters: the first one goes into the one-line brief.
constexpr std::size_t mismatch_text_chars = 240;
// Random rational points p/q with |p| ≤ 9, 1 ≤ q ≤ 9: 171 values, small enough to keep the arithmetic
// quick, enough that a wrong closed form survives 20 points with probability below 1e-32
// (Schwartz–Zippel, above).
constexpr long draw_numerator_max = 9;
constexpr long draw_denominator_max = 9;

using clock_type = std::chrono::steady_clock;
double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

std::string shorten(std::string s, std::size_t n = mismatch_text_chars) {
  for (auto& ch : s)
    if (ch == '\n') ch = ' ';
  return s.size() > n ? s.substr(0, n) + " ..." : s;
}

// Result skeleton, seeded random rationals, and the tally of exact comparisons.
struct exact_setup {
  check_result r;
  problem<rational> p;
  int d;
  std::mt19937_64 rng;
  int compared = 0, mismatches = 0;
  std::string first;
  rational factor;  // every predicted value is multiplied by it: 1 + EPS under the plant scale:EPS, else 1

  exact_setup(const claim_spec& c, const instance_spec& in, const check_context& ctx)
      : r(result_skeleton(c, in, ctx, "exact rational")), p(make_exact_problem(in.lambda, in.N)), d(p.d), rng(in.seed),
        factor(prediction_factor<rational>(ctx)) {}
  rational draw() {
    const long num = static_cast<long>(rng() % (2 * draw_numerator_max + 1)) - draw_numerator_max;
    const long den = static_cast<long>(rng() % draw_denominator_max) + 1;
    return rational(num) / rational(den);
  }
  rational draw_nonzero() {
    rational x = 0;
    while (x == 0) x = draw();
    return x;
  }
  void note(const std::string& k, const std::string& v) { r.numbers.push_back({k, v}); }
  void miss(const std::string& what) {
    if (!mismatches++) first = what;
  }
  void compare(const std::string& what, const rational& predicted_as_written, const rational& measured) {
    const rational predicted = factor * predicted_as_written;
    ++compared;
    if (predicted != measured)
      miss(fmt::format("{}: predicted {} but the engine gives {} (difference {})", what, to_string(predicted),
                       to_string(measured), to_string(rational(predicted - measured))));
  }
  void compare_poly(const std::string& what, const param_poly& predicted, const param_poly& measured,
                    const std::vector<std::string>& names) {
    ++compared;
    param_poly scaled;
    for (const auto& [m, coef] : predicted.terms) scaled.add(m, factor * coef);
    const param_poly diff = scaled - measured;
    if (!diff.is_zero())
      miss(fmt::format("{}: predicted minus engine is the nonzero polynomial {}", what, shorten(diff.str(names))));
  }
  check_result finish(const std::string& pass_brief) {
    note("compared", std::to_string(compared));
    note("mismatches", std::to_string(mismatches));
    if (mismatches) {
      r.v = verdict::fail;
      r.brief = fmt::format("{} of {} exact comparisons differ; first: {}", mismatches, compared, first);
      r.key_figure = fmt::format("{}/{} differ", mismatches, compared);
      note("first_mismatch", first);
    } else if (compared == 0) {
      r.v = verdict::inconclusive;
      r.brief = "nothing was compared";
      r.key_figure = "nothing compared";
    } else {
      r.v = verdict::pass;
      r.brief = pass_brief;
      r.key_figure = fmt::format("exact {}/{}", compared, compared);
    }
    return r;
  }
};

// The engine's population loss ½E[(ŷ − y_q)²] for the training distribution, timed.
param_poly engine_loss(exact_setup& s, const instance_spec& in, const check_context& ctx) {
  auto pr = exact_prompt::training(s.p.lambda, in.N);
  pr.query_column = ctx.planted != plant::no_query_column;
  const auto t0 = clock_type::now();
  param_poly L = exact_population_loss(pr);
  s.note("polynomial_terms", std::to_string(L.size()));
  s.note("engine_seconds", fmt::format("{:.6f}", seconds_since(t0)));
  return L;
}

// pack() indices of a and c.
std::vector<int> ac_indices(int d) {
  std::vector<int> v;
  for (int i = 0; i < d; ++i) v.push_back(i);
  for (int i = 0; i < d; ++i) v.push_back(d + 1 + d * d + i);
  return v;
}

std::vector<rational> as_point(const full_params<rational>& th) {
  const vec<rational> y = th.pack();
  return std::vector<rational>(y.data(), y.data() + y.size());
}

full_params<rational> zero_params(int d) {
  return {vec<rational>::Zero(d), rational(0), mat<rational>::Zero(d, d), vec<rational>::Zero(d)};
}

std::vector<param_poly> gradient(const param_poly& L, int d) {
  std::vector<param_poly> g;
  for (int k = 0; k < full_params<rational>::size(d); ++k) g.push_back(L.derivative(k));
  return g;
}

// ---- check_exact_moments: the Wishart and Isserlis identities of §4 ----

// M samples x_i ~ N(0, Λ) as Gaussian variables, the sample covariance Λ̂ = (1/M) Σ x_i x_iᵀ entry by
// entry, and a symbolic d×d matrix A (a parameter per entry).
struct wishart_space {
  int d;
  gauss_space g;
  std::vector<int> x0;
  int nv = 0;
  std::vector<std::vector<gpoly>> Lh;
  std::vector<std::string> names;  // of A's entries, for mismatch messages

  wishart_space(const mat<rational>& L, long M) : d(static_cast<int>(L.rows())) {
    for (long i = 0; i < M; ++i) x0.push_back(g.add_block(L));
    nv = g.size();
    Lh.assign(d, std::vector<gpoly>(d, gpoly(nv)));
    for (int k = 0; k < d; ++k)
      for (int l = 0; l < d; ++l) {
        for (long i = 0; i < M; ++i) Lh[k][l] += x(i, k) * x(i, l);
        Lh[k][l] *= rational(1) / rational(M);
      }
    for (int l = 0; l < d; ++l)
      for (int k = 0; k < d; ++k) names.push_back(fmt::format("A{}{}", k + 1, l + 1));
  }
  gpoly x(long i, int k) const { return gpoly::variable(nv, x0[i] + k); }
  // A general A has a symbol per entry (index k + l·d); a symmetric one per pair k ≤ l.
  gpoly A(int k, int l, bool sym) const { return gpoly::parameter(nv, sym ? std::min(k, l) + std::max(k, l) * d : k + l * d); }
  // E[Λ̂ A Λ̂] entry (i, j) by the engine.
  param_poly lhat_A_lhat(int i, int j, bool sym) {
    gpoly P(nv);
    for (int k = 0; k < d; ++k)
      for (int l = 0; l < d; ++l) P += Lh[i][k] * A(k, l, sym) * Lh[l][j];
    return expect(g, P);
  }
};

using linear_map = std::function<mat<rational>(const mat<rational>&)>;

// The closed form F (linear in A) as one polynomial per entry: Σ_sym A_kl F(basis_kl).
std::vector<std::vector<param_poly>> predicted_entries(int d, const linear_map& F, bool sym) {
  std::vector<std::vector<param_poly>> out(d, std::vector<param_poly>(d));
  for (int k = 0; k < d; ++k)
    for (int l = sym ? k : 0; l < d; ++l) {
      mat<rational> B = mat<rational>::Zero(d, d);
      B(k, l) = 1;
      if (sym) B(l, k) = 1;
      const mat<rational> v = F(B);
      for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j) out[i][j].add(param_var(k + l * d), v(i, j));
    }
  return out;
}

template <class Engine>
void check_entries(exact_setup& s, const wishart_space& w, const std::string& what, const linear_map& F, bool sym,
                   Engine&& engine_entry) {
  const auto pred = predicted_entries(w.d, F, sym);
  for (int i = 0; i < w.d; ++i)
    for (int j = 0; j < w.d; ++j)
      s.compare_poly(fmt::format("{} ({},{})", what, i + 1, j + 1), pred[i][j], engine_entry(i, j), w.names);
}

// The identities linear in A, as polynomials in A; m is 1/M (or the planted 1/(M + 1)).
void check_linear_identities(exact_setup& s, wishart_space& w, const mat<rational>& L, const rational& m) {
  const int d = w.d;
  // E[x xᵀ A x xᵀ] = Λ(A + Aᵀ)Λ + tr(AΛ)Λ, one sample.
  check_entries(s, w, "E[x x^T A x x^T]",
                [&](const mat<rational>& B) { return mat<rational>(L * (B + B.transpose()) * L + (B * L).trace() * L); }, false,
                [&](int i, int j) {
                  gpoly P(w.nv);
                  for (int k = 0; k < d; ++k)
                    for (int l = 0; l < d; ++l) P += w.x(0, i) * w.x(0, k) * w.A(k, l, false) * w.x(0, l) * w.x(0, j);
                  return expect(w.g, P);
                });
  // General A: ((M−1)/M) ΛAΛ + (1/M)[Λ(A + Aᵀ)Λ + tr(AΛ)Λ].
  check_entries(s, w, "E[Lhat A Lhat], general A",
                [&](const mat<rational>& B) {
                  return mat<rational>((1 - m) * L * B * L + m * (L * (B + B.transpose()) * L + (B * L).trace() * L));
                },
                false, [&](int i, int j) { return w.lhat_A_lhat(i, j, false); });
  // Symmetric A: (1 + 1/M) ΛAΛ + (1/M) tr(AΛ) Λ.
  check_entries(s, w, "E[Lhat A Lhat], symmetric A",
                [&](const mat<rational>& B) { return mat<rational>((1 + m) * L * B * L + m * (B * L).trace() * L); }, true,
                [&](int i, int j) { return w.lhat_A_lhat(i, j, true); });
}

// E[Λ̂²] = Γ_M Λ, E[tr(Λ̂) Λ̂] = TΛ + (2/M)Λ², E[(tr Λ̂)²] = T² + (2/M) tr(Λ²).
void check_trace_identities(exact_setup& s, wishart_space& w, const mat<rational>& L, const rational& T, const rational& m) {
  const int d = w.d;
  gpoly trh(w.nv);
  for (int k = 0; k < d; ++k) trh += w.Lh[k][k];
  mat<rational> gamma_m = (1 + m) * L;
  for (int i = 0; i < d; ++i) gamma_m(i, i) += T * m;
  const mat<rational> L2 = L * L, sq = gamma_m * L, trl = T * L + 2 * m * L2;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) {
      gpoly P(w.nv);
      for (int k = 0; k < d; ++k) P += w.Lh[i][k] * w.Lh[k][j];
      s.compare(fmt::format("E[Lhat^2] ({},{})", i + 1, j + 1), sq(i, j), expect(w.g, P).eval({}));
      s.compare(fmt::format("E[tr(Lhat) Lhat] ({},{})", i + 1, j + 1), trl(i, j), expect(w.g, trh * w.Lh[i][j]).eval({}));
    }
  s.compare("E[tr(Lhat)^2]", T * T + 2 * m * L2.trace(), expect_product(w.g, trh, trh).eval({}));
}

// ---- check_exact_minimum: the stationary points of §2.6 ----

// b = C = 0, a cᵀ = e_j e_jᵀ/γ_j: stationary, with loss L* + ½ Σ_{i≠j} λ_i²/γ_i > L*; the Hessian's
// inertia says saddle or spurious local minimum. Returns the brief's clause on them.
template <class Stationary>
std::string check_rank_one_points(exact_setup& s, const std::vector<param_poly>& dL, const mat<rational>& Lam,
                                  const mat<rational>& G, const rational& Lstar, Stationary&& stationary) {
  const int d = s.d;
  rational least = -1;
  std::string rank_kinds;
  for (int j = 0; j < d; ++j) {
    full_params<rational> th = zero_params(d);
    th.a(j) = s.draw_nonzero();
    th.c(j) = 1 / (th.a(j) * G(j, j));
    rational excess = 0;
    for (int i = 0; i < d; ++i)
      if (i != j) excess += Lam(i, i) * Lam(i, i) / G(i, i) / 2;
    stationary(fmt::format("rank one along e{}:", j + 1), th, Lstar + excess);
    // Exploration: the Hessian's inertia says saddle or spurious local minimum.
    const auto x = as_point(th);
    const int n = full_params<rational>::size(d);
    mat<rational> H(n, n);
    for (int k = 0; k < n; ++k)
      for (int l = 0; l < n; ++l) H(k, l) = dL[k].derivative(l).eval(x);
    const auto in3 = inertia(H);
    const std::string kind = in3.neg ? "saddle" : "local minimum (not global)";
    s.note(fmt::format("rank_one_e{}_hessian_inertia", j + 1), fmt::format("{} positive, {} negative, {} zero: {}", in3.pos, in3.neg, in3.zero, kind));
    rank_kinds += fmt::format("{}e{}: {}", rank_kinds.empty() ? "" : ", ", j + 1, kind);
    ++s.compared;
    if (!(excess > 0)) s.miss(fmt::format("rank-one stationary point along e{} has loss <= L*", j + 1));
    if (least < 0 || excess < least) least = excess;
  }
  s.note("rank_one_least_excess", to_string(least));
  return fmt::format("; the {} rank-one points b = C = 0, a c^T = e_j e_j^T / gamma_j are stationary but lie at "
                     "least {} above L* (Hessian: {})",
                     d, to_string(least), rank_kinds);
}

// ---- check_exact_risk: the test prompts of §5–§6 ----

// The test distribution of an exact risk claim: length M, covariances (default Λ), labels of the task.
exact_prompt test_prompt(const instance_spec& in, const task_spec& task, const mat<rational>& Lam) {
  const int d = static_cast<int>(Lam.rows());
  exact_prompt test;
  test.n = in.M;
  test.lambda_x = in.lambda_x ? make_exact_problem(*in.lambda_x, in.N).lambda : Lam;
  test.lambda_q = in.lambda_q ? make_exact_problem(*in.lambda_q, in.N).lambda : Lam;
  test.square = parse_rational(task.square);
  test.noise_var = parse_rational(task.noise);
  test.noise_var_q = task.query_noise.empty() ? test.noise_var : parse_rational(task.query_noise);
  test.w_cov = mat<rational>::Identity(d, d);
  if (task.kind == task_spec::form::fixed) {
    test.w_fixed.resize(d);
    for (int i = 0; i < d; ++i) test.w_fixed(i) = parse_rational(task.w[i]);
  } else {
    for (int i = 0; i < static_cast<int>(task.w.size()); ++i) test.w_cov(i, i) = parse_rational(task.w[i]);
  }
  return test;
}

}  // namespace

check_result check_exact_full_loss(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  exact_setup s(c, in, ctx);
  const param_poly L = engine_loss(s, in, ctx);
  const auto dL = gradient(L, s.d);
  const auto names = full_param_names(s.d);
  const loss_variant v = ctx.planted == plant::gamma_n_plus_1    ? loss_variant::gamma_n_plus_1
                         : ctx.planted == plant::drop_eight_term ? loss_variant::drop_eight_term
                                                                 : loss_variant::as_derived;
  for (int i = 0; i < in.points; ++i) {
    full_params<rational> th = zero_params(s.d);
    vec<rational> y = th.pack();
    for (int k = 0; k < y.size(); ++k) y(k) = s.draw();
    th = full_params<rational>::unpack(y, s.d);
    const auto x = as_point(th);
    full_params<rational> g;
    s.compare(fmt::format("point {} loss", i + 1), full_loss_grad<rational>(s.p, th, g, nullptr, v), L.eval(x));
    const vec<rational> gp = g.pack();
    for (int k = 0; k < gp.size(); ++k)
      s.compare(fmt::format("point {} dL/d{}", i + 1, names[k]), gp(k), dL[k].eval(x));
  }
  return s.finish(fmt::format("closed-form loss and gradient (docs/THEORY.md §2) equal the engine's {}-term polynomial exactly at "
                              "{} random rational points (d = {}, N = {})",
                              L.size(), in.points, s.d, in.N));
}

check_result check_exact_invariance(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  exact_setup s(c, in, ctx);
  const param_poly L = engine_loss(s, in, ctx);
  const auto names = full_param_names(s.d);
  const auto ac = ac_indices(s.d);
  auto claimed = ac;
  if (ctx.planted == plant::invariant_b) claimed.push_back(s.d);
  // Symbolically: ∂L/∂a_i and ∂L/∂c_i with a = c = 0 substituted are the zero polynomial in (b, C).
  for (int k : claimed) s.compare_poly("dL/d" + names[k] + " on a = c = 0", param_poly{}, L.derivative(k).with_zero(ac), names);
  // And the closed-form gradient is exactly zero there.
  for (int i = 0; i < in.points; ++i) {
    full_params<rational> th = zero_params(s.d);
    th.b = s.draw();
    for (int k = 0; k < s.d * s.d; ++k) th.C.data()[k] = s.draw();
    full_params<rational> g;
    (void)full_loss_grad(s.p, th, g);
    const vec<rational> gp = g.pack();
    for (int k : claimed) s.compare(fmt::format("point {} closed-form dL/d{}", i + 1, names[k]), rational(0), gp(k));
  }
  return s.finish(fmt::format("on a = c = 0 the engine's dL/da and dL/dc are identically zero in (b, C), and the "
                              "closed-form gradient is exactly 0 there at {} random points: the set is invariant under "
                              "the flow (d = {}, N = {})",
                              in.points, s.d, in.N));
}

check_result check_exact_reduced(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  exact_setup s(c, in, ctx);
  const int d = s.d;
  const param_poly Lr = engine_loss(s, in, ctx).with_zero(ac_indices(d));
  const auto dL = gradient(Lr, d);
  const problem<rational> pc = ctx.planted == plant::gamma_n_plus_1 ? make_exact_problem(in.lambda, in.N + 1) : s.p;
  for (int i = 0; i < in.points; ++i) {
    reduced_params<rational> rp{s.draw(), mat<rational>(d, d)};
    for (int k = 0; k < d * d; ++k) rp.U.data()[k] = s.draw();
    const auto x = as_point(rp.as_full());
    reduced_params<rational> g;
    s.compare(fmt::format("point {} loss", i + 1), reduced_loss_grad(pc, rp, g), Lr.eval(x));
    s.compare(fmt::format("point {} dL/du", i + 1), g.u, dL[d].eval(x));
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b)
        s.compare(fmt::format("point {} dL/dU{}{}", i + 1, a + 1, b + 1), g.U(a, b), dL[d + 1 + a + b * d].eval(x));
  }
  const std::string holds = fmt::format("the reduced loss and gradient (docs/THEORY.md §3) equal the engine's loss on a = c = 0 "
                                        "({} terms) exactly at {} random points (d = {}, N = {})",
                                        Lr.size(), in.points, d, in.N);
  return s.finish(holds);
}

check_result check_exact_moments(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  exact_setup s(c, in, ctx);
  const long M = in.M > 0 ? in.M : in.N;
  // The identities' 1/M; the plant writes 1/(M + 1).
  const rational m = rational(1) / rational(ctx.planted == plant::gamma_n_plus_1 ? M + 1 : M);
  s.note("M", std::to_string(M));
  const auto t0 = clock_type::now();
  wishart_space w(s.p.lambda, M);
  check_linear_identities(s, w, s.p.lambda, m);
  check_trace_identities(s, w, s.p.lambda, s.p.trace, m);
  s.note("engine_seconds", fmt::format("{:.6f}", seconds_since(t0)));
  return s.finish(fmt::format(
      "the Wishart and Isserlis identities of docs/THEORY.md §4 (E[xx^T A xx^T], E[Lhat A Lhat] for general and symmetric A, "
      "E[Lhat^2] = Gamma_M Lambda, E[tr(Lhat) Lhat], E[tr(Lhat)^2]) hold exactly, entry by entry, as polynomials in A "
      "(d = {}, M = {})",
      s.d, M));
}

check_result check_exact_minimum(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  exact_setup s(c, in, ctx);
  const int d = s.d;
  const param_poly L = engine_loss(s, in, ctx);
  const auto dL = gradient(L, d);
  const auto names = full_param_names(d);
  const mat<rational>& Lam = s.p.lambda;
  const mat<rational> G = gamma_matrix(Lam, ctx.planted == plant::gamma_n_plus_1 ? in.N + 1 : in.N);
  const mat<rational> Gi = G.inverse();
  const rational Lstar = (s.p.trace - (Lam * Lam * Gi).trace()) / 2;
  s.note("L_star", to_string(Lstar));
  // A candidate minimiser: loss L* and every partial derivative exactly zero.
  const auto stationary = [&](const std::string& what, const full_params<rational>& th, const rational& value) {
    const auto x = as_point(th);
    s.compare(what + " loss", value, L.eval(x));
    for (std::size_t k = 0; k < dL.size(); ++k) s.compare(what + " dL/d" + names[k], rational(0), dL[k].eval(x));
  };
  for (int i = 0; i < in.points; ++i) {
    full_params<rational> th = zero_params(d);
    th.b = s.draw_nonzero();
    th.C = Gi / th.b;
    stationary(fmt::format("a = c = 0, b C = Gamma^-1, b = {}:", to_string(th.b)), th, Lstar);
    if (d == 1) {
      full_params<rational> t1 = zero_params(1);
      t1.a(0) = s.draw_nonzero();
      t1.c(0) = Gi(0, 0) / t1.a(0);
      stationary(fmt::format("b = C = 0, a c = Gamma^-1, a = {}:", to_string(t1.a(0))), t1, Lstar);
    }
  }
  const std::string rank_one = d >= 2 && s.p.diagonal ? check_rank_one_points(s, dL, Lam, G, Lstar, stationary) : "";
  return s.finish(fmt::format(
      "L* = {} = T/2 - tr(Lambda^2 Gamma^-1)/2 and every point a = c = 0, b C = Gamma^-1 is stationary with loss L* "
      "exactly ({} points){}{} (d = {}, N = {})",
      to_string(Lstar), in.points,
      d == 1 ? "; so is every point b = C = 0, a c = Gamma^-1 (the second family of d = 1)" : "", rank_one, d, in.N));
}

check_result check_exact_risk(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  exact_setup s(c, in, ctx);
  const int d = s.d;
  if (in.M < 1) throw usage_error("exact risk claims need the test prompt length M");
  const mat<rational>& Lam = s.p.lambda;
  const long N_pred = ctx.planted == plant::gamma_n_plus_1 ? in.N + 1 : in.N;
  const mat<rational> G_true = gamma_matrix(Lam, in.N), G_pred = gamma_matrix(Lam, N_pred);
  // The trained model: only u U = Γ⁻¹ enters the prediction.
  full_params<rational> trained = zero_params(d);
  trained.b = 1;
  trained.C = G_true.inverse();
  const task_spec task = in.task ? *in.task : parse_task_spec("gaussian", d);
  if (task.kind != task_spec::form::gaussian && task.kind != task_spec::form::fixed)
    throw usage_error("exact risk claims take gaussian or fixed tasks (the engine's variables are Gaussian)");
  const exact_prompt test = test_prompt(in, task, Lam);
  const auto t0 = clock_type::now();
  const rational measured = exact_prediction_error(test, trained);
  s.note("engine_seconds", fmt::format("{:.6f}", seconds_since(t0)));
  s.note("error_engine", to_string(measured));
  std::string what;
  if (task.kind == task_spec::form::gaussian) {
    if (test.square != 0) throw usage_error("a random task with a nonlinear term has no closed form here: use fixed:w");
    const rational shift = shift_error(G_pred, test.lambda_x, test.lambda_q, test.w_cov, in.M, test.noise_var, test.noise_var_q);
    s.note("error_shift_formula", to_string(shift));
    s.compare("docs/THEORY.md §6 error", shift, measured);
    what = "the §6 error formula (derived)";
    if (s.p.diagonal && test.lambda_x == Lam && test.lambda_q == Lam && test.w_cov.isIdentity(0) && !task.noisy()) {
      const rational R = risk_linear(vec<rational>(Lam.diagonal()), N_pred, in.M);
      s.note("error_R_M_N", to_string(R));
      s.compare("docs/THEORY.md §5 R(M, N)", R, measured);
      what += " and R(M, N) of §5 (derived)";
    }
  } else {
    if (test.lambda_x != Lam || test.lambda_q != Lam || test.noise_var_q != test.noise_var)
      throw usage_error("Theorem 4.2 tests on the training covariance with one noise level: drop lambda_x, lambda_q, query-noise");
    // The test distribution's moments E[xy], E[x xᵀ y²], E[y²] (Isserlis, one sample).
    const label_moments lm = exact_label_moments(test);
    const vec<rational>& mu = lm.xy;
    const mat<rational>& xxyy = lm.xxyy;
    const mat<rational> Li = Lam.inverse();
    const vec<rational> a = Li * mu;
    const mat<rational> Sigma = xxyy - mu * mu.transpose();
    const rational min_err = lm.yy - mu.dot(Li * mu);
    const rational pred = thm42_error(Lam, G_pred, in.N, in.M, a, Sigma, min_err);
    s.note("min_error", to_string(min_err));
    s.note("error_thm42", to_string(pred));
    s.compare("Theorem 4.2 error", pred, measured);
    what = "Theorem 4.2's error formula";
  }
  return s.finish(fmt::format(
      "E(yhat - y)^2 of the trained LSA (Gamma from N = {}) on length-{} prompts, task '{}', is {} exactly, as {} "
      "predicts",
      in.N, in.M, task.text, to_string(measured), what));
}

}  // namespace icl
