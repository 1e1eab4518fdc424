#include "sampling/monte_carlo.hpp"

#include <algorithm>
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

struct chunk_sums {
  long n = 0;
  double sum = 0, sum2 = 0, yt = 0, tt = 0, yt2 = 0, tt2 = 0, ytt = 0, max_abs = 0, ols = 0, ols2 = 0;
};

// Everything one thread needs, allocated once.
struct worker {
  const mc_spec& s;
  const full_params<double>& th;
  mat<double> Lx, Lq;  // Cholesky factors (fixed covariance)
  bool diag_x, diag_q;
  mat<double> X;
  vec<double> y, w, xq, g, sx, sq, xb, v;  // sx, sq: √ of a diagonal Λ_x, Λ_q
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

  void run(std::uint64_t seed, long n, chunk_sums& c) {
    rng r(seed);
    const int d = s.d;
    const long M = s.M;
    const double nsd = std::sqrt(s.noise_var), qsd = std::sqrt(s.query_noise_var);
    for (long it = 0; it < n; ++it) {
      if (s.law != mc_spec::cov_law::fixed)
        for (int k = 0; k < d; ++k) sq(k) = sx(k) = std::sqrt(s.scale * draw_lambda(r));
      // Task.
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
      // The query first, so both paths below consume the stream identically.
      sample_x(r, Lq, sq, diag_q, xq);
      double yhat;
      if (stream) {
        // Diagonal covariance, nothing needs the whole prompt: accumulate ŷ column by column.
        v.noalias() = th.C * xq;
        const double vd = th.c.dot(xq), b = th.b;
        const double *pa = th.a.data(), *pw = w.data(), *pv = v.data(), *ps = sx.data();
        double* px = xb.data();
        double acc = 0;
        for (long i = 0; i < M; ++i) {
          double wx = 0, ax = 0, xv = 0;
          for (int k = 0; k < d; ++k) {
            const double x = ps[k] * r.normal();
            px[k] = x;
            wx += pw[k] * x;
            ax += pa[k] * x;
            xv += x * pv[k];
          }
          const double yi = wx + s.square * px[0] * px[0] + (nsd > 0 ? nsd * r.normal() : 0.0);
          acc += (ax + b * yi) * (xv + yi * vd);
        }
        acc += th.a.dot(xq) * xq.dot(v);  // the query column (x_q; 0)
        yhat = acc / static_cast<double>(M);
      } else {
        for (long i = 0; i < M; ++i) {
          sample_x(r, Lx, sx, diag_x, xb);
          X.col(i) = xb;
          y(i) = w.dot(xb) + s.square * xb(0) * xb(0) + (nsd > 0 ? nsd * r.normal() : 0.0);
        }
        if (s.orthogonal_query) {
          Eigen::HouseholderQR<mat<double>> qr(s.query_metric.size() ? mat<double>(s.query_metric * X) : X);
          const mat<double> Q = qr.householderQ() * mat<double>::Identity(d, M);
          xq -= Q * (Q.transpose() * xq);
        }
        yhat = lsa_bottom_right(th, X, y, xq);
      }
      const double t = w.dot(xq);
      const double yq = t + s.square * xq(0) * xq(0) + (qsd > 0 ? qsd * r.normal() : 0.0);
      const double e = (yhat - yq) * (yhat - yq);
      c.sum += e;
      c.sum2 += e * e;
      c.yt += yhat * t;
      c.tt += t * t;
      c.yt2 += yhat * t * yhat * t;
      c.tt2 += t * t * t * t;
      c.ytt += yhat * t * t * t;
      c.max_abs = std::max(c.max_abs, std::fabs(yhat));
      if (s.with_ols) {
        const vec<double> beta = (X * X.transpose()).ldlt().solve(X * y);
        const double eo = (xq.dot(beta) - yq) * (xq.dot(beta) - yq);
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
}

}  // namespace

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
  }
  mc_result r;
  r.samples = tot.n;
  const double n = static_cast<double>(tot.n);
  r.mean = tot.sum / n;
  r.std_error = std::sqrt(std::max(0.0, tot.sum2 / n - r.mean * r.mean) / (n - 1));
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
