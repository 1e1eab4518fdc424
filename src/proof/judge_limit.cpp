#include "proof/judge_limit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "proof/ball.hpp"

namespace icl {

using namespace proof;

const char* proof_verdict_name(proof_verdict v) {
  switch (v) {
    case proof_verdict::proved: return "PROVED";
    case proof_verdict::disproved: return "DISPROVED";
    default: return "INCONCLUSIVE";
  }
}

std::string radius_upper_text(double r) {
  double x = r;
  std::string t = fmt::format("{:.2e}", x);
  while (std::stod(t) < r) {  // three digits round by at most half a unit of the third: one step up
    x = std::nextafter(x + x / 200, HUGE_VAL);
    t = fmt::format("{:.2e}", x);
  }
  return t;
}

namespace {

ball of_mpfr(const mpfr& x) {
  ball b;
  arf_set_mpfr(arb_midref(b.get()), x.backend().data());
  return b;
}

}  // namespace

limit_judgement judge_limit(const proof_outcome& o, const mpfr& u_star, const mat<mpfr>& U_star, int required_digits) {
  limit_judgement j;
  if (!o.converged) {
    j.why = "no proof: " + o.why;
    return j;
  }
  ball_precision prec(o.bits + 64);
  const int d = static_cast<int>(o.limit.size()) - 1;
  const ball scale = of_mpfr(u_star);
  const ball ulp = pow2(16) * of_mpfr(eps<mpfr>());
  // Components: u, then every entry of U (the flow's off-diagonal entries are exactly 0, §3.3).
  bool excluded = false;
  std::string where;
  double dist = 0;
  ball radius(0);
  auto compare = [&](const ball& enclosure, const mpfr& predicted, const std::string& name) {
    ball p = of_mpfr(predicted);
    const ball allow = (ulp * max(abs(p), scale)).upper();
    const double gap = ((abs(p - enclosure.mid()) / scale).upper()).mid_double();
    dist = std::max(dist, gap);
    radius = max(radius, enclosure.rad());
    p.add_error(allow);
    if (!enclosure.overlaps(p) && !excluded) {
      excluded = true;
      where = name;
    }
  };
  compare(ball::parse(o.limit[0]), u_star, "u");
  for (int r = 0; r < d; ++r)
    for (int c = 0; c < d; ++c)
      compare(r == c ? ball::parse(o.limit[1 + r]) : ball(0), U_star(r, c),
              "U(" + std::to_string(r + 1) + "," + std::to_string(c + 1) + ")");
  j.distance = dist;
  j.allowance = ((ulp).upper()).mid_double();
  if (excluded) {
    j.verdict = proof_verdict::disproved;
    j.why = "the enclosure of the limit excludes the closed form at " + where;
    return j;
  }
  const ball rel = (radius / scale).upper();
  if (!certainly_le(rel, pow(ball(10), ball(-required_digits)))) {
    j.why = "the enclosure contains the closed form but is wider than 10^-" + std::to_string(required_digits) +
            " (relative radius " + rel.to_string(3) + ")";
    return j;
  }
  j.verdict = proof_verdict::proved;
  j.why = "the closed form lies in the enclosure of the limit";
  return j;
}

limit_judgement judge_loss_limit(const proof_outcome& o, const mpfr& L_star, const mpfr& u_star, int required_digits) {
  limit_judgement j;
  if (!o.converged) {
    j.why = "no proof: " + o.why;
    return j;
  }
  ball_precision prec(o.bits + 64);
  const ball enclosure = ball::parse(o.loss_limit);
  ball p = of_mpfr(L_star);
  const ball u2 = of_mpfr(u_star) * of_mpfr(u_star);
  const ball scale = max(abs(p), u2);
  const ball ulp = pow2(16) * of_mpfr(eps<mpfr>());
  j.distance = ((abs(p - enclosure.mid()) / scale).upper()).mid_double();
  j.allowance = ulp.upper().mid_double();
  p.add_error((ulp * scale).upper());
  if (!enclosure.overlaps(p)) {
    j.verdict = proof_verdict::disproved;
    j.why = "the enclosure of the loss at the limit, " + enclosure.to_string(12) + ", excludes the closed-form minimum";
    return j;
  }
  const ball rel = (enclosure.rad() / scale).upper();
  if (!certainly_le(rel, pow(ball(10), ball(-required_digits)))) {
    j.why = "the enclosure of the loss at the limit contains the closed-form minimum but is wider than 10^-" +
            std::to_string(required_digits) + " (relative radius " + rel.to_string(3) + ")";
    return j;
  }
  j.verdict = proof_verdict::proved;
  j.why = "the closed-form minimum lies in the enclosure of the loss at the limit";
  return j;
}

limit_judgement judge_conserved(const proof_outcome& o, long k, int required_digits) {
  limit_judgement j;
  if (o.u_T.empty()) {
    j.why = "no enclosure at T: " + o.why;
    return j;
  }
  ball_precision prec(o.bits + 64);
  const ball u0 = ball::parse(o.u_0), uT = ball::parse(o.u_T);
  const ball q0 = u0 * u0 - ball(k) * ball::parse(o.frob2_U_0);
  const ball qT = uT * uT - ball(k) * ball::parse(o.frob2_U_T);
  const ball drift = qT - q0;
  const ball scale = u0 * u0;
  j.distance = ((abs(drift.mid()) / scale).upper()).mid_double();
  if (!drift.contains(ball(0))) {
    j.verdict = proof_verdict::disproved;
    j.why = "at t = " + o.t_end + " the enclosure of the claimed invariant's change, " + drift.to_string(6) +
            ", excludes 0";
    return j;
  }
  const ball rel = (drift.rad() / scale).upper();
  if (!certainly_le(rel, pow(ball(10), ball(-required_digits)))) {
    j.why = "the enclosure of the invariant's change contains 0 but is wider than 10^-" + std::to_string(required_digits) +
            " of u(0)^2 (relative radius " + rel.to_string(3) + ")";
    return j;
  }
  j.verdict = proof_verdict::proved;
  j.why = "the enclosure of the invariant's change at t = " + o.t_end + " contains 0 (width " + rel.to_string(3) +
          " of u(0)^2)";
  return j;
}

}  // namespace icl
