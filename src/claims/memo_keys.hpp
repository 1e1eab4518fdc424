// The keys under which claims share a computation within one catalog run (core/run_memo.hpp): each
// spells out every input the computation reads, so two keys are equal only when the results are.
#pragma once
#include <string>

#include <fmt/format.h>

#include "claims/contract.hpp"
#include "core/scalar_label.hpp"
#include "flow/flow.hpp"
#include "model/init.hpp"
#include "model/problem.hpp"

namespace icl {

// Λ by its entries (not its text: two files may name one matrix file by different paths).
inline std::string lambda_key(const lambda_spec& l) {
  std::string k = std::to_string(static_cast<int>(l.kind)) + ':' + std::to_string(l.d);
  for (const auto& e : l.entries) k += ',' + e;
  return k;
}

inline std::string init_key(const init_spec& i) {
  return std::string(i.paper ? "paper" : "random:" + std::to_string(i.seed)) + ",sigma=" + i.sigma +
         (i.theta.identity ? ",theta=identity" : ",theta=random:" + std::to_string(i.theta.seed));
}

// A plant changes the theory a flow is compared against (and, for model plants, the loss itself).
inline std::string plant_key(const check_context& ctx) {
  return std::to_string(static_cast<int>(ctx.planted)) + ':' + ctx.scale_eps;
}

// The reduced or full flow of an instance under fo, with the reference zfb_reference(p, plant,
// factor) on p = make_problem(Λ, N) (Γ from N + 1 under the model plant): the reference is a
// function of the problem and the plant, so `plant` (plant_key) stands for it. The zfb families and
// the expression claims' flow observables build their flows this way and share them.
template <class T> std::string zfb_flow_key(const instance_spec& in, const std::string& plant, const flow_options<T>& fo) {
  return fmt::format("zfb-flow|{}|{}|N={}|{}|{}|t_end={}|param={}|method={}|target={}|tol={}|steps={}|s={}", scalar_label<T>(),
                     lambda_key(in.lambda), in.N, plant, init_key(fo.init), fo.t_end ? full(*fo.t_end) : std::string("-"),
                     static_cast<int>(fo.param), method_name(fo.m), fo.target_digits, fo.tol_digits, fo.max_steps,
                     fo.max_seconds);
}

}  // namespace icl
