#include "sampling/empirical_minimiser.hpp"

#include <stdexcept>
#include <string>

#include <Eigen/Cholesky>
#include <Eigen/QR>

#include "sampling/rng.hpp"

namespace icl {

std::vector<training_prompt> sample_training_prompts(const mat<double>& lambda, long N, long B, std::uint64_t seed) {
  const int d = static_cast<int>(lambda.rows());
  const Eigen::LLT<mat<double>> llt(lambda);
  if (llt.info() != Eigen::Success) throw std::runtime_error("the covariance is not positive definite");
  const mat<double> L = llt.matrixL();
  rng g(seed);
  const auto draw = [&] {
    vec<double> z(d);
    for (int k = 0; k < d; ++k) z(k) = g.normal();
    return vec<double>(L * z);
  };
  std::vector<training_prompt> out(static_cast<std::size_t>(B));
  for (auto& p : out) {
    vec<double> w(d);
    for (int k = 0; k < d; ++k) w(k) = g.normal();
    p.X.resize(N, d);
    p.y.resize(N);
    for (long i = 0; i < N; ++i) {
      p.X.row(i) = draw().transpose();
      p.y(i) = p.X.row(i).dot(w);
    }
    p.xq = draw();
    p.yq = p.xq.dot(w);
  }
  return out;
}

mat<double> empirical_minimiser(const std::vector<training_prompt>& prompts) {
  if (prompts.empty()) throw std::runtime_error("no prompts");
  const int d = static_cast<int>(prompts.front().xq.size());
  const long B = static_cast<long>(prompts.size());
  mat<double> design(B, d * d);
  vec<double> target(B);
  for (long b = 0; b < B; ++b) {
    const training_prompt& p = prompts[static_cast<std::size_t>(b)];
    const vec<double> beta = p.X.transpose() * p.y / static_cast<double>(p.X.rows());
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) design(b, i * d + j) = p.xq(i) * beta(j);  // ∂ŷ/∂P_ij
    target(b) = p.yq;
  }
  const Eigen::ColPivHouseholderQR<mat<double>> qr(design);
  if (qr.rank() < d * d)
    throw std::runtime_error("the empirical loss has no unique minimiser: design rank " + std::to_string(qr.rank()) + " < d^2 = " +
                             std::to_string(d * d));
  const vec<double> p = qr.solve(target);
  mat<double> P(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) P(i, j) = p(i * d + j);
  return P;
}

}  // namespace icl
