#include "proof/limit_tail.hpp"

namespace icl::proof {

// The steps follow the proof of docs/THEORY.md §3.9 (tail); the names are the section's.
tail_proof prove_tail(const diagonal_flow& f, const ball& c, const std::vector<ball>& xT) {
  tail_proof r;
  const int n = f.d();
  // (1) The equilibrium on the level set: U_i = 1/(g_i u), u⁴ − c u² − S = 0 with S = Σ 1/g_i²,
  // whose only positive root in v = u² is (c + √(c² + 4S))/2 (the roots' product is −S < 0).
  ball S(0);
  for (int i = 0; i < n; ++i) S = S + ball(1) / (f.g[i] * f.g[i]);
  const ball v = (c + sqrt(c * c + ball(4) * S)) / ball(2);
  const ball ue = sqrt(v);
  if (!ue.positive()) {
    r.why = "the equilibrium's u is not certainly positive";
    return r;
  }
  r.limit.assign(n + 1, ball(0));
  r.limit[0] = ue;
  for (int i = 0; i < n; ++i) r.limit[1 + i] = ball(1) / (f.g[i] * ue);
  if (!xT[0].positive()) {
    r.why = "u(T) is not certainly positive";
    return r;
  }
  // (2) Weights w_i ≈ √(b_i/a_i), b_i = U_i/u at the equilibrium: in ‖x‖_W = (Σ w_i² x_i²)^{1/2} the
  // rank-one coupling of the Jacobian is nearly symmetric. Any positive w is valid; these are exact.
  std::vector<ball> w(n);
  for (int i = 0; i < n; ++i) w[i] = sqrt(r.limit[1 + i] / (ue * f.a[i])).mid();
  // (3) ρ bounds ‖U(T) − U^e‖_W over the enclosure; the region is the box around U^e holding that ball.
  ball rho2(0);
  for (int i = 0; i < n; ++i) {
    const ball e = (abs(xT[1 + i] - r.limit[1 + i]) * w[i]).upper();
    rho2 = rho2 + e * e;
  }
  r.rho = sqrt_nonneg(rho2.upper()).upper();
  std::vector<ball> R(n);
  for (int i = 0; i < n; ++i) {
    R[i] = r.limit[1 + i];
    R[i].add_error((r.rho / w[i]).upper());
  }
  ball u2 = c;
  for (int i = 0; i < n; ++i) u2 = u2 + R[i] * R[i];
  if (!u2.positive()) {
    r.why = "c + Σ U_i² is not certainly positive over the region";
    return r;
  }
  const ball uR = sqrt(u2);
  // (4) On the level set, U' = F(U) with u = √(c + ΣU²) has Jacobian
  // K = −diag(a_i g_i u²) − a bᵀ + 2 (a∘r) bᵀ, b_j = U_j/u, r_i = 1 − g_i u U_i; in ‖·‖_W its
  // logarithmic norm is at most −min_i a_i g_i u² + (‖α‖‖β‖ − αᵀβ)/2 + 2‖W(a∘r)‖‖β‖,
  // α = W a, β = W⁻¹ b. κ is minus that bound over the region.
  ball dmin;
  ball na(0), nb(0), dot(0), nr(0);
  for (int i = 0; i < n; ++i) {
    const ball di = (f.a[i] * f.g[i] * uR * uR).lower();
    dmin = i == 0 ? di : min(dmin, di);
    const ball alpha = w[i] * f.a[i];
    const ball beta = R[i] / (uR * w[i]);
    const ball ri = ball(1) - f.g[i] * uR * R[i];
    const ball wr = w[i] * f.a[i] * ri;
    na = na + alpha * alpha;
    nb = nb + beta * beta;
    dot = dot + alpha * beta;
    nr = nr + wr * wr;
  }
  const ball term2 = ((sqrt_nonneg(na) * sqrt_nonneg(nb) - dot) / ball(2)).upper();
  const ball term3 = (ball(2) * sqrt_nonneg(nr) * sqrt_nonneg(nb)).upper();
  r.kappa = (dmin - term2 - term3).lower();
  if (!r.kappa.finite() || !r.kappa.positive()) {
    r.why = "no contraction proved over the region (rate bound " + r.kappa.to_string(6) + ")";
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace icl::proof
