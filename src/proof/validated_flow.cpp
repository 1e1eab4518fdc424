#include "proof/validated_flow.hpp"

#include <algorithm>
#include <cmath>

namespace icl::proof {

validated_flow::validated_flow(const diagonal_flow& f, std::vector<ball> x0, int order)
    : f_(f), x_(std::move(x0)), t_(0), K_(order) {}

double validated_flow::width() const {
  double w = 0;
  for (const auto& b : x_) w = std::max(w, b.rad_double());
  return w;
}

// Picard: if B ⊇ X + [0, h]·f(B) with room to spare, every solution from X exists on [0, h] and stays
// in X + [0, h]·f(B), which is then returned (it is the tighter box).
bool validated_flow::a_priori(const ball& h, std::vector<ball>& B) const {
  const int m = f_.size();
  const ball H = union_of(ball(0), h);
  const ball inflate = exact(0.125);
  const ball floor = pow2(-ball_precision::bits());
  std::vector<ball> fx;
  f_.rhs(x_, fx);
  B.resize(m);
  for (int j = 0; j < m; ++j) B[j] = x_[j] + H * fx[j];
  for (int iter = 0; iter < 8; ++iter) {
    // Widen by a fraction of the motion over the step and a rounding floor.
    for (int j = 0; j < m; ++j) B[j].add_error((inflate * B[j].rad() + floor * abs(B[j]).upper()).upper());
    f_.rhs(B, fx);
    bool inside = true;
    std::vector<ball> next(m);
    for (int j = 0; j < m; ++j) {
      next[j] = x_[j] + H * fx[j];
      if (!next[j].finite() || !B[j].contains_interior(next[j])) inside = false;
    }
    if (inside) {
      B = std::move(next);
      return true;
    }
    for (int j = 0; j < m; ++j) B[j] = union_of(B[j], next[j]);
  }
  return false;
}

// M = N − sI with N >= 0 entrywise, so exp(hM)w = e^{−sh} Σ_k (hN)^k w/k!, every term >= 0; the sum
// is cut once the terms fall like a geometric series and its tail is bounded by that series (§3.9).
std::vector<ball> validated_flow::spread(const std::vector<ball>& diag, const std::vector<ball>& border,
                                         const ball& h, const std::vector<ball>& w) const {
  ball_precision low(64);  // upper bounds only: the spread need not be sharp to many digits
  const int n = f_.d(), m = n + 1;
  ball s(0);
  for (const auto& e : diag) s = max(s, (-e).upper());
  std::vector<ball> Nd(m);
  for (int j = 0; j < m; ++j) Nd[j] = (diag[j] + s).upper();
  ball row0 = Nd[0], eta(0);
  for (int i = 0; i < n; ++i) {
    row0 = row0 + border[i];
    eta = max(eta, border[i] + Nd[1 + i]);
  }
  eta = (h * max(eta, row0)).upper();
  std::vector<ball> v = w, sum = w, nv(m);
  ball tail(0);
  bool closed = false;
  for (int k = 0; k < 400 && !closed; ++k) {
    const ball c = h / ball(k + 1);
    nv[0] = Nd[0] * v[0];
    for (int i = 0; i < n; ++i) {
      nv[0] = nv[0] + border[i] * v[1 + i];
      nv[1 + i] = (c * (border[i] * v[0] + Nd[1 + i] * v[1 + i])).upper();
    }
    nv[0] = (c * nv[0]).upper();
    ball vmax(0), smax(0);
    for (int j = 0; j < m; ++j) {
      sum[j] = (sum[j] + nv[j]).upper();
      vmax = max(vmax, nv[j]);
      smax = max(smax, sum[j]);
    }
    v.swap(nv);
    const ball q = eta / ball(k + 2);
    if (certainly_lt(q, exact(0.5)) && certainly_le(vmax, pow2(-50) * smax)) {
      tail = (vmax * q / (ball(1) - q)).upper();
      closed = true;
    }
  }
  std::vector<ball> out(m);
  if (!closed) {  // ‖exp(hN)‖_∞ <= e^{h‖N‖_∞}: crude, but a bound
    ball wmax(0);
    for (const auto& e : w) wmax = max(wmax, e);
    for (int j = 0; j < m; ++j) out[j] = (exp(eta - s * h) * wmax).upper();
    return out;
  }
  const ball decay = exp(-(s * h));
  for (int j = 0; j < m; ++j) out[j] = (decay * (sum[j] + tail)).upper();
  return out;
}

bool validated_flow::step(std::string& why) {
  const int m = f_.size();
  const long bits = ball_precision::bits();
  std::vector<ball> mid(m), w(m);
  for (int j = 0; j < m; ++j) {
    mid[j] = x_[j].mid();
    w[j] = x_[j].rad();
  }
  std::vector<ball> c;
  f_.taylor(mid, K_, c);
  // Remainder tolerance: 2^-bits of each component (of the largest one for a component at 0).
  double lmax = -HUGE_VAL;
  for (const auto& e : mid) lmax = std::max(lmax, log_mag(e));
  std::vector<ball> tol(m);
  std::vector<double> ltol(m);
  for (int j = 0; j < m; ++j) {
    const bool zero = !std::isfinite(log_mag(mid[j]));
    tol[j] = (pow2(-bits) * (zero ? exact(std::exp(lmax)) : abs(mid[j]))).upper();
    ltol[j] = log_mag(tol[j]);
  }
  double h = h_next_;
  if (h == 0) {  // the last kept term at the tolerance
    double lh = HUGE_VAL;
    for (int j = 0; j < m; ++j) lh = std::min(lh, (ltol[j] - log_mag(c[K_ * m + j])) / K_);
    h = std::isfinite(lh) ? std::exp(lh) : 1.0;
  }
  std::vector<ball> B, cB, rem(m);
  double grow = 2;
  for (int attempt = 0;; ++attempt) {
    if (attempt == 40 || !(h > 0)) {
      why = "no step size could be validated at t = " + t_.to_string(10);
      return false;
    }
    h = std::ldexp(std::nearbyint(std::ldexp(h, 30 - std::ilogb(h))), std::ilogb(h) - 30);  // 30 bits: t stays short
    const ball hb = exact(h);
    if (!a_priori(hb, B)) {
      h /= 2;
      continue;
    }
    f_.taylor(B, K_ + 1, cB);
    const ball hk = pow(hb, ball(K_ + 1));
    bool ok = true;
    double shrink = 2;
    for (int j = 0; j < m; ++j) {
      rem[j] = (abs(cB[(K_ + 1) * m + j]) * hk).upper();
      if (!certainly_le(rem[j], tol[j])) ok = false;
      shrink = std::min(shrink, 0.9 * std::exp((ltol[j] - log_mag(rem[j])) / (K_ + 1)));
    }
    if (!ok) {
      h *= std::clamp(shrink, 0.1, 0.9);
      continue;
    }
    grow = std::clamp(shrink, 1.0, 2.0);
    break;
  }
  const ball hb = exact(h);
  // The exact solution from the midpoint: the Taylor polynomial (Horner) plus the remainder.
  std::vector<ball> next(m);
  for (int j = 0; j < m; ++j) {
    ball s = c[K_ * m + j];
    for (int k = K_ - 1; k >= 0; --k) s = s * hb + c[k * m + j];
    s.add_error(rem[j]);
    next[j] = s;
  }
  // Every other solution from the box: within exp(hM)·w of it (§3.9).
  std::vector<ball> diag, border;
  f_.majorant(B, diag, border);
  const std::vector<ball> sp = spread(diag, border, hb, w);
  for (int j = 0; j < m; ++j) next[j].add_error(sp[j]);
  x_ = std::move(next);
  t_ = t_ + hb;
  h_next_ = h * grow;
  ++steps_;
  return true;
}

}  // namespace icl::proof
