#include "sampling/monte_carlo.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "sampling/rng.hpp"

namespace icl {

namespace {

constexpr long chunk_size = 2048;
// At most this many control variates (docs/THEORY.md §5.6): ten second moments of the query and of
// the prompt each at d ≤ 4, or the ten statistics of a random covariance.
constexpr int max_controls = 20;
// Up to this d every entry x_j x_k (j ≤ k) of the query's and the prompt's second moment is a control;
// above it, the diagonal only (the off-diagonal entries then cost more than they remove).
constexpr int all_pairs_max_d = 4;

struct chunk_sums {
  long n = 0;
  double sum = 0, sum2 = 0, yt = 0, tt = 0, yt2 = 0, tt2 = 0, ytt = 0, max_abs = 0, ols = 0, ols2 = 0;
  // Control variates: Σz, Σ q z, Σ z zᵀ (upper triangle used) for the estimate q of E(ŷ − y_q)².
  std::array<double, max_controls> z{}, qz{};
  std::array<double, max_controls * max_controls> zz{};
};

// E[λ^k] of the covariance law, written from its density here (Γ(k + 1), Γ(a + k)/Γ(a), and the
// power sum Σ_{j ≤ k} a^j b^{k−j}/(k + 1) for the uniform law): a route of its own, apart from the
// moments the predicted side uses, so that a wrong moment there cannot be absorbed by the controls.
double law_moment(const mc_spec& s, int k) {
  switch (s.law) {
    case mc_spec::cov_law::exponential: return std::tgamma(k + 1.0);
    case mc_spec::cov_law::gamma: return std::tgamma(s.law_a + k) / std::tgamma(s.law_a);
    case mc_spec::cov_law::uniform: {
      double t = 0;
      for (int j = 0; j <= k; ++j) t += std::pow(s.law_a, j) * std::pow(s.law_b, k - j);
      return t / (k + 1);
    }
    default: return 1;
  }
}

// E[wwᵀ] of the task law, and whether E[w] = 0 (every law but a fixed w): the definition of the
// sampled task, which is all the integration over w needs.
mat<double> task_second_moment_of(const mc_spec& s) {
  const int d = s.d;
  switch (s.task) {
    case mc_spec::task_kind::gaussian:
      return s.w_var.size() ? mat<double>(s.w_var.asDiagonal()) : mat<double>::Identity(d, d);
    case mc_spec::task_kind::fixed: return s.w_fixed * s.w_fixed.transpose();
    case mc_spec::task_kind::rademacher: return mat<double>::Identity(d, d);
    case mc_spec::task_kind::sparse: return mat<double>::Identity(d, d) * (double(s.sparse_k) / d);
  }
  return {};
}

// The control variates' pairs (j, k) of coordinates and their exact means.
struct control_plan {
  std::vector<std::pair<int, int>> pairs;  // fixed covariance: x_j x_k of the query, then of the prompt
  std::vector<double> mean;
  int size() const { return static_cast<int>(mean.size()); }
};
bool query_integrated(const mc_spec& s) { return s.est == mc_spec::estimator::conditional_query; }

control_plan plan_controls(const mc_spec& s) {
  control_plan c;
  if (!s.control_variates || s.orthogonal_query) return c;
  const int d = s.d;
  const bool query = !query_integrated(s);  // a sampled query has controls of its own
  if (s.law == mc_spec::cov_law::fixed) {
    for (int j = 0; j < d; ++j)
      for (int k = j; k < d; ++k)
        if (j == k || d <= all_pairs_max_d) c.pairs.push_back({j, k});
    // E[x xᵀ] = Λ: the definition of the sampled covariance.
    if (query)
      for (const auto& [j, k] : c.pairs) c.mean.push_back(s.lambda_q(j, k));
    for (const auto& [j, k] : c.pairs) c.mean.push_back(s.lambda_x(j, k));
  } else {
    // Σλ, Σλ², Σλ³, (Σλ)(Σλ²); Σ_j x_{q,j}² λ_j^{k−1} and (1/M) Σ_i Σ_j x_{ij}² λ_j^{k−1} for
    // k = 1, 2, 3 (x_j = √(scale λ_j) g_j with g_j ~ N(0, 1) independent of λ).
    const double m1 = law_moment(s, 1), m2 = law_moment(s, 2), m3 = law_moment(s, 3);
    c.mean = {d * m1, d * m2, d * m3, d * m3 + d * (d - 1.0) * m1 * m2};
    for (int rep = 0; rep < (query ? 2 : 1); ++rep)  // the prompt's, then the query's
      for (double m : {m1, m2, m3}) c.mean.push_back(s.scale * d * m);
  }
  if (c.size() > max_controls) throw usage_error("too many control variates for this d");
  return c;
}

// Everything one thread needs, allocated once.
struct worker {
  const mc_spec& s;
  const full_params<double>& th;
  mat<double> Lx, Lq;  // Cholesky factors (fixed covariance)
  bool diag_x, diag_q;
  mat<double> X;
  vec<double> y, w, xq, g, sx, sq, xb, v, lam, beta, px2;  // sx, sq: √ of a diagonal Λ_x, Λ_q
  mat<double> W;       // E[wwᵀ]
  bool w_centred;      // E[w] = 0
  control_plan plan;
  std::vector<double> zq;  // this prompt's controls
  mat<double> prompt_pairs;
  bool stream;

  worker(const mc_spec& s_, const full_params<double>& th_) : s(s_), th(th_) {
    const int d = s.d;
    if (s.law == mc_spec::cov_law::fixed) {
      Lx = s.lambda_x.llt().matrixL();
      Lq = s.lambda_q.llt().matrixL();
    }
    diag_x = s.law != mc_spec::cov_law::fixed || s.lambda_x.isDiagonal();
    diag_q = s.law != mc_spec::cov_law::fixed || s.lambda_q.isDiagonal();
    X.resize(d, s.M);
    y.resize(s.M);
    w.resize(d);
    xq.resize(d);
    g.resize(d);
    sx.resize(d);
    sq.resize(d);
    xb.resize(d);
    v.resize(d);
    lam = vec<double>::Ones(d);
    beta.resize(d);
    px2.resize(d);
    W = task_second_moment_of(s);
    w_centred = s.task != mc_spec::task_kind::fixed;
    plan = plan_controls(s);
    zq.assign(static_cast<std::size_t>(plan.size()), 0.0);
    prompt_pairs = mat<double>::Zero(d, d);
    stream = diag_x && !s.orthogonal_query && !s.with_ols;
    if (s.law == mc_spec::cov_law::fixed) {
      sx = s.lambda_x.diagonal().cwiseSqrt();
      sq = s.lambda_q.diagonal().cwiseSqrt();
    }
  }

  double draw_lambda(rng& r) const {
    switch (s.law) {
      case mc_spec::cov_law::exponential: return r.exponential();
      case mc_spec::cov_law::uniform: return s.law_a + (s.law_b - s.law_a) * r.uniform_open();
      case mc_spec::cov_law::gamma: return r.gamma(s.law_a);
      default: return 1;
    }
  }

  void sample_x(rng& r, const mat<double>& L, const vec<double>& sd, bool diag, vec<double>& out) {
    for (int k = 0; k < s.d; ++k) g(k) = r.normal();
    if (diag) out = sd.cwiseProduct(g);
    else out.noalias() = L * g;
  }

  void draw_task(rng& r) {
    const int d = s.d;
    switch (s.task) {
      case mc_spec::task_kind::gaussian:
        for (int k = 0; k < d; ++k) w(k) = r.normal() * (s.w_var.size() ? std::sqrt(s.w_var(k)) : 1.0);
        break;
      case mc_spec::task_kind::fixed: w = s.w_fixed; break;
      case mc_spec::task_kind::rademacher:
        for (int k = 0; k < d; ++k) w(k) = r.sign();
        break;
      case mc_spec::task_kind::sparse: {
        w.setZero();
        // k distinct positions by a partial Fisher–Yates shuffle.
        std::vector<int> idx(static_cast<std::size_t>(d));
        std::iota(idx.begin(), idx.end(), 0);
        for (int k = 0; k < s.sparse_k; ++k) {
          const int j = k + static_cast<int>(r.bits() % static_cast<std::uint64_t>(d - k));
          std::swap(idx[k], idx[j]);
          w(idx[k]) = r.normal();
        }
        break;
      }
    }
  }

  // E over w and the noise of (wᵀg + r)² + noise² and of the slope's sums, given everything else:
  // ŷ = wᵀβ + κ + Σ_i α_i ε_i (κ carries the square term), y_q = t + h x_{q,1}² + ε_q, t = wᵀx_q.
  struct conditioned {
    double err, yt, tt;
  };
  conditioned integrate_task(const vec<double>& b, double kappa, double alpha2) {
    g = b - xq;
    const double r0 = kappa - s.square * xq(0) * xq(0);
    double err, yt, tt;
    if (w_centred) {
      err = g.dot(W * g) + r0 * r0;
      yt = b.dot(W * xq);
      tt = xq.dot(W * xq);
    } else {
      const double wg = s.w_fixed.dot(g) + r0, t = s.w_fixed.dot(xq);
      err = wg * wg;
      yt = (s.w_fixed.dot(b) + kappa) * t;
      tt = t * t;
    }
    return {err + s.noise_var * alpha2 + s.query_noise_var, yt, tt};
  }

  // E over w, the noise and the query of the same, given the prompt X (and Λ), when ŷ = yᵀP x_q is
  // bilinear (a = c = 0): P's column k is the label coefficients α at the query e_k, so β = XP x_q and
  // e = wᵀG x_q + uᵀx_q − h x_{q,1}² + Σ_i (P x_q)_i ε_i − ε_q with G = XP − I, u = h Pᵀ(x_{i,1}²)_i.
  // With x_q ~ N(0, Λ_q) (E[x_{q,1}⁴] = 3Λ_{q,11}², odd moments 0):
  //   E e² = tr(GᵀWGΛ_q) + 2 E[w]ᵀGΛ_q u + uᵀΛ_q u + 3h²Λ_{q,11}² + s² tr(PᵀPΛ_q) + s_q².
  conditioned integrate_query(const mat<double>& P, const mat<double>& Lq_) {
    const int d = s.d;
    const mat<double> XP = X * P;
    const mat<double> G = XP - mat<double>::Identity(d, d);
    const vec<double> u = s.square * (P.transpose() * X.row(0).transpose().cwiseAbs2());
    const mat<double> GL = G * Lq_;
    double err = (W * G).cwiseProduct(GL).sum() + u.dot(Lq_ * u) + 3 * s.square * s.square * Lq_(0, 0) * Lq_(0, 0) +
                 s.noise_var * P.cwiseProduct(P * Lq_).sum() + s.query_noise_var;
    double yt = XP.cwiseProduct(W * Lq_).sum();
    if (!w_centred) {
      err += 2 * s.w_fixed.dot(GL * u);
      yt += s.w_fixed.dot(Lq_ * u);
    }
    return {err, yt, W.cwiseProduct(Lq_).sum()};
  }

  void add_controls(chunk_sums& c, double q) {
    const int K = plan.size();
    if (K == 0) return;
    const int d = s.d;
    int at = 0;
    const bool query = !query_integrated(s);
    if (s.law == mc_spec::cov_law::fixed) {
      if (query)
        for (const auto& [j, k] : plan.pairs) zq[at++] = xq(j) * xq(k);
      for (const auto& [j, k] : plan.pairs) zq[at++] = prompt_pairs(j, k) / double(s.M);
    } else {
      double s1 = 0, s2 = 0, s3 = 0;
      double q1 = 0, q2 = 0, q3 = 0, p1 = 0, p2 = 0, p3 = 0;
      for (int j = 0; j < d; ++j) {
        const double l = lam(j), qj = xq(j) * xq(j), pj = px2(j) / double(s.M);
        s1 += l, s2 += l * l, s3 += l * l * l;
        q1 += qj, q2 += qj * l, q3 += qj * l * l;
        p1 += pj, p2 += pj * l, p3 += pj * l * l;
      }
      const double zs[] = {s1, s2, s3, s1 * s2, p1, p2, p3, q1, q2, q3};
      for (int k = 0; k < (query ? 10 : 7); ++k) zq[at++] = zs[k];
    }
    for (int a = 0; a < K; ++a) {
      const double za = zq[a] - plan.mean[a];  // centred: the sums stay well conditioned
      c.z[a] += za;
      c.qz[a] += q * za;
      for (int b = a; b < K; ++b) c.zz[a * max_controls + b] += za * (zq[b] - plan.mean[b]);
    }
  }

  // One prompt of the conditional-query estimator: draw X only, integrate the rest (integrate_query).
  void run_query_integrated(rng& r, chunk_sums& c) {
    const int d = s.d;
    const bool pairs = plan.size() > 0 && s.law == mc_spec::cov_law::fixed;
    if (pairs) prompt_pairs.setZero();
    px2.setZero();
    for (long i = 0; i < s.M; ++i) {
      sample_x(r, Lx, sx, diag_x, xb);
      X.col(i) = xb;
      if (pairs) prompt_pairs.selfadjointView<Eigen::Upper>().rankUpdate(xb);
      else if (plan.size()) px2 += xb.cwiseProduct(xb);
    }
    const mat<double> Lq_ = s.law == mc_spec::cov_law::fixed ? s.lambda_q : mat<double>((s.scale * lam).asDiagonal());
    mat<double> P(s.M, d);
    for (int k = 0; k < d; ++k) P.col(k) = lsa_label_coefficients(th, X, vec<double>::Unit(d, k)).alpha;
    const conditioned q = integrate_query(P, Lq_);
    c.sum += q.err;
    c.sum2 += q.err * q.err;
    c.yt += q.yt;
    c.tt += q.tt;
    c.yt2 += q.yt * q.yt;
    c.tt2 += q.tt * q.tt;
    c.ytt += q.yt * q.tt;
    add_controls(c, q.err);
    if (s.with_ols) {
      // Least squares: ŷ = yᵀ P x_q with P = Xᵀ(XXᵀ)⁻¹.
      const mat<double> Po = X.transpose() * (X * X.transpose()).ldlt().solve(mat<double>::Identity(d, d));
      const double eo = integrate_query(Po, Lq_).err;
      c.ols += eo;
      c.ols2 += eo * eo;
    }
  }

  void run(std::uint64_t seed, long n, chunk_sums& c) {
    rng r(seed);
    const int d = s.d;
    const long M = s.M;
    const double nsd = std::sqrt(s.noise_var), qsd = std::sqrt(s.query_noise_var);
    const bool cond = s.est == mc_spec::estimator::conditional;
    const bool anti = s.est == mc_spec::estimator::antithetic;
    const bool pairs = plan.size() > 0 && s.law == mc_spec::cov_law::fixed;
    for (long it = 0; it < n; ++it) {
      if (s.law != mc_spec::cov_law::fixed)
        for (int k = 0; k < d; ++k) {
          lam(k) = draw_lambda(r);
          sq(k) = sx(k) = std::sqrt(s.scale * lam(k));
        }
      if (query_integrated(s)) {
        run_query_integrated(r, c);
        continue;
      }
      if (!cond) draw_task(r);
      // The query first, so both paths below consume the stream identically.
      sample_x(r, Lq, sq, diag_q, xq);
      if (pairs) prompt_pairs.setZero();
      px2.setZero();
      double yhat = 0, yhat_anti = 0, kappa = 0, alpha2 = 0;
      beta.setZero();
      if (stream) {
        // Diagonal covariance, nothing needs the whole prompt: accumulate ŷ column by column.
        v.noalias() = th.C * xq;
        const double vd = th.c.dot(xq), b = th.b;
        const double *pa = th.a.data(), *pw = w.data(), *pv = v.data(), *ps = sx.data();
        double* px = xb.data();
        double acc = 0, acc_anti = 0;
        for (long i = 0; i < M; ++i) {
          double wx = 0, ax = 0, xv = 0;
          for (int k = 0; k < d; ++k) {
            const double x = ps[k] * r.normal();
            px[k] = x;
            ax += pa[k] * x;
            xv += x * pv[k];
          }
          if (pairs) prompt_pairs.selfadjointView<Eigen::Upper>().rankUpdate(xb);
          else if (plan.size()) px2 += xb.cwiseProduct(xb);
          const double sqr = s.square * px[0] * px[0];
          if (cond) {
            // ŷ's coefficient of y_i is b·xv/M (vd = 0): the w-part Σ α_i x_i, the rest in κ.
            const double al = b * xv;
            beta += al * xb;
            kappa += ax * xv + al * sqr;
            alpha2 += al * al;
            continue;
          }
          for (int k = 0; k < d; ++k) wx += pw[k] * px[k];
          const double eps = nsd > 0 ? nsd * r.normal() : 0.0;
          const double yi = wx + sqr + eps;
          acc += (ax + b * yi) * (xv + yi * vd);
          if (anti) {
            const double ya = -wx + sqr - eps;
            acc_anti += (ax + b * ya) * (xv + ya * vd);
          }
        }
        const double qcol = th.a.dot(xq) * xq.dot(v);  // the query column (x_q; 0)
        yhat = (acc + qcol) / static_cast<double>(M);
        yhat_anti = (acc_anti + qcol) / static_cast<double>(M);
        kappa = (kappa + qcol) / static_cast<double>(M);
        beta /= static_cast<double>(M);
        alpha2 /= static_cast<double>(M) * static_cast<double>(M);
      } else {
        for (long i = 0; i < M; ++i) {
          sample_x(r, Lx, sx, diag_x, xb);
          X.col(i) = xb;
          if (pairs) prompt_pairs.selfadjointView<Eigen::Upper>().rankUpdate(xb);
          else if (plan.size()) px2 += xb.cwiseProduct(xb);
          if (!cond) y(i) = w.dot(xb) + s.square * xb(0) * xb(0) + (nsd > 0 ? nsd * r.normal() : 0.0);
        }
        if (s.orthogonal_query) {
          Eigen::HouseholderQR<mat<double>> qr(s.query_metric.size() ? mat<double>(s.query_metric * X) : X);
          const mat<double> Q = qr.householderQ() * mat<double>::Identity(d, M);
          xq -= Q * (Q.transpose() * xq);
        }
        if (cond) {
          const label_coefficients lc = lsa_label_coefficients(th, X, xq);
          beta.noalias() = X * lc.alpha;
          kappa = lc.kappa + s.square * lc.alpha.dot(X.row(0).transpose().cwiseAbs2());
          alpha2 = lc.alpha.squaredNorm();
        } else {
          yhat = lsa_bottom_right(th, X, y, xq);
          if (anti) {
            vec<double> ya = y;
            for (long i = 0; i < M; ++i) ya(i) = 2 * s.square * X(0, i) * X(0, i) - y(i);  // w, ε → −w, −ε
            yhat_anti = lsa_bottom_right(th, X, ya, xq);
          }
        }
      }
      double e, yt, tt, yq = 0;
      if (cond) {
        const conditioned q = integrate_task(beta, kappa, alpha2);
        e = q.err, yt = q.yt, tt = q.tt;
      } else {
        const double t = w.dot(xq);
        const double eq = qsd > 0 ? qsd * r.normal() : 0.0;
        yq = t + s.square * xq(0) * xq(0) + eq;
        e = (yhat - yq) * (yhat - yq);
        yt = yhat * t;
        tt = t * t;
        if (anti) {
          const double ya = -t + s.square * xq(0) * xq(0) - eq;
          e = 0.5 * (e + (yhat_anti - ya) * (yhat_anti - ya));
          yt = 0.5 * (yt - yhat_anti * t);
        }
        c.max_abs = std::max(c.max_abs, std::fabs(yhat));
      }
      c.sum += e;
      c.sum2 += e * e;
      c.yt += yt;
      c.tt += tt;
      c.yt2 += yt * yt;
      c.tt2 += tt * tt;
      c.ytt += yt * tt;
      add_controls(c, e);
      if (s.with_ols) {
        // Least squares is affine in the labels too: ŷ = Σ_i a_i y_i with a = Xᵀ(XXᵀ)⁻¹x_q.
        const auto ldlt = (X * X.transpose()).ldlt();
        double eo;
        if (cond) {
          const vec<double> a = X.transpose() * ldlt.solve(xq);
          eo = integrate_task(X * a, s.square * a.dot(X.row(0).transpose().cwiseAbs2()), a.squaredNorm()).err;
        } else {
          const double yo = xq.dot(ldlt.solve(X * y));
          eo = (yo - yq) * (yo - yq);
        }
        c.ols += eo;
        c.ols2 += eo * eo;
      }
    }
    c.n = n;
  }
};
void validate(const mc_spec& s, const full_params<double>& th) {
  if (s.d < 1 || s.M < 1) throw usage_error("Monte Carlo needs d >= 1 and M >= 1");
  if (th.d() != s.d) throw usage_error("parameters and prompt have different dimensions");
  if (s.orthogonal_query && s.M >= s.d) throw usage_error("an orthogonal query needs M < d");
  if (s.query_metric.size() && (s.query_metric.rows() != s.d || s.query_metric.cols() != s.d))
    throw usage_error("the query metric must be d x d");
  if (s.with_ols && s.M < s.d) throw usage_error("least squares needs M >= d");
  if (s.task == mc_spec::task_kind::sparse && (s.sparse_k < 1 || s.sparse_k > s.d))
    throw usage_error("sparse task needs 1 <= k <= d");
  if (s.law == mc_spec::cov_law::fixed) {
    for (const mat<double>* L : {&s.lambda_x, &s.lambda_q})
      if (L->rows() != s.d || L->llt().info() != Eigen::Success)
        throw usage_error("test covariance must be d x d symmetric positive definite");
  }
  if (s.est == mc_spec::estimator::conditional && !th.c.isZero(0))
    throw usage_error("the conditional estimator needs c = 0 (the prediction affine in the labels); use plain");
  if (s.est == mc_spec::estimator::conditional_query && (!th.c.isZero(0) || !th.a.isZero(0) || s.orthogonal_query))
    throw usage_error("the conditional-query estimator needs a = c = 0 and a query in general position; use conditional");
}

// Control-variate estimate from the summed statistics (docs/THEORY.md §5.6): with centred controls
// z (exact means subtracted), β solves Cov(z) β = Cov(z, q) and the estimate is q̄ − βᵀz̄, its
// variance the residual variance Var(q) − βᵀCov(z, q) over n − K − 1.
void apply_controls(const chunk_sums& t, int K, mc_result& r) {
  const double n = static_cast<double>(t.n);
  mat<double> C(K, K);
  vec<double> cq(K), zb(K);
  for (int a = 0; a < K; ++a) zb(a) = t.z[a] / n;
  for (int a = 0; a < K; ++a) {
    cq(a) = t.qz[a] / n - r.mean * zb(a);
    for (int b = a; b < K; ++b) C(a, b) = C(b, a) = t.zz[a * max_controls + b] / n - zb(a) * zb(b);
  }
  const vec<double> beta = C.completeOrthogonalDecomposition().solve(cq);
  const double var_q = std::max(0.0, t.sum2 / n - r.mean * r.mean);
  const double explained = std::min(var_q, std::max(0.0, beta.dot(cq)));
  r.mean -= beta.dot(zb);
  r.std_error = std::sqrt((var_q - explained) / (n - K - 1));
  r.controls = K;
  r.control_r2 = var_q > 0 ? explained / var_q : 0;
}

}  // namespace

std::string estimator_name(const mc_spec& s) {
  const char* base = s.est == mc_spec::estimator::plain         ? "plain"
                     : s.est == mc_spec::estimator::antithetic  ? "antithetic"
                     : s.est == mc_spec::estimator::conditional ? "conditional"
                                                                : "conditional-query";
  return std::string(base) + (s.control_variates ? "+cv" : "");
}

void set_estimator(mc_spec& s, const std::string& name) {
  const auto plus = name.find('+');
  const std::string base = name.substr(0, plus), extra = plus == std::string::npos ? "" : name.substr(plus + 1);
  if (base == "plain") s.est = mc_spec::estimator::plain;
  else if (base == "antithetic") s.est = mc_spec::estimator::antithetic;
  else if (base == "conditional") s.est = mc_spec::estimator::conditional;
  else if (base == "conditional-query") s.est = mc_spec::estimator::conditional_query;
  else throw usage_error("unknown estimator '" + name + "' (plain, antithetic, conditional, conditional-query, each optionally +cv)");
  if (!extra.empty() && extra != "cv")
    throw usage_error("unknown estimator '" + name + "' (plain, antithetic, conditional, conditional-query, each optionally +cv)");
  s.control_variates = extra == "cv";
}

label_coefficients lsa_label_coefficients(const full_params<double>& th, const mat<double>& X, const vec<double>& xq) {
  const long M = X.cols();
  const vec<double> v = th.C * xq;
  label_coefficients lc;
  lc.alpha.resize(M);
  double acc = 0;
  for (long i = 0; i < M; ++i) {
    const auto xi = X.col(i);
    const double xv = xi.dot(v);
    acc += th.a.dot(xi) * xv;
    lc.alpha(i) = th.b * xv / static_cast<double>(M);
  }
  acc += th.a.dot(xq) * xq.dot(v);  // the query column (x_q; 0)
  lc.kappa = acc / static_cast<double>(M);
  return lc;
}

double lsa_bottom_right(const full_params<double>& th, const mat<double>& X, const vec<double>& y, const vec<double>& xq) {
  const long M = X.cols();
  const vec<double> v = th.C * xq;
  const double vd = th.c.dot(xq);
  double acc = 0;
  for (long i = 0; i < M; ++i) {
    const auto xi = X.col(i);
    acc += (th.a.dot(xi) + th.b * y(i)) * (xi.dot(v) + y(i) * vd);
  }
  acc += th.a.dot(xq) * xq.dot(v);  // the query column (x_q; 0)
  return acc / static_cast<double>(M);
}

mc_result mc_prediction_error(const mc_spec& s, const full_params<double>& th, long samples, std::uint64_t seed,
                              int threads) {
  validate(s, th);
  if (samples < 2) throw usage_error("Monte Carlo needs at least 2 samples");
  const auto t0 = std::chrono::steady_clock::now();
  const long nchunks = (samples + chunk_size - 1) / chunk_size;
  std::vector<chunk_sums> sums(static_cast<std::size_t>(nchunks));
  std::atomic<long> next{0};
  const int nt = static_cast<int>(std::max(1L, std::min<long>(threads, nchunks)));
  std::vector<std::thread> pool;
  for (int k = 0; k < nt; ++k)
    pool.emplace_back([&] {
      worker wk(s, th);
      for (long c; (c = next++) < nchunks;)
        wk.run(rng::substream(seed, static_cast<std::uint64_t>(c)), std::min(chunk_size, samples - c * chunk_size),
               sums[static_cast<std::size_t>(c)]);
    });
  for (auto& t : pool) t.join();
  chunk_sums tot;
  for (const auto& c : sums) {  // in chunk order: independent of the thread count
    tot.n += c.n;
    tot.sum += c.sum;
    tot.sum2 += c.sum2;
    tot.yt += c.yt;
    tot.tt += c.tt;
    tot.yt2 += c.yt2;
    tot.tt2 += c.tt2;
    tot.ytt += c.ytt;
    tot.max_abs = std::max(tot.max_abs, c.max_abs);
    tot.ols += c.ols;
    tot.ols2 += c.ols2;
    for (int a = 0; a < max_controls; ++a) {
      tot.z[a] += c.z[a];
      tot.qz[a] += c.qz[a];
    }
    for (int a = 0; a < max_controls * max_controls; ++a) tot.zz[a] += c.zz[a];
  }
  mc_result r;
  r.samples = tot.n;
  const double n = static_cast<double>(tot.n);
  r.mean = tot.sum / n;
  r.std_error = std::sqrt(std::max(0.0, tot.sum2 / n - r.mean * r.mean) / (n - 1));
  r.estimator = estimator_name(s);
  if (const int K = plan_controls(s).size(); K > 0) apply_controls(tot, K, r);
  r.slope = tot.tt > 0 ? tot.yt / tot.tt : 0;
  if (tot.tt > 0) {
    // Delta method for a ratio of means Ȳ/X̄ (Y = ŷt, X = t²): Var ≈ (Var Y − 2R Cov(Y, X) + R² Var X)/(n X̄²).
    const double my = tot.yt / n, mx = tot.tt / n, R = r.slope;
    const double vy = tot.yt2 / n - my * my, vx = tot.tt2 / n - mx * mx, cxy = tot.ytt / n - my * mx;
    r.slope_std_error = std::sqrt(std::max(0.0, vy - 2 * R * cxy + R * R * vx) / (n - 1)) / mx;
  }
  r.max_abs_prediction = tot.max_abs;
  if (s.with_ols) {
    r.ols_mean = tot.ols / n;
    r.ols_std_error = std::sqrt(std::max(0.0, tot.ols2 / n - r.ols_mean * r.ols_mean) / (n - 1));
  }
  r.threads = nt;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace icl
