// One plateau experiment's integration: a sequence of phases (a warm-up on one loss, then the
// target loss), the hard task's loss gap recorded at every accepted step, and the first time the
// gap crosses a level, located by re-integrating from the step before (regula falsi on exact
// re-integrations, so the time carries the working precision, not the step grid's).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flow/integrate.hpp"

namespace icl {

template <class T, class Sys> struct phase {
  const Sys* sys;
  T until;  // end time of the phase; the last phase's is the horizon
};

template <class T> struct plateau_run {
  std::vector<T> t, gap;        // hard task's L − L*, at the start and after each accepted step
  std::vector<vec<T>> y;        // states
  std::vector<int> phase;       // phase of each point
  integration_stats stats;      // summed over phases; ok = false if any failed
  outcome stop = outcome::reached_t_end;  // of the last phase run: observer_stop = the stop level was reached
};

template <class T> struct plateau_budget {
  T tol;
  T error_floor;  // of the error test: the initial scale, so tiny starts keep relative accuracy
  int digits;
  long max_steps;
  double max_seconds;
  std::optional<T> stop_gap;  // end the last phase once the gap falls below this
};

template <class T, class Sys>
integration_stats integrate_span(const Sys& sys, vec<T>& y, const T& span, const plateau_budget<T>& b,
                                 const std::function<std::string(const T&, const vec<T>&)>& obs) {
  integration_options<T> io;
  io.tol = b.tol;
  io.error_floor = b.error_floor;
  io.t_end = span;
  io.t_max = span;
  io.max_steps = b.max_steps;
  io.max_seconds = b.max_seconds;
  with_jacobian f{[&](const vec<T>& s, vec<T>& ds) { sys.rhs(s, ds); },
                  [&](const vec<T>& s, mat<T>& J) { sys.jacobian(s, J); }};
  return integrate<T>(f, y, io, b.digits, obs);
}

template <class T, class Sys, class Gap>
plateau_run<T> run_phases(const std::vector<phase<T, Sys>>& phases, vec<T> y, Gap&& gap, const plateau_budget<T>& b) {
  plateau_run<T> r;
  T start = T(0);
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const bool last = k + 1 == phases.size();
    auto obs = [&](const T& t, const vec<T>& s) -> std::string {
      if (t == T(0) && !r.t.empty()) return "";  // the phase's start is the previous one's end
      r.t.push_back(start + t);
      r.gap.push_back(gap(s));
      r.y.push_back(s);
      r.phase.push_back(static_cast<int>(k));
      if (last && b.stop_gap && r.gap.back() <= *b.stop_gap) return "gap below the stop level";
      return "";
    };
    const integration_stats st = integrate_span<T>(*phases[k].sys, y, phases[k].until - start, b, obs);
    r.stats.steps += st.steps;
    r.stats.rejected += st.rejected;
    r.stats.rhs_evals += st.rhs_evals;
    r.stats.wall_seconds += st.wall_seconds;
    r.stop = st.how;
    if (!st.ok) {
      r.stats.ok = false;
      r.stats.reason = st.reason;
      return r;
    }
    start = phases[k].until;
    if (r.stop == outcome::observer_stop) break;
  }
  return r;
}

// First t with gap(t) ≤ level, or nothing if the run never got there or a re-integration failed.
template <class T, class Sys, class Gap>
std::optional<T> crossing_time(const plateau_run<T>& r, const std::vector<phase<T, Sys>>& phases, Gap&& gap,
                               const T& level, const plateau_budget<T>& b) {
  using std::abs;
  std::size_t j = 0;
  while (j < r.gap.size() && r.gap[j] > level) ++j;
  if (j == 0 || j == r.gap.size()) return j == 0 && !r.gap.empty() ? std::optional<T>(r.t[0]) : std::nullopt;
  const std::size_t i = j - 1;
  const Sys& sys = *phases[r.phase[j]].sys;  // a step never spans a phase switch
  bool ok = true;
  auto value = [&](const T& t) {
    vec<T> y = r.y[i];
    if (t > r.t[i])
      ok = ok && integrate_span<T>(sys, y, T(t - r.t[i]), b, [](const T&, const vec<T>&) { return std::string(); }).ok;
    const T v = gap(y) - level;
    ok = ok && v - v == T(0);  // finite
    return v;
  };
  T a = r.t[i], c = r.t[j], fa = r.gap[i] - level, fc = r.gap[j] - level;
  int side = 0;
  const T eps_t = T(16) * eps<T>() * (T(1) + abs(c));
  for (int it = 0; it < 200 && c - a > eps_t; ++it) {
    T m = (a * fc - c * fa) / (fc - fa);
    if (!(m > a && m < c)) m = (a + c) / T(2);
    const T fm = value(m);
    if (!ok) return std::nullopt;  // a failed re-integration decides nothing
    if (abs(fm) <= T(4) * eps<T>() * abs(level)) return m;  // at the rounding floor of the gap
    if ((fm > T(0)) == (fa > T(0))) {
      a = m;
      fa = fm;
      if (side == -1) fc /= T(2);  // Illinois: keeps the stale end from stalling the iteration
      side = -1;
    } else {
      c = m;
      fc = fm;
      if (side == 1) fa /= T(2);
      side = 1;
    }
  }
  return abs(fa) < abs(fc) ? a : c;
}

}  // namespace icl
