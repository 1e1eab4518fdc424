#include "moments/gauss_poly.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace icl {

param_mono param_var(int k) {
  if (k < 0 || k >= 255) throw std::out_of_range("parameter index out of range");
  return static_cast<param_mono>(k + 1);
}

std::vector<int> param_indices(param_mono m) {
  std::vector<int> v;
  for (; m; m >>= 8) v.push_back(static_cast<int>(m & 0xFF) - 1);
  return v;
}

namespace {
param_mono pack(const std::vector<int>& idx) {
  if (idx.size() > 8) throw std::overflow_error("parameter monomial of degree > 8");
  param_mono m = 0;
  for (std::size_t i = idx.size(); i-- > 0;) m = (m << 8) | static_cast<param_mono>(idx[i] + 1);
  return m;
}
}  // namespace

param_mono param_times(param_mono a, param_mono b) {
  if (!a) return b;
  if (!b) return a;
  auto ia = param_indices(a), ib = param_indices(b);
  std::vector<int> all;
  std::merge(ia.begin(), ia.end(), ib.begin(), ib.end(), std::back_inserter(all));
  return pack(all);
}

void param_poly::add(param_mono m, const rational& c) {
  if (c == 0) return;
  auto [it, fresh] = terms.try_emplace(m, c);
  if (!fresh) {
    it->second += c;
    if (it->second == 0) terms.erase(it);
  }
}

rational param_poly::eval(const std::vector<rational>& x) const {
  rational s = 0;
  for (const auto& [m, c] : terms) {
    rational t = c;
    for (int k : param_indices(m)) t *= x.at(static_cast<std::size_t>(k));
    s += t;
  }
  return s;
}

param_poly param_poly::derivative(int k) const {
  param_poly d;
  for (const auto& [m, c] : terms) {
    auto idx = param_indices(m);
    const auto n = std::count(idx.begin(), idx.end(), k);
    if (!n) continue;
    idx.erase(std::find(idx.begin(), idx.end(), k));
    d.add(pack(idx), c * rational(static_cast<long>(n)));
  }
  return d;
}

param_poly param_poly::with_zero(const std::vector<int>& ks) const {
  param_poly r;
  for (const auto& [m, c] : terms) {
    const auto idx = param_indices(m);
    if (std::none_of(idx.begin(), idx.end(), [&](int i) { return std::count(ks.begin(), ks.end(), i) > 0; })) r.add(m, c);
  }
  return r;
}

std::string param_poly::str(const std::vector<std::string>& names) const {
  std::vector<std::pair<std::vector<int>, rational>> sorted;
  for (const auto& [m, c] : terms) sorted.push_back({param_indices(m), c});
  std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
    return x.first.size() != y.first.size() ? x.first.size() < y.first.size() : x.first < y.first;
  });
  if (sorted.empty()) return "0";
  std::string out;
  for (const auto& [idx, c] : sorted) {
    std::string mono;
    for (std::size_t i = 0; i < idx.size();) {
      std::size_t j = i;
      while (j < idx.size() && idx[j] == idx[i]) ++j;
      mono += (mono.empty() ? "" : "*") + names.at(static_cast<std::size_t>(idx[i])) + (j - i > 1 ? fmt::format("^{}", j - i) : "");
      i = j;
    }
    const bool neg = c < 0;
    const rational a = neg ? rational(-c) : c;
    const std::string coef = a == 1 && !mono.empty() ? "" : to_string(a) + (mono.empty() ? "" : "*");
    out += out.empty() ? (neg ? "-" : "") : (neg ? "\n  - " : "\n  + ");
    out += coef + mono;
  }
  return out;
}

param_poly operator-(const param_poly& a, const param_poly& b) {
  param_poly r = a;
  for (const auto& [m, c] : b.terms) r.add(m, -c);
  return r;
}

int gauss_space::add_block(const mat<rational>& cov) {
  if (!memo_.empty()) throw std::logic_error("gauss_space: blocks must be added before any moment is taken");
  bool diag = true;
  for (int i = 0; i < cov.rows(); ++i)
    for (int j = 0; j < cov.cols(); ++j)
      if (i != j && cov(i, j) != 0) diag = false;
  blocks_.push_back({n_, static_cast<int>(cov.rows()), cov, diag, {}});
  n_ += static_cast<int>(cov.rows());
  return n_ - static_cast<int>(cov.rows());
}

rational gauss_space::block_moment(block& b, std::string e) {
  int total = 0;
  for (char k : e) total += k;
  if (total == 0) return 1;
  if (total % 2) return 0;
  if (b.diagonal) {
    rational r = 1;
    for (int i = 0; i < b.dim; ++i) {
      const int k = e[static_cast<std::size_t>(i)];
      if (k % 2) return 0;
      for (int j = k - 1; j > 1; j -= 2) r *= j;  // (k − 1)!!
      for (int j = 0; j < k / 2; ++j) r *= b.cov(i, i);
    }
    return r;
  }
  if (auto it = b.memo.find(e); it != b.memo.end()) return it->second;
  // Isserlis recursion: E[x_i m] = Σ_j Σ_ij E[∂m/∂x_j].
  const std::string key = e;
  int i = 0;
  while (e[static_cast<std::size_t>(i)] == 0) ++i;
  e[static_cast<std::size_t>(i)] -= 1;
  rational r = 0;
  for (int j = 0; j < b.dim; ++j) {
    const int k = e[static_cast<std::size_t>(j)];
    if (k == 0 || b.cov(i, j) == 0) continue;
    std::string f = e;
    f[static_cast<std::size_t>(j)] -= 1;
    r += b.cov(i, j) * rational(k) * block_moment(b, f);
  }
  b.memo.emplace(key, r);
  return r;
}

const rational& gauss_space::moment(const std::string& e) {
  if (auto it = memo_.find(e); it != memo_.end()) return it->second;
  rational r = 1;
  for (auto& b : blocks_) {
    r *= block_moment(b, e.substr(static_cast<std::size_t>(b.offset), static_cast<std::size_t>(b.dim)));
    if (r == 0) break;
  }
  return memo_.emplace(e, r).first->second;
}

gpoly gpoly::constant(int nvars, const rational& c) {
  gpoly p(nvars);
  p.add({0, std::string(static_cast<std::size_t>(nvars), '\0')}, c);
  return p;
}

gpoly gpoly::variable(int nvars, int v) {
  gpoly p(nvars);
  std::string e(static_cast<std::size_t>(nvars), '\0');
  e.at(static_cast<std::size_t>(v)) = 1;
  p.add({0, e}, 1);
  return p;
}

gpoly gpoly::parameter(int nvars, int k) {
  gpoly p(nvars);
  p.add({param_var(k), std::string(static_cast<std::size_t>(nvars), '\0')}, 1);
  return p;
}

void gpoly::add(const key& k, const rational& c) {
  if (c == 0) return;
  auto [it, fresh] = terms_.try_emplace(k, c);
  if (!fresh) {
    it->second += c;
    if (it->second == 0) terms_.erase(it);
  }
}

gpoly& gpoly::operator+=(const gpoly& o) {
  for (const auto& [k, c] : o.terms_) add(k, c);
  return *this;
}
gpoly& gpoly::operator-=(const gpoly& o) {
  for (const auto& [k, c] : o.terms_) add(k, -c);
  return *this;
}
gpoly& gpoly::operator*=(const rational& s) {
  if (s == 0) terms_.clear();
  for (auto& [k, c] : terms_) c *= s;
  return *this;
}
gpoly operator+(gpoly a, const gpoly& b) { return a += b; }
gpoly operator-(gpoly a, const gpoly& b) { return a -= b; }
gpoly operator*(gpoly a, const rational& s) { return a *= s; }

gpoly operator*(const gpoly& a, const gpoly& b) {
  gpoly r(a.nvars());
  std::string e(static_cast<std::size_t>(a.nvars()), '\0');
  for (const auto& [ka, ca] : a.terms())
    for (const auto& [kb, cb] : b.terms()) {
      for (std::size_t i = 0; i < e.size(); ++i) {
        const int s = ka.e[i] + kb.e[i];
        if (s > 127) throw std::overflow_error("Gaussian exponent above 127");
        e[i] = static_cast<char>(s);
      }
      r.add({param_times(ka.p, kb.p), e}, ca * cb);
    }
  return r;
}

param_poly expect(gauss_space& g, const gpoly& p) {
  param_poly r;
  for (const auto& [k, c] : p.terms()) {
    const rational& m = g.moment(k.e);
    if (m != 0) r.add(k.p, c * m);
  }
  return r;
}

namespace {
using group = std::vector<std::pair<const std::string*, const rational*>>;
std::map<param_mono, group> by_param(const gpoly& p) {
  std::map<param_mono, group> out;
  for (const auto& [k, c] : p.terms()) out[k.p].push_back({&k.e, &c});
  return out;
}
}  // namespace

param_poly expect_product(gauss_space& g, const gpoly& p, const gpoly& q) {
  const auto gp = by_param(p);
  const auto gq = by_param(q);
  std::string e(static_cast<std::size_t>(p.nvars()), '\0');
  param_poly r;
  for (const auto& [mp, tp] : gp)
    for (const auto& [mq, tq] : gq) {
      rational acc = 0;
      for (const auto& [ep, cp] : tp)
        for (const auto& [eq, cq] : tq) {
          for (std::size_t i = 0; i < e.size(); ++i) e[i] = static_cast<char>((*ep)[i] + (*eq)[i]);
          const rational& m = g.moment(e);
          if (m != 0) acc += *cp * *cq * m;
        }
      r.add(param_times(mp, mq), acc);
    }
  return r;
}

}  // namespace icl
