#include "plateau/systems.hpp"

#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "model/init.hpp"

namespace icl {

template <class T> spectrum<T> spectrum<T>::of(const problem<T>& p) {
  if (!p.diagonal) throw usage_error("plateau experiments need a diagonal covariance (a shared eigenbasis)");
  return {p.evals, p.gamma_eig, p.trace};
}

template <class T> T spectrum<T>::min_loss() const {
  T s = T(0);
  for (Eigen::Index i = 0; i < lam.size(); ++i) s += lam(i) * lam(i) / g(i);
  return (trace - s) / T(2);
}

template <class T> T spectrum<T>::gap_diag(const vec<T>& k) const {
  T s = T(0);
  for (Eigen::Index i = 0; i < lam.size(); ++i) {
    const T dev = k(i) - T(1) / g(i);
    s += g(i) * lam(i) * lam(i) * dev * dev;
  }
  return s / T(2);
}

template <class T> T spectrum<T>::gap(const mat<T>& K) const {
  T s = T(0);
  for (Eigen::Index i = 0; i < lam.size(); ++i)
    for (Eigen::Index j = 0; j < lam.size(); ++j) {
      const T dev = i == j ? T(K(i, j) - T(1) / g(i)) : K(i, j);
      s += g(i) * lam(i) * lam(j) * dev * dev;
    }
  return s / T(2);
}

template <class T>
merged_system<T>::merged_system(const std::vector<spectrum<T>>& tasks, const std::vector<T>& weights, const T& alpha,
                                const spectrum<T>& aux) {
  const Eigen::Index d = aux.lam.size();
  A_ = vec<T>::Zero(d);
  B_ = vec<T>::Zero(d);
  c_ = T(0);
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    const auto& s = tasks[t];
    if (s.lam.size() != d) throw usage_error("the prompt distributions of a mixture must share d");
    const vec<T> l2 = s.lam.cwiseProduct(s.lam);
    A_ += weights[t] * s.g.cwiseProduct(l2);
    B_ += weights[t] * l2;
    c_ += weights[t] * s.trace / T(2);
  }
  aux_ = alpha * aux.lam;
  c_ += alpha * aux.trace / T(2);
}

template <class T> void merged_system<T>::rhs(const vec<T>& y, vec<T>& dy) const {
  const Eigen::Index d = A_.size();
  dy.resize(d + 1);
  const T& u = y(0);
  const T u2 = u * u;
  T quad = T(0), lin = T(0);
  for (Eigen::Index i = 0; i < d; ++i) {
    const T& k = y(1 + i);
    const T ak = A_(i) * k;
    quad += ak * k;
    lin += B_(i) * k;
    dy(1 + i) = u * B_(i) - u2 * ak - aux_(i) * (k - T(1));
  }
  dy(0) = lin - u * quad;
}

template <class T> void merged_system<T>::jacobian(const vec<T>& y, mat<T>& J) const {
  const Eigen::Index d = A_.size();
  J.setZero(d + 1, d + 1);
  const T& u = y(0);
  T quad = T(0);
  for (Eigen::Index i = 0; i < d; ++i) {
    const T& k = y(1 + i);
    quad += A_(i) * k * k;
    J(0, 1 + i) = J(1 + i, 0) = B_(i) - T(2) * u * A_(i) * k;
    J(1 + i, 1 + i) = -(u * u * A_(i) + aux_(i));
  }
  J(0, 0) = -quad;
}

template <class T> T merged_system<T>::loss(const vec<T>& y) const {
  const T& u = y(0);
  T s = c_;
  for (Eigen::Index i = 0; i < A_.size(); ++i) {
    const T& k = y(1 + i);
    s += u * u * A_(i) * k * k / T(2) - u * B_(i) * k + aux_(i) * (k * k / T(2) - k);
  }
  return s;
}

template <class T> T merged_system<T>::grad_norm2(const vec<T>& y) const {
  vec<T> dy;
  rhs(y, dy);
  return dy.squaredNorm();
}

template <class T> vec<T> merged_system<T>::balanced_start(int d, const T& w0) {
  using std::sqrt;
  vec<T> y(d + 1);
  y(0) = w0;
  for (int i = 0; i < d; ++i) y(1 + i) = w0 / sqrt(T(d));
  return y;
}

template <class T> vec<T> merged_system<T>::product(const vec<T>& y) {
  return y(0) * y.tail(y.size() - 1);
}

// Layout per head h: v_h, then k_h (d entries), then q_h (d entries).
template <class T>
separate_system<T>::separate_system(const spectrum<T>& s, int heads)
    : s_(s), d_(static_cast<int>(s.lam.size())), heads_(heads) {}

template <class T> mat<T> separate_system<T>::product(const vec<T>& y) const {
  mat<T> K = mat<T>::Zero(d_, d_);
  const int w = 2 * d_ + 1;
  for (int h = 0; h < heads_; ++h)
    K += y(h * w) * y.segment(h * w + 1, d_) * y.segment(h * w + 1 + d_, d_).transpose();
  return K;
}

template <class T> mat<T> separate_system<T>::G(const mat<T>& K) const {
  mat<T> G(d_, d_);
  for (int i = 0; i < d_; ++i)
    for (int j = 0; j < d_; ++j) G(i, j) = s_.g(i) * s_.lam(i) * s_.lam(j) * K(i, j) - (i == j ? T(s_.lam(i) * s_.lam(i)) : T(0));
  return G;
}

template <class T> void separate_system<T>::grad(const vec<T>& y, const mat<T>& Gm, vec<T>& g) const {
  const int w = 2 * d_ + 1;
  g.resize(size());
  for (int h = 0; h < heads_; ++h) {
    const T& v = y(h * w);
    const auto k = y.segment(h * w + 1, d_);
    const auto q = y.segment(h * w + 1 + d_, d_);
    const vec<T> Gq = Gm * q;
    g(h * w) = k.dot(Gq);
    g.segment(h * w + 1, d_) = v * Gq;
    g.segment(h * w + 1 + d_, d_) = v * (Gm.transpose() * k);
  }
}

template <class T> void separate_system<T>::rhs(const vec<T>& y, vec<T>& dy) const {
  grad(y, G(product(y)), dy);
  dy = -dy;
}

// Column b of −∇²L: the derivative of the gradient along e_b, with dK the derivative of K and
// dG = ΓΛ dK Λ (∂L/∂K is linear in K), by the product rule through each head.
template <class T> void separate_system<T>::jacobian(const vec<T>& y, mat<T>& J) const {
  const int n = size(), w = 2 * d_ + 1;
  J.setZero(n, n);
  const mat<T> Gm = G(product(y));
  for (int b = 0; b < n; ++b) {
    const int hb = b / w, r = b % w;
    const T& vb = y(hb * w);
    const auto kb = y.segment(hb * w + 1, d_);
    const auto qb = y.segment(hb * w + 1 + d_, d_);
    mat<T> dK = mat<T>::Zero(d_, d_);
    if (r == 0) dK = kb * qb.transpose();
    else if (r <= d_) dK.row(r - 1) = vb * qb.transpose();
    else dK.col(r - 1 - d_) = vb * kb;
    mat<T> dG(d_, d_);
    for (int i = 0; i < d_; ++i)
      for (int j = 0; j < d_; ++j) dG(i, j) = s_.g(i) * s_.lam(i) * s_.lam(j) * dK(i, j);
    for (int h = 0; h < heads_; ++h) {
      const T& v = y(h * w);
      const auto k = y.segment(h * w + 1, d_);
      const auto q = y.segment(h * w + 1 + d_, d_);
      const vec<T> dGq = dG * q, dGtk = dG.transpose() * k;
      T dgv = k.dot(dGq);
      vec<T> dgk = v * dGq, dgq = v * dGtk;
      if (h == hb) {  // the parameter moved is this head's own
        if (r == 0) {
          dgk += Gm * q;
          dgq += Gm.transpose() * k;
        } else if (r <= d_) {
          dgv += (Gm * q)(r - 1);
          dgq += v * Gm.transpose().col(r - 1);
        } else {
          dgv += (Gm.transpose() * k)(r - 1 - d_);
          dgk += v * Gm.col(r - 1 - d_);
        }
      }
      J(h * w, b) = -dgv;
      J.col(b).segment(h * w + 1, d_) = -dgk;
      J.col(b).segment(h * w + 1 + d_, d_) = -dgq;
    }
  }
}

template <class T> T separate_system<T>::loss(const vec<T>& y) const {
  return s_.gap(product(y)) + s_.min_loss();
}

template <class T> T separate_system<T>::grad_norm2(const vec<T>& y) const {
  vec<T> g;
  grad(y, G(product(y)), g);
  return g.squaredNorm();
}

template <class T> vec<T> separate_system<T>::random_start(const T& w, std::uint64_t seed) const {
  using std::sqrt;
  normal_stream z(seed);
  vec<T> y(size());
  for (int i = 0; i < size(); ++i) y(i) = w * T(z.next()) / sqrt(T(d_));
  return y;
}

template <class T> std::vector<T> pcr_levels(const spectrum<T>& s) {
  std::vector<T> gain;
  for (Eigen::Index i = 0; i < s.lam.size(); ++i) gain.push_back(s.lam(i) * s.lam(i) / s.g(i));
  std::sort(gain.begin(), gain.end(), [](const T& a, const T& b) { return a > b; });  // λ²/g grows with λ
  std::vector<T> L{s.trace / T(2)};
  for (const T& x : gain) L.push_back(L.back() - x / T(2));
  return L;
}

#define ICL_INST(T)                          \
  template struct spectrum<T>;               \
  template class merged_system<T>;           \
  template class separate_system<T>;         \
  template std::vector<T> pcr_levels<T>(const spectrum<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
