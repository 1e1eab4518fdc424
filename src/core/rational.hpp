// The exact scalar: GMP rationals. Losses, gradients and closed forms without square roots are
// instantiated for it, so an identity between them can be checked to exact equality.
#pragma once
#include <boost/multiprecision/gmp.hpp>

#include <string>

#include "core/scalar.hpp"

namespace icl {

using rational = bmp::number<bmp::gmp_rational, bmp::et_off>;

// "0.25", "-1.5e-3", "3/7", "2" -> the rational they denote, with no rounding. Throws
// std::invalid_argument naming the text when it is none of these.
rational parse_rational(const std::string& text);

// p/q or an integer; exact.
std::string to_string(const rational& x);

// x is a decimal the user wrote (or a "p/q"): exact as a rational.
inline bool is_exact_number(const std::string& text) {
  try {
    (void)parse_rational(text);
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace icl
