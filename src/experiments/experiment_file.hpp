// Experiment files (theorems/experiments/*.toml): a claim about *trained* models, the training grid
// it is measured on and, in falsification files, the planted wrong prediction the verdict must
// reject. Parsed with the theorem files' rules: unknown keys are errors and every error names file,
// line and key; impossible parameters are refused before any training starts.
#pragma once
#include <string>
#include <vector>

namespace icl {

// The [setup] of family fu_weights_component (docs/THEORY.md §11.7): Fu et al.'s factor task at an
// easy (few mappings) and a hard (many mappings) setting, the GPT-2-style model of §11.2 trained by
// Adam, the weights-component probe of §11.3 along training.
struct fu_weights_setup {
  long mappings_easy = 1, mappings_hard = 1000;
  int factors = 6, examples = 16, embed_dim = 32;
  int layers = 3, heads = 2, width = 32, batch = 32;
  double lr = 1e-3;
  long steps = 1500;
  int probe_layer = 1, probe_points = 10, probe_prompts = 64;
  long steps_line = 0, probe_layer_line = 0;
};

// The [setup] of family fu_linreg_dscan (docs/THEORY.md §11.10): in-context linear regression at
// several dimensions d, the weights-component probe of x at the start and end of training.
struct fu_dscan_setup {
  std::vector<long> dims{2, 4, 8, 16, 32};
  int examples = 16, layers = 2, heads = 2, width = 64, batch = 32;
  double lr = 1e-3;
  long steps = 800;
  int probe_layer = 1, probe_points = 4, probe_prompts = 64;
  // Claim (c): the extra weights loss (weight; 0: not checked) at two of the dims, the one where
  // training improves the component first, the one where it harms it second.
  double weights_loss = 0;
  std::vector<long> weights_loss_dims;
  int weights_loss_seeds = 0;  // its arms train seeds 1..weights_loss_seeds (≤ seeds); 0: all seeds
};

// The [setup] of family zfb_gpt2_covariance (docs/THEORY.md §11.11): ZFB §4.3 at reduced scale,
// models trained on fixed Λ = I and on random Λ, tested at c·Λ and beyond the training length.
struct zfb_gpt2_setup {
  int d = 5, examples = 20, max_examples = 40;  // N (training) and M_max (test; positions for it)
  std::vector<double> scales{1, 4, 9};          // 1, then the middle and the largest c
  int layers = 3, heads = 2, width = 32, batch = 64;
  double lr = 1e-3;
  long steps = 2000;
  long lr_warmup = 0;                           // linear warm-up of the learning rate, in steps (0: none)
  int test_prompts = 512, prompt_blocks = 8;    // per seed and test set; blocks are resampled
  double lsa_tolerance = 1.25;  // (a): "about as well as": the ratio to the LSA limit below this
  double fail_margin = 0.1;     // (b), (c), (e): "fails": excess error over least squares above this share of E[y²]
};

// The extra [setup] of families fu_plateau_scan (docs/THEORY.md §11.8) and fu_plateau_remedies
// (§11.9); the model, task and training keys are those of fu_weights_setup.
struct fu_plateau_setup {
  std::vector<long> mappings{1, 3, 10, 1000};    // scan: the difficulties (§11.8)
  long held_out_every = 20;     // the held-out in-context loss curve the plateau is read from
  int held_out_prompts = 64;
  double escape_loss = 2.1;     // the plateau ends where that curve's trailing mean first reaches this
  long warmup_steps = 200;      // remedies: (a) warm-up steps on mappings_easy
  double mix_fraction = 0.25;   // (b) easy prompts per batch
  double weights_loss = 0.1;    // (c) weight of the extra weights head
  double context_loss = 0.1;    // (d) weight of the extra context head
  double margin = 0.2;          // (d): "does not shorten" = shortening below margin × the baseline's mean length
};

struct lsa_experiment_spec {
  std::string file;
  std::string id, family, source, statement;
  // none | limit-lambda-inverse (Theorem 4.1's limit with Λ⁻¹ for Γ⁻¹) | noise-exponent-one (the
  // distance ∝ 1/B) | time-factor-two (t = 2·steps·lr, the convention of a plain mean squared error)
  // fu_weights_component: none | rises-on-hard (the weights component rises on the hard setting)
  // fu_linreg_dscan: none | improves-with-d | weights-loss-helps-small-d; zfb_gpt2_covariance: none | fixed-tolerates-large-c
  // fu_plateau_scan: none | shorter-when-below (the rank correlation of (a) is positive)
  // fu_plateau_remedies: none | context-loss-shortens (the extra context loss shortens by more than the margin)
  std::string plant = "none";
  long plant_line = 0;
  // Verdicts found NOT REPRODUCED and recorded as findings of the project (with `finding`, the
  // reason, on the page): for them NOT REPRODUCED is the expected outcome, CONFIRMED is news.
  std::vector<std::string> findings;
  std::string finding;
  // Λ (diagonal, d = its length), prompt length N, Assumption 3.3's σ with ΘΘᵀ = I/√d.
  std::vector<double> lambda;
  std::vector<std::string> lambda_text;  // as written, for the core's problem (exact decimals)
  long N = 10;
  std::string sigma = "0.1";
  double t_final = 20;        // flow time every SGD run reaches: steps = t_final / lr
  std::vector<double> lr;     // grid of SGD step sizes
  std::vector<long> batch;    // grid of batch sizes
  double lr_ref = 0;          // the lr of the batch scan (default: the smallest lr)
  long batch_ref = 0;         // the batch of the lr scan (default: the largest batch)
  int seeds = 5;
  int checkpoints = 24;       // log-spaced steps recorded per run
  double adam_lr = 0;         // > 0: also train with Adam (end point against Theorem 4.1 only)
  int bootstrap = 2000;       // resamples of the seeds for the confidence intervals
  double level = 0.95;        // of those intervals
  long line = 0;              // of the [setup] table
  long sigma_line = 0, lr_line = 0;  // for errors found when the setup is materialised
  fu_weights_setup fu;               // family fu_weights_component only (seeds, level shared)
  fu_dscan_setup dscan;              // family fu_linreg_dscan only (seeds, level, bootstrap shared)
  zfb_gpt2_setup zfb;                // family zfb_gpt2_covariance only (seeds, level, bootstrap shared)
  fu_plateau_setup plateau;          // families fu_plateau_scan and fu_plateau_remedies (with fu)
};

lsa_experiment_spec load_experiment_file(const std::string& path);
lsa_experiment_spec parse_experiment_text(const std::string& text, const std::string& path);
// *.toml files under each path (a file or a folder searched recursively), sorted.
std::vector<std::string> experiment_files(const std::vector<std::string>& paths);

}  // namespace icl
