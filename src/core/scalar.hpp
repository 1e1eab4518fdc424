// Scalar types the numerics are instantiated for, and the few generic helpers every stage needs:
// parsing decimals from strings (never through a double), epsilon-derived tolerances and printing
// at full precision.
#pragma once
#include <boost/multiprecision/float128.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace icl {

namespace bmp = boost::multiprecision;
// Expression templates off: Eigen's own expression templates and Boost's do not compose well.
using mpfr = bmp::number<bmp::mpfr_float_backend<0>, bmp::et_off>;
using float128 = bmp::float128;

}  // namespace icl

namespace Eigen {
// Boost 1.74's eigen.hpp lacks infinity()/quiet_NaN(), which Eigen 3.4 needs; this is the complete
// set of traits for the two multiprecision types used here.
template <class B> struct NumTraits<boost::multiprecision::number<B, boost::multiprecision::et_off>>
    : GenericNumTraits<boost::multiprecision::number<B, boost::multiprecision::et_off>> {
  using Self = boost::multiprecision::number<B, boost::multiprecision::et_off>;
  using Real = Self;
  using NonInteger = Self;
  using Literal = Self;
  using Nested = Self;
  enum { IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1, ReadCost = 1, AddCost = 4, MulCost = 8 };
  static Self epsilon() { return std::numeric_limits<Self>::epsilon(); }
  static Self dummy_precision() { return 1000 * epsilon(); }
  static Self highest() { return (std::numeric_limits<Self>::max)(); }
  static Self lowest() { return -(std::numeric_limits<Self>::max)(); }
  static Self infinity() { return std::numeric_limits<Self>::infinity(); }
  static Self quiet_NaN() { return std::numeric_limits<Self>::quiet_NaN(); }
  static int digits10() { return std::numeric_limits<Self>::digits10; }
};
}  // namespace Eigen

namespace icl {

template <class T> using mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> using vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

enum class scalar_kind { dbl, ldbl, f128, mp };

const char* scalar_name(scalar_kind k);
scalar_kind parse_scalar_kind(const std::string& s);  // double|long-double|float128|mpfr

constexpr int min_digits = 16;
constexpr int max_digits = 1000;
// `--digits D` asks for D correct decimal digits. Arithmetic carries D + guard_digits: polynomial
// extrapolation amplifies rounding by its Lebesgue constant, and without guard digits the stepper's
// order stalls near 14 at D = 50 (measured: 4251 steps vs 417 with 20 guard digits, d = 5).
constexpr int guard_digits = 20;
// Sets the precision of every mpfr value created afterwards (process-wide).
void set_mpfr_digits(int digits);
int mpfr_digits();          // D, the digits asked for: tolerances and verdicts derive from it
int mpfr_working_digits();  // D + guard_digits
// Both precisions, to put back between runs of the command line in one process (src/cli/capture.hpp).
struct mpfr_state {
  int digits;
  unsigned working;
};
mpfr_state current_mpfr_state();
void restore_mpfr_state(const mpfr_state& s);

// Decimal string -> T, rounded once in T's own precision.
template <class T> T parse(const std::string& s) {
  std::size_t used = 0;
  if constexpr (std::is_same_v<T, double>) {
    T v = std::stod(s, &used);
    if (used != s.size()) throw std::invalid_argument("not a number: '" + s + "'");
    return v;
  } else if constexpr (std::is_same_v<T, long double>) {
    T v = std::stold(s, &used);
    if (used != s.size()) throw std::invalid_argument("not a number: '" + s + "'");
    return v;
  } else {
    return T(s);  // throws std::runtime_error on malformed input
  }
}

template <class T> T eps() { return std::numeric_limits<T>::epsilon(); }

// Decimal digits a result in T is held to (for mpfr: the digits asked for, guard digits excluded).
// float128 keeps 10 of its 33 digits as guard, for the same reason as MPFR's guard digits (without
// them the stepper's order stalls: measured 8490 steps and no certificate in 60 s at d = 20).
template <class T> int digits10() {
  if constexpr (std::is_same_v<T, mpfr>) return mpfr_digits();
  else if constexpr (std::is_same_v<T, float128>) return std::numeric_limits<T>::digits10 - 10;
  else return std::numeric_limits<T>::digits10;
}

// Shortest exact decimal that round-trips at T's precision.
template <class T> std::string full(const T& x) {
  std::ostringstream os;
  if constexpr (std::is_same_v<T, mpfr>) os.precision(mpfr_working_digits());
  else os.precision(std::numeric_limits<T>::max_digits10);
  os << x;
  return os.str();
}

// For display only (tables); reports carry full().
template <class T> double to_double(const T& x) { return static_cast<double>(x); }

// -log10 of a relative error, capped at the working precision.
template <class T> double digits_of_agreement(const T& err, const T& scale) {
  using std::abs;
  using std::log10;
  T s = abs(scale) > T(0) ? abs(scale) : T(1);
  T rel = abs(err) / s;
  double cap = digits10<T>() + 1.0;
  if (rel == T(0)) return cap;
  double d = -static_cast<double>(log10(rel));
  return d > cap ? cap : d;
}

// T from an integer ratio, exact in every type.
template <class T> T ratio(long long p, long long q) { return T(p) / T(q); }

}  // namespace icl
