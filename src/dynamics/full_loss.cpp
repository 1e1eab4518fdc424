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

template <class T>
pieces<T> evaluate(const problem<T>& pr, const full_params<T>& th, full_params<T>* g, T* scale, loss_variant variant) {
  const mat<T>& L = pr.lambda;
  const T n = pr.inv_n();
  const T Tr = pr.trace;
  const int d = pr.d;
  const mat<T> L2 = L * L;
  mat<T> gamma = pr.gamma();
  if (variant == loss_variant::gamma_n_plus_1) {
    gamma = (T(1) + T(1) / T(pr.N + 1)) * L;
    for (int i = 0; i < d; ++i) gamma(i, i) += Tr / T(pr.N + 1);
  }
  const T eight = variant == loss_variant::drop_eight_term ? T(0) : T(8);
  const mat<T> LG = L * gamma;
  const mat<T>& C = th.C;
  const T& b = th.b;

  // Degree-1 part, through K = a cᵀ + b C.
  const mat<T> K = th.a * th.c.transpose() + b * C;
  const mat<T> KL = K * L;
  const T F1 = (KL * K.transpose() * LG).trace() - T(2) * (K * L2).trace() + Tr;

  const vec<T> p = L * th.a;
  const vec<T> q = L * th.c;
  const mat<T> S = (C + C.transpose()) / T(2);
  const mat<T> CL = C * L;
  const mat<T> A = CL * C.transpose();
  const mat<T> SL = S * L;
  const T tCL = CL.trace();
  const T aTp = th.a.dot(p);
  const T aTq = th.a.dot(q);
  const T trSLSL = (SL * SL).trace();
  const vec<T> Ap = A * p;
  const vec<T> Cp = C * p;
  const vec<T> Sp = S * p;
  const vec<T> v = L * Sp;  // ΛSp
  const T pAp = p.dot(Ap);
  const T pCp = p.dot(Cp);
  const T pCLCp = (C.transpose() * p).dot(L * Cp);
  const T pSLSp = Sp.dot(v);
  const T trAL = (A * L).trace();
  const T c_aTp = n * trAL + n * n * (tCL * tCL + T(2) * trSLSL);

  pieces<T> r;
  r.F1 = F1;
  r.E0 = (T(1) + n) * pAp + n * trAL * aTp + T(2) * n * (pCp * tCL + pCLCp + pAp) +
         n * n * (aTp * (tCL * tCL + T(2) * trSLSL) + T(4) * p.dot(Sp) * tCL + eight * pSLSp);

  const mat<T> M1 = Tr * L + T(2) * n * L2;
  const mat<T> CpCt = C + C.transpose();
  r.B = th.a.dot(M1 * (C * q)) + n * Tr * (aTq * tCL + p.dot(CpCt * q));
  const T kappa2 = (T(1) + T(2) * n) * Tr * Tr + (T(2) + T(4) * n) * L2.trace();
  const T cq = th.c.dot(q);
  r.E22 = b * b * cq * kappa2;

  if (g) {
    const mat<T> GK = T(2) * LG * KL - T(2) * L2;
    const mat<T> ppT = p * p.transpose();
    // ∇ of E0 with respect to C and a.
    const mat<T> gC_E0 = (T(1) + n) * T(2) * ppT * CL + n * aTp * T(2) * L * CL +
                         T(2) * n * (ppT * tCL + pCp * L + ppT * C.transpose() * L + L * C.transpose() * ppT +
                                     T(2) * ppT * CL) +
                         n * n * (aTp * (T(2) * tCL * L + T(4) * L * SL) + T(4) * (ppT * tCL + p.dot(Sp) * L) +
                                  eight * (p * v.transpose() + v * p.transpose()));
    const vec<T> gp_E0 = (T(1) + n) * T(2) * Ap +
                         T(2) * n * (T(2) * Sp * tCL + (C * L * C + C.transpose() * L * C.transpose()) * p + T(2) * Ap) +
                         n * n * (T(8) * Sp * tCL + T(2) * eight * S * v);
    const vec<T> ga_E0 = L * gp_E0 + T(2) * c_aTp * p;
    // ∇ of B (E[T0 T2] = b B).
    const vec<T> ga_B = M1 * (C * q) + n * Tr * (q * tCL + L * (CpCt * q));
    const vec<T> gc_B = L * (C.transpose() * (M1 * th.a) + n * Tr * (th.a * tCL + CpCt * p));
    const mat<T> gC_B = M1 * th.a * q.transpose() + n * Tr * (aTq * L + p * q.transpose() + q * p.transpose());

    g->a = GK * th.c / T(2) + ga_E0 / T(2) + b * ga_B;
    g->b = (GK.cwiseProduct(C)).sum() / T(2) + r.B + b * cq * kappa2;
    g->C = b * GK / T(2) + gC_E0 / T(2) + b * gC_B;
    g->c = GK.transpose() * th.a / T(2) + b * gc_B + b * b * kappa2 * q;
    if constexpr (!std::numeric_limits<T>::is_exact) if (scale) {
      using std::abs;
      // Largest cancelling magnitude: the two halves of ∂F1/∂K times the parameter sizes.
      T s = (LG * KL).norm() * (abs(b) + th.a.norm() + th.c.norm() + C.norm()) + L2.norm() * (T(1) + abs(b) + C.norm());
      *scale = s + abs(r.E0) + abs(b * r.B) + abs(r.E22);
    }
  }
  (void)d;
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
