#include "dynamics/full_loss_hessian.hpp"

#include "core/instantiate.hpp"
#include "dynamics/full_loss.hpp"

namespace icl {

template <class T> loss_hessian<T> full_loss_hessian(const problem<T>& p, const full_params<T>& at) {
  using std::abs;
  const int d = p.d;
  const int n = full_params<T>::size(d);
  const vec<T> x0 = at.pack();
  loss_hessian<T> r;
  r.scale = T(0);
  mat<T> H(n, n);
  // g'(0) = [8(g(1) − g(−1)) − (g(2) − g(−2))] / 12: exact for polynomials of degree ≤ 4, and the
  // gradient along a coordinate line has degree ≤ 3 (the loss has degree 4, §2.3).
  const int steps[4] = {-2, -1, 1, 2};
  const T weights[4] = {T(1) / T(12), T(-8) / T(12), T(8) / T(12), T(-1) / T(12)};
  for (int l = 0; l < n; ++l) {
    vec<T> col = vec<T>::Zero(n);
    for (int s = 0; s < 4; ++s) {
      vec<T> x = x0;
      x(l) += T(steps[s]);
      full_params<T> g;
      T cancel = T(0);
      (void)full_loss_grad(p, full_params<T>::unpack(x, d), g, &cancel);
      ++r.gradient_evaluations;
      const vec<T> gv = g.pack();
      col += weights[s] * gv;
      if (abs(cancel) > r.scale) r.scale = abs(cancel);
      for (int k = 0; k < n; ++k)
        if (abs(gv(k)) > r.scale) r.scale = abs(gv(k));
    }
    H.col(l) = col;
  }
  r.asymmetry = T(0);
  for (int k = 0; k < n; ++k)
    for (int l = k + 1; l < n; ++l)
      if (abs(T(H(k, l) - H(l, k))) > r.asymmetry) r.asymmetry = abs(T(H(k, l) - H(l, k)));
  r.H = (H + H.transpose()) / T(2);
  return r;
}

#define ICL_INST(T) template loss_hessian<T> full_loss_hessian(const problem<T>&, const full_params<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)

}  // namespace icl
