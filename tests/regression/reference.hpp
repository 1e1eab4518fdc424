// The quantities held to high-precision reference values, so that a change in any scalar type's
// arithmetic or in the integrator shows up as lost digits: closed-form limits and minimum loss, the
// risk formula, and points of the flow at fixed times. Used by the regression test (every scalar
// type) and by the C++ cross-check make_reference.cpp (150 digits). The reference values themselves
// come from make_reference.py (mpmath, docs/THEORY.md §3.8), which repeats this instance list: a
// change here needs the file regenerated, and regression_cross_check fails until it is.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "flow/flow.hpp"
#include "claims/zfb_reference.hpp"
#include "theory/risk.hpp"
#include "theory/zfb.hpp"

namespace icl::regression {

struct instance {
  const char* name;
  const char* lambda;
  long N;
  const char* sigma;
  const char* t;  // flow sample time
  long M;         // risk at this test length
};

inline const instance instances[] = {
    {"aniso-d3-N5", "0.5,1,2", 5, "0.1", "3", 10},
    {"linspace-d4-N10", "linspace:0.5:2:4", 10, "auto", "1.5", 20},
    {"iso-d2-N3", "1,1", 3, "0.3", "6", 5},
};

template <class T> std::vector<std::pair<std::string, T>> values(const instance& in) {
  const problem<T> p = make_problem<T>(parse_lambda_spec(in.lambda), in.N);
  const zfb_theory<T> th(p);
  std::vector<std::pair<std::string, T>> v;
  v.push_back({"u_star", th.u_star});
  for (int i = 0; i < p.d; ++i) v.push_back({"U_star_" + std::to_string(i + 1), th.U_star_eig(i)});
  v.push_back({"min_loss", th.min_loss});
  v.push_back({"risk_R", risk_linear<T>(p.evals, in.N, in.M)});
  flow_options<T> o;
  o.init.sigma = in.sigma;
  o.t_end = parse<T>(in.t);
  // As tightly as the type allows (MPFR carries its guard digits beyond digits10).
  if constexpr (std::is_same_v<T, mpfr>) o.tol_digits = digits10<T>() - 1;
  else o.tol_digits = std::numeric_limits<T>::digits10;
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  if (!f.stats.ok) throw std::runtime_error(std::string(in.name) + ": flow failed: " + f.stats.reason);
  v.push_back({"flow_u_at_t", f.trajectory.back().u});
  v.push_back({"flow_loss_gap_at_t", f.trajectory.back().gap});
  v.push_back({"flow_frob_U_at_t", f.trajectory.back().frob_U});
  return v;
}

}  // namespace icl::regression
