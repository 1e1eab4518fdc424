#include "proof/prove_plateau.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

#include "plateau/logistic.hpp"
#include "proof/ball.hpp"
#include "proof/model_of.hpp"
#include "proof/validated_flow.hpp"

namespace icl {

using namespace proof;

namespace {
// The closed form is evaluated 20 decimal digits (67 bits) finer than the flow's balls: its own radius
// is then far below the enclosure's, and containment (not mere overlap) can be asked of the enclosure.
constexpr long closed_form_extra_bits = 67;
// Phases, named as the floating-point check names them: the plateau while s is below 1 % of its value
// at the horizon, the tail above 99 %, the drop in between.
constexpr double plateau_share = 0.01, tail_share = 0.99;
}  // namespace

plateau_proof prove_plateau(const proof_instance& in, const std::string& horizon, const logistic_claim& claim,
                            int required_digits) {
  plateau_proof out;
  out.bits = static_cast<long>(std::ceil(in.working_digits * std::log2(10.0))) + 8;
  ball_precision prec(out.bits);
  out.order = in.order > 0 ? in.order : std::max(8, static_cast<int>(std::lround(0.75 * in.working_digits)));
  const model_instance model = model_of(in);  // the measured side: Λ's decimals, N, σ
  const int d = model.f.d();
  if (d != claim.d) {
    out.why = fmt::format("the closed form is for d = {}, the flow has d = {}", claim.d, d);
    return out;
  }
  const double t_stop = std::stod(horizon);

  // The predicted side: the check's own closed form (src/plateau/logistic.hpp), in balls, finer.
  const long fine = out.bits + closed_form_extra_bits;
  ball gamma, w0, factor(1);
  {
    ball_precision p(fine);
    gamma = plateau_gamma<ball>(claim.d, claim.N, claim.pl);
    w0 = ball::decimal(claim.w0);
    if (claim.pl == plant::scale) factor = ball(1) + ball::decimal(claim.scale_eps);
  }

  validated_flow vf(model.f, model.x0, out.order);
  ball worst(0);
  int excluded = 0, undecided = 0;
  std::string first_excluded, first_undecided;
  std::vector<double> s_mid;
  auto judge_now = [&] {
    const ball& t = vf.t();
    ball cf;
    {
      ball_precision p(fine);
      cf = factor * logistic_s<ball>(claim.d, gamma, w0, t);
    }
    for (int i = 0; i < d; ++i) {
      const ball s = vf.x()[0] * vf.x()[1 + i];
      if (!abs(cf).lower().positive()) {  // no relative radius against a closed form that may be 0
        if (!undecided++) first_undecided = "at t = " + t.to_string(12) + " the closed form's enclosure contains 0";
        continue;
      }
      const ball rel = (s.rad() / abs(cf).lower()).upper();
      if (!certainly_le(rel, worst)) {
        worst = max(worst, rel);
        out.worst_at = t.to_string(12);
      }
      if (!s.overlaps(cf)) {
        if (!excluded++)
          first_excluded = fmt::format("at t = {} the enclosure of s = u U_{}, {}, excludes the closed form {} "
                                       "(relative distance {})",
                                       t.to_string(12), i + 1, s.to_string(25), cf.to_string(25),
                                       ((abs(cf - s.mid()) / abs(cf)).upper()).to_string(3));
      } else if (!s.contains(cf)) {
        if (!undecided++)
          first_undecided = fmt::format("at t = {} the enclosure of s = u U_{} meets the closed form without containing it",
                                        t.to_string(12), i + 1);
      }
    }
    s_mid.push_back((vf.x()[0] * vf.x()[1]).mid_double());
    ++out.times;
  };

  const std::clock_t cpu0 = std::clock();
  auto elapsed = [&] { return static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC; };
  judge_now();  // t = 0: the initial box
  std::string why;
  bool reached = false;
  while (!excluded) {  // one exclusion disproves: nothing later can undo it
    if (vf.t().mid_double() >= t_stop) {
      reached = true;
      break;
    }
    if (in.max_steps > 0 && vf.steps() >= in.max_steps) {
      why = "step budget spent at t = " + vf.t().to_string(10);
      break;
    }
    if (elapsed() > in.max_seconds) {
      why = "time budget spent at t = " + vf.t().to_string(10);
      break;
    }
    if (!vf.step(why)) break;
    if (!vf.x()[0].finite() || vf.width() > 1) {
      why = "the enclosure blew up at t = " + vf.t().to_string(10);
      break;
    }
    judge_now();
  }
  for (double s : s_mid) {
    const double share = s / s_mid.back();
    (share < plateau_share ? out.plateau : share > tail_share ? out.tail : out.drop)++;
  }
  out.t_end = vf.t().to_string(20);
  out.steps = vf.steps();
  out.width_T = vf.width();
  out.tolerance_sum = std::ldexp(static_cast<double>(out.steps), -static_cast<int>(out.bits));
  out.worst_relative_radius = worst.upper().mid_double();
  out.seconds = elapsed();

  const ball required = pow(ball(10), ball(-required_digits));
  if (excluded) {
    out.verdict = proof_verdict::disproved;
    out.why = first_excluded;
  } else if (!reached) {
    out.why = "no enclosure up to the horizon: " + why;
  } else if (undecided) {
    out.why = first_undecided + fmt::format(" ({} such comparisons)", undecided);
  } else if (!certainly_le(worst, required)) {
    out.why = fmt::format("the closed form lies in the enclosure at all {} times but its relative radius reaches {} "
                          "(at t = {}), wider than 10^-{}",
                          out.times, worst.upper().to_string(3), out.worst_at, required_digits);
  } else {
    out.verdict = proof_verdict::proved;
    out.why = fmt::format("the closed form lies in the enclosure of s = u U_i (every i) at all {} times in [0, {}] "
                          "({} on the plateau, {} in the drop, {} in the tail), relative radius <= {}",
                          out.times, fmt::format("{:.6g}", vf.t().mid_double()), out.plateau, out.drop, out.tail,
                          radius_upper_text(out.worst_relative_radius));
  }
  return out;
}

}  // namespace icl
