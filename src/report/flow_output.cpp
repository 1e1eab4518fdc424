#include "report/flow_output.hpp"

#include <fmt/format.h>

#include <sstream>

#include "core/instantiate.hpp"
#include "theory/zfb.hpp"

namespace icl {

template <class T>
std::vector<std::pair<std::string, std::string>> flow_summary(const problem<T>& p, const flow_options<T>& o,
                                                              const flow_result<T>& r) {
  const zfb_theory<T> th(p);
  const auto& e = r.trajectory.back();
  const double agree = std::min(digits_of_agreement(r.u_error, th.u_star), digits_of_agreement(r.U_error, th.u_star));
  std::vector<std::pair<std::string, std::string>> kv = {
      {"scalar", std::is_same_v<T, mpfr> ? fmt::format("mpfr {}", mpfr_digits()) : ""},
      {"digits", std::to_string(r.digits)},
      {"d", std::to_string(p.d)},
      {"N", std::to_string(p.N)},
      {"sigma", full(r.sigma)},
      {"param", o.param == parameterisation::reduced ? "reduced" : "full"},
      {"init", o.init.paper ? "paper" : "random:" + std::to_string(o.init.seed)},
      {"method", method_name(o.m)},
      {"theorem_applicable", r.applicable ? "true" : "false"},
      {"u_final", full(r.final_reduced.u)},
      {"u_theory", full(th.u_star)},
      {"W_PV_error", full(r.u_error)},
      {"W_KQ_error", full(r.U_error)},
      {"loss_final", full(e.loss)},
      {"min_loss_theory", full(th.min_loss)},
      {"loss_gap", full(e.gap)},
      {"grad_norm", full(e.grad_norm)},
      {"conservation_drift", full(e.drift - r.trajectory.front().drift)},
      {"a_plus_c_norm", full(e.ac_norm)},
      {"distance_to_optimum", full(e.dist)},
      {"digits_agreement", fmt::format("{:.2f}", agree)},
      {"pl_mu", r.mu ? full(*r.mu) : "n/a"},
      {"certified", r.certified ? "true" : "false"},
      {"certified_distance_bound", r.mu ? full(r.bound) : "n/a"},
      {"pl_bound", r.mu ? full(r.pl_bound) : "n/a"},
      {"drift_radius", full(r.drift_radius)},
      // The digits the run vouches for: those of its bound on the distance to the limit, which
      // counts integration error through the drift (docs/THEORY.md §3.7); none without a certificate.
      {"digits_vouched", !r.certified ? "0"
                         : o.param == parameterisation::full ? "n/a (the full parameterisation's bound omits integration error)"
                                                             : fmt::format("{:.2f}", digits_of_agreement(r.bound, r.scale))},
      {"t_end", full(e.t)},
      {"steps", std::to_string(r.stats.steps)},
      {"rejected_steps", std::to_string(r.stats.rejected)},
      {"rhs_evaluations", std::to_string(r.stats.rhs_evals)},
      {"wall_seconds", fmt::format("{:.6f}", r.stats.wall_seconds)},
      {"integration_ok", r.stats.ok ? "true" : "false"},
      {"stop_reason", r.stats.reason},
  };
  // A Taylor run counts one series of order K per step as its "rhs evaluation"; say which K.
  if (r.stats.order > 0) kv.insert(kv.begin() + 7, {"taylor_order", std::to_string(r.stats.order)});
  if (kv[0].second.empty()) kv[0].second = std::is_same_v<T, double> ? "double" : std::is_same_v<T, long double> ? "long-double" : "float128";
  if (o.param == parameterisation::full && p.d == 1) {
    // d = 1 has two minimiser families (docs/THEORY.md §2); name the one the run ended near.
    using std::abs;
    const auto& f = r.final_full;
    const T g1 = T(1) / th.gamma_eig(0);
    const T fam1 = abs(f.b * f.C(0, 0) - g1) + abs(f.a(0)) + abs(f.c(0));
    const T fam2 = abs(f.a(0) * f.c(0) - g1) + abs(f.b) + abs(f.C(0, 0));
    kv.push_back({"family", fam1 <= fam2 ? "a=c=0, bC=1/Gamma" : "b=0, C=0, ac=1/Gamma"});
  }
  return kv;
}

template <class T> std::string trajectory_csv(const flow_result<T>& r) {
  std::ostringstream os;
  os << "t,loss,loss_gap,grad_norm,u,frob_U,conservation_drift,a_plus_c_norm,distance_to_optimum\n";
  for (const auto& pt : r.trajectory)
    os << full(pt.t) << ',' << full(pt.loss) << ',' << full(pt.gap) << ',' << full(pt.grad_norm) << ',' << full(pt.u)
       << ',' << full(pt.frob_U) << ',' << full(pt.drift) << ',' << full(pt.ac_norm) << ',' << full(pt.dist) << '\n';
  return os.str();
}

#define ICL_INST(T)                                                                                               \
  template std::vector<std::pair<std::string, std::string>> flow_summary<T>(const problem<T>&, const flow_options<T>&, \
                                                                            const flow_result<T>&);               \
  template std::string trajectory_csv<T>(const flow_result<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
