// The probes of docs/THEORY.md "Trained models": the weights component (attention cut, hidden state of
// block ℓ at the input tokens, ridge probe of the item's own factors or of x itself, held out), the
// context component (attention on, ridge probe of which factor the prompt labels, read at the last
// input token) and the in-context error per position.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "train/ridge_probe.hpp"
#include "train/torch_task.hpp"

namespace icl::train {

torch::Tensor tokens_tensor(const task_batch& b) {
  return torch::from_blob(const_cast<float*>(b.tokens.data()),
                          {static_cast<long>(b.batch), static_cast<long>(2 * b.examples), static_cast<long>(b.token_dim)},
                          torch::kFloat)
      .clone();
}

torch::Tensor per_example_loss(const torch::Tensor& out, const task_batch& b, bool factor) {
  const long B = static_cast<long>(b.batch), n = static_cast<long>(b.examples);
  const auto at_inputs = out.slice(1, 0, 2 * n, 2);  // [B, n, out_dim]
  if (!factor) {
    const auto y = torch::from_blob(const_cast<float*>(b.y.data()), {B, n}, torch::kFloat);
    return (at_inputs.select(2, 0) - y).square();
  }
  const auto lab = torch::from_blob(const_cast<long*>(b.label.data()), {B, n, 1}, torch::kLong);
  return -torch::log_softmax(at_inputs, 2).gather(2, lab).squeeze(2);
}

namespace {

using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Rows: the hidden state at every input token (or only the last one), [rows, width].
Eigen::MatrixXd rows_of(const torch::Tensor& h, bool last_only) {
  auto t = last_only ? h.select(1, h.size(1) - 2) : h.slice(1, 0, h.size(1), 2).reshape({-1, h.size(2)});
  t = t.to(torch::kDouble).contiguous();
  return Eigen::Map<const row_matrix>(t.data_ptr<double>(), t.size(0), t.size(1));
}

Eigen::MatrixXd hidden_rows(gpt_model& m, const task_batch& b, int layer, bool cut, bool last_only) {
  std::vector<torch::Tensor> hidden;
  m->forward(tokens_tensor(b), cut, &hidden);
  return rows_of(hidden[static_cast<std::size_t>(layer)], last_only);
}

double weights_score(gpt_model& m, const train_config& c, const task_batch& fit, const task_batch& test) {
  const auto Xf = hidden_rows(m, fit, c.probe.layer, true, false), Xt = hidden_rows(m, test, c.probe.layer, true, false);
  if (c.task == "factor") {
    double acc = 0;
    for (int g = 0; g < 6; ++g) {
      std::vector<long> yf(static_cast<std::size_t>(Xf.rows())), yt(static_cast<std::size_t>(Xt.rows()));
      for (std::size_t i = 0; i < yf.size(); ++i) yf[i] = fit.item_factors[i * 6 + static_cast<std::size_t>(g)];
      for (std::size_t i = 0; i < yt.size(); ++i) yt[i] = test.item_factors[i * 6 + static_cast<std::size_t>(g)];
      acc += ridge_accuracy(Xf, yf, Xt, yt, factor_cardinality[static_cast<std::size_t>(g)], c.probe.ridge) / 6.0;
    }
    return acc;
  }
  const long d = c.linreg.d;
  const Eigen::MatrixXd Yf = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                                 fit.x.data(), Xf.rows(), d).cast<double>();
  const Eigen::MatrixXd Yt = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                                 test.x.data(), Xt.rows(), d).cast<double>();
  return ridge_relative_error(Xf, Yf, Xt, Yt, c.probe.ridge);
}

double context_score(gpt_model& m, const train_config& c, const task_batch& fit, const task_batch& test) {
  if (c.task != "factor") return std::numeric_limits<double>::quiet_NaN();
  const auto Xf = hidden_rows(m, fit, c.probe.layer, false, true), Xt = hidden_rows(m, test, c.probe.layer, false, true);
  return ridge_accuracy(Xf, fit.prompt_factor, Xt, test.prompt_factor, c.factor.factors, c.probe.ridge);
}

}  // namespace

probe_row evaluate_probes(gpt_model& m, const train_config& c, const task_batch& fit, const task_batch& test, long step,
                          std::vector<position_row>& positions) {
  torch::NoGradGuard no_grad;
  const bool factor = c.task == "factor";
  probe_row r{step, weights_score(m, c, fit, test), context_score(m, c, fit, test), 0};
  const auto out = m->forward(tokens_tensor(test), false, nullptr);
  torch::Tensor per;  // [n]: squared error, or accuracy, per position
  if (factor) {
    const long B = static_cast<long>(test.batch), n = static_cast<long>(test.examples);
    const auto lab = torch::from_blob(const_cast<long*>(test.label.data()), {B, n}, torch::kLong);
    per = (out.slice(1, 0, 2 * n, 2).argmax(2) == lab).to(torch::kDouble).mean(0);
  } else {
    per = per_example_loss(out, test, false).to(torch::kDouble).mean(0);
  }
  per = per.contiguous();
  for (long i = 0; i < per.size(0); ++i) positions.push_back({step, i, per[i].item<double>()});
  r.icl_score = per[per.size(0) - 1].item<double>();
  return r;
}

std::vector<double> squared_errors(gpt_model& m, const task_batch& b, long chunk) {
  torch::NoGradGuard no_grad;
  const long B = static_cast<long>(b.batch), n = static_cast<long>(b.examples);
  const auto tokens = tokens_tensor(b);
  const auto y = torch::from_blob(const_cast<float*>(b.y.data()), {B, n}, torch::kFloat);
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(B * n));
  for (long a = 0; a < B; a += chunk) {
    const long e = std::min(B, a + chunk);
    const auto pred = m->forward(tokens.slice(0, a, e), false, nullptr).slice(1, 0, 2 * n, 2).select(2, 0);
    const auto se = (pred - y.slice(0, a, e)).square().to(torch::kDouble).contiguous();
    out.insert(out.end(), se.data_ptr<double>(), se.data_ptr<double>() + se.numel());
  }
  return out;
}

}  // namespace icl::train
