// The linear probes of docs/THEORY.md "Trained models": closed-form ridge regression fitted on one set
// of (feature, target) rows and scored on held-out rows. Plain C++ (Eigen), so it is tested on
// synthetic data without torch.
#pragma once
#include <Eigen/Dense>
#include <vector>

namespace icl::train {

// Fits B minimising |(Y - ȳ) - (X - x̄) B|² + λ|B|², with λ = ridge × tr(X̃ᵀX̃)/p (X̃ centred, p
// columns): the penalty is relative to the features' scale, so a probe on a grown residual stream is
// not regularised less. Returns the held-out predictions for X_test.
Eigen::MatrixXd ridge_predict(const Eigen::MatrixXd& X_train, const Eigen::MatrixXd& Y_train,
                              const Eigen::MatrixXd& X_test, double ridge = 1e-3);

// Classification probe: one-hot targets for labels in [0, classes), prediction = argmax. Returns the
// held-out accuracy.
double ridge_accuracy(const Eigen::MatrixXd& X_train, const std::vector<long>& y_train, const Eigen::MatrixXd& X_test,
                      const std::vector<long>& y_test, int classes, double ridge = 1e-3);

// Regression probe: the held-out relative error |Ŷ - Y|²_F / |Y|²_F (1 = no better than zero).
double ridge_relative_error(const Eigen::MatrixXd& X_train, const Eigen::MatrixXd& Y_train, const Eigen::MatrixXd& X_test,
                            const Eigen::MatrixXd& Y_test, double ridge = 1e-3);

}  // namespace icl::train
