// Sweep files (TOML): one claim family over a grid of instances. Every combination of the [grid]
// values becomes one instance (keys in alphabetical order, the first slowest), named "key=value,...",
// with the [fixed] keys
// added; each is validated exactly as a theorem-file instance, errors naming the sweep file's line.
//
//   check = "thm41_limits"            # claim family (as in theorem files)
//   id = "sweep.thm41"                # optional; also source, statement, digits_margin
//   [grid]
//   lambda = ["linspace:0.5:2:2", "linspace:0.5:2:5"]
//   N = [1, 5, 40]
//   [fixed]
//   sigma = "auto"
#pragma once
#include <string>

#include "spec/theorem_file.hpp"

namespace icl {

claim_spec load_sweep(const std::string& path);

}  // namespace icl
