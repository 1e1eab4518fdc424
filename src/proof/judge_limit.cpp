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

// The end of every judgement once nothing was excluded: PROVED when the enclosure's relative radius
// is at most 10^-required, INCONCLUSIVE (too wide) otherwise.
limit_judgement settle_width(limit_judgement j, const ball& rel, int required_digits, const std::string& what,
                             const std::string& proved) {
  if (!certainly_le(rel, pow(ball(10), ball(-required_digits)))) {
    j.why = what + " but is wider than 10^-" + std::to_string(required_digits) + " (relative radius " + rel.to_string(3) + ")";
    return j;
  }
  j.verdict = proof_verdict::proved;
  j.why = proved;
  return j;
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
  return settle_width(j, (radius / scale).upper(), required_digits, "the enclosure contains the closed form",
                      "the closed form lies in the enclosure of the limit");
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
    j.why = fmt::format("the enclosure of the loss at the limit (relative radius {}) excludes the closed-form minimum, {} "
                        "away relative to it",
                        ((enclosure.rad() / scale).upper()).to_string(3), j.distance);
    return j;
  }
  return settle_width(j, (enclosure.rad() / scale).upper(), required_digits,
                      "the enclosure of the loss at the limit contains the closed-form minimum",
                      "the closed-form minimum lies in the enclosure of the loss at the limit");
}

limit_judgement judge_product_limit(const proof_outcome& o, const mpfr& step, int required_digits) {
  limit_judgement j;
  if (!o.converged) {
    j.why = "no proof: " + o.why;
    return j;
  }
  ball_precision prec(o.bits + 64);
  const ball u = ball::parse(o.limit[0]);
  ball p = of_mpfr(step);
  const ball scale = abs(p);
  const ball ulp = pow2(16) * of_mpfr(eps<mpfr>());
  j.allowance = ulp.upper().mid_double();
  p.add_error((ulp * scale).upper());
  ball radius(0);
  for (std::size_t i = 1; i < o.limit.size(); ++i) {
    const ball uU = u * ball::parse(o.limit[i]);
    j.distance = std::max(j.distance, ((abs(of_mpfr(step) - uU.mid()) / scale).upper()).mid_double());
    radius = max(radius, uU.rad());
    if (!uU.overlaps(p)) {
      j.verdict = proof_verdict::disproved;
      j.why = fmt::format("the enclosure of (uU)_{0}{0} (relative radius {1}) excludes the gradient-descent step, {2} away "
                          "relative to it",
                          i, ((uU.rad() / scale).upper()).to_string(3), ((abs(of_mpfr(step) - uU.mid()) / scale).upper()).to_string(3));
      return j;
    }
  }
  return settle_width(j, (radius / scale).upper(), required_digits, "the enclosure of uU contains the step",
                      "the gradient-descent step lies in the enclosure of every diagonal entry of uU at the limit");
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
  return settle_width(j, rel, required_digits, "the enclosure of the invariant's change contains 0 (relative to u(0)^2)",
                      "the enclosure of the invariant's change at t = " + o.t_end + " contains 0 (width " +
                          rel.to_string(3) + " of u(0)^2)");
}

}  // namespace icl
