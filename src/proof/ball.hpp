// A ball [m ± r] of Arb: a midpoint and a radius that rigorously contains every rounding error made
// so far (docs/THEORY.md §3.9). This header is the only place Arb's headers enter; it is included by
// the translation units of src/proof and by their unit test, never by a public header.
//
// Arithmetic runs at the precision of the innermost ball_precision scope (bits); operators allocate,
// so the hot loops of the Taylor recurrences call Arb directly through get().
#pragma once
#include <arb.h>

#include <string>
#include <type_traits>
#include <vector>

namespace icl::proof {

class ball {
 public:
  ball() { arb_init(v_); }
  ball(long n) { arb_init(v_); arb_set_si(v_, n); }  // exact
  ball(const ball& o) { arb_init(v_); arb_set(v_, o.v_); }
  ball(ball&& o) noexcept { arb_init(v_); arb_swap(v_, o.v_); }
  ball& operator=(const ball& o) { arb_set(v_, o.v_); return *this; }
  ball& operator=(ball&& o) noexcept { arb_swap(v_, o.v_); return *this; }
  ~ball() { arb_clear(v_); }

  // The real number a decimal denotes, enclosed (exact when it is dyadic). Throws std::invalid_argument.
  static ball decimal(const std::string& s);
  // A ball re-read from to_string(): it contains the ball that was printed.
  static ball parse(const std::string& s) { return decimal(s); }
  // [lo, hi] for exact lo <= hi.
  static ball hull(const ball& lo, const ball& hi);

  arb_ptr get() { return v_; }
  arb_srcptr get() const { return v_; }

  ball mid() const;    // the midpoint, exact (radius 0)
  ball rad() const;    // the radius, exact
  ball upper() const;  // an exact upper bound of every point
  ball lower() const;  // an exact lower bound
  ball mag() const;    // an exact upper bound of |x|
  double mid_double() const { return arf_get_d(arb_midref(v_), ARF_RND_NEAR); }  // display and heuristics only
  double rad_double() const;                                                      // rounded up

  bool finite() const { return arb_is_finite(v_); }
  bool positive() const { return arb_is_positive(v_); }  // every point > 0
  bool contains(const ball& y) const { return arb_contains(v_, y.v_); }
  bool contains_interior(const ball& y) const { return arb_contains_interior(v_, y.v_); }
  bool overlaps(const ball& y) const { return arb_overlaps(v_, y.v_); }
  void add_error(const ball& e) { arb_add_error(v_, e.v_); }

  // "[m +/- r]" with `digits` significant digits of the midpoint (certain or not); parse() of it
  // contains *this, and is wider only by the decimal rounding of m.
  std::string to_string(int digits) const;

 private:
  arb_t v_;
};
static_assert(sizeof(ball) == sizeof(arb_struct) && std::is_standard_layout_v<ball>,
              "a std::vector<ball> must be an Arb vector (arb_ptr) for arb_dot");
inline arb_ptr raw(std::vector<ball>& v) { return reinterpret_cast<arb_ptr>(v.data()); }
inline arb_srcptr raw(const std::vector<ball>& v) { return reinterpret_cast<arb_srcptr>(v.data()); }

// The precision (bits) of the operators below while it is alive; scopes nest.
class ball_precision {
 public:
  explicit ball_precision(slong bits);
  ~ball_precision();
  ball_precision(const ball_precision&) = delete;
  ball_precision& operator=(const ball_precision&) = delete;
  static slong bits();

 private:
  slong saved_;
};

ball operator+(const ball& x, const ball& y);
ball operator-(const ball& x, const ball& y);
ball operator*(const ball& x, const ball& y);
ball operator/(const ball& x, const ball& y);
ball operator-(const ball& x);
ball sqrt(const ball& x);
ball sqrt_nonneg(const ball& x);  // √ of the non-negative part: for sums of squares, whose balls may reach below 0
ball abs(const ball& x);
ball exp(const ball& x);
ball pow(const ball& x, const ball& y);
ball max(const ball& x, const ball& y);
ball min(const ball& x, const ball& y);
ball union_of(const ball& x, const ball& y);  // the hull of both
inline bool certainly_le(const ball& x, const ball& y) { return arb_le(x.get(), y.get()); }  // every x ≤ every y
inline bool certainly_lt(const ball& x, const ball& y) { return arb_lt(x.get(), y.get()); }
// ln of an upper bound of |x| as a double, −∞ for 0: step-size heuristics only, never a bound.
double log_mag(const ball& x);
// The double h as an exact ball (every double is dyadic).
ball exact(double h);
ball pow2(long e);                            // 2^e, exact

}  // namespace icl::proof
