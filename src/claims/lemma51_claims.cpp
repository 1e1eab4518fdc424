// ZFB Lemma 5.1's remark that the population loss is not convex, made checkable (docs/THEORY.md §2.7):
// at the origin θ = 0 the Hessian of L over the live parameters (a, b, C, c) has at least d + 1
// negative eigenvalues. The predicted side is that count and nothing else. The measured side is the
// Hessian itself, from one of two routes that share no code with the prediction:
//   d ≤ engine_max_d: the second derivatives of the exact engine's polynomial of the literal loss
//     (moments/), evaluated at 0 over the rationals; the count is the exact inertia (Sylvester).
//   larger d: the closed-form gradient (§2.3–§2.4, itself equal to the engine's exactly: exact.full_loss)
//     differentiated once more by an exact five-point stencil (dynamics/full_loss_hessian), in the
//     --type scalar; the count comes from symmetric eigenvalues and a rounding margin (below).
#include "claims/families.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "core/inertia.hpp"
#include "core/instantiate.hpp"
#include "core/scalar_label.hpp"
#include "dynamics/full_loss_hessian.hpp"
#include "moments/lsa_expectation.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

namespace {

// The exact engine expands the literal loss with every prompt column a Gaussian block; beyond d = 3
// its polynomial grows past what a catalog instance should spend (d = 3, N = 2: well under a second).
constexpr int engine_max_d = 3;
// Rounding margin of the floating route, in units of ε·scale (scale: the largest gradient entry or
// cancelling term the stencil met). The stencil's weights sum to 3/2 in absolute value, the closed
// form adds a few hundred terms and the symmetric eigensolver's backward error is ~ n ε ‖H‖: a factor
// 1000·n covers all three with room. An eigenvalue within this margin of 0 cannot be signed; if the
// verdict depends on such an eigenvalue the result is INCONCLUSIVE.
constexpr long margin_eps_per_parameter = 1000;

using clock_type = std::chrono::steady_clock;

// What the claim predicts about the number k of negative eigenvalues.
struct prediction {
  bool exactly_d;  // the plant: k = d; the lemma: k ≥ d + 1
  int d;
  bool holds(int k) const { return exactly_d ? k == d : k >= d + 1; }
  std::string text() const { return exactly_d ? fmt::format("exactly {} = d", d) : fmt::format("at least {} = d + 1", d + 1); }
};

template <class T> T from_rational(const rational& x) {
  return parse<T>(numerator(x).str()) / parse<T>(denominator(x).str());
}

// The figure: the Hessian's eigenvalues in ascending order; the first `negative` of them (those the
// verdict counted as negative) drawn again on their own.
template <class T> figure eigenvalue_figure(const vec<T>& ev, int negative, const std::string& how) {
  figure f;
  f.name = "hessian-eigenvalues";
  f.title = "Hessian of L at the origin over (a, b, C, c): eigenvalues (" + how + ")";
  f.xlabel = "index (ascending)";
  f.ylabel = "eigenvalue";
  f.columns = {"index", "eigenvalue", "negative eigenvalue"};
  for (int i = 0; i < ev.size(); ++i)
    f.rows.push_back({std::to_string(i + 1), full(T(ev(i))), i < negative ? full(T(ev(i))) : std::string("nan")});
  f.curves = {{0, 1}, {0, 2}};
  f.styles = {"points", "points"};
  return f;
}

template <class T> check_result exact_route(check_result& r, const instance_spec& in, const prediction& pr) {
  const problem<rational> p = make_exact_problem(in.lambda, in.N);
  const int n = full_params<rational>::size(p.d);
  const auto t0 = clock_type::now();
  const param_poly L = exact_population_loss(exact_prompt::training(p.lambda, in.N));
  const std::vector<rational> origin(static_cast<std::size_t>(n), rational(0));
  mat<rational> H(n, n);
  for (int k = 0; k < n; ++k) {
    const param_poly dk = L.derivative(k);
    for (int l = 0; l < n; ++l) H(k, l) = dk.derivative(l).eval(origin);
  }
  const inertia_counts ic = inertia(H);
  r.numbers.push_back({"route", "exact engine (literal loss), exact inertia over the rationals"});
  r.numbers.push_back({"engine_polynomial_terms", std::to_string(L.size())});
  r.numbers.push_back({"engine_seconds", fmt::format("{:.6f}", std::chrono::duration<double>(clock_type::now() - t0).count())});
  r.numbers.push_back({"parameters", std::to_string(n)});
  r.numbers.push_back({"negative", std::to_string(ic.neg)});
  r.numbers.push_back({"zero", std::to_string(ic.zero)});
  r.numbers.push_back({"positive", std::to_string(ic.pos)});
  r.numbers.push_back({"predicted", pr.text()});
  // For the figure only: the exact Hessian's eigenvalues in T (the verdict uses the exact inertia).
  mat<T> Ht(n, n);
  for (int k = 0; k < n; ++k)
    for (int l = 0; l < n; ++l) Ht(k, l) = from_rational<T>(H(k, l));
  r.figures.push_back(eigenvalue_figure<T>(Eigen::SelfAdjointEigenSolver<mat<T>>(Ht, Eigen::EigenvaluesOnly).eigenvalues(), ic.neg,
                                           "exact inertia; values in " + scalar_label<T>()));
  r.key_figure = fmt::format("{} neg / {} zero / {} pos", ic.neg, ic.zero, ic.pos);
  return judge(r, pr.holds(ic.neg),
               fmt::format("exact inertia of the engine's Hessian at 0 (d = {}, {} parameters): {} negative, {} zero, {} positive; "
                           "predicted {} negative",
                           p.d, n, ic.neg, ic.zero, ic.pos, pr.text()));
}

template <class T> check_result floating_route(check_result& r, const instance_spec& in, const prediction& pr) {
  using std::abs;
  const problem<T> p = make_problem<T>(in.lambda, in.N);
  const int d = p.d;
  const int n = full_params<T>::size(d);
  const full_params<T> origin{vec<T>::Zero(d), T(0), mat<T>::Zero(d, d), vec<T>::Zero(d)};
  const loss_hessian<T> h = full_loss_hessian(p, origin);
  const vec<T> ev = Eigen::SelfAdjointEigenSolver<mat<T>>(h.H, Eigen::EigenvaluesOnly).eigenvalues();
  const T tau = T(margin_eps_per_parameter) * T(n) * eps<T>() * h.scale;
  // Every true eigenvalue lies within tau of a computed one (Weyl), so the true count of negative
  // eigenvalues lies in [certain, possible].
  int certain = 0, possible = 0, near_zero = 0;
  T smallest_signed = T(-1);  // the smallest |λ| beyond the margin: how clear the separation is
  for (int i = 0; i < n; ++i) {
    if (ev(i) < -tau) ++certain;
    if (ev(i) < tau) ++possible;
    if (abs(ev(i)) <= tau) ++near_zero;
    else if (smallest_signed < T(0) || abs(ev(i)) < smallest_signed) smallest_signed = abs(ev(i));
  }
  r.numbers.push_back({"route", "closed-form gradient + exact five-point stencil, symmetric eigenvalues in " + scalar_label<T>()});
  r.numbers.push_back({"parameters", std::to_string(n)});
  r.numbers.push_back({"gradient_evaluations", std::to_string(h.gradient_evaluations)});
  r.numbers.push_back({"stencil_asymmetry", full(h.asymmetry)});
  r.numbers.push_back({"margin_tau", full(tau)});
  r.numbers.push_back({"margin_in_eps_times_scale", fmt::format("{}", margin_eps_per_parameter * n)});
  r.numbers.push_back({"negative_beyond_margin", std::to_string(certain)});
  r.numbers.push_back({"within_margin_of_zero", std::to_string(near_zero)});
  r.numbers.push_back({"positive_beyond_margin", std::to_string(n - possible)});
  if (smallest_signed > T(0)) r.numbers.push_back({"smallest_signed_over_tau", full(T(smallest_signed / tau))});
  r.numbers.push_back({"eigenvalues", [&] {
                         std::string s;
                         for (int i = 0; i < n; ++i) s += (i ? " " : "") + full(T(ev(i)));
                         return s;
                       }()});
  r.numbers.push_back({"predicted", pr.text()});
  r.figures.push_back(eigenvalue_figure<T>(ev, certain, scalar_label<T>() + ", margin " + fmt::format("{:.3g}", to_double(tau))));
  r.key_figure = fmt::format("{} neg / {} ~0 / {} pos", certain, near_zero, n - possible);
  bool all_hold = true, none_hold = true;
  for (int k = certain; k <= possible; ++k) (pr.holds(k) ? none_hold : all_hold) = false;
  const std::string counts = fmt::format("Hessian at 0 (d = {}, {} parameters, {}): {} eigenvalues below -{:.3g}, {} within that margin of 0, "
                                         "{} above; predicted {} negative",
                                         d, n, scalar_label<T>(), certain, to_double(tau), near_zero, n - possible, pr.text());
  if (!all_hold && !none_hold)
    return settle(r, verdict::inconclusive, counts + ": the eigenvalues within the rounding margin of 0 decide", "near-zero decides");
  return judge(r, all_hold, counts);
}

}  // namespace

template <class T> check_result check_lemma51_nonconvex(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  const int d = in.lambda.d;
  const bool exact = d <= engine_max_d;
  check_result r = result_skeleton(c, in, ctx, exact ? std::string("exact rational") : scalar_label<T>());
  const prediction pr{ctx.planted == plant::hessian_count_d, d};
  return exact ? exact_route<T>(r, in, pr) : floating_route<T>(r, in, pr);
}

#define ICL_INST(T) ICL_INSTANTIATE_CHECK(check_lemma51_nonconvex, T)
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
