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

}  // namespace icl
