#include "moments/lsa_expectation.hpp"

#include <fmt/format.h>

namespace icl {

exact_prompt exact_prompt::training(const mat<rational>& lambda, long n) {
  exact_prompt p;
  p.lambda_x = p.lambda_q = lambda;
  p.n = n;
  p.w_cov = mat<rational>::Identity(lambda.rows(), lambda.cols());
  return p;
}

std::vector<std::string> full_param_names(int d) {
  std::vector<std::string> v;
  for (int i = 1; i <= d; ++i) v.push_back(fmt::format("a{}", i));
  v.push_back("b");
  for (int j = 1; j <= d; ++j)
    for (int i = 1; i <= d; ++i) v.push_back(fmt::format("C{}{}", i, j));
  for (int i = 1; i <= d; ++i) v.push_back(fmt::format("c{}", i));
  return v;
}

lsa_expansion expand_lsa(const exact_prompt& pr, const full_params<rational>* params) {
  const int d = pr.d();
  const long n = pr.n;
  lsa_expansion out;
  auto& g = out.space;
  // Blocks: the task (if random), each prompt column, the query, each label noise.
  const int w0 = pr.w_fixed.size() ? -1 : g.add_block(pr.w_cov);
  std::vector<int> x0;
  for (long i = 0; i < n; ++i) x0.push_back(g.add_block(pr.lambda_x));
  const int q0 = g.add_block(pr.lambda_q);
  std::vector<int> e0;
  if (pr.noise_var != 0)
    for (long i = 0; i < n; ++i) e0.push_back(g.add_scalar(pr.noise_var));
  const int eq = pr.noise_var_q != 0 ? g.add_scalar(pr.noise_var_q) : -1;
  const int nv = g.size();

  const auto var = [&](int v) { return gpoly::variable(nv, v); };
  const auto w = [&](int j) { return w0 < 0 ? gpoly::constant(nv, pr.w_fixed(j)) : var(w0 + j); };
  const auto label = [&](int x, int noise) {
    gpoly y(nv);
    for (int j = 0; j < d; ++j) y += w(j) * var(x + j);
    if (pr.square != 0) y += var(x) * var(x) * pr.square;
    if (noise >= 0) y += var(noise);
    return y;
  };
  // Column k of E: (x_k; y_k) for the prompt, (x_q; 0) for the query.
  std::vector<std::vector<gpoly>> cols;
  for (long i = 0; i < n; ++i) {
    std::vector<gpoly> c;
    for (int j = 0; j < d; ++j) c.push_back(var(x0[i] + j));
    c.push_back(label(x0[i], e0.empty() ? -1 : e0[i]));
    cols.push_back(std::move(c));
  }
  if (pr.query_column) {
    std::vector<gpoly> c;
    for (int j = 0; j < d; ++j) c.push_back(var(q0 + j));
    c.push_back(gpoly(nv));
    cols.push_back(std::move(c));
  }
  // Z = E Eᵀ (symmetric, (d+1)×(d+1)).
  std::vector<std::vector<gpoly>> Z(d + 1, std::vector<gpoly>(d + 1, gpoly(nv)));
  for (int r = 0; r <= d; ++r)
    for (int s = r; s <= d; ++s) {
      for (const auto& c : cols) Z[r][s] += c[r] * c[s];
      if (s != r) Z[s][r] = Z[r][s];
    }
  // Parameter k of pack(): a symbol, or its value.
  const vec<rational> packed = params ? params->pack() : vec<rational>();
  const auto theta = [&](int k) { return params ? gpoly::constant(nv, packed(k)) : gpoly::parameter(nv, k); };
  // ŷ = (1/n) Σ_r W^PV_{d+1,r} Σ_s Z_rs v_s, v_s = Σ_t W^KQ_{s,t} (x_q)_t.
  std::vector<gpoly> v;
  for (int s = 0; s <= d; ++s) {
    gpoly vs(nv);
    for (int t = 0; t < d; ++t) vs += theta(s < d ? d + 1 + s + t * d : d + 1 + d * d + t) * var(q0 + t);
    v.push_back(std::move(vs));
  }
  out.yhat = gpoly(nv);
  for (int r = 0; r <= d; ++r) {
    gpoly inner(nv);
    for (int s = 0; s <= d; ++s) inner += Z[r][s] * v[s];
    out.yhat += theta(r) * inner;
  }
  out.yhat *= rational(1) / rational(n);
  out.target = label(q0, eq);
  return out;
}

param_poly exact_population_loss(const exact_prompt& pr) {
  auto x = expand_lsa(pr, nullptr);
  const gpoly r = x.yhat - x.target;
  param_poly two_l = expect_product(x.space, r, r);
  param_poly l;
  for (const auto& [m, c] : two_l.terms) l.add(m, c / 2);
  return l;
}

rational exact_prediction_error(const exact_prompt& pr, const full_params<rational>& params) {
  auto x = expand_lsa(pr, &params);
  const gpoly r = x.yhat - x.target;
  return expect_product(x.space, r, r).eval({});
}

label_moments exact_label_moments(const exact_prompt& pr) {
  const int d = pr.d();
  gauss_space g;
  const int x0 = g.add_block(pr.lambda_x);
  const int e0 = pr.noise_var != 0 ? g.add_scalar(pr.noise_var) : -1;
  const int nv = g.size();
  gpoly y(nv);
  for (int j = 0; j < d; ++j) y += gpoly::variable(nv, x0 + j) * pr.w_fixed(j);
  y += gpoly::variable(nv, x0) * gpoly::variable(nv, x0) * pr.square;
  if (e0 >= 0) y += gpoly::variable(nv, e0);
  label_moments m{vec<rational>(d), mat<rational>(d, d), expect_product(g, y, y).eval({})};
  for (int i = 0; i < d; ++i) {
    const gpoly xiy = gpoly::variable(nv, x0 + i) * y;
    m.xy(i) = expect(g, xiy).eval({});
    for (int j = 0; j < d; ++j) m.xxyy(i, j) = expect_product(g, xiy, gpoly::variable(nv, x0 + j) * y).eval({});
  }
  return m;
}

}  // namespace icl
