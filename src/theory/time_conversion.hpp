// Flow time against training steps (docs/THEORY.md §8.6). The flow here runs on L = ½E[(ŷ − y)²]
// with the layer's attention divided by n (§1.2). Plain gradient descent with step η on a loss of
// another convention moves the same parameters, mapped, as the flow on L after t = factor·η·k:
//   - a loss without the ½ has twice L's gradient: factor 2;
//   - attention without the 1/n is our layer at W = √n W' (the prediction is bilinear in W^PV and
//     W^KQ), whose gradient in W' is √n times ours: factor n, and our w0 is √n times theirs.
#pragma once

namespace icl {

struct training_convention {
  bool loss_has_half = true;         // ½ mean squared error (ZFB), or the plain mean squared error
  bool attention_divides_by_n = true;  // E Eᵀ W^KQ E / n (ZFB), or without the 1/n
};

// t = flow_time_per_step(c, n) · η · k, exact for plain (full-batch) gradient descent mapped as above;
// the flow is GD's η → 0 limit, so it tracks a run only while η‖∇²L‖ ≪ 1.
double flow_time_per_step(const training_convention& c, long n);
// Our initial scale w0 for a run started at scale w0' in convention c: w0 = this · w0'.
double initial_scale_factor(const training_convention& c, long n);

}  // namespace icl
