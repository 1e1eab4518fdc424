// The number a parameter's text holds, for the small parsers of src/spec (shift, law, remedy, w0):
// a decimal (digits, sign, point, exponent: no hex, inf or nan, so that the text kept parses alike in
// every scalar type), read whole as one finite number; else std::invalid_argument names the text.
// Callers pass the field trimmed (src/core/text.hpp).
#pragma once
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/text.hpp"

namespace icl {

inline double finite_number(const std::string& text) {
  if (text.find_first_not_of("0123456789+-.eE") != std::string::npos)
    throw std::invalid_argument("'" + text + "' is not a number");
  if (const std::string p = decimal_problem(text); p.find("out of range") != std::string::npos)
    throw std::invalid_argument(p);
  std::size_t used = 0;
  double x = 0;
  try {
    x = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(x)) throw std::invalid_argument("'" + text + "' is not a number");
  return x;
}

}  // namespace icl
