#include "experiments/least_squares_baseline.hpp"

#include <Eigen/Dense>

namespace icl {

std::vector<double> least_squares_errors(const train::task_batch& b) {
  const auto n = static_cast<Eigen::Index>(b.examples), d = static_cast<Eigen::Index>(b.token_dim - 1);
  std::vector<double> out;
  out.reserve(b.batch * b.examples);
  for (std::size_t p = 0; p < b.batch; ++p) {
    Eigen::MatrixXd X(n, d);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index k = 0; k < d; ++k) X(i, k) = b.x[(p * b.examples + static_cast<std::size_t>(i)) * static_cast<std::size_t>(d) + static_cast<std::size_t>(k)];
      y(i) = b.y[p * b.examples + static_cast<std::size_t>(i)];
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      double pred = 0;
      if (i > 0) {
        // The minimum-norm solution of X[0:i] w = y[0:i] (a unique least-squares fit when i ≥ d).
        const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(X.topRows(i));
        pred = X.row(i).dot(cod.solve(y.head(i)));
      }
      out.push_back((pred - y(i)) * (pred - y(i)));
    }
  }
  return out;
}

std::vector<double> zero_errors(const train::task_batch& b) {
  std::vector<double> out;
  out.reserve(b.y.size());
  for (const float v : b.y) out.push_back(static_cast<double>(v) * v);
  return out;
}

}  // namespace icl
