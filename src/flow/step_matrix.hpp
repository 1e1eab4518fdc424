// The linear systems (I − hJ) x = b of a linearly implicit step. The reduced flow's Jacobian in Λ's
// eigenbasis is an arrowhead (nonzeros on the diagonal, row 0 and column 0 only): eliminating every
// other unknown into row 0 solves it in O(n) instead of a dense LU's O(n³), which dominated the
// step at 50 digits (~50 ms per step at d = 20). Any other pattern, or an arrowhead whose reduced
// pivot is small enough to lose digits without pivoting, takes the dense partial-pivot LU.
#pragma once
#include <Eigen/LU>

#include "core/scalar.hpp"

namespace icl {

template <class T> class step_matrix {
 public:
  // Called once per Jacobian: the pattern test costs O(n²) comparisons, not a factorisation.
  void set_jacobian(const mat<T>& J) {
    const Eigen::Index n = J.rows();
    arrow_ = n > 2;
    for (Eigen::Index j = 1; j < n && arrow_; ++j)
      for (Eigen::Index i = 1; i < n && arrow_; ++i)
        if (i != j && J(i, j) != T(0)) arrow_ = false;
  }

  // Factor I − hJ (J: the matrix last given to set_jacobian).
  void factor(const mat<T>& J, const T& h) {
    using std::abs;
    const Eigen::Index n = J.rows();
    if (arrow_) {
      inv_.resize(n);
      w_.resize(n);
      c_.resize(n);
      T schur = T(1) - h * J(0, 0), size = abs(schur);
      bool ok = true;
      for (Eigen::Index i = 1; i < n && ok; ++i) {
        const T a = T(1) - h * J(i, i);
        ok = a != T(0);
        if (!ok) break;
        inv_(i) = T(1) / a;
        c_(i) = -h * J(i, 0);
        w_(i) = -h * J(0, i) * inv_(i);
        const T wc = w_(i) * c_(i);
        schur -= wc;
        size += abs(wc);
      }
      // Without pivoting, a reduced pivot that cancels to a small fraction of its terms loses
      // that many digits: such steps go to the dense LU instead.
      use_arrow_ = ok && abs(schur) > size / T(1024);
      if (use_arrow_) {
        inv_(0) = T(1) / schur;
        return;
      }
    } else {
      use_arrow_ = false;
    }
    lu_.compute(mat<T>::Identity(n, n) - h * J);
  }

  // acc += (I − hJ)⁻¹ (s·b), in place: at high precision every temporary vector is n allocations.
  void solve_add(const vec<T>& b, const T& s, vec<T>& acc) {
    if (!use_arrow_) {
      acc += lu_.solve(s * b);
      return;
    }
    const Eigen::Index n = b.size();
    T& x0 = t0_;
    T& v = t1_;
    x0 = b(0);
    for (Eigen::Index i = 1; i < n; ++i) {
      v = w_(i);
      v *= b(i);
      x0 -= v;
    }
    x0 *= inv_(0);
    x0 *= s;
    acc(0) += x0;
    for (Eigen::Index i = 1; i < n; ++i) {  // x_i = (s b_i − c_i x_0) / a_i
      v = b(i);
      v *= s;
      t2_ = c_(i);
      t2_ *= x0;
      v -= t2_;
      v *= inv_(i);
      acc(i) += v;
    }
  }

  bool arrowhead() const { return arrow_; }

 private:
  bool arrow_ = false, use_arrow_ = false;
  vec<T> inv_, w_, c_;  // 1/diagonal (inv_(0): 1/reduced pivot), row 0 / diagonal, column 0
  T t0_, t1_, t2_;      // scratch
  Eigen::PartialPivLU<mat<T>> lu_;
};

}  // namespace icl
