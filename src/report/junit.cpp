#include <fmt/format.h>

#include <map>

#include "report/writers.hpp"

namespace icl {

namespace {
std::string xml_escape(const std::string& s) {
  std::string o;
  for (char ch : s) {
    switch (ch) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') o += ' ';
        else o += ch;
    }
  }
  return o;
}
}  // namespace

std::string results_junit(const std::vector<check_result>& rs, const std::string& scalar) {
  // One <testsuite> per claim, in first-seen order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const check_result*>> by_claim;
  for (const auto& r : rs) {
    if (!by_claim.count(r.claim)) order.push_back(r.claim);
    by_claim[r.claim].push_back(&r);
  }
  int failures = 0, errors = 0, skipped = 0;
  double total = 0;
  for (const auto& r : rs) {
    failures += r.v == verdict::fail;
    errors += r.v == verdict::inconclusive;
    skipped += r.v == verdict::not_applicable;
    total += r.seconds;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"iclverify\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
                     rs.size(), failures, errors, skipped, total);
  for (const auto& claim : order) {
    const auto& cases = by_claim[claim];
    int f = 0, e = 0, s = 0;
    double t = 0;
    for (const auto* r : cases) {
      f += r->v == verdict::fail;
      e += r->v == verdict::inconclusive;
      s += r->v == verdict::not_applicable;
      t += r->seconds;
    }
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
                       xml_escape(claim), cases.size(), f, e, s, t);
    for (const auto* r : cases) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\">\n", xml_escape(claim),
                         xml_escape(r->instance), r->seconds);
      const std::string msg = xml_escape(r->brief);
      if (r->v == verdict::fail) out += fmt::format("      <failure message=\"{}\">{}</failure>\n", msg, msg);
      if (r->v == verdict::inconclusive) out += fmt::format("      <error message=\"{}\">{}</error>\n", msg, msg);
      if (r->v == verdict::not_applicable) out += fmt::format("      <skipped message=\"{}\"/>\n", msg);
      std::string props = fmt::format("verdict: {}\nscalar: {} ({})\n", verdict_name(r->v), r->scalar, scalar);
      for (const auto& [k, v] : r->numbers) props += k + ": " + v + "\n";
      out += fmt::format("      <system-out>{}</system-out>\n    </testcase>\n", xml_escape(props));
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace icl
