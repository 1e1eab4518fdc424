#include "claims/risk_claims.hpp"
#include "claims/zfb_reference.hpp"
#include "claims/tolerances.hpp"
#include "claims/covariate_limit.hpp"
#include "claims/memo_keys.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "core/run_memo.hpp"
#include "core/scalar_label.hpp"
#include "flow/flow.hpp"
#include "flow/random_cov_flow.hpp"
#include "model/random_cov_model.hpp"
#include "moments/lsa_expectation.hpp"
#include "theory/covariate_law.hpp"
#include "theory/random_cov_limits.hpp"
#include "theory/risk.hpp"
#include "model/init.hpp"

namespace icl {

namespace {

// ---- Tolerances, grids and budgets of the prediction-error families (docs/THEORY.md §5–§7) ----

// The N and M grid of `rates` and `cor43_bound`: five decades 1e1..1e5 (25 (M, N) points for the
// bound), from short prompts where the next-order terms dominate to where the rates are asymptotic.
const long grid[] = {10, 100, 1000, 10000, 100000};
constexpr int grid_size = 5;
// The slopes are fitted on the last three grid points, 1e3..1e5: at N = 10 and 100 the next-order
// terms still bend the log-log line.
constexpr int rate_fit_first = 2;
// Fitted slopes must be within 0.02 of the claimed −2 (in N) and −1 (in M): measured within 0.0026
// (−1.99753 and −1.99743 in N on the catalog, −1.000000 in M); the planted 1/N rate is off by 1.
constexpr double slope_tolerance = 0.02;
// The random-covariance flow (docs/THEORY.md §7.1) starts at u = σ, U = σ I/√d with σ = 1/10: u² = ‖U‖²_F
// for every σ, so the limit does not depend on it; 1/10 is a small start as in ZFB's initialisation ...
template <class T> T rc_start_sigma() { return T(1) / T(10); }
// ... and, in double, is run until its gradient is 1e-12 of the limit's size: 12 digits, far more than
// the Monte Carlo it feeds resolves (≤ 3 digits), and 3 short of double's 15, so the test is reachable.
constexpr int rc_double_digits = 12;
// In T (thm45_random_cov, compared in digits) it is run to 6 digits short of T's working digits: still
// 4 beyond the digits required at the default digits_margin of 10, and clear of the rounding floor.
constexpr int rc_headroom_digits = 6;
// `shift_tolerated` judges the shift at M = N = 1e5, the end of the grid, where the O(1/N + 1/M)
// terms have fallen to ~1e-5 of the signal ...
constexpr long tolerance_point = 100000;
// ... and calls it tolerated when the excess over the query-noise floor is ≤ 1e-3 of E[t²]: measured
// 3.2e-5 and 4.4e-5 on the catalog; an untolerated shift leaves an O(1) excess.
constexpr double tolerated_excess = 1e-3;
// The test prompt lengths the error-against-M figures are drawn at (half decades 1e1..1e5).
const long figure_Ms[] = {10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000};
// `covariate_shift` (docs/THEORY.md §6.3): the independent seed of the unscaled (c = 1) run the
// slope ratio is measured against, offset from the instance's seed so the two runs share no draws.
constexpr std::uint64_t unscaled_seed_offset = 0x9e3779b97f4a7c15ULL;
// The M, N → ∞ error c² (c² − 1)² tr Λ of a covariate scaling: "not tolerated" needs it ≥ 1e-2 of
// E[y²] (0.56 and 9 at the former c = 2 and 1/2); the planted "tolerated" needs it ≤ 1e-3.
constexpr double untolerated_limit = 1e-2;
constexpr double tolerated_limit = 1e-3;
// The measured limit (docs/THEORY.md §6.3): flows trained at N = 1000, 2000, 4000, 8000, three
// Richardson steps; the measured and predicted limits must agree within 1e-6 of E[t²] = c² tr Λ, and
// the last Richardson step must have moved less than a tenth of that (else INCONCLUSIVE). Measured on
// the catalog: the last step moved 4.7e-8 (c = 1.7) and 4.3e-11 (c = 0.6) of E[t²]; the limits agree
// to 4.1e-10 and 8.4e-13 of it; the planted "not squared" and "tolerated" limits are off by 1.7 and 3.6.
constexpr long covariate_limit_N0 = 1000;
constexpr double covariate_limit_tolerance = 1e-6;
// `orthogonal_query` and `orthogonal_query_gamma`: |ŷ| of a query orthogonal to the prompt must be
// ≤ 1e-9 of |ŷ| for a query in general position. Measured: 1.5e-14 against 27 for Λ = I (rounding);
// 5.7e-10 against 49 and 2.8e-11 against 51 for Γ⁻¹-orthogonal queries at anisotropic Λ, where the
// flow-trained model differs from Γ⁻¹ by its stopping distance (2.2e-10, 3.1e-10): 86 times below
// the tolerance at worst. A query in the span gives O(1); a Λ⁻¹-orthogonal one 16 and 6.9.
constexpr double orthogonal_zero = 1e-9;
// `thm45_random_cov`: "the error does not vanish" needs the M, N → ∞ error ≥ 5% of E[y²] (measured
// 0.11 to 0.33 on the catalog; the planted consistent training gives 0).
constexpr double inconsistency_floor = 0.05;
// `fig1_lsa_limit`: N = 1e9 stands for N → ∞; what is taken from it (the moments, δ = m2/m3 and the
// error at a given δ) does not depend on N ...
constexpr long fig1_N_infinity = 1000000000L;
// ... the finite N of Figure 1's curves ...
const long fig1_Ns[] = {40, 70, 100};
// ... the test prompt length when the instance gives none (the figure's largest M) ...
constexpr long fig1_default_M = 200;
// ... and the LSA-limit line and the general §7 formula, two forms of one number in double, must
// agree to 1e-12 relative (rounding of a few dozen operations; measured equal to the last digit).
constexpr double fig1_same_number = 1e-12;
// The Monte Carlo families run their flow and sampling in double, whatever --type says.
constexpr const char* mc_label = "double (flow) + Monte Carlo";
// Their estimator (docs/THEORY.md §5.6): the task, the noise and the query integrated given the prompt, with
// control variates; bench/README.md has what each technique pays.
constexpr const char* mc_estimator = "conditional-query+cv";

// ---- Training and moments ----

// The sampler's form of a law (its numbers in double).
void set_cov_law(const law_spec& l, mc_spec& ms) {
  switch (l.k) {
    case law_spec::kind::fixed: ms.law = mc_spec::cov_law::fixed; break;
    case law_spec::kind::exponential: ms.law = mc_spec::cov_law::exponential; break;
    case law_spec::kind::uniform:
      ms.law = mc_spec::cov_law::uniform;
      ms.law_a = std::stod(l.a);
      ms.law_b = std::stod(l.b);
      break;
    case law_spec::kind::gamma:
      ms.law = mc_spec::cov_law::gamma;
      ms.law_a = std::stod(l.a);
      break;
    case law_spec::kind::two_point: throw usage_error("the Monte Carlo sampler has no two-point law: use laws = [...] (no sampling)");
  }
}

template <class T> random_cov_theory<T> rc_theory(int d, long N, const law_spec& law) {
  const auto m = law_moments<T>(law);
  return random_cov_theory<T>(d, N, m[0], m[1], m[2]);
}

// The measured side's system (model/random_cov_model.hpp), with the model slip a plant asks for.
template <class T> random_cov_system<T> rc_model(const std::vector<law_spec>& laws, long N, plant planted) {
  return make_random_cov_system<T>(laws, N,
                                   planted == plant::model_rc_diagonal_1_over_n
                                       ? random_cov_model_slip::gamma_without_diagonal_1_over_n
                                       : random_cov_model_slip::none);
}
template <class T> random_cov_system<T> rc_model(int d, long N, const law_spec& law, plant planted) {
  return rc_model<T>(std::vector<law_spec>(static_cast<std::size_t>(d), law), N, planted);
}

// max |U_ij| over i ≠ j.
template <class T> T offdiag_max(const mat<T>& U) {
  using std::abs;
  T m = T(0);
  for (int i = 0; i < U.rows(); ++i)
    for (int j = 0; j < U.cols(); ++j)
      if (i != j) m = std::max(m, T(abs(U(i, j))));
  return m;
}

// The random-covariance flow in double, as the Monte Carlo families use it.
random_cov_flow_result<double> rc_flow_double(const random_cov_system<double>& sys, double max_seconds) {
  return run_random_cov_flow<double>(sys, rc_start_sigma<double>(), rc_double_digits, max_seconds);
}

// The reduced flow from the paper's start (σ auto), in T; throws when it does not finish.
template <class T> flow_result<T> train(const problem<T>& p, double max_seconds) {
  flow_options<T> o;
  o.init.sigma = "auto";
  o.max_seconds = max_seconds;
  o.reference = zfb_reference(p);
  auto f = run_flow(p, o);
  if (!f.stats.ok) throw std::runtime_error("training flow did not finish: " + f.stats.reason);
  return f;
}

template <class T> mat<T> trained_D(const flow_result<T>& f) { return f.final_reduced.u * f.final_reduced.U.transpose(); }

template <class T> mat<double> to_double_mat(const mat<T>& m) {
  mat<double> r(m.rows(), m.cols());
  for (int i = 0; i < m.rows(); ++i)
    for (int j = 0; j < m.cols(); ++j) r(i, j) = static_cast<double>(m(i, j));
  return r;
}

mat<double> task_second_moment(const task_spec& t, int d) {
  switch (t.kind) {
    case task_spec::form::gaussian: {
      mat<double> W = mat<double>::Identity(d, d);
      for (int i = 0; i < static_cast<int>(t.w.size()); ++i) W(i, i) = static_cast<double>(parse_rational(t.w[i]));
      return W;
    }
    case task_spec::form::fixed: {
      vec<double> w(d);
      for (int i = 0; i < d; ++i) w(i) = static_cast<double>(parse_rational(t.w[i]));
      return w * w.transpose();
    }
    case task_spec::form::rademacher: return mat<double>::Identity(d, d);
    case task_spec::form::sparse: return mat<double>::Identity(d, d) * (double(t.sparse_k) / d);
  }
  return {};
}

// The sampler's form of a task: its law of w and its label noise (numbers in double).
void set_mc_task(const task_spec& t, int d, mc_spec& ms) {
  switch (t.kind) {
    case task_spec::form::gaussian:
      ms.task = mc_spec::task_kind::gaussian;
      if (!t.w.empty()) ms.w_var = task_second_moment(t, d).diagonal();
      break;
    case task_spec::form::fixed:
      ms.task = mc_spec::task_kind::fixed;
      ms.w_fixed.resize(d);
      for (int i = 0; i < d; ++i) ms.w_fixed(i) = static_cast<double>(parse_rational(t.w[i]));
      break;
    case task_spec::form::rademacher: ms.task = mc_spec::task_kind::rademacher; break;
    case task_spec::form::sparse:
      ms.task = mc_spec::task_kind::sparse;
      ms.sparse_k = t.sparse_k;
      break;
  }
  ms.square = static_cast<double>(parse_rational(t.square));
  ms.noise_var = static_cast<double>(parse_rational(t.noise));
  ms.query_noise_var = t.query_noise.empty() ? ms.noise_var : static_cast<double>(parse_rational(t.query_noise));
}

// ---- Judging a Monte Carlo comparison ----

std::string describe(const risk_comparison& r) {
  return fmt::format("{} = {:.6g}; Monte Carlo {:.6g}, 99.9% interval [{:.6g}, {:.6g}] ({} prompts)", r.formula, r.theory,
                     r.mc.mean, r.mc.ci_low(), r.mc.ci_high(), r.mc.samples);
}

void add_number(check_result& res, const std::string& key, double v) { res.numbers.push_back({key, fmt::format("{:.17g}", v)}); }

void add_mc_numbers(check_result& res, const risk_comparison& r) {
  add_number(res, "risk_theory", r.theory);
  add_number(res, "risk_mc", r.mc.mean);
  add_number(res, "mc_std_error", r.mc.std_error);
  add_number(res, "mc_ci_low", r.mc.ci_low());
  add_number(res, "mc_ci_high", r.mc.ci_high());
  res.numbers.push_back({"mc_samples", std::to_string(r.mc.samples)});
  res.numbers.push_back({"mc_estimator", r.mc.estimator});
  res.numbers.push_back({"training", r.training});
}

// PASS when the formula lies in the interval and the interval resolves the value to mc_resolution.
void mc_verdict(check_result& res, const risk_comparison& r, const std::string& what) {
  add_mc_numbers(res, r);
  const mc_judgement j = judge_mc(r.mc, r.theory, mc_resolution);
  const double off_se = std::fabs(r.theory - r.mc.mean) / r.mc.std_error;
  if (j.v == verdict::fail)
    settle(res, verdict::fail, what + ": outside the interval: " + describe(r), fmt::format("off by {:.2f} SE", off_se));
  else if (j.v == verdict::inconclusive)
    settle(res, verdict::inconclusive,
           what + fmt::format(": interval too wide to resolve {:g}% ({}); about {} prompts would resolve it", 100 * mc_resolution,
                              describe(r), j.samples_needed),
           "interval too wide");
  else
    settle(res, verdict::pass, what + ": " + describe(r), fmt::format("{:.2f} SE", off_se));
}

risk_setup setup_of(const instance_spec& in, const check_context& ctx) {
  risk_setup s;
  s.lambda = in.lambda;
  s.N = in.N;
  if (in.M < 1) throw usage_error("prediction-error claims need the test prompt length M");
  s.M = in.M;
  s.task = in.task ? *in.task : parse_task_spec("gaussian", in.lambda.d);
  s.lambda_x = in.lambda_x;
  s.lambda_q = in.lambda_q;
  s.shift = in.shift;
  s.law = in.law;
  s.scale = std::stod(in.scale);
  s.samples = in.samples;
  s.seed = in.seed;
  s.threads = 1;  // the catalog already runs instances in parallel
  s.planted = ctx.planted;
  s.factor = prediction_factor<double>(ctx);
  s.max_seconds = ctx.max_seconds;
  return s;
}

// Least-squares slope of log10 y against log10 x.
double loglog_slope(const std::vector<double>& x, const std::vector<double>& y) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double a = std::log10(x[i]), b = std::log10(y[i]);
    sx += a;
    sy += b;
    sxx += a * a;
    sxy += a * b;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// A figure's rows over figure_Ms: M, then each column function at M, in full double precision.
template <class... F> void rows_against_M(figure& fg, const F&... column) {
  for (long M : figure_Ms) fg.rows.push_back({std::to_string(M), fmt::format("{:.17g}", column(M))...});
}

// ---- compare_risk: train, predict, sample ----

// Random covariance per prompt (docs/THEORY.md §7): the random-covariance flow trains, the §7 formula predicts.
full_params<double> random_cov_side(const risk_setup& s, mc_spec& ms, risk_comparison& out) {
  const int d = s.lambda.d;
  const task_spec& t = s.task;
  if (t.kind != task_spec::form::gaussian || !t.w.empty() || t.noisy() || ms.square != 0 ||
      s.shift.k != shift_spec::kind::none || s.lambda_x || s.lambda_q)
    throw usage_error("random-covariance risk is for the plain task w ~ N(0, I), noiseless, no shift");
  set_cov_law(s.law, ms);
  ms.scale = s.scale;
  const auto rc = rc_theory<double>(d, s.N, s.law);
  const auto sys = rc_model<double>(d, s.N, s.law, s.planted);
  const auto f = rc_flow_double(sys, s.max_seconds);
  if (!f.stats.ok) throw std::runtime_error("random-covariance flow did not finish: " + f.stats.reason);
  const full_params<double> th{vec<double>::Zero(d), f.u, f.U, vec<double>::Zero(d)};
  out.D = f.u * f.U.transpose();
  const double delta = out.D.diagonal().mean();
  out.training = fmt::format("random-covariance flow ({}), N = {}: u U_ii = {:.12g} (gamma_i = {:.6g}, beta_i = {:.6g})",
                             to_string(s.law), s.N, delta, sys.gamma(0), sys.beta(0));
  out.theory = rc.error(delta, s.scale, s.M, s.planted == plant::random_cov_drop_1_over_m);
  out.formula = "docs/THEORY.md §7 random-covariance error";
  out.slope_theory = delta * s.scale * rc.m2 / rc.m1;
  return th;
}

// Theorem 4.2 for any linear predictor D: min error + (1/M) tr(Σ Dᵀ Λ D) + ‖Dμ − a‖²_Λ, with the test
// distribution's moments taken exactly by the Isserlis engine (a nonlinear fixed task).
double thm42_error_at(const risk_setup& s, const mat<double>& L, const mat<double>& Dp) {
  const task_spec& t = s.task;
  const int d = s.lambda.d;
  exact_prompt ep;
  ep.lambda_x = ep.lambda_q = make_exact_problem(s.lambda, s.N).lambda;
  ep.w_fixed.resize(d);
  for (int i = 0; i < d; ++i) ep.w_fixed(i) = parse_rational(t.w[i]);
  ep.square = parse_rational(t.square);
  ep.noise_var = parse_rational(t.noise);
  const label_moments lm = exact_label_moments(ep);
  const mat<double> Li = L.inverse();
  const vec<double> mu = lm.xy.unaryExpr([](const rational& x) { return static_cast<double>(x); });
  const mat<double> Sigma =
      lm.xxyy.unaryExpr([](const rational& x) { return static_cast<double>(x); }) - mu * mu.transpose();
  const vec<double> a = Li * mu;
  const double min_err = static_cast<double>(lm.yy) - mu.dot(Li * mu);
  const vec<double> bias = Dp * mu - a;
  return min_err + (Sigma * Dp.transpose() * L * Dp).trace() / double(s.M) + bias.dot(L * bias);
}

// One covariance Λ (docs/THEORY.md §5–§6): the reduced flow trains; the §6 error (or Theorem 4.2 for a
// nonlinear task) at the trained predictor, under the test covariances of the shift, predicts.
full_params<double> fixed_cov_side(const risk_setup& s, mc_spec& ms, const mat<double>& W, risk_comparison& out) {
  const problem<double> p = make_problem<double>(s.lambda, s.N);
  const auto f = train(p, s.max_seconds);
  out.D = trained_D(f);
  out.training = fmt::format("reduced flow, N = {}, sigma auto: u = {:.15g}, distance to the closed-form optimum {:.2g}",
                             s.N, f.final_reduced.u, f.trajectory.back().dist);
  mat<double> Lx = p.lambda, Lq = p.lambda;
  if (s.lambda_x) Lx = make_problem<double>(*s.lambda_x, s.N).lambda;
  if (s.lambda_q) Lq = make_problem<double>(*s.lambda_q, s.N).lambda;
  if (s.shift.k == shift_spec::kind::covariate) {
    const double c = std::stod(s.shift.c);
    Lx = Lq = c * c * p.lambda;
  }
  ms.lambda_x = Lx;
  ms.lambda_q = Lq;
  ms.orthogonal_query = s.shift.k == shift_spec::kind::orthogonal_query;
  const mat<double> Dp = s.planted == plant::gamma_to_lambda ? mat<double>(p.lambda.inverse()) : out.D;
  if (ms.orthogonal_query) {
    out.theory = std::numeric_limits<double>::quiet_NaN();
    out.formula = "prediction 0 (query orthogonal to the prompt)";
  } else if (ms.square != 0) {
    if (s.task.kind != task_spec::form::fixed || s.lambda_x || s.lambda_q || s.shift.k != shift_spec::kind::none ||
        ms.query_noise_var != ms.noise_var)
      throw usage_error("a nonlinear task needs fixed:w, the training covariance and one noise level (Theorem 4.2)");
    out.theory = thm42_error_at(s, p.lambda, Dp);
    out.formula = "Theorem 4.2 at the trained predictor";
  } else {
    out.theory = predictor_error<double>(Dp, Lx, Lq, W, s.M, ms.noise_var, ms.query_noise_var);
    out.formula = "docs/THEORY.md §6 error at the trained predictor";
  }
  out.slope_theory = (Dp * Lx * W * Lq).trace() / (W * Lq).trace();
  return f.final_full;
}

}  // namespace

mc_judgement judge_mc(const mc_result& mc, double predicted, double resolution) {
  mc_judgement j;
  const double half = mc.z * mc.std_error, scale = std::fabs(mc.mean);
  j.half_width_relative = scale > 0 ? half / scale : std::numeric_limits<double>::infinity();
  if (!(mc.ci_low() <= predicted && predicted <= mc.ci_high())) {
    j.v = verdict::fail;
  } else if (!(half <= resolution * scale)) {
    j.v = verdict::inconclusive;
    const double grow = j.half_width_relative / resolution;  // the half-width falls like 1/√n
    j.samples_needed = std::isfinite(grow) ? static_cast<long>(std::ceil(double(mc.samples) * grow * grow)) : -1;
  } else {
    j.v = verdict::pass;
  }
  return j;
}

risk_comparison compare_risk(const risk_setup& s) {
  const int d = s.lambda.d;
  risk_comparison out;
  mc_spec ms;
  ms.d = d;
  ms.M = s.M;
  set_mc_task(s.task, d, ms);
  const mat<double> W = task_second_moment(s.task, d);
  const full_params<double> th =
      s.law.k != law_spec::kind::fixed ? random_cov_side(s, ms, out) : fixed_cov_side(s, ms, W, out);
  // ŷ itself is what an orthogonal query is judged by: that run averages single draws.
  set_estimator(ms, s.shift.k == shift_spec::kind::orthogonal_query ? "plain" : s.estimator);
  // The theorist's slip of a relative 0.5% in the prediction, which the 0.2% rule must see.
  if (s.planted == plant::risk_scaled_half_percent) out.theory *= 1.005;
  out.theory *= s.factor;  // the plant scale:EPS (docs/THEORY.md §9.3)
  out.slope_theory *= s.factor;
  out.mc = mc_prediction_error(ms, th, s.samples, s.seed, s.threads);
  out.agree = out.mc.ci_low() <= out.theory && out.theory <= out.mc.ci_high();
  return out;
}

check_result check_thm42_mc(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, mc_label);
  const auto cmp = compare_risk(setup_of(in, ctx));
  mc_verdict(r, cmp, "trained LSA error");
  return r;
}

namespace {

// Error against M under the shift, for the model trained at this N and at N = tolerance_point, with
// the query-noise floor.
figure shift_figure(const std::string& name, long N, const mat<double>& Dn, const mat<double>& D, const mat<double>& Lx,
                    const mat<double>& Lq, const mat<double>& W, double noise, double qnoise) {
  figure fg{"shift-error", "error under shift against M (" + name + ")", "M (test prompt length)",
            "E(yhat - y)^2", true, true,
            {"M", fmt::format("trained at N = {}", N), "trained at N = 1e5", "noise floor s_q^2"}, {},
            {{0, 1}, {0, 2}}, {"linespoints", "linespoints"}};
  if (qnoise > 0) {
    fg.curves.push_back({0, 3});
    fg.styles.push_back("lines");
  }
  rows_against_M(fg, [&](long M) { return predictor_error<double>(Dn, Lx, Lq, W, M, noise, qnoise); },
                 [&](long M) { return predictor_error<double>(D, Lx, Lq, W, M, noise, qnoise); },
                 [&](long) { return qnoise; });
  return fg;
}

}  // namespace

check_result check_shift_tolerated(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, mc_label);
  risk_setup s = setup_of(in, ctx);
  const auto cmp = compare_risk(s);
  mc_verdict(r, cmp, "error under shift");
  if (r.v != verdict::pass) return r;
  // Tolerated: at M = N = 1e5 (flow-trained D) the excess over the query-noise floor is small against E[t²].
  const problem<double> p = make_problem<double>(s.lambda, tolerance_point);
  const mat<double> D = trained_D(train(p, s.max_seconds));
  const mat<double> Lx = s.lambda_x ? make_problem<double>(*s.lambda_x, 1).lambda : p.lambda;
  const mat<double> Lq = s.lambda_q ? make_problem<double>(*s.lambda_q, 1).lambda : p.lambda;
  const mat<double> W = task_second_moment(s.task, p.d);
  const double noise = static_cast<double>(parse_rational(s.task.noise));
  const double qnoise = s.task.query_noise.empty() ? noise : static_cast<double>(parse_rational(s.task.query_noise));
  const double excess = predictor_error<double>(D, Lx, Lq, W, tolerance_point, noise, qnoise) - qnoise;
  r.figures.push_back(shift_figure(in.name, s.N, cmp.D, D, Lx, Lq, W, noise, qnoise));
  const double signal = (W * Lq).trace();
  add_number(r, "excess_at_M_N_1e5", excess);
  if (!(excess <= tolerated_excess * signal))
    return settle(r, verdict::fail,
                  fmt::format("not tolerated: at M = N = 1e5 the error exceeds the noise floor by {:.3g} ({:.3g} of E[t^2])",
                              excess, excess / signal),
                  "excess persists");
  r.brief += fmt::format("; at M = N = 1e5 the excess over the noise floor is {:.3g} of E[t^2]: tolerated", excess / signal);
  return r;
}

namespace {

// Error against M: the measured side's trained predictor D (from the flow) under the scaling and
// without it, and the M, N → ∞ excess of the independent prediction (docs/THEORY.md §6.3).
figure covariate_figure(const std::string& name, double cs, const mat<double>& Dn, const mat<double>& L, double limit) {
  const mat<double> I = mat<double>::Identity(L.rows(), L.cols());
  figure fg{"covariate-error", "noiseless error under covariate scaling c = " + fmt::format("{}", cs) + " against M (" + name + ")",
            "M (test prompt length)", "E(yhat - y)^2", true, true,
            {"M", fmt::format("scaled by c = {}", cs), "unscaled (c = 1)", "M, N -> inf limit c^2 (c^2-1)^2 tr Lambda"},
            {}, {{0, 1}, {0, 2}, {0, 3}}, {"linespoints", "linespoints", "lines"}};
  rows_against_M(fg, [&](long M) { return predictor_error<double>(Dn, cs * cs * L, cs * cs * L, I, M, 0, 0); },
                 [&](long M) { return predictor_error<double>(Dn, L, L, I, M, 0, 0); }, [&](long) { return limit; });
  return fg;
}

// One sampled quantity against its prediction: inside the 99.9% interval and resolved to mc_resolution.
struct judged_quantity {
  std::string name;
  double predicted, measured, half_width;
  verdict v;
};
judged_quantity judge_quantity(const std::string& name, double predicted, double measured, double se, long samples) {
  mc_result m;
  m.mean = measured;
  m.std_error = se;
  m.samples = samples;
  return {name, predicted, measured, m.z * se, judge_mc(m, predicted, mc_resolution).v};
}

}  // namespace

check_result check_covariate_shift(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, mc_label);
  const risk_setup s = setup_of(in, ctx);
  if (s.shift.k != shift_spec::kind::covariate) throw usage_error("covariate-shift claims need shift = \"covariate:C\"");
  const task_spec& t = s.task;
  if (t.kind != task_spec::form::gaussian || !t.w.empty() || static_cast<double>(parse_rational(t.square)) != 0 || s.lambda_x || s.lambda_q)
    throw usage_error("covariate-shift claims need the task w ~ N(0, I) (noise allowed) and the training covariance");
  const double cs = std::stod(s.shift.c);
  const problem<double> p = make_problem<double>(s.lambda, s.N);
  if (s.M < p.d + 2) throw usage_error("covariate-shift claims need M >= d + 2 (least squares' error is finite there)");
  // Measured side: the flow-trained LSA's literal forward pass on sampled prompts, at c (with least
  // squares on the same prompts) and, on independent draws, at c = 1.
  const auto f = train(p, s.max_seconds);
  mc_spec ms;
  ms.d = p.d;
  ms.M = s.M;
  set_mc_task(t, p.d, ms);
  ms.lambda_x = ms.lambda_q = cs * cs * p.lambda;
  ms.with_ols = true;
  set_estimator(ms, mc_estimator);
  const mc_result at_c = mc_prediction_error(ms, f.final_full, s.samples, s.seed, 1);
  ms.lambda_x = ms.lambda_q = p.lambda;
  ms.with_ols = false;
  const mc_result at_1 = mc_prediction_error(ms, f.final_full, s.samples, s.seed + unscaled_seed_offset, 1);
  // Predicted side: docs/THEORY.md §6.3 from the eigenvalues of Λ, its own Γ (theory/covariate_law).
  const covariate_slip slip = ctx.planted == plant::covariance_times_c   ? covariate_slip::covariance_times_c
                              : ctx.planted == plant::covariate_drop_1_over_m ? covariate_slip::drop_one_over_m
                              : ctx.planted == plant::covariate_limit_not_squared ? covariate_slip::limit_not_squared
                                                                              : covariate_slip::none;
  const double factor = prediction_factor<double>(ctx);
  const covariate_prediction pc = predict_covariate_scaling(p.evals, s.N, s.M, cs, ms.noise_var, ms.query_noise_var, slip, factor);
  const covariate_prediction p1 = predict_covariate_scaling(p.evals, s.N, s.M, 1, ms.noise_var, ms.query_noise_var, slip, factor);
  // The M, N → ∞ limit measured (docs/THEORY.md §6.3): the literal error at M → ∞ (exact) of flows
  // trained at N, 2N, 4N, extrapolated in 1/N; the predicted limit is 0 under the plant "tolerated".
  const covariate_limit_measurement lim = measure_covariate_limit(
      s.lambda, covariate_limit_N0, s.shift.c, parse_rational(t.noise),
      t.query_noise.empty() ? parse_rational(t.noise) : parse_rational(t.query_noise), s.max_seconds);
  const double limit_predicted = ctx.planted == plant::covariate_tolerated ? 0.0 : pc.limit_excess;
  const double limit_gap = std::fabs(lim.extrapolated - limit_predicted) / pc.signal;
  const double ratio = at_c.slope / at_1.slope;
  const double ratio_se = std::fabs(ratio) * std::hypot(at_c.slope_std_error / at_c.slope, at_1.slope_std_error / at_1.slope);
  const judged_quantity q[] = {
      judge_quantity("LSA error at c", pc.error, at_c.mean, at_c.std_error, at_c.samples),
      judge_quantity("LSA error at c = 1", p1.error, at_1.mean, at_1.std_error, at_1.samples),
      judge_quantity("prediction slope E[yhat t]/E[t^2] at c", pc.slope, at_c.slope, at_c.slope_std_error, at_c.samples),
      judge_quantity("slope ratio (c vs 1)", pc.slope_ratio, ratio, ratio_se, std::min(at_c.samples, at_1.samples)),
      judge_quantity("least-squares error at c", pc.ols_error, at_c.ols_mean, at_c.ols_std_error, at_c.samples),
  };
  std::string table, bad, wide;
  for (const auto& x : q) {
    const std::string row = fmt::format("{} {:.10g} predicted vs {:.10g} +- {:.3g}", x.name, x.predicted, x.measured, x.half_width);
    table += (table.empty() ? "" : "; ") + row;
    if (x.v == verdict::fail && bad.empty()) bad = row;
    if (x.v == verdict::inconclusive && wide.empty()) wide = row;
    r.numbers.push_back({x.name + " predicted", fmt::format("{:.17g}", x.predicted)});
    r.numbers.push_back({x.name + " measured", fmt::format("{:.17g}", x.measured)});
    r.numbers.push_back({x.name + " 99.9% half-width", fmt::format("{:.17g}", x.half_width)});
  }
  r.numbers.push_back({"mc_samples", std::to_string(at_c.samples)});
  r.numbers.push_back({"training", fmt::format("reduced flow, N = {}: distance to the closed-form optimum {:.2g}", s.N,
                                               f.trajectory.back().dist)});
  // The literal "predicts about c^2 <w, x_q>" at this N: the slope is c² tr(Γ⁻¹Λ²)/tr Λ, short of c²
  // by the trained model's own shrinkage; reported, and judged through the ratio to c = 1 above.
  add_number(r, "slope_over_c_squared", at_c.slope / (cs * cs));
  add_number(r, "limit_excess", pc.limit_excess);
  for (std::size_t i = 0; i < lim.Ns.size(); ++i) add_number(r, fmt::format("measured_excess_M_inf_N{}", lim.Ns[i]), lim.excess[i]);
  add_number(r, "measured_limit_richardson_1", lim.richardson_1);
  add_number(r, "measured_limit_extrapolated", lim.extrapolated);
  add_number(r, "measured_limit_error_estimate", lim.error_estimate);
  add_number(r, "limit_gap_relative", limit_gap);
  add_number(r, "limit_engine_seconds", lim.engine_seconds);
  r.numbers.push_back({"limit_excess_relative", fmt::format("{:.6g}", pc.limit_excess / pc.signal)});
  r.figures.push_back(covariate_figure(in.name, cs, trained_D(f), p.lambda, pc.limit_excess));
  r.key_figure = fmt::format("slope ratio {:.4g} (c^2 = {:.4g})", ratio, cs * cs);
  if (!bad.empty()) return settle(r, verdict::fail, "covariate scaling c = " + s.shift.c + ": outside the interval: " + bad + " (" + table + ")", "disagrees");
  if (!wide.empty())
    return settle(r, verdict::inconclusive,
                  fmt::format("interval too wide to resolve {:g}%: {}; raise samples", 100 * mc_resolution, wide), "interval too wide");
  if (!lim.affine_in_1_over_M)
    return settle(r, verdict::inconclusive, "the literal error at fixed parameters is not affine in 1/M: the M -> infinity "
                  "value cannot be taken from M = 1, 2", "no limit");
  if (!(lim.error_estimate <= covariate_limit_tolerance * pc.signal / 10))
    return settle(r, verdict::inconclusive,
                  fmt::format("the N-extrapolation of the measured limit moved by {:.3g} of E[t^2] in its last step: not "
                              "resolved to the tolerance {:.1g}", lim.error_estimate / pc.signal, covariate_limit_tolerance),
                  "limit unresolved");
  if (!(limit_gap <= covariate_limit_tolerance))
    return settle(r, verdict::fail,
                  fmt::format("the measured M, N -> infinity excess (literal error at M -> infinity, flows at N = {}..{}, "
                              "Richardson in 1/N) is {:.12g}; predicted {:.12g}: off by {:.3g} of E[t^2] (tolerance {:.1g})",
                              lim.Ns.front(), lim.Ns.back(), lim.extrapolated, limit_predicted, limit_gap,
                              covariate_limit_tolerance),
                  fmt::format("limit off {:.3g}", limit_gap));
  const bool claimed_tolerated = ctx.planted == plant::covariate_tolerated;
  const double rel = pc.limit_excess / pc.signal;
  if (claimed_tolerated ? !(rel <= tolerated_limit) : !(rel >= untolerated_limit))
    return settle(r, verdict::fail,
                  fmt::format("the M, N -> infinity excess c^2 (c^2 - 1)^2 tr Lambda is {:.6g} of E[y^2]; claimed {}", rel,
                              claimed_tolerated ? "tolerated (-> 0)" : "not tolerated"),
                  fmt::format("limit {:.3g}", rel));
  return settle(r, verdict::pass,
                fmt::format("covariate scaling c = {}: {}; the prediction scales by c^2 relative to c = 1 (slope at c is {:.4g} "
                            "c^2 at N = {}, -> c^2 as N grows); least squares is unaffected; the M, N -> infinity excess "
                            "stays {:.4g} of E[y^2]: not tolerated; measured (literal error at M -> infinity, Richardson "
                            "over N = {}..{}) {:.12g} against c^2 (c^2 - 1)^2 tr Lambda = {:.12g} ({:.2g} of E[t^2] apart)",
                            s.shift.c, table, at_c.slope / (cs * cs), s.N, rel, lim.Ns.front(), lim.Ns.back(),
                            lim.extrapolated, pc.limit_excess, limit_gap),
                r.key_figure);
}

namespace {

// The trained model, its sampler and Γ⁻¹ as the orthogonal-query checks use them. Γ⁻¹ is formed
// here from the eigen-decomposition of Λ (γ_j = λ_j + (λ_j + T)/N), not read from the flow.
struct orthogonal_setup {
  problem<double> p;
  flow_result<double> f;
  mc_spec ms;
  mat<double> gamma_inv;
};
orthogonal_setup orthogonal_setup_of(const risk_setup& s, bool metric_lambda) {
  orthogonal_setup o{make_problem<double>(s.lambda, s.N), {}, {}, {}};
  if (s.M >= o.p.d) throw usage_error("an orthogonal query needs M < d");
  o.f = train(o.p, s.max_seconds);
  o.ms.d = o.p.d;
  o.ms.M = s.M;
  set_mc_task(s.task, o.p.d, o.ms);
  o.ms.lambda_x = o.ms.lambda_q = o.p.lambda;
  vec<double> inv(o.p.d);
  const double T = o.p.evals.sum(), n = double(s.N);
  for (int j = 0; j < o.p.d; ++j) {
    const double l = o.p.evals(j);
    inv(j) = metric_lambda ? 1 / l : 1 / (l + (l + T) / n);
  }
  o.gamma_inv = o.p.evecs * inv.asDiagonal() * o.p.evecs.transpose();
  return o;
}

std::string vec_text(const vec<double>& v) {
  std::string t;
  for (int i = 0; i < v.size(); ++i) t += fmt::format("{}{:.6g}", i ? ", " : "(", v(i));
  return t + ")";
}

}  // namespace

// The counterexample's ŷ from the trained forward pass (double, training certified to ~1e-7) must
// match x_qᵀ Γ⁻¹ (1/M) Σ y_i x_i to this many digits before the statement is called false.
constexpr int counterexample_digits = 6;

check_result check_orthogonal_query(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, mc_label);
  const risk_setup s = setup_of(in, ctx);
  orthogonal_setup o = orthogonal_setup_of(s, false);
  // The same prompts (same seed) with the query left in general position give the scale of ŷ.
  const double scale = mc_prediction_error(o.ms, o.f.final_full, s.samples, s.seed, 1).max_abs_prediction;
  o.ms.orthogonal_query = ctx.planted != plant::query_in_span;
  const mc_result orth = mc_prediction_error(o.ms, o.f.final_full, s.samples, s.seed, 1);
  const double tol = orthogonal_zero * scale;
  add_number(r, "max_abs_prediction", orth.max_abs_prediction);
  add_number(r, "max_abs_prediction_general_query", scale);
  r.numbers.push_back({"mc_samples", std::to_string(orth.samples)});
  const bool isotropic = (o.p.lambda - o.p.lambda(0, 0) * mat<double>::Identity(o.p.d, o.p.d)).isZero(0);
  if (isotropic && orth.max_abs_prediction <= tol)
    return settle(r, verdict::pass,
                  fmt::format("query orthogonal to span(x_1..x_M): max |yhat| = {:.3g} over {} prompts (M = {} < d = {}), "
                              "against {:.3g} for a query in general position: zero up to rounding",
                              orth.max_abs_prediction, orth.samples, s.M, o.p.d, scale),
                  fmt::format("max |yhat| {:.1g}", orth.max_abs_prediction));
  if (isotropic)
    return settle(r, verdict::fail,
                  fmt::format("prediction not 0: max |yhat| = {:.6g} over {} prompts (tolerance {:.3g})", orth.max_abs_prediction,
                              orth.samples, tol),
                  fmt::format("max |yhat| {:.3g}", orth.max_abs_prediction));
  // Anisotropic Λ: the statement is false (docs/THEORY.md §6.4). The counterexample on the page, with
  // v_j, v_k the eigenvectors of the largest and smallest λ: the prompt x_1 = v_j + v_k and
  // x_i = the other eigenvectors (i = 2..M), labels y_i = <w, x_i> with w = Σ_l v_l, and the query
  // x_q = v_j − v_k, orthogonal to every x_i. The forward pass at the trained parameters gives ŷ;
  // §6.4 predicts (2/M)(1/γ_j − 1/γ_k) ≠ 0.
  int j = 0, k = 0;
  o.p.evals.maxCoeff(&j);
  o.p.evals.minCoeff(&k);
  const int d = o.p.d;
  mat<double> X(d, s.M);
  vec<double> y(s.M);
  const vec<double> w = o.p.evecs * vec<double>::Ones(d);
  X.col(0) = o.p.evecs.col(j) + o.p.evecs.col(k);
  for (int i = 1, l = 0; i < s.M; ++i, ++l) {
    while (l == j || l == k) ++l;
    X.col(i) = o.p.evecs.col(l);
  }
  for (int i = 0; i < s.M; ++i) y(i) = w.dot(X.col(i));
  const vec<double> xq = o.p.evecs.col(j) - o.p.evecs.col(k);
  const double yhat = lsa_bottom_right(o.f.final_full, X, y, xq);
  const double yhat_pred = (xq.transpose() * o.gamma_inv * X * y).value() / double(s.M);  // = (2/M)(1/γ_j − 1/γ_k)
  const double max_dot = (X.transpose() * xq).cwiseAbs().maxCoeff();
  // What does hold: the same prompts with the query made Γ⁻¹-orthogonal to them.
  o.ms.query_metric = o.gamma_inv;
  const double gamma_orth = mc_prediction_error(o.ms, o.f.final_full, s.samples, s.seed, 1).max_abs_prediction;
  figure tb{"counterexample", "a query orthogonal to the prompt, anisotropic Lambda (" + in.name + ")", "", "", false, false,
            {"vector", "entries"}, {}, {}, {}};
  for (int i = 0; i < s.M; ++i) tb.rows.push_back({fmt::format("x_{} (label y = {:.17g})", i + 1, y(i)), vec_text(X.col(i))});
  tb.rows.push_back({"x_q", vec_text(xq)});
  tb.rows.push_back({"max |<x_q, x_i>|", fmt::format("{:.3g}", max_dot)});
  tb.rows.push_back({"yhat (forward pass, trained parameters)", fmt::format("{:.17g}", yhat)});
  tb.rows.push_back({"yhat predicted (1/M) sum_i y_i x_q^T Gamma^-1 x_i", fmt::format("{:.17g}", yhat_pred)});
  r.figures.push_back(tb);
  add_number(r, "counterexample_yhat", yhat);
  add_number(r, "counterexample_yhat_predicted", yhat_pred);
  add_number(r, "max_abs_prediction_gamma_orthogonal_query", gamma_orth);
  if (std::fabs(yhat) <= tol && orth.max_abs_prediction <= tol)
    return settle(r, verdict::pass, fmt::format("anisotropic Lambda, yet max |yhat| = {:.3g}: zero", orth.max_abs_prediction),
                  "zero");
  // A counterexample is shown only when the forward pass's ŷ is the value the trained predictor
  // must give on it (docs/THEORY.md §6.4): any other nonzero ŷ (a broken forward pass, an
  // unfinished training) would confirm the finding for the wrong reason.
  if (digits_of_agreement(yhat - yhat_pred, yhat_pred) < counterexample_digits)
    return settle(r, verdict::inconclusive,
                  fmt::format("the counterexample's yhat = {:.10g} from the forward pass is not the trained predictor's "
                              "{:.10g} to {} digits: the run cannot tell",
                              yhat, yhat_pred, counterexample_digits),
                  "yhat off its prediction");
  return settle(
      r, verdict::fail,
      fmt::format("false for anisotropic Lambda: the prompt x_1 = {}{} with labels {} and the query x_q = {} (max |<x_q, x_i>| = "
                  "{:.2g}) give yhat = {:.10g} from the trained forward pass (predicted (1/M) sum_i y_i x_q^T Gamma^-1 x_i = (2/M)(1/gamma_max - 1/gamma_min) = {:.10g}); "
                  "over {} sampled prompts with the query projected off their span, max |yhat| = {:.6g} (general query {:.6g}). "
                  "What holds: with the query Gamma^-1-orthogonal to the prompt, max |yhat| = {:.3g}",
                  vec_text(X.col(0)), s.M > 1 ? fmt::format(", x_2..x_{} the other eigenvectors of Lambda", s.M) : std::string(),
                  vec_text(y), vec_text(xq), max_dot, yhat, yhat_pred, orth.samples, orth.max_abs_prediction, scale, gamma_orth),
      fmt::format("yhat {:.4g} != 0", yhat));
}

check_result check_orthogonal_query_gamma(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, mc_label);
  const risk_setup s = setup_of(in, ctx);
  orthogonal_setup o = orthogonal_setup_of(s, ctx.planted == plant::gamma_to_lambda);
  const double scale = mc_prediction_error(o.ms, o.f.final_full, s.samples, s.seed, 1).max_abs_prediction;
  o.ms.orthogonal_query = true;
  o.ms.query_metric = o.gamma_inv;  // Λ⁻¹ under the plant gamma-to-lambda
  const mc_result orth = mc_prediction_error(o.ms, o.f.final_full, s.samples, s.seed, 1);
  const double tol = orthogonal_zero * scale;
  add_number(r, "max_abs_prediction", orth.max_abs_prediction);
  add_number(r, "max_abs_prediction_general_query", scale);
  r.numbers.push_back({"mc_samples", std::to_string(orth.samples)});
  r.numbers.push_back({"training", fmt::format("reduced flow, N = {}: distance to the closed-form optimum {:.2g}", s.N,
                                               o.f.trajectory.back().dist)});
  r.key_figure = fmt::format("max |yhat| {:.2g}", orth.max_abs_prediction);
  return judge(r, orth.max_abs_prediction <= tol,
               fmt::format("query {}-orthogonal to span(x_1..x_M) (x_q^T G x_i = 0, G from Lambda and N): max |yhat| = {:.3g} over "
                           "{} prompts (M = {} < d = {}) against {:.3g} for a query in general position (tolerance {:.3g})",
                           ctx.planted == plant::gamma_to_lambda ? "Lambda^-1" : "Gamma^-1", orth.max_abs_prediction, orth.samples,
                           s.M, o.p.d, scale, tol));
}

namespace {

// Excess error of flow-trained predictors: E(∞, N) over the N grid, E(M, N_max) − E(∞, N_max) over M.
template <class T> struct rate_data {
  std::vector<T> e_n, e_m;
  std::vector<mat<T>> D;
  problem<T> p;
};
template <class T> rate_data<T> compute_rates(const instance_spec& in, const check_context& ctx) {
  rate_data<T> r;
  for (long N : grid) {
    const problem<T> p = make_problem<T>(in.lambda, N);
    r.D.push_back(trained_D(train(p, ctx.max_seconds)));
    r.p = p;
  }
  const mat<T> I = mat<T>::Identity(r.p.d, r.p.d);
  const mat<T>& L = r.p.lambda;
  for (const auto& D : r.D) r.e_n.push_back(predictor_error<T>(D, L, L, I, 0, T(0), T(0)));
  const T base = r.e_n.back();
  for (long M : grid) r.e_m.push_back(predictor_error<T>(r.D.back(), L, L, I, M, T(0), T(0)) - base);
  return r;
}
// The rates and Corollary 4.3 claims, with their planted falsehoods, train the same fifteen flows
// on one Λ: no plant reaches this side (only the predictions), so they are trained once per run.
template <class T> rate_data<T> rates_of(const instance_spec& in, const check_context& ctx) {
  return memoised<rate_data<T>>(fmt::format("rates|{}|{}|{}", scalar_label<T>(), lambda_key(in.lambda), ctx.max_seconds),
                                [&] { return compute_rates<T>(in, ctx); });
}

// The excess against N (which = 0) or M (which = 1) with the fitted line through the last grid point.
template <class T> figure rate_figure(int which, const std::vector<T>& e, double slope, const std::string& name) {
  figure fg{which == 0 ? "rate-N" : "rate-M",
            which == 0 ? "excess error E(M = inf, N) of flow-trained models against N (" + name + ")"
                       : "excess error E(M, N = 1e5) - E(inf, 1e5) against M (" + name + ")",
            which == 0 ? "N (training prompt length)" : "M (test prompt length)", "excess error", true, true,
            {which == 0 ? "N" : "M", "excess (formula at flow-trained parameters)",
             fmt::format("fitted slope {:.4f} on 1e3..1e5", slope)},
            {}, {{0, 1}, {0, 2}}, {"points", "lines"}};
  const double y_last = to_double(e.back());
  for (int k = 0; k < grid_size; ++k)
    fg.rows.push_back({std::to_string(grid[k]), full(e[k]),
                       fmt::format("{:.17g}", y_last * std::pow(double(grid[k]) / double(grid[grid_size - 1]), slope))});
  return fg;
}

}  // namespace

namespace {

// ---- The predicted side of the rates (docs/THEORY.md §5.5), from the eigenvalues of Λ alone ----

// The eigenvalue γ_j of the training Γ, written out here and not read from the model's problem: the
// flow trains on the model's Γ, so a wrong Γ on either side shows as a disagreement. A plant puts
// the wrong Γ on this side.
template <class T> T predicted_gamma(const T& lam, const T& tr, long N, plant pl) {
  if (pl == plant::gamma_without_trace) return (T(1) + T(1) / T(N)) * lam;
  const T n = T(pl == plant::gamma_n_plus_1 ? N + 1 : N);
  return lam + (lam + tr) / n;
}

// At D = Γ⁻¹ (diagonal in Λ's eigenbasis): E(∞, N) = Σ_j λ_j (1 − λ_j/γ_j)², and the coefficient of
// 1/M in E(M, N), Σ_j λ_j² (λ_j + T)/γ_j² (exactly 1/M: no higher powers of 1/M).
template <class T> struct rate_prediction {
  T excess_n, coef_m;
};
template <class T> rate_prediction<T> predicted_rates(const vec<T>& lam, long N, plant pl) {
  const T tr = lam.sum();
  rate_prediction<T> r{T(0), T(0)};
  for (int j = 0; j < lam.size(); ++j) {
    const T g = predicted_gamma(lam(j), tr, N, pl);
    const T b = T(1) - lam(j) / g;
    r.excess_n += lam(j) * b * b;
    r.coef_m += lam(j) * lam(j) * (lam(j) + tr) / (g * g);
  }
  return r;
}

// The limits of N²·E(∞, N) and of M·[E(M, N) − E(∞, N)] as N → ∞: Σ_j (λ_j + T)²/λ_j and (d + 1)T.
// At finite N both are these limits times Σ-weights 1/(1 + x_j)², x_j = (λ_j + T)/(λ_j N), so
// C_∞ (1 − 2 x_max) ≤ C(N) ≤ C_∞: a two-sided window at every N, derived without Γ's code.
template <class T> T limit_constant_n(const vec<T>& lam) {
  const T tr = lam.sum();
  T c = T(0);
  for (int j = 0; j < lam.size(); ++j) c += (lam(j) + tr) * (lam(j) + tr) / lam(j);
  return c;
}
template <class T> T limit_constant_m(const vec<T>& lam, plant pl) {
  const int d = static_cast<int>(lam.size());
  return T(pl == plant::rate_m_constant_d ? d : d + 1) * lam.sum();
}
template <class T> T window_width(const vec<T>& lam, long N) {
  const T lmin = lam.minCoeff();
  return T(2) * (lmin + lam.sum()) / (lmin * T(N));
}

// The measured excess at N has lost about log10(2N) of the flow's digits: it is quadratic in the
// deviation DΛ − I = O(1/N), so a relative error δ in the trained D is a relative error ≈ 2Nδ in it.
double cancellation_digits(long N) { return std::log10(2.0 * double(N)); }

// Digits a comparison at N must reach: the instance's required digits less what the cancellation
// costs, never below one (one digit still separates every plant of docs/THEORY.md §5.5).
double needed_digits(int required, long N) { return std::max(1.0, double(required) - cancellation_digits(N)); }

// The test prompt lengths Corollary 4.3's bound is judged at: the grid and M = ∞ (written 0), where
// the N-term is all of the bound and a wrong N-coefficient cannot hide behind (d + 1)T/M.
const long cor43_Ms[] = {10, 100, 1000, 10000, 100000, 0};

}  // namespace

template <class T> check_result check_rates(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, scalar_label<T>());
  const auto rd = rates_of<T>(in, ctx);
  const int required = required_digits(digits10<T>(), c, in);
  std::vector<double> x, yn, ym;
  for (int k = rate_fit_first; k < grid_size; ++k) {
    x.push_back(static_cast<double>(grid[k]));
    yn.push_back(to_double(rd.e_n[k]));
    ym.push_back(to_double(rd.e_m[k]));
  }
  const double sn = loglog_slope(x, yn), sm = loglog_slope(x, ym);
  const double want_n = ctx.planted == plant::rate_n_minus_1 ? -1 : -2;
  const bool slopes_hold = std::fabs(sn - want_n) <= slope_tolerance && std::fabs(sm + 1) <= slope_tolerance;
  // The constants (docs/THEORY.md §5.5). Measured: N²·E(∞, N) and M·[E(M, N_max) − E(∞, N_max)] at
  // flow-trained D; predicted: the finite-N values and the N → ∞ window from the eigenvalues alone.
  const vec<T>& lam = rd.p.evals;
  const long n_max = grid[grid_size - 1];
  const T fct = prediction_factor<T>(ctx);  // 1 + EPS under the plant scale:EPS
  const T cn_inf = fct * limit_constant_n(lam), cm_inf = fct * limit_constant_m(lam, ctx.planted);
  double worst_n = 1e300, worst_m = 1e300;  // smallest margin (digits reached − digits needed) so far
  std::string worst_n_at, worst_m_at, outside;
  for (int k = 0; k < grid_size; ++k) {
    const long N = grid[k], M = grid[k];
    const T n2 = T(N) * T(N);
    auto pn = predicted_rates(lam, N, ctx.planted);
    pn.excess_n *= fct;
    const T cn = rd.e_n[k] * n2;
    const double dn = digits_of_agreement(T(rd.e_n[k] - pn.excess_n), pn.excess_n);
    if (dn - needed_digits(required, N) < worst_n) {
      worst_n = dn - needed_digits(required, N);
      worst_n_at = fmt::format("N = {}: N^2 E = {} against {} ({:.1f} digits, need {:.1f})", N, full(cn),
                               full(T(pn.excess_n * n2)), dn, needed_digits(required, N));
    }
    auto pm = predicted_rates(lam, n_max, ctx.planted);
    pm.coef_m *= fct;
    const T cm = rd.e_m[k] * T(M);
    const double dm = digits_of_agreement(T(cm - pm.coef_m), pm.coef_m);
    if (dm - needed_digits(required, 1) < worst_m) {
      worst_m = dm - needed_digits(required, 1);
      worst_m_at = fmt::format("M = {}: M (E - E_inf) = {} against {} ({:.1f} digits, need {:.1f})", M, full(cm),
                               full(pm.coef_m), dm, needed_digits(required, 1));
    }
    // The N → ∞ window, widened by the digits the point is held to.
    const T tol_n = ten_to<T>(-needed_digits(required, N)), tol_m = ten_to<T>(-needed_digits(required, 1));
    const T w = window_width(lam, N);
    if (!(cn <= cn_inf * (T(1) + tol_n) && cn >= cn_inf * (T(1) - w) * (T(1) - tol_n)) && outside.empty())
      outside = fmt::format("N^2 E(inf, N) = {:.10g} at N = {} is outside [C(1 - {:.3g}), C], C = sum (l + T)^2/l = {:.10g}",
                            to_double(cn), N, to_double(w), to_double(cn_inf));
    const T wm = window_width(lam, n_max);
    if (!(cm <= cm_inf * (T(1) + tol_m) && cm >= cm_inf * (T(1) - wm) * (T(1) - tol_m)) && outside.empty())
      outside = fmt::format("M (E(M, N) - E(inf, N)) = {:.10g} at N = {} is outside [C(1 - {:.3g}), C], C = {:.10g}",
                            to_double(cm), n_max, to_double(wm), to_double(cm_inf));
    r.numbers.push_back({fmt::format("excess_N_{}", N), full(rd.e_n[k])});
    r.numbers.push_back({fmt::format("excess_N_{}_predicted", N), full(pn.excess_n)});
    r.numbers.push_back({fmt::format("excess_M_{}", M), full(rd.e_m[k])});
  }
  const bool finite_hold = worst_n >= 0 && worst_m >= 0;
  r.numbers.push_back({"slope_N", fmt::format("{:.6f}", sn)});
  r.numbers.push_back({"slope_M", fmt::format("{:.6f}", sm)});
  r.numbers.push_back({"constant_N_at_N_max", full(T(rd.e_n.back() * T(n_max) * T(n_max)))});
  r.numbers.push_back({"constant_N_limit_sum_(l+T)^2/l", full(cn_inf)});
  r.numbers.push_back({"constant_M_at_N_max", full(T(rd.e_m.back() * T(n_max)))});
  r.numbers.push_back({"constant_M_limit_(d+1)T", full(cm_inf)});
  r.numbers.push_back({"tightest_N_point", worst_n_at});
  r.numbers.push_back({"tightest_M_point", worst_m_at});
  r.figures.push_back(rate_figure(0, rd.e_n, sn, in.name));
  r.figures.push_back(rate_figure(1, rd.e_m, sm, in.name));
  r.key_figure = fmt::format("N^{:.3f}, M^{:.3f}", sn, sm);
  const std::string slopes = fmt::format("slope {:.4f} in N (claimed {:.0f}), {:.4f} in M (claimed -1), tolerance {}",
                                         sn, want_n, sm, slope_tolerance);
  if (!slopes_hold) return judge(r, false, "excess error of flow-trained models over 1e3..1e5: " + slopes);
  if (!finite_hold)
    return judge(r, false, fmt::format("the constants at finite N disagree with the eigenvalue formulas of THEORY §5.5: {}",
                                       worst_n < 0 ? worst_n_at : worst_m_at));
  if (!outside.empty()) return judge(r, false, "a constant is off its N -> inf limit: " + outside);
  return judge(r, true,
               fmt::format("{}; constants N^2 E(inf, N) and M (E - E_inf) equal the eigenvalue formulas at every grid "
                           "point (tightest {}; {}) and lie in their N -> inf windows around sum (l + T)^2/l = {:.10g} "
                           "and (d + 1) T = {:.10g}",
                           slopes, worst_n_at, worst_m_at, to_double(cn_inf), to_double(cm_inf)));
}

template <class T> check_result check_cor43(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, scalar_label<T>());
  const auto rd = rates_of<T>(in, ctx);
  const mat<T> I = mat<T>::Identity(rd.p.d, rd.p.d);
  const mat<T>& L = rd.p.lambda;
  const T tr = rd.p.trace;
  const T d = T(rd.p.d), kappa = rd.p.evals.maxCoeff() / rd.p.evals.minCoeff();
  double worst = 1e300, worst_inf = 1e300;  // no point seen yet
  std::string at, at_inf;
  int violations = 0, points = 0;
  for (std::size_t i = 0; i < rd.D.size(); ++i)
    for (long M : cor43_Ms) {
      const long N = grid[i];
      const T err = predictor_error<T>(rd.D[i], L, L, I, M, T(0), T(0));
      const T m_term = M > 0 ? (d + T(1)) * tr / T(M) : T(0);
      T bound = cor43_bound<T>(rd.p.evals, N, M);
      if (ctx.planted == plant::cor43_without_n) bound = m_term;
      if (ctx.planted == plant::cor43_d_kappa) bound = m_term + (T(1) + T(2) * d + d * kappa) * tr / T(N) / T(N);
      bound *= prediction_factor<T>(ctx);  // the plant scale:EPS
      const double margin = to_double(T((bound - err) / bound));
      const std::string where = fmt::format("N = {}, M = {}: R = {:.6g}, bound {:.6g}", N, M > 0 ? std::to_string(M) : "inf",
                                            to_double(err), to_double(bound));
      if (margin < worst) worst = margin, at = where;
      if (M == 0 && margin < worst_inf) worst_inf = margin, at_inf = where;
      if (!(err <= bound)) ++violations;
      ++points;
    }
  // The N-coefficient the flow-trained errors need: max over N of N²R(∞, N)/T, against 1 + 2d + d²κ.
  T need_n = T(0);
  for (std::size_t i = 0; i < rd.D.size(); ++i)
    need_n = std::max(need_n, T(predictor_error<T>(rd.D[i], L, L, I, 0, T(0), T(0)) * T(grid[i]) * T(grid[i]) / tr));
  r.numbers.push_back({"smallest_relative_margin", fmt::format("{:.6g}", worst)});
  r.numbers.push_back({"tightest_point", at});
  r.numbers.push_back({"smallest_relative_margin_M_inf", fmt::format("{:.6g}", worst_inf)});
  r.numbers.push_back({"tightest_point_M_inf", at_inf});
  r.numbers.push_back({"N_coefficient_claimed_1+2d+d^2kappa", full(T(T(1) + T(2) * d + d * d * kappa))});
  r.numbers.push_back({"N_coefficient_needed_max_N^2R(inf,N)/T", full(need_n)});
  r.key_figure = fmt::format("margin {:.3g}", worst);
  return judge(r, violations == 0,
               violations ? fmt::format("the bound fails at {} of {} grid points; tightest {}", violations, points, at)
                          : fmt::format("R(M, N) at flow-trained parameters is below the Corollary 4.3 bound at all {} "
                                        "points (N in 1e1..1e5, M in 1e1..1e5 and inf); tightest {} (relative margin "
                                        "{:.3g}); at M = inf {} (margin {:.3g}): the N-coefficient needed is {:.6g}",
                                        points, at, worst, at_inf, worst_inf, to_double(need_n)));
}

namespace {

// The Theorem 4.5 table: flow against (4.12), Lemmas C.5–C.8 along the path, and the error.
template <class T>
figure thm45_table(const instance_spec& in, const std::string& laws_text, const random_cov_flow_result<T>& f,
                   const random_cov_limits<T>& th, const T& fct, double dig_u, const std::vector<double>& dig_U, double dig_off) {
  figure tb{"random-cov-table", "random covariance, " + laws_text + " (" + in.name + ")", "", "", false, false,
            {"quantity", "flow", "theory (4.12) / derived bound", "digits or slack"}, {}, {}, {}};
  tb.rows.push_back({"u", fmt::format("{:.20g}", to_double(f.u)), fmt::format("{:.20g}", to_double(T(fct * th.u_star()))),
                     fmt::format("{:.1f}", dig_u)});
  for (int i = 0; i < th.d; ++i)
    tb.rows.push_back({fmt::format("U_{}{}", i + 1, i + 1), fmt::format("{:.20g}", to_double(f.U(i, i))),
                       fmt::format("{:.20g}", to_double(T(fct * th.U_star()(i)))), fmt::format("{:.1f}", dig_U[static_cast<std::size_t>(i)])});
  tb.rows.push_back({"max |U_ij|, i != j (start -> end)",
                     fmt::format("{:.6g} -> {:.6g}", to_double(f.max_offdiag0), to_double(offdiag_max(f.U))), "0",
                     fmt::format("{:.1f}", dig_off)});
  return tb;
}

}  // namespace

template <class T> check_result check_thm45(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  using std::log10;
  using std::sqrt;
  check_result r = result_skeleton(c, in, ctx, scalar_label<T>());
  const int d = in.lambda.d;
  const bool iid = in.laws.empty();
  const std::vector<law_spec> laws = iid ? std::vector<law_spec>(static_cast<std::size_t>(d), in.law) : in.laws;
  std::string laws_text;
  for (const auto& l : laws) laws_text += (laws_text.empty() ? "" : ", ") + to_string(l);
  if (iid) laws_text = to_string(in.law) + " (iid)";
  const random_cov_limits<T> th(laws, in.N);
  const int required = required_digits(digits10<T>(), c, in);
  const T sigma = parse<T>(in.init.sigma);
  const mat<T> S0 = theta_gram<T>(d, in.init.theta);
  // (derived 4.11, docs/THEORY.md §7.5) σ²Q(ΘΘᵀ) < 2B(ΘΘᵀ): the start's loss below that of every u = 0.
  const T margin = th.hypothesis_margin(sigma, S0);
  r.numbers.push_back({"sigma", full(sigma)});
  r.numbers.push_back({"start_Q", full(th.start_Q(S0))});
  r.numbers.push_back({"start_B", full(th.start_B(S0))});
  r.numbers.push_back({"hypothesis_margin_1-sigma^2Q/(2B)", full(margin)});
  if (!(margin > T(0)))
    return settle(r, verdict::not_applicable,
                  fmt::format("derived condition (4.11) sigma^2 Q < 2B fails at sigma = {}: 1 - sigma^2 Q/(2B) = {:.6g} "
                              "(Q = {:.6g}, B = {:.6g}); the start's loss is not below that of u = 0",
                              in.init.sigma, to_double(margin), to_double(th.start_Q(S0)), to_double(th.start_B(S0))),
                  fmt::format("margin {:.3g}", to_double(margin)));
  // The derived constants of Lemmas C.7 and C.8, or the slips a plant asks for.
  T u2_bound = th.u2_lower_bound(sigma, S0);
  T kappa = th.pl_kappa(sigma, S0);
  if (ctx.planted == plant::rc_u2_bound_doubled) u2_bound *= T(2);
  if (ctx.planted == plant::rc_kappa_u_not_squared) kappa = T(2) * th.min_coef() * sqrt(th.u2_lower_bound(sigma, S0));
  // The flow integrates the model's loss and stops certified by κ; (4.12) comes from the moments by the theory.
  const auto sys = rc_model<T>(laws, in.N, ctx.planted);
  random_cov_flow_options<T> o;
  o.sigma = sigma;
  o.start = S0;
  o.target_digits = digits10<T>() - rc_headroom_digits;
  o.max_seconds = ctx.max_seconds;
  o.kappa = kappa;
  o.accept_digits = required;
  const auto f = run_random_cov_flow<T>(sys, o);
  if (!f.stats.ok) return settle(r, verdict::inconclusive, "random-covariance flow did not finish: " + f.stats.reason, "no result");
  const T fct = prediction_factor<T>(ctx);  // (4.12) times 1 + EPS under the plant scale:EPS
  const T u_pred = fct * th.u_star();
  const vec<T> U_pred = fct * th.U_star();
  const double dig_u = digits_of_agreement(T(f.u - u_pred), u_pred);
  std::vector<double> dig_U;
  for (int i = 0; i < d; ++i) dig_U.push_back(digits_of_agreement(T(f.U(i, i) - U_pred(i)), U_pred.norm()));
  const double dig_diag = *std::min_element(dig_U.begin(), dig_U.end());
  const double dig_off = digits_of_agreement(offdiag_max(f.U), U_pred.norm());
  // Lemma C.5: the drift of the conserved quantity (or of the planted u² − 2‖U‖²_F), relative to u*².
  const T drift = ctx.planted == plant::rc_balance_double ? f.max_drift_double : f.max_drift;
  const double dig_drift = digits_of_agreement(drift, T(u_pred * u_pred));
  const T slack_u2 = f.min_u2 / u2_bound, slack_pl = f.min_pl_ratio / kappa;
  const double radius_digits = to_double(T(-log10(f.radius / f.scale)));
  r.numbers.push_back({"u_flow", full(f.u)});
  r.numbers.push_back({"u_theory", full(u_pred)});
  for (int i = 0; i < d; ++i) {
    r.numbers.push_back({fmt::format("U_{}{}_flow", i + 1, i + 1), full(T(f.U(i, i)))});
    r.numbers.push_back({fmt::format("U_{}{}_theory", i + 1, i + 1), full(T(U_pred(i)))});
    r.numbers.push_back({fmt::format("a_{}_model", i + 1), full(T(sys.gamma(i)))});
    r.numbers.push_back({fmt::format("a_{}_theory", i + 1), full(T(th.a(i)))});
    r.numbers.push_back({fmt::format("b_{}_model", i + 1), full(T(sys.beta(i)))});
    r.numbers.push_back({fmt::format("b_{}_theory", i + 1), full(T(th.b(i)))});
  }
  r.numbers.push_back({"max_offdiag_U_start", full(f.max_offdiag0)});
  r.numbers.push_back({"max_offdiag_U_end", full(offdiag_max(f.U))});
  r.numbers.push_back({"loss_end_model", full(f.loss)});
  r.numbers.push_back({"min_loss_theory", full(T(fct * th.min_loss()))});
  r.numbers.push_back({"balance_drift_max", full(drift)});
  r.numbers.push_back({"balance_drift_in_eps_of_u*^2", full(T(drift / (eps<T>() * u_pred * u_pred)))});
  r.numbers.push_back({"min_u", full(f.min_u)});
  r.numbers.push_back({"min_u2", full(f.min_u2)});
  r.numbers.push_back({"u2_lower_bound_C7", full(u2_bound)});
  r.numbers.push_back({"u2_slack_min_u2/bound", full(slack_u2)});
  r.numbers.push_back({"pl_kappa_C8", full(kappa)});
  r.numbers.push_back({"pl_min_ratio", full(f.min_pl_ratio)});
  r.numbers.push_back({"pl_min_ratio_at_t", full(f.t_min_pl)});
  r.numbers.push_back({"pl_slack_min_ratio/kappa", full(slack_pl)});
  r.numbers.push_back({"path_points", std::to_string(f.observed)});
  r.numbers.push_back({"certified_radius", full(f.radius)});
  r.numbers.push_back({"certified_radius_pl_part", full(f.pl_part)});
  r.numbers.push_back({"certified_radius_drift_part", full(f.drift_part)});
  r.numbers.push_back({"certified_digits", fmt::format("{:.1f}", radius_digits)});
  r.figures.push_back(thm45_table(in, laws_text, f, th, fct, dig_u, dig_U, dig_off));
  std::vector<std::string> bad;
  // Lemmas C.5–C.8 along the path: they hold or the check fails, certificate or not.
  if (!(dig_drift >= required))
    bad.push_back(fmt::format("Lemma C.5: {} drifts by {:.3g} of u*^2 ({:.1f} digits, need {})",
                              ctx.planted == plant::rc_balance_double ? "u^2 - 2|U|_F^2" : "u^2 - |U|_F^2",
                              to_double(T(drift / (u_pred * u_pred))), dig_drift, required));
  if (!(f.min_u > T(0))) bad.push_back(fmt::format("Lemma C.6: u reaches {:.6g} <= 0", to_double(f.min_u)));
  if (!(slack_u2 >= T(1)))
    bad.push_back(fmt::format("Lemma C.7: min u^2 = {:.6g} is below the bound {:.6g} (slack {:.4g})", to_double(f.min_u2),
                              to_double(u2_bound), to_double(slack_u2)));
  if (!(slack_pl >= T(1)))
    bad.push_back(fmt::format("Lemma C.8: min |grad|^2/(l - l*) = {:.6g} at t = {:.4g} is below kappa = {:.6g} (slack {:.4g})",
                              to_double(f.min_pl_ratio), to_double(f.t_min_pl), to_double(kappa), to_double(slack_pl)));
  if (bad.empty() && !f.certified)
    return settle(r, verdict::inconclusive, "the flow stopped without its certificate: " + f.stats.reason, "not certified");
  if (f.certified && (dig_u < required || dig_diag < required || dig_off < required))
    bad.push_back(fmt::format("the certified limit (radius {:.3g}) agrees with (4.12) to only {:.1f} (u) / {:.1f} (U_ii) / "
                              "{:.1f} (U_ij -> 0) digits (need {})",
                              to_double(f.radius), dig_u, dig_diag, dig_off, required));
  // The error does not vanish as M, N grow: by formula, and for one law on every coordinate by sampling at (M, N).
  const T floor_err = ctx.planted == plant::random_cov_consistent ? T(0) : T(fct * th.limit_error());
  const double floor_rel = to_double(T(floor_err / th.m1.sum()));
  r.numbers.push_back({"limit_error_M_N_infinity", full(th.limit_error())});
  r.numbers.push_back({"limit_error_over_E[y^2]", fmt::format("{:.6g}", floor_rel)});
  if (!(floor_rel >= inconsistency_floor))
    bad.push_back(fmt::format("the M, N -> infinity error is {:.3g} of E[y^2]: claimed to vanish", floor_rel));
  std::string sampled = "no Monte Carlo (one law per coordinate; the sampler draws iid entries)";
  mc_judgement j;
  if (iid) {
    const auto rc = rc_theory<T>(d, in.N, in.law);
    const T coef_inf = rc.m2 * rc.m1 / rc.m3;  // x_qᵀE[Λ²]E[Λ³]⁻¹E[Λ]w = coef ⟨w, x_q⟩
    r.numbers.push_back({"prediction_coefficient_N_infinity", full(coef_inf)});
    const auto cmp = compare_risk(setup_of(in, ctx));
    add_mc_numbers(r, cmp);
    j = judge_mc(cmp.mc, cmp.theory, mc_resolution);
    if (j.v == verdict::fail) bad.push_back("Monte Carlo error outside the interval: " + describe(cmp));
    if (ctx.planted == plant::random_cov_consistent && !(cmp.mc.ci_low() <= 0.0))
      bad.push_back(fmt::format("sampled error {:.6g} is not 0", cmp.mc.mean));
    sampled = fmt::format("limiting prediction {:.6g} <w, x_q>; error at M = {}: {}", to_double(coef_inf), in.M, describe(cmp));
    if (j.v == verdict::inconclusive && bad.empty())
      return settle(r, verdict::inconclusive,
                    fmt::format("interval too wide to resolve {:g}% ({}); about {} prompts would resolve it", 100 * mc_resolution,
                                describe(cmp), j.samples_needed),
                    "interval too wide");
  }
  if (!bad.empty()) return settle(r, verdict::fail, bad.front(), "claim fails");
  return settle(r, verdict::pass,
                fmt::format("random-covariance flow ({}, N = {}, sigma = {}, theta {}; hypothesis margin {:.4g}) reaches "
                            "(4.12) to {:.1f} digits (off-diagonal {:.3g} -> 0 to {:.1f} digits), certified radius {:.3g}; "
                            "along the path u^2 - |U|_F^2 drifts {:.3g} eps u*^2, min u^2/bound(C.7) = {:.4g}, min PL "
                            "ratio/kappa(C.8) = {:.4g} at t = {:.4g}; {}; as M, N -> infinity the error stays {:.4g} of "
                            "E[y^2]: not consistent",
                            laws_text, in.N, in.init.sigma, in.init.theta.identity ? "I/sqrt(d)" : "random",
                            to_double(margin), std::min(dig_u, dig_diag), to_double(f.max_offdiag0), dig_off,
                            to_double(f.radius), to_double(T(drift / (eps<T>() * u_pred * u_pred))), to_double(slack_u2),
                            to_double(slack_pl), to_double(f.t_min_pl), sampled, floor_rel),
                fmt::format("{:.1f} digits; PL slack {:.3g}", std::min(dig_u, dig_diag), to_double(slack_pl)));
}

check_result check_fig1(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  check_result r = result_skeleton(c, in, ctx, "double + Monte Carlo");
  const int d = in.lambda.d;
  if (in.law.k != law_spec::kind::exponential) throw usage_error("the Figure 1 line is for law = \"exponential\"");
  const double cs = std::stod(in.scale);
  const auto rc = rc_theory<double>(d, fig1_N_infinity, in.law);
  // The LSA-limit line as docs/THEORY.md §7 writes it, and the general error formula at δ = m2/m3.
  const double fct = prediction_factor<double>(ctx);  // the plant scale:EPS
  const double line = fct * d * (2 * cs * cs * cs / 3 - 4 * cs * cs / 3 + cs);
  const double general = fct * rc.limit_error(cs);
  add_number(r, "lsa_limit_line", line);
  add_number(r, "lsa_limit_general_formula", general);
  std::string table;
  figure tb{"lsa-limit-table", fmt::format("Figure 1 'LSA limit', d = {}, c = {}: error as M -> infinity", d, cs), "", "",
            false, false, {"N", "error (flow limit, M -> inf)", "LSA limit line d(2c^3/3 - 4c^2/3 + c)"}, {}, {}, {}};
  for (long N : fig1_Ns) {
    const auto rn = rc_theory<double>(d, N, in.law);
    const auto f = rc_flow_double(rc_model<double>(d, N, in.law, ctx.planted), ctx.max_seconds);
    const double e = rn.error(f.u * f.U(0, 0), cs, 0);
    r.numbers.push_back({fmt::format("lsa_N{}_M_infinity", N), fmt::format("{:.10g}", e)});
    table += fmt::format("{}N={}: {:.6g}", table.empty() ? "" : ", ", N, e);
    tb.rows.push_back({std::to_string(N), fmt::format("{:.10g}", e), ""});
  }
  tb.rows.push_back({"infinity", fmt::format("{:.10g}", general), fmt::format("{:.10g}", line)});
  r.figures.push_back(tb);
  // Sampling at a finite M with δ = m2/m3 (the N → ∞ model): the docs/THEORY.md §7 formula against
  // the forward pass.
  mc_spec ms;
  ms.d = d;
  ms.M = in.M > 0 ? in.M : fig1_default_M;
  ms.law = mc_spec::cov_law::exponential;
  ms.scale = cs;
  const double delta = rc.m2 / rc.m3;
  const full_params<double> th{vec<double>::Zero(d), 1.0, mat<double>::Identity(d, d) * delta, vec<double>::Zero(d)};
  set_estimator(ms, mc_estimator);
  const auto mc = mc_prediction_error(ms, th, in.samples, in.seed, 1);
  const double predicted = ctx.planted == plant::random_cov_consistent
                               ? 0.0
                               : fct * rc.error(delta, cs, ms.M, ctx.planted == plant::random_cov_drop_1_over_m);
  add_number(r, "risk_theory_finite_M", predicted);
  add_number(r, "risk_mc", mc.mean);
  add_number(r, "mc_std_error", mc.std_error);
  add_number(r, "mc_ci_low", mc.ci_low());
  add_number(r, "mc_ci_high", mc.ci_high());
  r.numbers.push_back({"mc_samples", std::to_string(mc.samples)});
  r.numbers.push_back({"mc_estimator", mc.estimator});
  const mc_judgement j = judge_mc(mc, predicted, mc_resolution);
  const bool same = std::fabs(line - general) <= fig1_same_number * std::fabs(line);
  r.key_figure = fmt::format("limit {:.6g}", line);
  const std::string text =
      fmt::format("LSA limit at d = {}, c = {}: d(2c^3/3 - 4c^2/3 + c) = {:.6g} (general §7 formula {:.6g}); "
                  "finite N from the flow (M -> infinity): {}; at M = {} the §7 error {:.10g} vs Monte Carlo "
                  "{:.10g} in [{:.10g}, {:.10g}] ({} prompts, half-width {:.3g} of the mean) {}",
                  d, cs, line, general, table, ms.M, predicted, mc.mean, mc.ci_low(), mc.ci_high(), mc.samples,
                  j.half_width_relative, j.v == verdict::fail ? "(DISAGREE)" : "(agree)");
  if (same && j.v == verdict::inconclusive)
    return settle(r, verdict::inconclusive,
                  fmt::format("interval too wide to resolve {:g}%: {}; about {} prompts would resolve it", 100 * mc_resolution,
                              text, j.samples_needed),
                  "interval too wide");
  return judge(r, j.v == verdict::pass && same, text);
}

#define ICL_INST(T) \
  ICL_INSTANTIATE_CHECK(check_rates, T) ICL_INSTANTIATE_CHECK(check_cor43, T) ICL_INSTANTIATE_CHECK(check_thm45, T)
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
