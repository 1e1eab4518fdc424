#include "claims/risk_in_type.hpp"

#include "claims/zfb_reference.hpp"
#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "flow/flow.hpp"
#include "theory/risk.hpp"

namespace icl {

namespace {

// A rational the user wrote, rounded once into T (numerator and denominator are integers, exact in
// every type up to their size).
template <class T> T of_rational(const rational& x) {
  return parse<T>(boost::multiprecision::numerator(x).str()) / parse<T>(boost::multiprecision::denominator(x).str());
}

// E[wwᵀ] of the task law (docs/THEORY.md §1.1), in T.
template <class T> mat<T> second_moment(const task_spec& t, int d) {
  mat<T> W = mat<T>::Identity(d, d);
  switch (t.kind) {
    case task_spec::form::gaussian:
      for (int i = 0; i < static_cast<int>(t.w.size()); ++i) W(i, i) = of_rational<T>(parse_rational(t.w[i]));
      break;
    case task_spec::form::fixed: {
      vec<T> w(d);
      for (int i = 0; i < d; ++i) w(i) = of_rational<T>(parse_rational(t.w[i]));
      W = w * w.transpose();
      break;
    }
    case task_spec::form::rademacher: break;
    case task_spec::form::sparse: W *= T(t.sparse_k) / T(d); break;
  }
  return W;
}

}  // namespace

template <class T> typed_risk<T> trained_risk_in(const risk_setup& s) {
  if (s.law.k != law_spec::kind::fixed) throw usage_error("--type other than double needs a fixed covariance (--law fixed)");
  if (parse_rational(s.task.square) != 0) throw usage_error("--type other than double needs linear labels (no +square)");
  if (s.shift.k == shift_spec::kind::orthogonal_query)
    throw usage_error("--type other than double has no formula to sharpen for an orthogonal query");
  const problem<T> p = make_problem<T>(s.lambda, s.N);
  // The same training as the double side (docs/THEORY.md §3.1 with σ auto, stopped on §3.7's
  // certificate at T's working digits − 8).
  flow_options<T> o;
  o.init.sigma = "auto";
  o.max_seconds = s.max_seconds;
  o.reference = zfb_reference(p);
  const auto f = run_flow(p, o);
  if (!f.stats.ok) throw std::runtime_error("training flow did not finish: " + f.stats.reason);
  const mat<T> D = s.planted == plant::gamma_to_lambda ? mat<T>(p.lambda.inverse())
                                                       : mat<T>(f.final_reduced.u * f.final_reduced.U.transpose());
  mat<T> Lx = p.lambda, Lq = p.lambda;
  if (s.lambda_x) Lx = make_problem<T>(*s.lambda_x, s.N).lambda;
  if (s.lambda_q) Lq = make_problem<T>(*s.lambda_q, s.N).lambda;
  if (s.shift.k == shift_spec::kind::covariate) {
    const T c = parse<T>(s.shift.c);
    Lx = Lq = c * c * p.lambda;
  }
  const T noise = of_rational<T>(parse_rational(s.task.noise));
  const T qnoise = s.task.query_noise.empty() ? noise : of_rational<T>(parse_rational(s.task.query_noise));
  typed_risk<T> r;
  r.theory = predictor_error<T>(D, Lx, Lq, second_moment<T>(s.task, p.d), s.M, noise, qnoise);
  if (s.planted == plant::risk_scaled_half_percent) r.theory *= T(1005) / T(1000);  // as compare_risk plants it
  r.distance = f.trajectory.back().dist;
  r.certified = f.certified;
  r.stop = f.stats.reason;
  return r;
}

#define ICL_INST(T) template typed_risk<T> trained_risk_in<T>(const risk_setup&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
