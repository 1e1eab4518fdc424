#include "flow/flow.hpp"

#include <fmt/format.h>

#include <limits>

#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "dynamics/full_loss.hpp"
#include "dynamics/reduced.hpp"
#include "flow/full_step_matrix.hpp"

namespace icl {

method parse_method(const std::string& s) {
  if (s == "extrapolation") return method::extrapolation;
  if (s == "taylor") return method::taylor;
  if (s == "bulirsch-stoer") return method::bulirsch_stoer;
  if (s == "rkf78") return method::rkf78;
  throw usage_error("--method must be extrapolation, taylor, bulirsch-stoer or rkf78, got '" + s + "'");
}
const char* method_name(method m) {
  switch (m) {
    case method::extrapolation: return "extrapolation";
    case method::taylor: return "taylor";
    case method::bulirsch_stoer: return "bulirsch-stoer";
    case method::rkf78: return "rkf78";
  }
  return "?";
}

namespace {

// The reduced system as the steppers see it: right-hand side, exact Jacobian, Taylor series.
template <class T> struct reduced_rhs {
  const reduced_eigen_system<T>& sys;
  void operator()(const vec<T>& y, vec<T>& dy) const { sys.rhs(y, dy); }
  void jacobian(const vec<T>& y, mat<T>& J) const { sys.jacobian(y, J); }
  void taylor(const vec<T>& y, int K, std::vector<T>& c) const { sys.taylor(y, K, c); }
};

template <class T> T pow10(int k) {
  using std::pow;
  return pow(T(10), T(k));
}

// −∇L in the full parameters, with the loss's exact Hessian and its block solve as the stepper's
// linearisation (docs/THEORY.md §3.10): a forward-difference Jacobian cost d² + 2d + 1 gradients per
// step and its O(√ε) error held the extrapolation order down.
template <class T> struct full_rhs {
  const problem<T>& p;
  int d;
  full_step_matrix<T> sm;
  void operator()(const vec<T>& s, vec<T>& ds) {
    full_params<T> g;
    full_loss_grad(p, full_params<T>::unpack(s, d), g);
    ds = -g.pack();
  }
  void linearise(const vec<T>& y) { sm.set_point(full_params<T>::unpack(y, d)); }
  void factor(const T& h) { sm.factor(h); }
  void solve_add(const vec<T>& b, const T& s, vec<T>& acc) { sm.solve_add(b, s, acc); }
  bool cheap_factor() const { return sm.structured(); }
};

}  // namespace

template <class T> flow_result<T> run_flow(const problem<T>& p, const flow_options<T>& o) {
  using std::sqrt;
  using std::abs;
  flow_result<T> r;
  const int digits = digits10<T>();
  r.digits = digits;
  if (!o.reference) throw std::logic_error("run_flow needs a reference (flow_options::reference)");
  r.sigma = sigma_value(p, o.init.sigma);
  r.theta_lambda2 = o.init.paper ? T((p.lambda * theta_gram(p, o.init.theta) * p.lambda).trace()) : T(0);
  const flow_reference<T> th = o.reference(r.sigma, r.theta_lambda2);
  r.min_loss = th.min_loss;
  r.scale = sqrt(th.u_star * th.u_star + th.U_star.squaredNorm());
  const mat<T>& U_star = th.U_star;
  // The claimed limit in the basis the reduced flow integrates in (the model's eigenvectors of Λ):
  // the reference need not be diagonal there, so the distance keeps every entry.
  const mat<T> U_star_model = p.evecs.transpose() * U_star * p.evecs;

  integration_options<T> io;
  io.m = o.m;
  const int target = o.target_digits > 0 ? o.target_digits : digits - 8;
  io.tol = pow10<T>(-(o.tol_digits > 0 ? o.tol_digits : target + 2));
  io.t_end = o.t_end;
  io.max_steps = o.max_steps;
  io.max_seconds = o.max_seconds;
  io.t_max = pow10<T>(12);
  // Error control relative down to the start's scale: with the default mixed test (floor 1) a start
  // of σ = 1e-20 kept only D − 25 digits through the plateau, since its components were held to an
  // absolute 10^-(D+2) (docs/THEORY.md §3.7).
  io.error_floor = r.sigma < T(1) ? T(r.sigma / T(10)) : T(1);
  const T target_bound = pow10<T>(-target) * r.scale;

  r.applicable = o.init.paper && th.applicable;
  if (r.applicable) r.mu = th.mu;

  // Stop rule shared by both parameterisations. The bound is the PL distance 2‖∇L‖/μ to the limit
  // *of the exact flow from the current point* plus `drift_radius`, how far integration error has
  // moved that limit (docs/THEORY.md §3.7). Once the PL part is below target the run stops: the
  // drift does not shrink by integrating further, so the bound then says what the run delivered.
  auto decide = [&](const T& grad, const T& grad_scale, const T& drift_radius) -> std::string {
    r.floor = T(64) * eps<T>() * (T(1) + grad_scale);
    r.pl_bound = r.mu ? T(2) * grad / *r.mu : grad;
    r.drift_radius = drift_radius;
    r.bound = r.pl_bound + drift_radius;
    if (o.t_end) return "";
    if (r.mu && r.pl_bound <= target_bound) {
      r.certified = true;
      return r.bound <= target_bound
                 ? "certified: 2|grad L|/mu + drift radius below 1e-" + std::to_string(target) + " x scale"
                 : "certified to the drift: 2|grad L|/mu below 1e-" + std::to_string(target) +
                       " x scale, but integration error moved the limit by up to " + fmt::format("{:.3g}", to_double(drift_radius));
    }
    if (grad <= r.floor) return "gradient at its rounding floor";
    return "";
  };

  if (o.param == parameterisation::reduced) {
    if (!o.init.paper) throw usage_error("the reduced parameterisation needs --init paper (a = c = 0)");
    const reduced_params<T> start = paper_init(p, r.sigma, o.init.theta);
    reduced_eigen_system<T> sys(p, start);
    vec<T> y = sys.initial_state();
    // q = u² − ‖U‖²_F is conserved by the exact flow (docs/THEORY.md §3.4) and, on the minimiser
    // set, fixes which minimiser the flow reaches; its drift is the integration error the PL bound
    // cannot see. Computed here from the state, not from the reference's (plantable) invariant.
    std::optional<T> q0;
    auto obs = [&](const T& t, const vec<T>& s) -> std::string {
      T gs;
      flow_point<T> pt;
      pt.t = t;
      pt.loss = sys.loss(s);
      pt.gap = sys.loss_gap(s);
      pt.grad_norm = sys.grad_norm(s, &gs);
      pt.u = sys.u(s);
      T f2 = sys.frob2_U(s);
      pt.frob_U = sqrt(f2);
      pt.drift = th.invariant(pt.u, f2);
      pt.ac_norm = T(0);
      const mat<T> dU = sys.U_eigen(s) - U_star_model;
      pt.dist = sqrt((pt.u - th.u_star) * (pt.u - th.u_star) + dU.squaredNorm());
      r.trajectory.push_back(pt);
      const T q = pt.u * pt.u - f2;
      if (!q0) q0 = q;
      // |dq/du| ≥ 2|u| along the minimiser set, so a drift Δq moves the limit by ≤ |Δq|/(2|u|) in u
      // and by ‖U‖/|u| times that in U (docs/THEORY.md §3.7).
      // |u| is taken at its smallest within the PL ball (|u| − 2‖∇L‖/μ); no bound while that ball
      // reaches u = 0.
      const T dq = abs(q - *q0);
      const T u_low = abs(pt.u) - (r.mu ? T(T(2) * pt.grad_norm / *r.mu) : abs(pt.u));
      const T drift_r = dq == T(0) ? T(0)
                        : u_low > T(0) ? T(dq / (T(2) * u_low) * (T(1) + pt.frob_U / u_low))
                                       : T(std::numeric_limits<double>::max());
      return decide(pt.grad_norm, gs, drift_r);
    };
    r.stats = integrate<T>(reduced_rhs<T>{sys}, y, io, digits, obs);
    r.final_reduced = {sys.u(y), sys.U_original(y)};
    r.final_full = r.final_reduced.as_full();
    const mat<T> dU = sys.U_eigen(y) - U_star_model;
    r.U_error = dU.norm();  // Frobenius norm is invariant under the orthogonal change of basis
  } else {
    if (o.m == method::taylor) throw usage_error("--method taylor is for the reduced parameterisation (--param reduced)");
    full_params<T> start = o.init.paper ? paper_init(p, r.sigma, o.init.theta).as_full()
                                        : random_init<T>(p.d, r.sigma, o.init.seed);
    const int d = p.d;
    vec<T> y = start.pack();
    // uU at the claimed limit, u*·U* (= Γ⁻¹ for Theorem 4.1).
    const mat<T> gamma_inv_pred = th.u_star * U_star;
    auto obs = [&](const T& t, const vec<T>& s) -> std::string {
      auto prm = full_params<T>::unpack(s, d);
      full_params<T> g;
      T gs;
      flow_point<T> pt;
      pt.t = t;
      pt.loss = full_loss_grad(p, prm, g, &gs);
      pt.gap = pt.loss - th.min_loss;
      pt.grad_norm = g.pack().norm();
      pt.u = prm.b;
      T f2 = prm.C.squaredNorm();
      pt.frob_U = sqrt(f2);
      pt.drift = th.invariant(prm.b, f2);
      pt.ac_norm = prm.a.norm() + prm.c.norm();
      if (o.init.paper)
        pt.dist = sqrt((prm.b - th.u_star) * (prm.b - th.u_star) + (prm.C - U_star).squaredNorm() +
                       prm.a.squaredNorm() + prm.c.squaredNorm());
      else  // the minimiser set is a manifold: distance of the product bC to Γ⁻¹ plus a, c
        pt.dist = (prm.b * prm.C - gamma_inv_pred).norm() + pt.ac_norm;
      r.trajectory.push_back(pt);
      // No drift term here: the full parameterisation's conserved quantities are not tracked, so
      // its bound covers the PL part only (docs/THEORY.md §3.7).
      return decide(pt.grad_norm, gs, T(0));
    };
    full_rhs<T> rhs{p, d, full_step_matrix<T>(p)};
    r.stats = integrate<T>(rhs, y, io, digits, obs);
    r.final_full = full_params<T>::unpack(y, d);
    r.final_reduced = {r.final_full.b, r.final_full.C};
    r.U_error = (r.final_full.C - U_star).norm();
  }
  r.u_error = abs(r.final_reduced.u - th.u_star);
  return r;
}

#define ICL_INST(T) template flow_result<T> run_flow<T>(const problem<T>&, const flow_options<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
