#include "experiments/paper_scale.hpp"

namespace icl {

bool apply_paper_scale(lsa_experiment_spec& s) {
  if (s.family == "zfb_gpt2_covariance") {
    // ZFB §4.3: HuggingFace GPT-2 of width 256, 12 layers, 8 heads; d = 20; N = 70 (the middle of
    // their 40, 70, 100: the verdicts average over M in [2d, N - 1], which N = 40 leaves empty, and
    // M > N must reach past it); tests at M = 0..100; Adam lr 1e-4, batch 64, 500,000 steps (their
    // curriculum is not reproduced); 64 covariances × 64 prompts per point; 90 % intervals (their
    // figure bands: 1000 resamples, as the page's figures use).
    auto& f = s.zfb;
    f.d = 20;
    f.examples = 70;
    f.max_examples = 100;
    f.layers = 12;
    f.heads = 8;
    f.width = 256;
    f.batch = 64;
    f.lr = 1e-4;
    f.steps = 500000;
    f.test_prompts = 4096;
    f.prompt_blocks = 64;
    s.level = 0.9;
    return true;
  }
  if (s.family == "fu_linreg_dscan") {
    // Fu et al.: 12 blocks of width 128 (their factor-task model); their finding 5 places the
    // degradation above d ≈ 30, so the scan reaches 64. The notes this project works from do not
    // state the linear-regression schedule: 40 examples and 50,000 steps are this project's choice.
    auto& f = s.dscan;
    f.dims = {2, 4, 8, 16, 32, 64};
    f.examples = 40;
    f.layers = 12;
    f.heads = 4;
    f.width = 128;
    f.batch = 64;
    f.lr = 1e-4;
    f.steps = 50000;
    f.probe_layer = 6;
    f.probe_points = 12;
    f.probe_prompts = 256;
    return true;
  }
  return false;
}

}  // namespace icl
