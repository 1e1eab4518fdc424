#include "core/scalar.hpp"

#include "core/errors.hpp"

namespace icl {

namespace {
int requested_digits = 50;
}  // namespace

const char* scalar_name(scalar_kind k) {
  switch (k) {
    case scalar_kind::dbl: return "double";
    case scalar_kind::ldbl: return "long-double";
    case scalar_kind::f128: return "float128";
    case scalar_kind::mp: return "mpfr";
  }
  return "?";
}

scalar_kind parse_scalar_kind(const std::string& s) {
  if (s == "double") return scalar_kind::dbl;
  if (s == "long-double") return scalar_kind::ldbl;
  if (s == "float128") return scalar_kind::f128;
  if (s == "mpfr") return scalar_kind::mp;
  throw usage_error("unknown scalar type '" + s + "' (double, long-double, float128, mpfr)");
}

void set_mpfr_digits(int digits) {
  if (digits < min_digits || digits > max_digits)
    throw usage_error("digits must be in [" + std::to_string(min_digits) + ", " +
                      std::to_string(max_digits) + "], got " + std::to_string(digits));
  requested_digits = digits;
  mpfr::default_precision(static_cast<unsigned>(digits + guard_digits));
}

int mpfr_digits() { return requested_digits; }
int mpfr_working_digits() { return static_cast<int>(mpfr::default_precision()); }

mpfr_state current_mpfr_state() { return {requested_digits, mpfr::default_precision()}; }

void restore_mpfr_state(const mpfr_state& s) {
  requested_digits = s.digits;
  mpfr::default_precision(s.working);
}

}  // namespace icl
