#include <fmt/format.h>

#include <ostream>

#include "report/writers.hpp"

namespace icl {

std::string proof_column(const check_result& r) {
  for (const auto& [k, v] : r.numbers)
    if (k == "proof" && (v == "PROVED" || v == "DISPROVED" || v == "INCONCLUSIVE")) return v;
  return "";
}

void print_table(std::ostream& os, const std::vector<check_result>& rs) {
  std::size_t wc = 5, wi = 8;
  for (const auto& r : rs) {
    wc = std::max(wc, r.claim.size());
    wi = std::max(wi, r.instance.size());
  }
  os << fmt::format("{:<{}}  {:<{}}  {:<14}  {:<22}  {:<6}  {}\n", "claim", wc, "instance", wi, "verdict", "key figure",
                    "digits", "proof");
  int counts[verdict_count] = {};
  int proved = 0, proofs = 0;
  for (const auto& r : rs) {
    ++counts[static_cast<int>(r.v)];
    const std::string proof = proof_column(r);
    if (!proof.empty()) ++proofs, proved += proof == "PROVED";
    os << fmt::format("{:<{}}  {:<{}}  {:<14}  {:<22}  {:<6}  {}\n", r.claim, wc, r.instance, wi, verdict_name(r.v),
                      r.key_figure, r.digits >= 0 ? fmt::format("{:.1f}", r.digits) : "-", proof.empty() ? "-" : proof);
  }
  for (const auto& r : rs)
    if (r.v != verdict::pass && r.v != verdict::rejected) os << fmt::format("  {} {}: {}\n", r.claim, r.instance, r.brief);
  os << fmt::format("{} instances: {} PASS, {} FAIL, {} INCONCLUSIVE, {} NOT-APPLICABLE", rs.size(), counts[0],
                    counts[1], counts[2], counts[3]);
  if (counts[4]) os << fmt::format(", {} planted falsehoods rejected as expected", counts[4]);
  if (proofs) os << fmt::format("; {} of {} proofs PROVED", proved, proofs);  // ball arithmetic or exact identity
  os << "\n";
}

}  // namespace icl
