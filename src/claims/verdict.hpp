// Verdicts are returned values, never exceptions: PASS, FAIL, INCONCLUSIVE (the run could not
// decide, with the reason), NOT-APPLICABLE (the theorem's hypothesis does not hold).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace icl {

// `rejected`: a planted falsehood (theorem file with expect = "fail") that the check refuted, as it must.
enum class verdict { pass, fail, inconclusive, not_applicable, rejected };
constexpr int verdict_count = 5;
const char* verdict_name(verdict v);

// The data of one figure (full-precision decimal strings, one row per point) and how to draw it;
// report/ turns it into a CSV and an SVG.
struct figure {
  std::string name;                                 // file stem
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  std::vector<std::string> columns;                 // CSV header
  std::vector<std::vector<std::string>> rows;
  std::vector<std::pair<int, int>> curves;          // (x column, y column), 0-based; legend = y column's name
  std::vector<std::string> styles;                  // per curve: lines (default) | points | linespoints
};

struct check_result {
  std::string claim;       // claim id
  std::string instance;    // instance name
  verdict v = verdict::inconclusive;
  std::string brief;       // one line with its own numbers
  std::string key_figure;  // short, for the table
  double digits = -1;      // digits of agreement where that is the measure (−1: not applicable)
  std::string scalar;      // scalar type and precision
  std::vector<std::pair<std::string, std::string>> numbers;  // evidence at full precision
  double seconds = 0;      // wall time of the check
  unsigned long seed = 0;  // the instance's seed (sampling, random points, random inits)
  std::vector<figure> figures;
};

// Exit status of `check`: 0 when nothing FAILs or is INCONCLUSIVE.
int exit_code_of(const std::vector<check_result>& rs);

}  // namespace icl
