#include "flow/random_cov_flow.hpp"

#include <algorithm>

#include "core/instantiate.hpp"
#include "dynamics/random_cov.hpp"

namespace icl {

template <class T> random_cov_flow_result<T> run_random_cov_flow(const random_cov_system<T>& sys, const random_cov_flow_options<T>& o) {
  using std::abs;
  using std::pow;
  using std::sqrt;
  const int d = sys.d();
  vec<T> y = sys.state(o.sigma, mat<T>(o.sigma * o.start));
  // At a minimiser u U_ii = b_i/a_i, U_ij = 0 and u² = ‖U‖²_F, so u² = ‖U‖²_F = (Σ b_i²/a_i²)^{1/2}.
  T s2 = T(0);
  for (int i = 0; i < d; ++i) s2 += sys.beta(i) * sys.beta(i) / (sys.gamma(i) * sys.gamma(i));
  random_cov_flow_result<T> r;
  r.scale = sqrt(T(2) * sqrt(s2));
  const T target = pow(T(10), T(-o.target_digits)) * r.scale;
  const T floor = T(64) * eps<T>() * (T(1) + r.scale);
  const T q0 = sys.balance(y);
  const T q0_double = y(0) * y(0) - T(2) * y.tail(d * d).squaredNorm();
  r.max_offdiag0 = T(0);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      if (i != j) r.max_offdiag0 = std::max(r.max_offdiag0, T(abs(y(1 + i * d + j))));
  r.min_u = r.min_u2 = y(0);
  r.min_u2 = y(0) * y(0);
  r.max_drift = r.max_drift_double = T(0);
  r.min_pl_ratio = T(-1);
  r.t_min_pl = T(0);
  r.pl_part = r.drift_part = r.radius = T(0);
  integration_options<T> io;
  io.tol = pow(T(10), T(-(o.target_digits + 2)));
  io.t_max = pow(T(10), T(12));
  io.max_seconds = o.max_seconds;
  // Error control relative down to the start's scale (as the fixed-Λ flow, src/flow/flow.cpp): a small σ
  // start is otherwise integrated with an absolute tolerance larger than the state.
  io.error_floor = o.sigma < T(1) ? T(o.sigma / T(10)) : T(1);
  // The §3.7 bound: 2‖∇ℓ‖/κ for the exact flow from the current point, plus how far the drift Δq of
  // q = u² − ‖U‖²_F moves its limit along the minimiser set uU = K (fixed K): |Δq|/(2|u|)(1 + ‖U‖_F/|u|).
  const auto bound = [&](const vec<T>& s, const T& g) {
    const T u = abs(s(0));
    r.pl_part = T(2) * g / *o.kappa;
    r.drift_part = abs(sys.balance(s) - q0) / (T(2) * u) * (T(1) + s.tail(d * d).norm() / u);
    return r.pl_part + r.drift_part;
  };
  auto obs = [&](const T& t, const vec<T>& s) -> std::string {
    ++r.observed;
    const T u = s(0);
    r.min_u = std::min(r.min_u, u);
    r.min_u2 = std::min(r.min_u2, T(u * u));
    r.max_drift = std::max(r.max_drift, T(abs(sys.balance(s) - q0)));
    r.max_drift_double = std::max(r.max_drift_double, T(abs(u * u - T(2) * s.tail(d * d).squaredNorm() - q0_double)));
    const T g = sys.grad_norm(s), gap = sys.gap(s);
    if (gap > T(0)) {
      const T ratio = g * g / gap;
      if (r.min_pl_ratio < T(0) || ratio < r.min_pl_ratio) r.min_pl_ratio = ratio, r.t_min_pl = t;
    }
    if (o.kappa) {
      if (u > T(0) && bound(s, g) <= target) {
        r.certified = true;
        return "certified: 2|grad|/kappa + drift radius below target";
      }
      if (g <= floor) {
        if (u > T(0) && bound(s, g) <= pow(T(10), T(-o.accept_digits)) * r.scale) {
          r.certified = true;
          return "certified at the gradient's rounding floor: the bound is below 10^-" + std::to_string(o.accept_digits) +
                 " of the limit's size, not below the target";
        }
        return "gradient at its rounding floor before the certificate";
      }
      return "";
    }
    return g <= target ? "gradient below target" : "";
  };
  with_jacobian rhs{[&](const vec<T>& s, vec<T>& ds) { sys.rhs(s, ds); },
                    [&](const vec<T>& s, mat<T>& J) { sys.jacobian(s, J); }};
  r.stats = integrate<T>(rhs, y, io, digits10<T>(), obs);
  r.u = y(0);
  r.U = sys.U_of(y);
  r.loss = sys.loss(y);
  r.grad_norm = sys.grad_norm(y);
  if (r.certified) r.radius = r.pl_part + r.drift_part;
  return r;
}

template <class T>
random_cov_flow_result<T> run_random_cov_flow(const random_cov_system<T>& sys, const T& sigma, int target_digits,
                                              double max_seconds) {
  using std::sqrt;
  random_cov_flow_options<T> o;
  o.sigma = sigma;
  o.start = mat<T>::Identity(sys.d(), sys.d()) / sqrt(T(sys.d()));  // ‖I/√d‖_F = 1
  o.target_digits = target_digits;
  o.max_seconds = max_seconds;
  return run_random_cov_flow<T>(sys, o);
}

#define ICL_INST(T)                                                                                                     \
  template random_cov_flow_result<T> run_random_cov_flow<T>(const random_cov_system<T>&, const random_cov_flow_options<T>&); \
  template random_cov_flow_result<T> run_random_cov_flow<T>(const random_cov_system<T>&, const T&, int, double);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
