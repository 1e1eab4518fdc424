#include "proof/diagonal_flow.hpp"

namespace icl::proof {

void diagonal_flow::rhs(const std::vector<ball>& x, std::vector<ball>& f) const {
  const int n = d();
  f.assign(n + 1, ball(0));
  const ball& u = x[0];
  for (int i = 0; i < n; ++i) {
    const ball R = ball(1) - g[i] * u * x[1 + i];
    f[1 + i] = a[i] * u * R;
    f[0] = f[0] + a[i] * x[1 + i] * R;
  }
}

// Orders k = 0..K-1: P_i[k] = Σ_j u[j] U_i[k−j], R_i[k] = δ_k0 − g_i P_i[k], then
// U_i[k+1] = a_i (u ⊛ R_i)[k]/(k+1) and u[k+1] = Σ_i a_i (U_i ⊛ R_i)[k]/(k+1). O(d K²) products.
void diagonal_flow::taylor(const std::vector<ball>& x, int K, std::vector<ball>& c) const {
  const int n = d(), m = size();
  const slong prec = ball_precision::bits();
  std::vector<ball> u(K + 1), U(static_cast<std::size_t>(n) * (K + 1)), R(static_cast<std::size_t>(n) * (K + 1));
  arb_set(u[0].get(), x[0].get());
  for (int i = 0; i < n; ++i) arb_set(U[i * (K + 1)].get(), x[1 + i].get());
  ball t, s, acc;
  for (int k = 0; k < K; ++k) {
    arb_zero(acc.get());
    for (int i = 0; i < n; ++i) {
      arb_ptr Ui = raw(U) + i * (K + 1);
      arb_ptr Ri = raw(R) + i * (K + 1);
      arb_dot(t.get(), nullptr, 0, raw(u), 1, Ui + k, -1, k + 1, prec);  // P_i[k]
      arb_mul(Ri + k, g[i].get(), t.get(), prec);
      arb_neg(Ri + k, Ri + k);
      if (k == 0) arb_add_ui(Ri, Ri, 1, prec);
      arb_dot(t.get(), nullptr, 0, raw(u), 1, Ri + k, -1, k + 1, prec);  // (u ⊛ R_i)[k]
      arb_mul(Ui + k + 1, a[i].get(), t.get(), prec);
      arb_div_ui(Ui + k + 1, Ui + k + 1, k + 1, prec);
      arb_dot(s.get(), nullptr, 0, Ui, 1, Ri + k, -1, k + 1, prec);  // (U_i ⊛ R_i)[k]
      arb_addmul(acc.get(), a[i].get(), s.get(), prec);
    }
    arb_div_ui(u[k + 1].get(), acc.get(), k + 1, prec);
  }
  c.resize(static_cast<std::size_t>(m) * (K + 1));
  for (int k = 0; k <= K; ++k) {
    arb_set(c[k * m].get(), u[k].get());
    for (int i = 0; i < n; ++i) arb_set(c[k * m + 1 + i].get(), U[i * (K + 1) + k].get());
  }
}

// ∂f_0/∂u = −Σ g_i a_i U_i², ∂f_0/∂U_i = ∂f_i/∂u = a_i (1 − 2 g_i u U_i), ∂f_i/∂U_i = −a_i g_i u².
void diagonal_flow::majorant(const std::vector<ball>& x, std::vector<ball>& diag, std::vector<ball>& border) const {
  const int n = d();
  const ball& u = x[0];
  diag.assign(n + 1, ball(0));
  border.assign(n, ball(0));
  ball j00(0);
  for (int i = 0; i < n; ++i) {
    const ball& Ui = x[1 + i];
    j00 = j00 - g[i] * a[i] * Ui * Ui;
    border[i] = abs(a[i] * (ball(1) - ball(2) * g[i] * u * Ui)).upper();
    diag[1 + i] = (-(a[i] * g[i] * u * u)).upper();
  }
  diag[0] = j00.upper();
}

}  // namespace icl::proof
