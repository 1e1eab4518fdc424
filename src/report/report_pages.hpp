// `iclverify report`: a Markdown index of the catalog and one page per claim, with figures drawn by
// gnuplot (SVG; PNG on request) from CSV files written beside them, and the environment the
// numbers came from.
#pragma once
#include <string>
#include <vector>

#include "claims/contract.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

struct report_env {
  std::string version, commit, scalar, compiler, libraries, command, date;
};
report_env current_env(const std::string& scalar, const std::string& command);

// A figure's data as CSV (header row of column names, values at full precision).
std::string csv_of(const figure& f);

// Refuses before any work when gnuplot is missing (draw = true).
void require_gnuplot();

// Writes dir/index.md, dir/<claim id>.md, dir/figures/<claim id>/…, dir/report.json. `extra` are
// catalog-wide figures shown on the index page.
void write_report(const std::string& dir, const std::vector<claim_spec>& claims, const std::vector<check_result>& rs,
                  const std::vector<figure>& extra, const report_env& env, bool draw, bool png);

}  // namespace icl
