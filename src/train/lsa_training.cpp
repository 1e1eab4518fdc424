// The ZFB linear self-attention layer and its training loop in libtorch (docs/THEORY.md §1.2 and
// "Training the linear layer"). The only translation unit of this experiment that includes
// torch/torch.h (~25 s and 1 GB to compile).
#include "train/lsa_training.hpp"

#include <torch/torch.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

#include "sampling/rng.hpp"

namespace icl {

namespace {

const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);

torch::Tensor to_tensor(const mat<double>& m) {
  auto t = torch::empty({m.rows(), m.cols()}, f64);
  auto a = t.accessor<double, 2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) a[i][j] = m(i, j);
  return t;
}

mat<double> to_mat(const torch::Tensor& t0) {
  const auto t = t0.detach().contiguous();
  mat<double> m(t.size(0), t.size(1));
  auto a = t.accessor<double, 2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = a[i][j];
  return m;
}

// ŷ_b = [W^PV E_b (E_bᵀ W^KQ E_b) / n]_{d+1, n+1} for a batch of embeddings E: (B, d+1, n+1) whose
// last column is the query (x_q; 0). Written as W^PV (E Eᵀ / n) W^KQ z_q, the same number as ZFB's
// literal product (associativity), without forming the (n+1)×(n+1) attention matrix; the residual E
// adds the query's placeholder label 0. Every entry of both matrices is a parameter: those that
// cannot reach the read-out entry get a zero gradient rather than being left out.
torch::Tensor predict(const torch::Tensor& w_pv, const torch::Tensor& w_kq, const torch::Tensor& E, long n) {
  const long d1 = E.size(1);
  const auto G = torch::matmul(E, E.transpose(1, 2)) / static_cast<double>(n);   // (B, d+1, d+1)
  const auto zq = E.select(2, E.size(2) - 1).unsqueeze(2);                        // (B, d+1, 1)
  const auto out = torch::matmul(torch::matmul(w_pv, G), torch::matmul(w_kq, zq)); // (B, d+1, 1)
  return out.select(1, d1 - 1).squeeze(-1);                                        // (B)
}

// A batch of B training prompts (docs/THEORY.md §1.1): w ~ N(0, I), x ~ N(0, Λ) through the Cholesky
// factor, noiseless labels; returns E (B, d+1, N+1) with the query label zeroed, and the targets.
struct sampled {
  torch::Tensor E, target;
};
sampled sample_prompts(const torch::Tensor& chol, long B, long N, at::Generator& gen) {
  const long d = chol.size(0);
  const auto w = torch::randn({B, d, 1}, gen, f64);
  const auto X = torch::matmul(torch::randn({B, N + 1, d}, gen, f64), chol.transpose(0, 1));  // rows x_iᵀ
  const auto y = torch::matmul(X, w).squeeze(-1);                                            // (B, N+1)
  auto labels = y.clone();
  labels.select(1, N).zero_();
  const auto E = torch::cat({X.transpose(1, 2), labels.unsqueeze(1)}, 1);  // (B, d+1, N+1)
  return {E, y.select(1, N)};
}

struct one_thread {
  one_thread() { at::set_num_threads(1); }  // deterministic reductions, no spinning OpenMP peers
};

torch::Tensor embed(const lsa_batch& b, std::size_t k) {
  const long d = b.X[k].rows(), n = b.X[k].cols();
  mat<double> E(d + 1, n + 1);
  E.topLeftCorner(d, n) = b.X[k];
  E.block(d, 0, 1, n) = b.y[k].transpose();
  E.col(n).head(d) = b.xq[k];
  E(d, n) = 0;
  return to_tensor(E);
}

}  // namespace

std::vector<lsa_snapshot> train_lsa(const lsa_train_config& c, const mat<double>& w_pv0, const mat<double>& w_kq0,
                                    const std::function<void(long)>& progress) {
  static one_thread once;
  const long d = c.lambda.rows();
  if (c.checkpoints.empty()) throw std::invalid_argument("train_lsa: no checkpoints");
  if (w_pv0.rows() != d + 1 || w_kq0.rows() != d + 1) throw std::invalid_argument("train_lsa: weights are not (d+1)x(d+1)");
  const Eigen::LLT<mat<double>> llt(c.lambda);
  if (llt.info() != Eigen::Success) throw std::invalid_argument("train_lsa: Lambda is not positive definite");
  const auto chol = to_tensor(llt.matrixL().toDenseMatrix());
  auto w_pv = to_tensor(w_pv0).set_requires_grad(true);
  auto w_kq = to_tensor(w_kq0).set_requires_grad(true);
  std::unique_ptr<torch::optim::Optimizer> opt;
  if (c.optimizer == "sgd")
    opt = std::make_unique<torch::optim::SGD>(std::vector<torch::Tensor>{w_pv, w_kq}, torch::optim::SGDOptions(c.lr));
  else if (c.optimizer == "adam")
    opt = std::make_unique<torch::optim::Adam>(std::vector<torch::Tensor>{w_pv, w_kq}, torch::optim::AdamOptions(c.lr));
  else
    throw std::invalid_argument("train_lsa: optimizer must be sgd or adam, got '" + c.optimizer + "'");
  // Each run draws its own prompt stream: the seed is mixed with the run's optimiser, step size and
  // batch, so that runs at different grid points are independent, as the slope fits of THEORY §11.6
  // assume (with the bare seed, seed s drew the same batches at every lr and batch size).
  std::uint64_t lr_bits = 0;
  std::memcpy(&lr_bits, &c.lr, sizeof lr_bits);
  std::uint64_t key = rng::substream(lr_bits, static_cast<std::uint64_t>(c.batch));
  key = rng::substream(key, c.optimizer == "adam" ? 2 : 1);
  auto gen = at::detail::createCPUGenerator(rng::substream(c.seed, key));

  std::vector<lsa_snapshot> out;
  std::size_t next = 0;
  double last_loss = std::numeric_limits<double>::quiet_NaN();
  auto record = [&](long step) {
    while (next < c.checkpoints.size() && c.checkpoints[next] == step) {
      out.push_back({step, to_mat(w_pv), to_mat(w_kq), last_loss});
      ++next;
    }
  };
  record(0);
  const long steps = c.checkpoints.back();
  for (long s = 1; s <= steps; ++s) {
    const auto batch = sample_prompts(chol, c.batch, c.N, gen);
    const auto r = predict(w_pv, w_kq, batch.E, c.N) - batch.target;
    const auto loss = 0.5 * (r * r).mean();
    opt->zero_grad();
    loss.backward();
    opt->step();
    last_loss = loss.item<double>();
    record(s);
    if (progress && s % 200 == 0) progress(s);
    if (!std::isfinite(last_loss)) {  // a diverged run: record what there is, the runner says why
      while (next < c.checkpoints.size()) out.push_back({c.checkpoints[next++], to_mat(w_pv), to_mat(w_kq), last_loss});
      break;
    }
  }
  return out;
}

double lsa_torch_predict(const mat<double>& w_pv, const mat<double>& w_kq, const mat<double>& X, const vec<double>& y,
                         const vec<double>& xq) {
  static one_thread once;
  lsa_batch b{{X}, {y}, {xq}, {0.0}};
  const auto E = embed(b, 0).unsqueeze(0);
  return predict(to_tensor(w_pv), to_tensor(w_kq), E, X.cols()).item<double>();
}

double lsa_torch_loss_grad(const mat<double>& w_pv, const mat<double>& w_kq, const lsa_batch& b, mat<double>& g_pv,
                           mat<double>& g_kq) {
  static one_thread once;
  std::vector<torch::Tensor> Es;
  for (std::size_t k = 0; k < b.X.size(); ++k) Es.push_back(embed(b, k));
  const auto E = torch::stack(Es);
  auto target = torch::empty({static_cast<long>(b.target.size())}, f64);
  auto ta = target.accessor<double, 1>();
  for (std::size_t k = 0; k < b.target.size(); ++k) ta[static_cast<long>(k)] = b.target[k];
  auto pv = to_tensor(w_pv).set_requires_grad(true);
  auto kq = to_tensor(w_kq).set_requires_grad(true);
  const auto r = predict(pv, kq, E, b.X.front().cols()) - target;
  const auto loss = 0.5 * (r * r).mean();
  loss.backward();
  g_pv = to_mat(pv.grad());
  g_kq = to_mat(kq.grad());
  return loss.item<double>();
}

}  // namespace icl
