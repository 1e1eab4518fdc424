// The integration loop shared by every parameterisation and stepper: adaptive steps, an observer
// that may stop the run (certificates), exact landing on --t-end, and budgets that turn a stuck
// run into a reported failure instead of a hang.
#pragma once
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "flow/extrapolation.hpp"
#include "flow/taylor.hpp"

namespace icl {

enum class method { extrapolation, taylor, bulirsch_stoer, rkf78 };
method parse_method(const std::string& s);
const char* method_name(method m);

template <class T> struct integration_options {
  method m = method::extrapolation;
  T tol;                        // local error tolerance
  T error_floor = T(1);         // per component: error ≤ tol·(error_floor + |y|) (extrapolation, taylor)
  std::optional<T> t_end;       // integrate to exactly this time
  T t_max;                      // give up (INCONCLUSIVE) beyond this time
  long max_steps = 200000;
  double max_seconds = 600;
};

// How an integration ended. The first two are normal ends; the rest are failures, which decide
// nothing (the claim is INCONCLUSIVE with the reason).
enum class outcome {
  reached_t_end,   // landed exactly on the requested horizon
  observer_stop,   // the observer asked to stop (a certificate, a stop level, a rounding floor)
  cannot_start,    // the right-hand side at t = 0 is not finite
  step_underflow,  // the step size fell below the rounding floor of t
  non_finite,      // NaN or ±Inf in the state
  no_certificate,  // t passed t_max with no stop from the observer
  step_budget,
  time_budget,
};
inline bool failed(outcome o) { return o != outcome::reached_t_end && o != outcome::observer_stop; }

struct integration_stats {
  long steps = 0, rejected = 0, rhs_evals = 0;  // taylor: rhs_evals counts series (one per step)
  int order = 0;                                  // taylor: the series order K (0 for other methods)
  double wall_seconds = 0;
  bool ok = true;          // false: the integration failed or ran out of budget (= failed(how))
  outcome how = outcome::reached_t_end;
  std::string reason;      // why it stopped, for people: the observer's words or the failure with its t
};

// A right-hand side with its exact Jacobian, for steppers that use one.
template <class F, class J> struct with_jacobian {
  F f;
  J j;
  template <class V, class W> void operator()(const V& y, W& dy) { f(y, dy); }
  template <class V, class M> void jacobian(const V& y, M& out) { j(y, out); }
};
template <class F, class J> with_jacobian(F, J) -> with_jacobian<F, J>;

namespace detail {
// odeint controlled steppers adapted to the autonomous f(y, dy) signature used here.
template <class T, class Stepper> struct odeint_adapter {
  Stepper s;
  long rhs_evals = 0;
  template <class Sys> bool try_step(Sys&& f, vec<T>& y, T& t, T& h) {
    auto sys = [&](const vec<T>& x, vec<T>& dx, const T&) {
      f(x, dx);
      ++rhs_evals;
    };
    return s.try_step(sys, y, t, h) == boost::numeric::odeint::success;
  }
};
}  // namespace detail

// obs(t, y) is called at the start and after every accepted step; it returns a reason to stop
// (empty: continue).
template <class T, class Sys, class Obs>
integration_stats integrate(Sys&& f, vec<T>& y, const integration_options<T>& o, int digits, Obs&& obs) {
  namespace ode = boost::numeric::odeint;
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  integration_stats st;
  T t = T(0);
  vec<T> f0;
  f(y, f0);
  using std::abs;
  T h = T(1) / (T(100) * (T(1) + f0.cwiseAbs().maxCoeff()));
  if (o.t_end && h > *o.t_end) h = *o.t_end;

  auto run = [&](auto& stepper) {
    if (auto r = obs(t, y); !r.empty()) {
      st.how = outcome::observer_stop;
      st.reason = r;
      return;
    }
    if (!(h > T(0))) {  // a non-finite start makes the first step size 0 or NaN
      st.ok = false;
      st.how = outcome::cannot_start;
      st.reason = "cannot start: the right-hand side at t = 0 is not finite";
      return;
    }
    while (true) {
      if (o.t_end) {
        if (t >= *o.t_end) {
          st.how = outcome::reached_t_end;
          st.reason = "reached t_end";
          return;
        }
        if (t + h > *o.t_end) h = *o.t_end - t;
      }
      const T h_try = h;
      const T t_before = t;
      bool ok = stepper.try_step(f, y, t, h);
      if (!ok) {
        ++st.rejected;
        if (!(h > eps<T>() * (T(1) + abs(t)) * T(16))) {
          st.ok = false;
          st.how = outcome::step_underflow;
          st.reason = "step size underflow at t = " + full(t) + " (h = " + full(h_try) + ")";
          return;
        }
        continue;
      }
      ++st.steps;
      // Land exactly, when the step taken was the one to t_end (a Taylor step may be shorter).
      if (o.t_end && h_try == *o.t_end - t_before && abs(t - *o.t_end) <= T(4) * eps<T>() * (T(1) + abs(t))) t = *o.t_end;
      for (Eigen::Index i = 0; i < y.size(); ++i)
        if (!(y(i) - y(i) == T(0))) {  // NaN or ±Inf (x − x is NaN for both)
          st.ok = false;
          st.how = outcome::non_finite;
          st.reason = "non-finite state at t = " + full(t) + " (component " + std::to_string(i) + ")";
          return;
        }
      if (auto r = obs(t, y); !r.empty()) {
        st.how = outcome::observer_stop;
        st.reason = r;
        return;
      }
      if (!o.t_end && t > o.t_max) {
        st.ok = false;
        st.how = outcome::no_certificate;
        st.reason = "no certificate by t_max = " + full(o.t_max);
        return;
      }
      if (st.steps >= o.max_steps) {
        st.ok = false;
        st.how = outcome::step_budget;
        st.reason = "step budget of " + std::to_string(o.max_steps) + " exhausted at t = " + full(t);
        return;
      }
      if (std::chrono::duration<double>(clock::now() - start).count() > o.max_seconds) {
        st.ok = false;
        st.how = outcome::time_budget;
        st.reason = "time budget of " + std::to_string(o.max_seconds) + " s exhausted at t = " + full(t);
        return;
      }
    }
  };

  switch (o.m) {
    case method::extrapolation: {
      extrapolation_stepper<T> s(o.tol, digits, o.error_floor);
      run(s);
      st.rhs_evals = s.rhs_evals + 1;
      break;
    }
    case method::taylor: {
      // Only systems that supply their own series (the reduced flow); callers check this first.
      if constexpr (requires(vec<T> v, std::vector<T> c) { f.taylor(v, 1, c); }) {
        taylor_stepper<T> s(o.tol, o.error_floor);
        st.order = s.order();
        run(s);
        st.rhs_evals = s.series_evals + 1;
      } else {
        throw std::logic_error("method taylor needs a system with a taylor() series");
      }
      break;
    }
    case method::bulirsch_stoer: {
      detail::odeint_adapter<T, ode::bulirsch_stoer<vec<T>, T, vec<T>, T, ode::vector_space_algebra>> s{
          {o.tol, o.tol}};
      run(s);
      st.rhs_evals = s.rhs_evals + 1;
      break;
    }
    case method::rkf78: {
      using base = ode::runge_kutta_fehlberg78<vec<T>, T, vec<T>, T, ode::vector_space_algebra>;
      detail::odeint_adapter<T, ode::controlled_runge_kutta<base>> s{
          ode::controlled_runge_kutta<base>(ode::default_error_checker<T, ode::vector_space_algebra, ode::default_operations>(o.tol, o.tol))};
      run(s);
      st.rhs_evals = s.rhs_evals + 1;
      break;
    }
  }
  st.wall_seconds = std::chrono::duration<double>(clock::now() - start).count();
  return st;
}

}  // namespace icl
