// Derivation (docs/THEORY.md §2): ŷ = T0 + T1 + T2 by degree in w; the target has degree 1, so
// 2L = E[(T1 − ⟨w,x_q⟩)²] + E[T0²] + 2E[T0 T2] + E[T2²]. With p = Λa, q = Λc, S = (C + Cᵀ)/2,
// A = CΛCᵀ, n = 1/N, each term is a polynomial in the parameters and the gradient is taken term
// by term; Γ commutes with Λ, which makes ∂F1/∂K = 2ΛΓKΛ − 2Λ².
#include "dynamics/full_loss.hpp"

#include "core/instantiate.hpp"

namespace icl {

namespace {

template <class T> struct pieces {
  T F1, E0, B, E22;
};

// Λ·X, X·Λ and M·X for the symmetric matrices of the formula (Λ, Λ², ΛΓ, M1): all are polynomials
// in Λ, so when Λ is diagonal so are they, and a product with one is a scaling in O(d²). Every other
// product below is a matrix–vector product or an outer product: the gradient costs O(d²) for
// diagonal Λ and a handful of O(d³) products otherwise (docs/THEORY.md §2.4).
template <class T> struct sym_factor {
  mat<T> m;
  bool diag;
  mat<T> left(const mat<T>& X) const {
    if (!diag) return m * X;
    mat<T> r = X;
    for (Eigen::Index i = 0; i < X.rows(); ++i) r.row(i) *= m(i, i);
    return r;
  }
  mat<T> right(const mat<T>& X) const {
    if (!diag) return X * m;
    mat<T> r = X;
    for (Eigen::Index j = 0; j < X.cols(); ++j) r.col(j) *= m(j, j);
    return r;
  }
  vec<T> operator*(const vec<T>& x) const {
    if (!diag) return m * x;
    vec<T> r = x;
    for (Eigen::Index i = 0; i < x.size(); ++i) r(i) *= m(i, i);
    return r;
  }
};

// Σ_ij X_ij Y_ij = tr(Xᵀ Y).
template <class T> T dot(const mat<T>& X, const mat<T>& Y) { return X.cwiseProduct(Y).sum(); }

template <class T>
pieces<T> evaluate(const problem<T>& pr, const full_params<T>& th, full_params<T>* g, T* scale, loss_variant variant) {
  const T n = pr.inv_n();
  const T Tr = pr.trace;
  const int d = pr.d;
  mat<T> gamma = pr.gamma();
  if (variant == loss_variant::gamma_n_plus_1) {
    gamma = (T(1) + T(1) / T(pr.N + 1)) * pr.lambda;
    for (int i = 0; i < d; ++i) gamma(i, i) += Tr / T(pr.N + 1);
  }
  const T eight = variant == loss_variant::drop_eight_term ? T(0) : T(8);
  const sym_factor<T> L{pr.lambda, pr.diagonal};
  const sym_factor<T> L2{L.left(pr.lambda), pr.diagonal};
  const sym_factor<T> LG{L.left(gamma), pr.diagonal};  // ΛΓ: symmetric, Γ commutes with Λ
  const sym_factor<T> M1{mat<T>(Tr * pr.lambda + T(2) * n * L2.m), pr.diagonal};
  const mat<T>& C = th.C;
  const T& b = th.b;
  // Every term of E0 carries p = Λa twice, of bB one a and one c, of E22 c twice (§2.3), and so do
  // their gradients. When a or c is exactly zero those terms are exactly zero in any arithmetic
  // (x·0 = 0, x + 0 = x) and are not multiplied out: the result is the one the full evaluation
  // gives, at a fraction of the cost on ZFB's invariant set a = c = 0 (docs/THEORY.md §2.4).
  const bool a0 = th.a.isZero(0), c0 = th.c.isZero(0);
  const int n_d = d;

  // Degree-1 part, through K = a cᵀ + b C: F1 = tr(KΛKᵀΛΓ) − 2 tr(KΛ²) + T.
  const mat<T> K = a0 || c0 ? mat<T>(b * C) : mat<T>(th.a * th.c.transpose() + b * C);
  const mat<T> KL = L.right(K);
  const T F1 = dot(KL, LG.left(K)) - T(2) * dot(K, L2.m) + Tr;

  const vec<T> p = L * th.a;
  const vec<T> q = L * th.c;
  const T kappa2 = (T(1) + T(2) * n) * Tr * Tr + (T(2) + T(4) * n) * L2.m.trace();
  const T cq = th.c.dot(q);
  pieces<T> r;
  r.F1 = F1;
  r.E0 = T(0);
  r.B = T(0);
  r.E22 = c0 ? T(0) : T(b * b * cq * kappa2);

  // The (a, c) terms: E0, B and their gradients.
  const mat<T> S = (C + C.transpose()) / T(2);
  const mat<T> CL = L.right(C);
  const T tCL = CL.trace();
  vec<T> ga_E0 = vec<T>::Zero(n_d), gc_B = vec<T>::Zero(n_d), ga_B = vec<T>::Zero(n_d);
  mat<T> gC_E0 = mat<T>::Zero(n_d, n_d), gC_B = mat<T>::Zero(n_d, n_d);
  if (!a0) {
    const mat<T> SL = L.right(S);
    const T aTp = th.a.dot(p);
    const T trSLSL = dot(SL, mat<T>(SL.transpose()));
    const vec<T> Ctp = C.transpose() * p;
    const vec<T> LCtp = L * Ctp;
    const vec<T> Ap = C * LCtp;  // A p, A = CΛCᵀ
    const vec<T> Cp = C * p;
    const vec<T> LCp = L * Cp;
    const vec<T> Sp = S * p;
    const vec<T> v = L * Sp;  // ΛSp
    const T pAp = Ctp.dot(LCtp);
    const T pCp = p.dot(Cp);
    const T pCLCp = Ctp.dot(LCp);
    const T pSLSp = Sp.dot(v);
    const T trAL = dot(CL, L.left(C));  // tr(CΛCᵀΛ)
    const T c_aTp = n * trAL + n * n * (tCL * tCL + T(2) * trSLSL);
    r.E0 = (T(1) + n) * pAp + n * trAL * aTp + T(2) * n * (pCp * tCL + pCLCp + pAp) +
           n * n * (aTp * (tCL * tCL + T(2) * trSLSL) + T(4) * p.dot(Sp) * tCL + eight * pSLSp);
    if (g) {
      // ∇ of E0 with respect to C and a; p pᵀ X and X p pᵀ as outer products.
      const vec<T> CLtp = CL.transpose() * p;  // (pᵀCΛ)ᵀ
      gC_E0 = (T(1) + n) * T(2) * p * CLtp.transpose() + n * aTp * T(2) * L.left(CL) +
              T(2) * n * (p * p.transpose() * tCL + pCp * L.m + p * LCp.transpose() + LCtp * p.transpose() +
                          T(2) * p * CLtp.transpose()) +
              n * n * (aTp * (T(2) * tCL * L.m + T(4) * L.left(SL)) + T(4) * (p * p.transpose() * tCL + p.dot(Sp) * L.m) +
                       eight * (p * v.transpose() + v * p.transpose()));
      const vec<T> gp_E0 = (T(1) + n) * T(2) * Ap +
                           T(2) * n * (T(2) * Sp * tCL + C * LCp + C.transpose() * LCtp + T(2) * Ap) +
                           n * n * (T(8) * Sp * tCL + T(2) * eight * S * v);
      ga_E0 = L * gp_E0 + T(2) * c_aTp * p;
      // ∇_c of B (E[T0 T2] = b B).
      gc_B = L * vec<T>(C.transpose() * (M1 * th.a) + n * Tr * (th.a * tCL + Cp + Ctp));
    }
  }
  if (!c0) {
    const vec<T> Cq = C * q;
    const vec<T> CpCt_q = Cq + C.transpose() * q;  // (C + Cᵀ) q
    if (!a0) r.B = th.a.dot(M1 * Cq) + n * Tr * (th.a.dot(q) * tCL + p.dot(CpCt_q));
    if (g) {
      ga_B = M1 * Cq + n * Tr * (q * tCL + L * CpCt_q);
      if (!a0) gC_B = (M1 * th.a) * q.transpose() + n * Tr * (th.a.dot(q) * L.m + p * q.transpose() + q * p.transpose());
    }
  }

  if (g) {
    const mat<T> LGKL = LG.left(KL);
    const mat<T> GK = T(2) * LGKL - T(2) * L2.m;
    g->a = ga_B;
    g->a *= b;
    if (!a0) g->a += ga_E0 / T(2);
    if (!c0) g->a += GK * th.c / T(2);
    g->b = dot(GK, C) / T(2) + r.B + (c0 ? T(0) : T(b * cq * kappa2));
    g->C = b * GK / T(2);
    if (!a0) g->C += gC_E0 / T(2) + b * gC_B;
    g->c = gc_B;
    g->c *= b;
    if (!a0) g->c += GK.transpose() * th.a / T(2);
    if (!c0) g->c += b * b * kappa2 * q;
    if constexpr (!std::numeric_limits<T>::is_exact) if (scale) {
      using std::abs;
      // Largest cancelling magnitude: the two halves of ∂F1/∂K times the parameter sizes.
      T s = LGKL.norm() * (abs(b) + th.a.norm() + th.c.norm() + C.norm()) + L2.m.norm() * (T(1) + abs(b) + C.norm());
      *scale = s + abs(r.E0) + abs(b * r.B) + abs(r.E22);
    }
  }
  return r;
}

}  // namespace

template <class T> T full_loss(const problem<T>& p, const full_params<T>& th, loss_variant v) {
  auto r = evaluate<T>(p, th, nullptr, nullptr, v);
  return (r.F1 + r.E0 + T(2) * th.b * r.B + r.E22) / T(2);
}

template <class T>
T full_loss_grad(const problem<T>& p, const full_params<T>& th, full_params<T>& grad, T* scale, loss_variant v) {
  auto r = evaluate<T>(p, th, &grad, scale, v);
  return (r.F1 + r.E0 + T(2) * th.b * r.B + r.E22) / T(2);
}

#define ICL_INST(T)                                                  \
  template T full_loss<T>(const problem<T>&, const full_params<T>&, loss_variant); \
  template T full_loss_grad<T>(const problem<T>&, const full_params<T>&, full_params<T>&, T*, loss_variant);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)

}  // namespace icl
