#include "report/time_conversion_table.hpp"

#include <fmt/format.h>

#include "theory/time_conversion.hpp"

namespace icl {

std::string time_conversion_markdown(const std::vector<long>& Ns) {
  std::string md =
      "## Flow time and training steps\n\n"
      "Times on this page are flow time t of the population gradient flow on L = ½E[(ŷ − y)²] with the attention "
      "divided by N (docs/THEORY.md §1.3, §8.6). k steps of plain gradient descent with step η correspond to "
      "t = factor · η · k, and a start of scale w0' in the run's convention to w0 = (scale factor) · w0' here; "
      "valid while η is small against the loss's curvature, not for Adam.\n\n| training loss | attention | factor "
      "(t per η·k) | scale factor (w0 per w0') |";
  for (long n : Ns) md += fmt::format(" N = {}: factor |", n);
  md += "\n|---|---|---|---|";
  for (std::size_t i = 0; i < Ns.size(); ++i) md += "---|";
  md += "\n";
  for (bool half : {true, false})
    for (bool by_n : {true, false}) {
      const training_convention c{half, by_n};
      md += fmt::format("| {} | {} | {} | {} |", half ? "½ mean squared error" : "mean squared error (no ½)",
                        by_n ? "divided by N" : "not divided by N", half ? (by_n ? "1" : "N") : (by_n ? "2" : "2N"),
                        by_n ? "1" : "√N");
      for (long n : Ns) md += fmt::format(" {:g} |", flow_time_per_step(c, n));
      md += "\n";
    }
  return md + "\n";
}

}  // namespace icl
