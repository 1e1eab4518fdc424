// Helpers shared by the experiment families' unit tests: a verdict by key, a file's parse error as
// text, and Student's t quantile they check intervals against (from a printed table, not from the
// code under test).
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "core/errors.hpp"
#include "experiments/experiment_file.hpp"
#include "experiments/lsa_experiment.hpp"

namespace icl::test {

// t_{4}(0.975).
constexpr double t4_975 = 2.7764451051977987;
// t_{2}(0.975) (printed tables: 4.303; these digits from mpmath's inverse of the regularised
// incomplete beta function at 20 digits).
constexpr double t2_975 = 4.3026527297494638;

inline const experiment_verdict& verdict(const experiment_outcome& o, const std::string& key) {
  for (const auto& v : o.verdicts)
    if (v.key == key) return v;
  FAIL("no verdict " << key);
  return o.verdicts.front();
}

// The spec_error a file's text raises when parsed as bad.toml, or "accepted".
inline std::string parse_error(const std::string& text) {
  try {
    parse_experiment_text(text, "bad.toml");
  } catch (const spec_error& e) {
    return std::string(e.what());
  }
  return std::string("accepted");
}

}  // namespace icl::test
