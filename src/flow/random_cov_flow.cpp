#include "flow/random_cov_flow.hpp"

#include "core/instantiate.hpp"
#include "dynamics/random_cov.hpp"

namespace icl {

template <class T>
random_cov_flow_result<T> run_random_cov_flow(const random_cov_system<T>& sys, const T& sigma, int target_digits,
                                              double max_seconds) {
  using std::pow;
  using std::sqrt;
  const int d = sys.size() - 1;
  vec<T> y(d + 1);
  y(0) = sigma;
  for (int i = 0; i < d; ++i) y(1 + i) = sigma / sqrt(T(d));  // U = σΘΘᵀ, ΘΘᵀ = I/√d: ‖ΘΘᵀ‖_F = 1
  // At a minimiser u U_ii = β_i/γ_i and u² = Σ U_ii², so u² = ΣU_ii² = (Σ β_i²/γ_i²)^{1/2}.
  T s2 = T(0);
  for (int i = 0; i < d; ++i) s2 += sys.beta(i) * sys.beta(i) / (sys.gamma(i) * sys.gamma(i));
  const T scale = sqrt(T(2) * sqrt(s2));
  const T target = pow(T(10), T(-target_digits)) * scale;
  integration_options<T> io;
  io.tol = pow(T(10), T(-(target_digits + 2)));
  io.t_max = pow(T(10), T(12));
  io.max_seconds = max_seconds;
  auto obs = [&](const T&, const vec<T>& s) -> std::string {
    return sys.grad_norm(s) <= target ? "gradient below target" : "";
  };
  with_jacobian rhs{[&](const vec<T>& s, vec<T>& ds) { sys.rhs(s, ds); },
                    [&](const vec<T>& s, mat<T>& J) { sys.jacobian(s, J); }};
  random_cov_flow_result<T> r;
  r.stats = integrate<T>(rhs, y, io, digits10<T>(), obs);
  r.u = y(0);
  r.U = y.tail(d);
  r.loss = sys.loss(y);
  r.grad_norm = sys.grad_norm(y);
  return r;
}

#define ICL_INST(T) \
  template random_cov_flow_result<T> run_random_cov_flow<T>(const random_cov_system<T>&, const T&, int, double);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
