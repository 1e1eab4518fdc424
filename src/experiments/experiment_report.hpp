// Pages of `iclverify experiment`: DIR/index.md, one Markdown page per experiment file with its
// verdicts (effect and interval), runs table and figures (SVG drawn by gnuplot from the CSV written
// beside each). Every file is written atomically.
#pragma once
#include <string>
#include <vector>

#include "experiments/lsa_experiment.hpp"

namespace icl {

void write_experiment_pages(const std::string& dir, const std::vector<experiment_outcome>& outs, const std::string& command,
                            bool draw);
// One line per verdict, for the terminal.
std::string experiment_summary(const experiment_outcome& o);

}  // namespace icl
