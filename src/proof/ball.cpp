#include "proof/ball.hpp"

#include <flint/flint.h>

#include <cmath>
#include <stdexcept>

namespace icl::proof {

namespace {
thread_local slong current_bits = 128;
}

ball_precision::ball_precision(slong bits) : saved_(current_bits) { current_bits = bits; }
ball_precision::~ball_precision() { current_bits = saved_; }
slong ball_precision::bits() { return current_bits; }

ball ball::decimal(const std::string& s) {
  ball r;
  if (s.empty() || arb_set_str(r.v_, s.c_str(), current_bits) != 0 || !r.finite())
    throw std::invalid_argument("not a number: '" + s + "'");
  return r;
}

ball ball::hull(const ball& lo, const ball& hi) { return union_of(lo, hi); }

ball ball::mid() const {
  ball r;
  arb_get_mid_arb(r.v_, v_);
  return r;
}

ball ball::rad() const {
  ball r;
  arb_get_rad_arb(r.v_, v_);
  return r;
}

namespace {
// An exact end point of x: get is arb_get_ubound_arf or arb_get_lbound_arf.
ball end_point(const ball& x, void (*get)(arf_t, const arb_t, slong)) {
  ball r;
  arf_t e;
  arf_init(e);
  get(e, x.get(), current_bits);
  arb_set_arf(r.get(), e);
  arf_clear(e);
  return r;
}
}  // namespace

ball ball::upper() const { return end_point(*this, arb_get_ubound_arf); }
ball ball::lower() const { return end_point(*this, arb_get_lbound_arf); }

ball ball::mag() const {
  ball r;
  mag_t m;
  mag_init(m);
  arb_get_mag(m, v_);
  arf_set_mag(arb_midref(r.v_), m);
  mag_clear(m);
  return r;
}

// mag_get_d rounds to nearest; one step up makes it a bound.
double ball::rad_double() const { return std::nextafter(mag_get_d(arb_radref(v_)), HUGE_VAL); }

std::string ball::to_string(int digits) const {
  char* c = arb_get_str(v_, digits, ARB_STR_MORE);  // all `digits` of the midpoint, not only the certain ones
  std::string s(c);
  flint_free(c);
  return s;
}

#define ICL_BALL_OP(op, fn)                            \
  ball operator op(const ball& x, const ball& y) {     \
    ball r;                                            \
    fn(r.get(), x.get(), y.get(), current_bits);       \
    return r;                                          \
  }
ICL_BALL_OP(+, arb_add)
ICL_BALL_OP(-, arb_sub)
ICL_BALL_OP(*, arb_mul)
ICL_BALL_OP(/, arb_div)
#undef ICL_BALL_OP

ball operator-(const ball& x) {
  ball r;
  arb_neg(r.get(), x.get());
  return r;
}

#define ICL_BALL_UNARY(name, fn)                  \
  ball name(const ball& x) {                      \
    ball r;                                       \
    fn(r.get(), x.get(), current_bits);           \
    return r;                                     \
  }
ICL_BALL_UNARY(sqrt, arb_sqrt)
ICL_BALL_UNARY(sqrt_nonneg, arb_sqrtpos)
ICL_BALL_UNARY(exp, arb_exp)
#undef ICL_BALL_UNARY

ball abs(const ball& x) {
  ball r;
  arb_abs(r.get(), x.get());
  return r;
}

ball pow(const ball& x, const ball& y) {
  ball r;
  arb_pow(r.get(), x.get(), y.get(), current_bits);
  return r;
}

#define ICL_BALL_BINARY(name, fn)                   \
  ball name(const ball& x, const ball& y) {         \
    ball r;                                         \
    fn(r.get(), x.get(), y.get(), current_bits);    \
    return r;                                       \
  }
ICL_BALL_BINARY(max, arb_max)
ICL_BALL_BINARY(min, arb_min)
ICL_BALL_BINARY(union_of, arb_union)
#undef ICL_BALL_BINARY

ball pow2(long e) {
  ball r;
  arb_one(r.get());
  arb_mul_2exp_si(r.get(), r.get(), e);
  return r;
}

double log_mag(const ball& x) {
  mag_t m;
  mag_init(m);
  arb_get_mag(m, x.get());
  double r;
  if (mag_is_zero(m)) r = -HUGE_VAL;
  else {
    // m = man · 2^exp with the exponent possibly beyond a double's range.
    fmpz_t e;
    fmpz_init(e);
    fmpz_set(e, MAG_EXPREF(m));
    r = std::log(static_cast<double>(MAG_MAN(m)) / static_cast<double>(MAG_ONE_HALF) / 2.0) +
        static_cast<double>(fmpz_get_si(e)) * std::log(2.0);
    fmpz_clear(e);
  }
  mag_clear(m);
  return r;
}

ball exact(double h) {
  ball r;
  arb_set_d(r.get(), h);
  return r;
}

}  // namespace icl::proof
