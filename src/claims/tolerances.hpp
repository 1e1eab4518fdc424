// Numbers more than one claim family uses to judge or to draw. Each family's own tolerances,
// margins, grids and budgets are named at the top of its file, with the reason for each value.
#pragma once
#include <cmath>
#include <cstddef>

namespace icl {

// At most ~200 points per trajectory figure (first and last always): the plots need no more, and the
// committed report stays small. The evidence keeps the full-precision end state.
constexpr std::size_t max_figure_points = 200;

// The stride that thins n points to about `points` of them.
inline std::size_t thinning_stride(std::size_t n, std::size_t points) { return n / points > 1 ? n / points : 1; }

// 10^k in T: 10^-required is the relative slack a check at `required` digits allows.
template <class T> T ten_to(double k) {
  using std::pow;
  return pow(T(10), T(k));
}

}  // namespace icl
