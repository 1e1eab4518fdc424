// The test-time label distribution: y = ⟨w, x⟩ + square · x_1² + ε (docs/THEORY.md §5–§6). Kept as
// decimal strings so each scalar type (and the rationals) reads the user's numbers exactly once.
#pragma once
#include <string>
#include <vector>

namespace icl {

struct task_spec {
  enum class form { gaussian, fixed, rademacher, sparse } kind = form::gaussian;
  std::vector<std::string> w;   // gaussian: diagonal of E[wwᵀ] (empty: I); fixed: the task vector
  int sparse_k = 1;             // sparse: this many N(0, 1) entries at random positions
  std::string square = "0";     // coefficient of the nonlinear term x_1²
  std::string noise = "0";      // label-noise variance on the prompt
  std::string query_noise;      // on the query label (empty: same as noise)
  std::string text;             // as written, for reports
  bool noisy() const { return noise != "0" || (!query_noise.empty() && query_noise != "0"); }
};

// "gaussian" | "gaussian:W11,W22,.." | "fixed:w1,w2,.." | "rademacher" | "sparse:K", then any of
// "+square:C", "+noise:S2",
// "+query-noise:S2". Numbers are decimals or p/q. Throws usage_error with the reason.
task_spec parse_task_spec(const std::string& text, int d);

}  // namespace icl
