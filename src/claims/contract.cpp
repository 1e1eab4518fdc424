#include "claims/contract.hpp"

#include <algorithm>

#include "spec/theorem_file.hpp"

namespace icl {

const char* verdict_name(verdict v) {
  switch (v) {
    case verdict::pass: return "PASS";
    case verdict::fail: return "FAIL";
    case verdict::inconclusive: return "INCONCLUSIVE";
    case verdict::not_applicable: return "NOT-APPLICABLE";
    case verdict::rejected: return "REJECTED-AS-EXPECTED";
  }
  return "?";
}

check_result result_skeleton(const claim_spec& c, const instance_spec& in, const check_context& ctx,
                             const std::string& scalar) {
  check_result r;
  r.claim = c.id;
  r.instance = in.name;
  r.scalar = scalar;
  if (ctx.planted == plant::scale)
    r.numbers.push_back({"planted", "scale:" + ctx.scale_eps + " (prediction times 1 + " + ctx.scale_eps + ")"});
  else if (ctx.planted != plant::none)
    r.numbers.push_back({"planted", plant_name(ctx.planted)});
  return r;
}

void set_plant(check_context& ctx, const std::string& text) {
  ctx.planted = parse_plant(text);
  ctx.scale_eps = plant_scale_eps(text);
}

int required_digits(int working_digits, const claim_spec& c, const instance_spec& in) {
  const int required = working_digits - c.digits_margin;
  return in.target_digits > 0 ? std::min(required, in.target_digits) : required;
}

check_result& settle(check_result& r, verdict v, std::string brief, std::string key_figure) {
  r.v = v;
  r.brief = std::move(brief);
  r.key_figure = std::move(key_figure);
  return r;
}

check_result& judge(check_result& r, bool held, std::string brief) {
  r.v = held ? verdict::pass : verdict::fail;
  r.brief = std::move(brief);
  return r;
}

int exit_code_of(const std::vector<check_result>& rs) {
  for (const auto& r : rs)
    if (r.v == verdict::fail || r.v == verdict::inconclusive) return 1;
  return 0;
}

}  // namespace icl
