#include "core/inertia.hpp"

namespace icl {

inertia_counts inertia(mat<rational> H) {
  inertia_counts r;
  int n = static_cast<int>(H.rows());
  const auto drop = [&](int k) {  // removes row and column k
    for (int i = k; i + 1 < n; ++i) H.row(i) = H.row(i + 1);
    for (int j = k; j + 1 < n; ++j) H.col(j) = H.col(j + 1);
    --n;
    H.conservativeResize(n, n);
  };
  while (n > 0) {
    int k = 0;
    while (k < n && H(k, k) == 0) ++k;
    if (k < n) {
      (H(k, k) > 0 ? r.pos : r.neg)++;
      for (int i = 0; i < n; ++i)
        if (i != k && H(i, k) != 0) {
          const rational f = H(i, k) / H(k, k);
          for (int j = 0; j < n; ++j) H(i, j) -= f * H(k, j);
        }
      for (int i = 0; i < n; ++i)
        if (i != k) H(k, i) = 0;
      drop(k);
      continue;
    }
    int i = 0, j = -1;
    for (; i < n && j < 0; ++i)
      for (int m = 0; m < n; ++m)
        if (H(i, m) != 0) {
          j = m;
          break;
        }
    if (j < 0) {
      r.zero += n;
      break;
    }
    --i;
    // H(i,i) = H(j,j) = 0, H(i,j) ≠ 0: add row/column j to i makes the pivot 2H(i,j) ≠ 0.
    H.row(i) += H.row(j);
    H.col(i) += H.col(j);
  }
  return r;
}

}  // namespace icl
