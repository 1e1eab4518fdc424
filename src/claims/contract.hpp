// The contract every claim family keeps: what a check receives (the claim, one instance, the
// context) and what it returns (a check_result with its verdict, evidence and figures). Verdicts
// are returned values, never exceptions: PASS, FAIL, INCONCLUSIVE (the run could not decide, with
// the reason), NOT-APPLICABLE (the theorem's hypothesis does not hold).
#pragma once
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "core/rational.hpp"
#include "theory/plant.hpp"

namespace icl {

struct claim_spec;
struct instance_spec;

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

// What a check runs with besides the claim and the instance.
struct check_context {
  plant planted = plant::none;  // replaces one prediction by a wrong one (falsification tests)
  std::string scale_eps;        // plant::scale: the EPS of "scale:EPS" as written
  double max_seconds = 600;     // per flow run
  long max_steps = 200000;      // per flow run (the reduced and full flows of the zfb claims)
};

// One claim family in one scalar type.
using check_fn = check_result (*)(const claim_spec&, const instance_spec&, const check_context&);
// Explicit instantiation of a check template `fn` for scalar type T, in the file that defines it.
#define ICL_INSTANTIATE_CHECK(fn, T) template check_result fn<T>(const claim_spec&, const instance_spec&, const check_context&);

// The start of every family's result: claim id, instance name, scalar label and, under a plant,
// the plant's name as the first piece of evidence.
check_result result_skeleton(const claim_spec& c, const instance_spec& in, const check_context& ctx,
                             const std::string& scalar);
// Digits of agreement an instance is held to: the working digits less the claim's digits_margin,
// or the instance's target_digits when that is smaller.
int required_digits(int working_digits, const claim_spec& c, const instance_spec& in);
// Sets verdict, brief and key figure in one go and returns the result (the early exits of a check).
check_result& settle(check_result& r, verdict v, std::string brief, std::string key_figure);
// PASS when the claim held, FAIL otherwise, with the brief that says why; returns the result.
check_result& judge(check_result& r, bool held, std::string brief);

// Sets planted (and scale_eps for "scale:EPS") from a plant's text; usage_error on a bad one.
void set_plant(check_context& ctx, const std::string& text);

// The factor every family multiplies its prediction by: 1 + EPS under the plant "scale:EPS"
// (the detection limit, docs/THEORY.md §9.3), 1 otherwise. T may be the rationals (exactly).
template <class T> T prediction_factor(const check_context& ctx) {
  if (ctx.planted != plant::scale) return T(1);
  if constexpr (std::is_same_v<T, rational>)
    return rational(1) + parse_rational(ctx.scale_eps);
  else if constexpr (std::is_same_v<T, double>)
    return T(1) + std::strtod(ctx.scale_eps.c_str(), nullptr);  // an EPS below the type's range is 0 here
  else if constexpr (std::is_same_v<T, long double>)
    return T(1) + std::strtold(ctx.scale_eps.c_str(), nullptr);
  else
    return T(1) + parse<T>(ctx.scale_eps);
}

// Exit status of `check`: 0 when nothing FAILs or is INCONCLUSIVE.
int exit_code_of(const std::vector<check_result>& rs);

}  // namespace icl
