// The linear systems (I + hH) x = b of a linearly implicit step of the full-parameter flow, where
// H is the loss's exact Hessian (the flow's Jacobian is −H). On a = c = 0, where ZFB's start keeps
// the whole path, H splits into an (a, c) block and a (b, C) block whose C–C part is b²(Λ ⊗ M)
// (docs/THEORY.md §2.8). In Λ's eigenbasis that Kronecker part is diagonal, so the (b, C) block is an
// arrowhead and is solved in O(d²) after an O(d³) change of basis (none when Λ is diagonal), against
// the O(d⁶) of a dense LU of all d² + 2d + 1 unknowns (docs/THEORY.md §3.10). The (a, c) block
// matters only when the right-hand side leaves a = c = 0, so it is built and factored on first use.
// Off a = c = 0 the blocks couple: the Hessian is the exact stencil's and the solve a dense LU.
#pragma once
#include <Eigen/LU>

#include "dynamics/full_loss_hessian.hpp"
#include "dynamics/full_loss_hessian_blocks.hpp"
#include "flow/step_matrix.hpp"

namespace icl {

template <class T> class full_step_matrix {
 public:
  explicit full_step_matrix(const problem<T>& p) : p_(p), d_(p.d) {}

  // The Hessian at `at`: by blocks on a = c = 0, else dense from the exact stencil.
  void set_point(const full_params<T>& at) {
    at_ = at;
    blocks_ = true;
    for (int i = 0; i < d_ && blocks_; ++i) blocks_ = at.a(i) == T(0) && at.c(i) == T(0);
    if (!blocks_) {
      J_ = -full_loss_hessian(p_, at).H;
      dense_.set_jacobian(J_);
      return;
    }
    h_ = full_loss_hessian_blocks(p_, at, false);
    if (p_.diagonal) {  // Q = I exactly: no change of basis, no rounding from one
      w_ = h_.bC;
      mu_ = h_.M.diagonal();
      lam_ = h_.lambda.diagonal();
    } else {
      const mat<T>& Q = p_.evecs;
      w_ = Q.transpose() * h_.bC * Q;
      mu_ = (Q.transpose() * h_.M * Q).diagonal();
      lam_ = (Q.transpose() * h_.lambda * Q).diagonal();
    }
  }

  // Factor I + hH at the last point.
  void factor(const T& h) {
    using std::abs;
    step_ = h;
    ac_factored_ = false;
    if (!blocks_) {
      dense_.factor(J_, h);
      return;
    }
    dinv_.resize(d_, d_);
    schur_ = T(1) + h * h_.bb;
    T size = abs(schur_);
    bool ok = true;
    for (int j = 0; j < d_ && ok; ++j)
      for (int i = 0; i < d_ && ok; ++i) {
        const T delta = T(1) + h * h_.b2 * lam_(j) * mu_(i);
        ok = delta != T(0);
        if (!ok) break;
        dinv_(i, j) = T(1) / delta;
        const T t = h * h * w_(i, j) * w_(i, j) * dinv_(i, j);
        schur_ -= t;
        size += abs(t);
      }
    // As for the reduced arrowhead (flow/step_matrix.hpp): a reduced pivot cancelling to a small
    // fraction of its terms would lose digits without pivoting, so that step takes a dense LU.
    arrow_ = ok && abs(schur_) > size / T(1024);
    if (arrow_) return;
    const int m = d_ * d_ + 1;
    mat<T> H = mat<T>::Zero(m, m);
    H(0, 0) = h_.bb;
    for (int j = 0; j < d_; ++j)
      for (int i = 0; i < d_; ++i) {
        H(0, 1 + i + d_ * j) = H(1 + i + d_ * j, 0) = h_.bC(i, j);
        for (int l = 0; l < d_; ++l)
          for (int k = 0; k < d_; ++k) H(1 + i + d_ * j, 1 + k + d_ * l) = h_.b2 * h_.lambda(j, l) * h_.M(i, k);
      }
    bc_lu_.compute(mat<T>::Identity(m, m) + h * H);
  }

  // acc += (I + hH)⁻¹ (s·b).
  void solve_add(const vec<T>& b, const T& s, vec<T>& acc) {
    if (!blocks_) {
      dense_.solve_add(b, s, acc);
      return;
    }
    const int d = d_, ic = d + 1 + d * d;
    bool ac_zero = true;
    for (int i = 0; i < d && ac_zero; ++i) ac_zero = b(i) == T(0) && b(ic + i) == T(0);
    if (!ac_zero) solve_ac(b, s, acc);
    if (!arrow_) {
      vec<T> r(d * d + 1);
      r(0) = b(d);
      r.tail(d * d) = b.segment(d + 1, d * d);
      const vec<T> x = bc_lu_.solve(s * r);
      acc(d) += x(0);
      acc.segment(d + 1, d * d) += x.tail(d * d);
      return;
    }
    R_ = Eigen::Map<const mat<T>>(b.data() + d + 1, d, d);
    if (!p_.diagonal) R_ = p_.evecs.transpose() * R_ * p_.evecs;
    // x_b = s (r_b − h Σ w_ij R_ij / δ_ij) / schur;  X_ij = (s R_ij − h w_ij x_b) / δ_ij.
    T& xb = t0_;
    T& v = t1_;
    xb = T(0);
    for (int j = 0; j < d; ++j)
      for (int i = 0; i < d; ++i) {
        v = w_(i, j);
        v *= R_(i, j);
        v *= dinv_(i, j);
        xb += v;
      }
    xb *= step_;
    v = b(d);
    v -= xb;
    xb = v;
    xb *= s;
    xb /= schur_;
    acc(d) += xb;
    for (int j = 0; j < d; ++j)
      for (int i = 0; i < d; ++i) {
        v = R_(i, j);
        v *= s;
        t2_ = w_(i, j);
        t2_ *= step_;
        t2_ *= xb;
        v -= t2_;
        v *= dinv_(i, j);
        R_(i, j) = v;
      }
    if (!p_.diagonal) R_ = p_.evecs * R_ * p_.evecs.transpose();
    for (int j = 0; j < d; ++j)
      for (int i = 0; i < d; ++i) acc(d + 1 + i + d * j) += R_(i, j);
  }

  bool structured() const { return blocks_; }  // true: factoring costs O(d²), not a dense LU

 private:
  const problem<T>& p_;
  int d_;
  full_params<T> at_;
  bool blocks_ = false, arrow_ = false, ac_factored_ = false;
  T step_, schur_, t0_, t1_, t2_;
  full_hessian_blocks<T> h_;
  mat<T> w_, dinv_, R_;  // bC and 1/(1 + h b² λ_j μ_i) in the eigenbasis; right-hand side scratch
  vec<T> mu_, lam_;      // eigenvalues of sym(ΛΓ) and Λ, in the same order
  Eigen::PartialPivLU<mat<T>> bc_lu_, ac_lu_;
  mat<T> J_;             // dense Jacobian off a = c = 0
  step_matrix<T> dense_;

  void solve_ac(const vec<T>& b, const T& s, vec<T>& acc) {
    const int d = d_, ic = d + 1 + d * d;
    if (!h_.has_ac) add_ac_blocks(p_, at_, h_);
    if (!ac_factored_) {
      mat<T> H(2 * d, 2 * d);
      H << h_.aa, h_.ac, h_.ac.transpose(), h_.cc;
      ac_lu_.compute(mat<T>::Identity(2 * d, 2 * d) + step_ * H);
      ac_factored_ = true;
    }
    vec<T> r(2 * d);
    r.head(d) = s * b.head(d);
    r.tail(d) = s * b.segment(ic, d);
    const vec<T> x = ac_lu_.solve(r);
    acc.head(d) += x.head(d);
    acc.segment(ic, d) += x.tail(d);
  }
};

}  // namespace icl
