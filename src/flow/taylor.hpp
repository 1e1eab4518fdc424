// Explicit Taylor-series stepper of high order (docs/THEORY.md §3.11): the system supplies the
// series of its solution through y to order K (`taylor(y, K, c)`, from the recurrences of
// core/taylor_series.hpp), the stepper picks the order from the tolerance and the step from the
// series' own decay (Jorba & Zou 2005), and sums the polynomial. One series per step, no rejected
// steps: the step is chosen after the series is known. Explicit, so stiff decay (h·rate ≫ K) costs
// steps: docs/THEORY.md §3.11 has the measurements (it is not the default).
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/scalar.hpp"

namespace icl {

// Order K = ⌈½ ln(1/tol)⌉ + 1, at least 8: with the step h = ρ e^{-2} that the error test below
// gives (ρ: radius estimated from the last coefficients), the work K²/h per unit time is least at
// this K (Jorba & Zou 2005, §3.2; measured in bench/README.md).
template <class T> int taylor_order(const T& tol) {
  using std::log;
  const double ln_inv = -to_double(T(log(tol)));
  return std::max(8, static_cast<int>(std::ceil(ln_inv / 2)) + 1);
}

template <class T> class taylor_stepper {
 public:
  // Error per component is held to tol·(floor + |y|), as in extrapolation_stepper.
  taylor_stepper(const T& tol, const T& floor) : tol_(tol), floor_(floor), order_(taylor_order(tol)) {}

  long series_evals = 0;
  int order() const { return order_; }

  // One step from (t, y) of size at most h. The size is the largest at which the last two terms of
  // the series, |c_{K−1}| h^{K−1} and |c_K| h^K, are within the tolerance of every component: the
  // truncation error estimate of Jorba & Zou (2005, §3.3.1). On success h becomes the upper bound
  // for the next step (twice the natural size here: the next series decides); a non-finite series
  // shrinks h and fails.
  template <class Sys> bool try_step(Sys&& f, vec<T>& y, T& t, T& h) {
    using std::abs;
    using std::isfinite;
    using std::pow;
    const int K = order_;
    const int m = K + 1;
    const int n = static_cast<int>(y.size());
    f.taylor(y, K, c_);
    ++series_evals;
    T r_lo = T(0), r_hi = T(0), sc, r;
    for (int i = 0; i < n; ++i) {
      sc = abs(y(i));
      sc += floor_;
      sc *= tol_;
      r = abs(c_[static_cast<std::size_t>(i) * m + K - 1]) / sc;
      if (r > r_lo) r_lo = r;
      r = abs(c_[static_cast<std::size_t>(i) * m + K]) / sc;
      if (r > r_hi) r_hi = r;
    }
    if (!isfinite(r_lo) || !isfinite(r_hi)) {
      h /= 4;
      return false;
    }
    // A series whose last two terms vanish (a polynomial solution, a state at rest) sets no size.
    const bool bounded = r_lo > T(0) || r_hi > T(0);
    T natural = h;
    if (r_lo > T(0)) natural = pow(r_lo, T(-1) / T(K - 1));
    if (r_hi > T(0)) natural = std::min(natural, T(pow(r_hi, T(-1) / T(K))));
    // Stability on decaying modes: the test above is absolute, so as the state settles (|c_k| → 0)
    // it would allow steps far beyond the stability of the truncated series, and the state would
    // wander at the tolerance instead of converging (measured: the PL certificate then never
    // fires). At h·r ≤ K/e^{3/2} (K = ½ ln 1/tol, r ≤ ‖J‖∞) the truncated series of a mode e^{−rt}
    // differs from e^{−hr} by at most e^{−(K+1)/2} ≈ tol^{1/4}, well below e^{−hr} ≈ tol^{0.11}: every
    // mode contracts at nearly its own rate, and its truncation error is held to the tolerance
    // by the test above (docs/THEORY.md §3.11 has the argument; e³, the earlier cap, cost 4× the steps).
    if constexpr (requires { f.jacobian(y, jac_); }) {
      f.jacobian(y, jac_);
      const T rate = jac_.cwiseAbs().rowwise().sum().maxCoeff();
      if (rate > T(0)) {
        using std::exp;
        const T cap = T(K) / (exp(T(3) / T(2)) * rate);
        if (!bounded || cap < natural) natural = cap;
      }
    }
    const bool capped = bounded || natural != h;
    const T step = std::min(h, natural);
    // Horner on the increment Σ_{k≥1} c_k h^k, added to y last: its rounding scales with the
    // step, not with |y|.
    for (int i = 0; i < n; ++i) {
      const T* ci = c_.data() + static_cast<std::size_t>(i) * m;
      inc_ = ci[K];
      for (int k = K - 1; k >= 1; --k) {
        inc_ *= step;
        inc_ += ci[k];
      }
      inc_ *= step;
      y(i) += inc_;
    }
    t += step;
    h = capped ? T(2 * natural) : T(16 * step);
    return true;
  }

 private:
  T tol_, floor_;
  int order_;
  std::vector<T> c_;
  T inc_;
  mat<T> jac_;
};

}  // namespace icl
