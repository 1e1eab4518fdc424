// Derivation (docs/THEORY.md §2.8): with K = a cᵀ + bC, M = ΛΓ, p = Λa, q = Λc, S = sym C,
// A = CΛCᵀ, n = 1/N, 2L = F1 + E0 + 2bB + E22 (§2.3). On a = c = 0 every term of E0, bB and E22
// carries a, a or c, c, or a and c, so the (b, C) block is F1's alone and the (a, c) block collects
// the quadratic parts: ½E0 = ½ aᵀΛPΛa + ½ c_aTp aᵀΛa, bB = b aᵀYc, ½E22 = ½ b²κ₂ cᵀΛc, and
// ½F1 ∋ aᵀ(b sym(M) CΛ − Λ²)c.
#include "dynamics/full_loss_hessian_blocks.hpp"

#include <stdexcept>

#include "core/instantiate.hpp"

namespace icl {

template <class T> mat<T> full_hessian_blocks<T>::dense() const {
  if (!has_ac) throw std::logic_error("full_hessian_blocks::dense needs the (a, c) blocks");
  const int n = full_params<T>::size(d);
  mat<T> H = mat<T>::Zero(n, n);
  const int ib = d, iC = d + 1, ic = d + 1 + d * d;
  H.block(0, 0, d, d) = aa;
  H.block(0, ic, d, d) = ac;
  H.block(ic, 0, d, d) = ac.transpose();
  H.block(ic, ic, d, d) = cc;
  H(ib, ib) = bb;
  for (int j = 0; j < d; ++j)
    for (int i = 0; i < d; ++i) {
      H(ib, iC + i + d * j) = bC(i, j);
      H(iC + i + d * j, ib) = bC(i, j);
      for (int l = 0; l < d; ++l)
        for (int k = 0; k < d; ++k) H(iC + i + d * j, iC + k + d * l) = b2 * lambda(j, l) * M(i, k);
    }
  return H;
}

template <class T>
full_hessian_blocks<T> full_loss_hessian_blocks(const problem<T>& p, const full_params<T>& at, bool with_ac) {
  for (int i = 0; i < p.d; ++i)
    if (at.a(i) != T(0) || at.c(i) != T(0))
      throw std::invalid_argument("full_loss_hessian_blocks: the block form holds only on a = c = 0");
  full_hessian_blocks<T> h;
  h.d = p.d;
  h.lambda = p.lambda;
  const mat<T> LG = p.lambda * p.gamma();
  h.M = (LG + LG.transpose()) / T(2);  // ΛΓ is symmetric (Γ commutes with Λ); symmetrised against rounding
  const mat<T> CL = at.C * p.lambda;
  h.bb = (CL * at.C.transpose() * LG).trace();
  h.bC = T(2) * at.b * h.M * CL - p.lambda * p.lambda;
  h.b2 = at.b * at.b;
  if (with_ac) add_ac_blocks(p, at, h);
  return h;
}

template <class T> void add_ac_blocks(const problem<T>& p, const full_params<T>& at, full_hessian_blocks<T>& h) {
  const mat<T>& L = p.lambda;
  const mat<T>& C = at.C;
  const T n = p.inv_n();
  const T Tr = p.trace;
  const mat<T> L2 = L * L;
  const mat<T> S = (C + C.transpose()) / T(2);
  const mat<T> CL = C * L;
  const mat<T> A = CL * C.transpose();
  const mat<T> SL = S * L;
  const T tCL = CL.trace();
  const T trAL = (A * L).trace();
  const T trSLSL = (SL * SL).trace();
  // ½E0 = aᵀΛ[(1+n)A + 2n tCL S + n(CΛC + CᵀΛCᵀ) + 2nA + 4n² tCL S + 8n² SΛS]Λa/… (§2.8)
  const mat<T> P = (T(1) + n) * A + T(2) * n * tCL * S + n * (CL * C + C.transpose() * L * C.transpose()) +
                   T(2) * n * A + T(4) * n * n * tCL * S + T(8) * n * n * SL * S;
  const T c_aTp = n * trAL + n * n * (tCL * tCL + T(2) * trSLSL);
  h.aa = L * P * L + c_aTp * L;
  h.aa = (h.aa + h.aa.transpose()) / T(2);
  const mat<T> M1 = Tr * L + T(2) * n * L2;
  const mat<T> Y = M1 * CL + n * Tr * (tCL * L + L * (C + C.transpose()) * L);
  h.ac = at.b * h.M * CL - L2 + at.b * Y;
  const T kappa2 = (T(1) + T(2) * n) * Tr * Tr + (T(2) + T(4) * n) * L2.trace();
  h.cc = at.b * at.b * kappa2 * L;
  h.has_ac = true;
}

#define ICL_INST(T)                                                                                       \
  template struct full_hessian_blocks<T>;                                                                \
  template full_hessian_blocks<T> full_loss_hessian_blocks(const problem<T>&, const full_params<T>&, bool); \
  template void add_ac_blocks(const problem<T>&, const full_params<T>&, full_hessian_blocks<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)
ICL_EXACT(ICL_INST)

}  // namespace icl
