#include "claims/observables.hpp"
#include "claims/zfb_reference.hpp"
#include "claims/memo_keys.hpp"
#include "core/run_memo.hpp"

#include <fmt/format.h>

#include "claims/risk_claims.hpp"
#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "flow/flow.hpp"
#include "moments/lsa_expectation.hpp"

namespace icl {

namespace {
using K = expr_kind;
const std::vector<observable_info> catalog = {
    {"flow.u_limit", K::scalar, false, false, false,
     "limit of u = W^PV_{d+1,d+1} under the reduced gradient flow from the instance's start; the run must be "
     "certified (radius: the PL bound on the distance to the limit plus the drift of u^2 - |U|^2)"},
    {"flow.W_KQ_limit", K::matrix, false, false, false,
     "limit of U = W^KQ_{1:d,1:d} (original basis) under the same flow, same radius"},
    {"flow.uU_limit", K::matrix, false, false, false,
     "limit of the product u U, the only combination the trained predictor uses"},
    {"flow.loss_limit", K::scalar, false, false, false,
     "the population loss at the flow's end (radius: |grad L|^2 / mu)"},
    {"flow.u_path", K::scalar, true, false, false, "u(t) at every accepted step of the reduced flow (relations *_along; points carry the integrator's tolerance)"},
    {"exact.loss_min", K::scalar, false, true, false,
     "minimum over C of the exact population loss (Isserlis/Wick) at a = c = 0, b = 1: solved exactly over the rationals"},
    {"exact.trained_C", K::matrix, false, true, false, "the minimising C of exact.loss_min (= u U of any minimiser)"},
    {"exact.risk", K::scalar, false, true, true,
     "exact E(y_hat - y)^2 at test prompt length M of the layer with C = exact.trained_C (instance's task and test covariances)"},
    {"mc.risk", K::scalar, false, false, true,
     "Monte Carlo E(y_hat - y)^2 of the literal forward pass at test length M, layer trained by the flow in double (radius: 99.9% interval)"},
};

template <class T> T frobenius(const mat<T>& m) {
  using std::sqrt;
  return sqrt(m.squaredNorm());
}

template <class T>
measurement<T> measure_flow(const observable_info& o, const instance_spec& in, const check_context& ctx, int required) {
  measurement<T> m;
  m.kind = o.kind;
  const problem<T> p = make_problem<T>(in.lambda, in.N);
  flow_options<T> fo;
  fo.init = in.init;
  fo.max_seconds = in.max_seconds.value_or(ctx.max_seconds);
  fo.max_steps = in.max_steps.value_or(ctx.max_steps);
  fo.target_digits = required + 2;
  if (in.t_end) fo.t_end = parse<T>(*in.t_end);
  fo.reference = zfb_reference(p);  // the certificate's mu and scale (docs/THEORY.md §9.2)
  // The flow a zfb claim on the same instance integrates too, without plant (the expression states
  // the prediction): shared within one catalog run.
  const flow_result<T> f =
      memoised<flow_result<T>>(zfb_flow_key(in, plant_key(check_context{}), fo), [&] { return run_flow(p, fo); });
  m.numbers.push_back({"t_end", full(f.trajectory.back().t)});
  m.numbers.push_back({"steps", std::to_string(f.stats.steps)});
  m.numbers.push_back({"stop", f.stats.reason});
  if (!f.stats.ok) {
    m.failure = "integration did not finish: " + f.stats.reason;
    return m;
  }
  const T u = f.final_reduced.u;
  const mat<T>& U = f.final_reduced.U;
  if (std::string(o.name) == "flow.u_path") {
    for (const auto& pt : f.trajectory) m.t.push_back(pt.t), m.path.push_back(pt.u);
    m.radius_kind = "none: points carry the integrator's local tolerance";
    return m;
  }
  if (!f.certified) {  // a limit is claimed only where the run proves how close it is
    m.failure = "the flow ended without a certificate (" + f.stats.reason + "): its distance to the limit is not bounded";
    return m;
  }
  // The run's bound is the PL distance to the limit of the flow from the end point plus the drift
  // radius of u² − ‖U‖²_F, how far integration error moved that limit (docs/THEORY.md §3.7, §9.2).
  using std::abs;
  m.radius = f.bound;
  m.radius_kind = "certified distance to the limit (PL bound) + drift of u^2 - |U|^2";
  m.numbers.push_back({"certificate_radius", full(f.pl_bound)});
  m.numbers.push_back({"drift_radius", full(f.drift_radius)});
  if (std::string(o.name) == "flow.u_limit") m.value = u;
  if (std::string(o.name) == "flow.W_KQ_limit") m.matrix = U;
  if (std::string(o.name) == "flow.uU_limit") {
    m.matrix = u * U;
    // |u'U' − uU| ≤ |u'−u|‖U'‖ + |u|‖U'−U‖ with both deviations ≤ r.
    const T r = m.radius;
    m.radius = r * (frobenius<T>(U) + r + abs(u));
  }
  if (std::string(o.name) == "flow.loss_limit") {
    m.value = f.trajectory.back().loss;
    const T g = f.trajectory.back().grad_norm;
    if (f.mu) m.radius = g * g / *f.mu, m.radius_kind = "PL: L - L_inf <= |grad L|^2 / mu";
    else m.failure = "no PL constant applies here, so the loss's distance to its limit is not bounded";
  }
  return m;
}

// The exact minimiser over C of the engine's loss at a = c = 0, b = 1: the loss is quadratic in C,
// so the stationarity conditions are linear; their matrix columns are gradient differences.
struct exact_minimum {
  mat<rational> C;
  rational loss;
};
exact_minimum solve_exact_minimum(const instance_spec& in) {
  const problem<rational> p = make_exact_problem(in.lambda, in.N);
  const int d = p.d;
  const param_poly L = exact_population_loss(exact_prompt::training(p.lambda, in.N));
  full_params<rational> th{vec<rational>::Zero(d), rational(1), mat<rational>::Zero(d, d), vec<rational>::Zero(d)};
  const auto point = [&](const mat<rational>& C) {
    th.C = C;
    const vec<rational> y = th.pack();
    return std::vector<rational>(y.data(), y.data() + y.size());
  };
  std::vector<param_poly> dC;
  for (int k = 0; k < d * d; ++k) dC.push_back(L.derivative(d + 1 + k));
  const auto grad = [&](const mat<rational>& C) {
    vec<rational> g(d * d);
    const auto x = point(C);
    for (int k = 0; k < d * d; ++k) g(k) = dC[k].eval(x);
    return g;
  };
  const vec<rational> g0 = grad(mat<rational>::Zero(d, d));
  mat<rational> H(d * d, d * d);
  for (int k = 0; k < d * d; ++k) {
    mat<rational> E = mat<rational>::Zero(d, d);
    E.data()[k] = 1;
    H.col(k) = grad(E) - g0;
  }
  const Eigen::FullPivLU<mat<rational>> lu(H);
  if (!lu.isInvertible()) throw std::runtime_error("the exact loss has no unique minimiser over C");
  const vec<rational> c = lu.solve(vec<rational>(-g0));
  exact_minimum out;
  out.C = Eigen::Map<const mat<rational>>(c.data(), d, d);
  out.loss = L.eval(point(out.C));
  return out;
}

}  // namespace

const std::vector<observable_info>& observables() { return catalog; }

const observable_info* find_observable(const std::string& name) {
  for (const auto& o : catalog)
    if (name == o.name) return &o;
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> observable_descriptions() {
  std::vector<std::pair<std::string, std::string>> v;
  for (const auto& o : catalog)
    v.push_back({o.name, fmt::format("[{}{}{}{}] {}", o.kind == K::scalar ? "scalar" : "matrix", o.path ? ", trajectory" : "",
                                     o.exact ? ", exact" : "", o.needs_M ? ", needs M" : "", o.help)});
  return v;
}

measurement<rational> measure_exact(const observable_info& o, const instance_spec& in) {
  measurement<rational> m;
  m.kind = o.kind;
  m.radius_kind = "exact";
  const exact_minimum e = solve_exact_minimum(in);
  const std::string name = o.name;
  if (name == "exact.loss_min") m.value = e.loss;
  if (name == "exact.trained_C") m.matrix = e.C;
  if (name == "exact.risk") {
    const problem<rational> p = make_exact_problem(in.lambda, in.N);
    const task_spec task = in.task ? *in.task : parse_task_spec("gaussian", p.d);
    if (task.kind != task_spec::form::gaussian && task.kind != task_spec::form::fixed)
      throw usage_error("exact.risk takes gaussian or fixed tasks (the engine's variables are Gaussian)");
    exact_prompt test;
    test.n = in.M;
    test.lambda_x = in.lambda_x ? make_exact_problem(*in.lambda_x, in.N).lambda : p.lambda;
    test.lambda_q = in.lambda_q ? make_exact_problem(*in.lambda_q, in.N).lambda : p.lambda;
    test.square = parse_rational(task.square);
    test.noise_var = parse_rational(task.noise);
    test.noise_var_q = task.query_noise.empty() ? test.noise_var : parse_rational(task.query_noise);
    test.w_cov = mat<rational>::Identity(p.d, p.d);
    if (task.kind == task_spec::form::fixed) {
      test.w_fixed.resize(p.d);
      for (int i = 0; i < p.d; ++i) test.w_fixed(i) = parse_rational(task.w[i]);
    } else {
      for (int i = 0; i < static_cast<int>(task.w.size()); ++i) test.w_cov(i, i) = parse_rational(task.w[i]);
    }
    const full_params<rational> trained{vec<rational>::Zero(p.d), rational(1), e.C, vec<rational>::Zero(p.d)};
    m.value = exact_prediction_error(test, trained);
  }
  m.numbers.push_back({"exact_minimum_loss", to_string(e.loss)});
  return m;
}

template <class T>
measurement<T> measure(const observable_info& o, const instance_spec& in, const check_context& ctx, int required) {
  const std::string name = o.name;
  if (name.rfind("flow.", 0) == 0) return measure_flow<T>(o, in, ctx, required);
  if (name == "mc.risk") {
    risk_setup s;
    s.lambda = in.lambda;
    s.N = in.N;
    s.M = in.M;
    if (in.task) s.task = *in.task;
    else s.task = parse_task_spec("gaussian", in.lambda.d);
    s.lambda_x = in.lambda_x;
    s.lambda_q = in.lambda_q;
    s.samples = in.samples;
    s.seed = in.seed;
    s.max_seconds = in.max_seconds.value_or(ctx.max_seconds);
    const risk_comparison rc = compare_risk(s);
    measurement<T> m;
    m.value = T(rc.mc.mean);
    m.radius = T(rc.mc.z * rc.mc.std_error);
    m.radius_kind = fmt::format("Monte Carlo interval mean +- {:.4g} standard errors, {} prompts, estimator {}", rc.mc.z,
                                rc.mc.samples, rc.mc.estimator);
    m.statistical = true;
    m.numbers.push_back({"mc_mean", fmt::format("{:.17g}", rc.mc.mean)});
    m.numbers.push_back({"mc_std_error", fmt::format("{:.17g}", rc.mc.std_error)});
    m.numbers.push_back({"training", rc.training});
    return m;
  }
  throw usage_error("observable '" + name + "' has no floating-point engine");
}

#define ICL_INST(T)                                                                                              \
  template measurement<T> measure<T>(const observable_info&, const instance_spec&, const check_context&, int);
ICL_FOR_EACH_SCALAR(ICL_INST)
#undef ICL_INST

}  // namespace icl
