#include <fmt/format.h>

#include <ostream>

#include "report/writers.hpp"

namespace icl {

void print_table(std::ostream& os, const std::vector<check_result>& rs) {
  std::size_t wc = 5, wi = 8;
  for (const auto& r : rs) {
    wc = std::max(wc, r.claim.size());
    wi = std::max(wi, r.instance.size());
  }
  os << fmt::format("{:<{}}  {:<{}}  {:<14}  {:<22}  {}\n", "claim", wc, "instance", wi, "verdict", "key figure", "digits");
  int counts[verdict_count] = {};
  for (const auto& r : rs) {
    ++counts[static_cast<int>(r.v)];
    os << fmt::format("{:<{}}  {:<{}}  {:<14}  {:<22}  {}\n", r.claim, wc, r.instance, wi, verdict_name(r.v), r.key_figure,
                      r.digits >= 0 ? fmt::format("{:.1f}", r.digits) : "-");
  }
  for (const auto& r : rs)
    if (r.v != verdict::pass && r.v != verdict::rejected) os << fmt::format("  {} {}: {}\n", r.claim, r.instance, r.brief);
  os << fmt::format("{} instances: {} PASS, {} FAIL, {} INCONCLUSIVE, {} NOT-APPLICABLE", rs.size(), counts[0],
                    counts[1], counts[2], counts[3]);
  if (counts[4]) os << fmt::format(", {} planted falsehoods rejected as expected", counts[4]);
  os << "\n";
}

}  // namespace icl
