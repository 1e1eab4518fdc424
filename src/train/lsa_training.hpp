// The linear self-attention layer of docs/THEORY.md §1.2 in its full parameterisation (W^PV, W^KQ
// both (d+1)×(d+1)), trained by SGD or Adam on freshly sampled linear-regression prompts with
// libtorch in float64 on one thread (docs/THEORY.md "Training the linear layer"). This header names
// no torch type: the command line and the experiment runner include it without paying for
// torch/torch.h, which only src/train/lsa_training.cpp includes.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl {

struct lsa_train_config {
  mat<double> lambda;       // covariance Λ of x (SPD, d×d); w ~ N(0, I_d), labels noiseless
  long N = 10;              // labelled columns per prompt; attention divided by N
  std::string optimizer = "sgd";  // sgd (plain: θ ← θ − lr ∇ℓ) | adam (torch defaults, no weight decay)
  double lr = 0.01;
  long batch = 64;          // fresh prompts per step
  std::uint64_t seed = 1;   // of the prompt stream
  std::vector<long> checkpoints;  // steps (ascending, may include 0) at which the weights are recorded
};

struct lsa_snapshot {
  long step = 0;
  mat<double> w_pv, w_kq;
  double batch_loss = 0;    // ½ mean (ŷ − y)² on the step's batch (before its update); NaN at step 0
};

// Trains from (w_pv0, w_kq0) for checkpoints.back() steps of ℓ = ½ mean_b (ŷ_b − ⟨w_b, x_q,b⟩)²,
// recording the weights at each checkpoint. `progress(step)` is called now and then (may be empty).
std::vector<lsa_snapshot> train_lsa(const lsa_train_config& c, const mat<double>& w_pv0, const mat<double>& w_kq0,
                                    const std::function<void(long)>& progress = {});

// The layer's prediction on one prompt (X is d×n, y the n labels, xq the query) through the same torch
// code the training uses, for tests against the core's literal product (src/sampling/forward.cpp).
double lsa_torch_predict(const mat<double>& w_pv, const mat<double>& w_kq, const mat<double>& X, const vec<double>& y,
                         const vec<double>& xq);

// ½ mean_b (ŷ_b − target_b)² over a fixed batch of prompts and its autograd gradient in (W^PV, W^KQ).
struct lsa_batch {
  std::vector<mat<double>> X;   // d×n each
  std::vector<vec<double>> y;   // n labels each
  std::vector<vec<double>> xq;  // queries
  std::vector<double> target;
};
double lsa_torch_loss_grad(const mat<double>& w_pv, const mat<double>& w_kq, const lsa_batch& b, mat<double>& g_pv,
                           mat<double>& g_kq);

}  // namespace icl
