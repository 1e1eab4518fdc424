#include "train/ridge_probe.hpp"

#include <algorithm>
#include <stdexcept>

namespace icl::train {

Eigen::MatrixXd ridge_predict(const Eigen::MatrixXd& X_train, const Eigen::MatrixXd& Y_train,
                              const Eigen::MatrixXd& X_test, double ridge) {
  if (X_train.rows() != Y_train.rows() || X_train.cols() != X_test.cols() || X_train.rows() < 2)
    throw std::invalid_argument("ridge_predict: inconsistent shapes");
  const Eigen::RowVectorXd xm = X_train.colwise().mean(), ym = Y_train.colwise().mean();
  const Eigen::MatrixXd Xc = X_train.rowwise() - xm;
  Eigen::MatrixXd G = Xc.transpose() * Xc;
  const double p = static_cast<double>(G.rows());
  const double lambda = ridge * std::max(G.trace() / p, 1e-300);
  G.diagonal().array() += lambda;
  const Eigen::MatrixXd B = G.ldlt().solve(Xc.transpose() * (Y_train.rowwise() - ym));
  return ((X_test.rowwise() - xm) * B).rowwise() + ym;
}

double ridge_accuracy(const Eigen::MatrixXd& X_train, const std::vector<long>& y_train, const Eigen::MatrixXd& X_test,
                      const std::vector<long>& y_test, int classes, double ridge) {
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(X_train.rows(), classes);
  for (Eigen::Index i = 0; i < Y.rows(); ++i) Y(i, y_train[static_cast<std::size_t>(i)]) = 1.0;
  const Eigen::MatrixXd P = ridge_predict(X_train, Y, X_test, ridge);
  long hits = 0;
  for (Eigen::Index i = 0; i < P.rows(); ++i) {
    Eigen::Index best = 0;
    P.row(i).maxCoeff(&best);
    hits += best == y_test[static_cast<std::size_t>(i)];
  }
  return static_cast<double>(hits) / static_cast<double>(P.rows());
}

double ridge_relative_error(const Eigen::MatrixXd& X_train, const Eigen::MatrixXd& Y_train, const Eigen::MatrixXd& X_test,
                            const Eigen::MatrixXd& Y_test, double ridge) {
  const Eigen::MatrixXd P = ridge_predict(X_train, Y_train, X_test, ridge);
  return (P - Y_test).squaredNorm() / Y_test.squaredNorm();
}

}  // namespace icl::train
