// A remedy for the learning plateau (Fu et al.; docs/THEORY.md §8): none, a warm-up on the easier
// task for FACTOR times its own escape time, mixing in the easier task with weight RHO, or an
// auxiliary loss of weight ALPHA. One grammar for the theorem-file key `remedy` and
// `iclverify plateau --remedy`.
#pragma once
#include <string>

namespace icl {

struct remedy_spec {
  enum class kind { none, warmup, mix, aux } k = kind::none;
  std::string x;     // its parameter as written (FACTOR, RHO or ALPHA); empty for none
  double value = 0;  // the same as a double
};

// "none" | "warmup:FACTOR" (0 < FACTOR <= 1000) | "mix:RHO" (0 < RHO < 1) | "aux:ALPHA" (0 < ALPHA <= 1000);
// throws std::invalid_argument with the reason.
remedy_spec parse_remedy_spec(const std::string& text);
// The text it was parsed from.
std::string to_string(const remedy_spec& r);
// Warm-up and mixing train on the easier covariance (lambda_easy) too.
inline bool needs_easy_task(const remedy_spec& r) {
  return r.k == remedy_spec::kind::warmup || r.k == remedy_spec::kind::mix;
}

}  // namespace icl
