// The experiment families fu_linreg_dscan (docs/THEORY.md §11.10) and zfb_gpt2_covariance (§11.11):
// per-seed Spearman's ρ with its t-interval, the extra weights loss's verdict and the percentile
// interval (the figures' bands) against hand-computed values, the test-time covariance
// scaling, least squares against hand values, the evaluation beyond the trained length against the
// checkpointed model's own forward pass, the verdicts and plants on synthetic curves, file errors
// with file:line:key, and a tiny real grid of each family.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <string>

#include "core/errors.hpp"
#include "experiment_test_support.hpp"
#include "experiments/bootstrap_statistics.hpp"
#include "experiments/experiment_file.hpp"
#include "experiments/fu_linreg_dscan.hpp"
#include "experiments/least_squares_baseline.hpp"
#include "experiments/paper_scale.hpp"
#include "experiments/seed_statistics.hpp"
#include "experiments/zfb_gpt2_covariance.hpp"
#include "sampling/rng.hpp"
#include "train/trainer.hpp"

using namespace icl;

namespace {

std::string file_of(const std::string& family, const std::string& plant, const std::string& setup) {
  return "id = \"t\"\nfamily = \"" + family + "\"\nsource = \"s\"\nstatement = \"s\"\n" +
         (plant.empty() ? std::string() : "plant = \"" + plant + "\"\n") + "[setup]\n" + setup;
}

std::string error_of(const std::string& text) {
  try {
    parse_experiment_text(text, "bad.toml");
  } catch (const spec_error& e) {
    return e.what();
  }
  return "accepted";
}

const experiment_verdict& verdict(const std::vector<experiment_verdict>& vs, const std::string& key) {
  for (const auto& v : vs)
    if (v.key == key) return v;
  FAIL("no verdict " << key);
  return vs.front();
}

}  // namespace

TEST_CASE("Spearman's rho and average ranks against hand-computed values") {
  // No ties: Σ (rank differences)² = 4, ρ = 1 − 6·4/(5·24) = 0.8.
  CHECK(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}) == doctest::Approx(0.8).epsilon(1e-14));
  // Ties: ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4); Pearson of the ranks 4.5/√(4.5·5).
  CHECK(average_ranks({1, 2, 2, 3}) == std::vector<double>{1, 2.5, 2.5, 4});
  CHECK(spearman({1, 2, 2, 3}, {1, 3, 2, 4}) == doctest::Approx(4.5 / std::sqrt(22.5)).epsilon(1e-14));
  CHECK(spearman({1, 2, 3}, {3, 2, 1}) == doctest::Approx(-1));
  CHECK(std::isnan(spearman({1, 1, 1}, {1, 2, 3})));  // no spread
  CHECK(std::isnan(spearman({1, 2}, {1, std::nan("")})));
}

TEST_CASE("percentile interval, resampling and the side of a threshold") {
  // Draws 0..100: the 5 % and 95 % quantiles are 5 and 95 (h = p·100, an order statistic).
  std::vector<double> d(101);
  std::iota(d.begin(), d.end(), 0.0);
  const auto ci = percentile_of(7, d, 0.9);
  CHECK(ci.mean == 7);
  CHECK(ci.lo == doctest::Approx(5));
  CHECK(ci.hi == doctest::Approx(95));
  // Between order statistics: draws {0, 10}, level 0.5: quantiles 2.5 and 7.5.
  const auto two = percentile_of(0, {10, 0}, 0.5);
  CHECK(two.lo == doctest::Approx(2.5));
  CHECK(two.hi == doctest::Approx(7.5));
  CHECK(std::isnan(percentile_of(0, {1, std::nan("")}, 0.9).lo));
  rng r(3);
  const auto c = resample_counts(7, r);
  CHECK(std::accumulate(c.begin(), c.end(), 0) == 7);
  CHECK(interval_side(0.2, 0.5, 0.1, +1) == "CONFIRMED");
  CHECK(interval_side(0.2, 0.5, 0.1, -1) == "NOT REPRODUCED");
  CHECK(interval_side(0.05, 0.5, 0.1, +1) == "INCONCLUSIVE");
  CHECK(interval_side(-0.5, -0.2, 0, -1) == "CONFIRMED");
  CHECK(interval_side(std::nan(""), 1, 0, +1) == "INCONCLUSIVE");
}

TEST_CASE("the d-scan verdict: one rho per seed, a t-interval over seeds, and the plant flips it") {
  const std::vector<long> dims{2, 4, 8};
  // Every seed's error rises with d: each seed's ρ is 1, no spread, the interval is [1, 1].
  const std::vector<std::vector<double>> up{{0.01, 0.02}, {0.03, 0.04}, {0.05, 0.06}};
  const auto a = dscan_rank_verdict("a", "degrades", "rho", dims, up, +1, 0.95, "");
  CHECK(a.verdict == "CONFIRMED");
  CHECK(a.effect == 1);
  CHECK(dscan_rank_verdict("a", "planted", "rho", dims, up, -1, 0.95, "").verdict == "NOT REPRODUCED");
  const auto failed = dscan_rank_verdict("a", "degrades", "rho", dims, up, +1, 0.95, "the run d = 4, seed 1 failed: x");
  CHECK(failed.verdict == "INCONCLUSIVE");
  CHECK(failed.reason.find("seed 1 failed") != std::string::npos);
  // Seeds with ρ = +0.5 and −0.5: mean 0, the interval contains it.
  const std::vector<std::vector<double>> mixed{{0.01, 0.06}, {0.05, 0.02}, {0.03, 0.04}};
  const auto m = dscan_rank_verdict("a", "degrades", "rho", dims, mixed, +1, 0.95, "");
  CHECK(m.verdict == "INCONCLUSIVE");
  CHECK(m.effect == 0);
  // Three seeds with ρ = 1, 0.5, 1 (hand-ranked): mean 5/6, s² = 1/12, s/√3 = 1/6.
  const std::vector<std::vector<double>> three{{1, 1, 1}, {2, 3, 2}, {3, 2, 3}};
  const auto t = dscan_rank_verdict("a", "degrades", "rho", dims, three, +1, 0.95, "");
  CHECK(t.effect == doctest::Approx(5.0 / 6).epsilon(1e-14));
  CHECK(t.lo == doctest::Approx(5.0 / 6 - test::t2_975 / 6).epsilon(1e-12));
  CHECK(t.hi == doctest::Approx(5.0 / 6 + test::t2_975 / 6).epsilon(1e-12));
  CHECK(t.verdict == "CONFIRMED");  // lo = 0.116 > 0
}

TEST_CASE("Welch's interval for a difference of means, against hand values") {
  // Equal sizes and variances: a = {1, 2, 3}, b = {0, 1, 2}: difference 1, s² = 1 each, se = √(2/3),
  // ν = (2/3)² / ((1/3)²/2 · 2) = 4, so the half-width is t_4(0.975) √(2/3).
  const auto w = welch_interval({1, 2, 3}, {0, 1, 2}, 0.95);
  CHECK(w.mean == doctest::Approx(1).epsilon(1e-15));
  CHECK(w.lo == doctest::Approx(1 - test::t4_975 * std::sqrt(2.0 / 3)).epsilon(1e-12));
  CHECK(w.hi == doctest::Approx(1 + test::t4_975 * std::sqrt(2.0 / 3)).epsilon(1e-12));
  CHECK(std::isnan(welch_interval({1}, {0, 1}, 0.95).lo));
}

TEST_CASE("the d-scan's weights-loss verdict: helps, and helps more where the component is impaired") {
  // ln-benefits at the smaller d {0.0, 0.01, -0.01}, at the larger {0.2, 0.25, 0.15}: Welch difference
  // 0.2, s² = 1e-4 and 2.5e-3, ν = (0.0026/3)² / ((1e-4/3)²/2 + (2.5e-3/3)²/2).
  const std::vector<double> low{0.0, 0.01, -0.01}, high{0.2, 0.25, 0.15};
  const auto c = dscan_weights_loss_verdict("c", "helps more", low, high, -0.02, +0.03, false, 0.95, "");
  CHECK(c.effect == doctest::Approx(0.2).epsilon(1e-14));
  CHECK(c.verdict == "CONFIRMED");
  CHECK(dscan_weights_loss_verdict("c", "planted", low, high, -0.02, +0.03, true, 0.95, "").verdict == "NOT REPRODUCED");
  // The same difference when the head *hurts* at the smaller d and does nothing at the larger is no
  // "helps more where impaired": the larger d's benefit interval holds 0.
  const std::vector<double> hurts{-0.2, -0.25, -0.15}, nothing{0.01, -0.01, 0.0};
  CHECK(dscan_weights_loss_verdict("c", "helps more", hurts, nothing, -0.02, +0.03, false, 0.95, "").verdict == "INCONCLUSIVE");
  // It hurts at the larger d: not reproduced whatever the difference.
  CHECK(dscan_weights_loss_verdict("c", "helps more", {-0.5, -0.55, -0.45}, hurts, -0.02, +0.03, false, 0.95, "").verdict ==
        "NOT REPRODUCED");
  // The premise (improved at the smaller d, harmed at the larger) must hold in the runs.
  const auto premise = dscan_weights_loss_verdict("c", "helps more", low, high, +0.01, +0.03, false, 0.95, "");
  CHECK(premise.verdict == "INCONCLUSIVE");
  CHECK(premise.reason.find("premise") != std::string::npos);
  CHECK(dscan_weights_loss_verdict("c", "helps more", low, high, -0.02, +0.03, false, 0.95, "the run d = 32, seed 2 failed: x").verdict ==
        "INCONCLUSIVE");
  CHECK(dscan_weights_loss_verdict("c", "helps more", {0.1}, {0.3}, -0.02, +0.03, false, 0.95, "").verdict == "INCONCLUSIVE");
}

TEST_CASE("a malformed d-scan or zfb_gpt2_covariance file is refused with file, line and key") {
  CHECK(error_of(file_of("fu_linreg_dscan", "", "dims = [2, 4]\n")).rfind("bad.toml:6: key 'dims'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "dims = [2, 8, 4]\n")).rfind("bad.toml:6: key 'dims'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "weights_loss = 0.1\n")).rfind("bad.toml:6: key 'weights_loss_dims'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "weights_loss = 0.1\nweights_loss_dims = [2, 5]\n")).rfind("bad.toml:7: key 'weights_loss_dims'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "weights_loss = 0.1\nweights_loss_dims = [32, 2]\n")).rfind("bad.toml:7: key 'weights_loss_dims'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "weights_loss = -1\nweights_loss_dims = [2, 32]\n")).rfind("bad.toml:6: key 'weights_loss'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "bootstrap = 2000\n")).rfind("bad.toml:6: key 'bootstrap'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "mappings_easy = 1\n")).rfind("bad.toml:6: key 'mappings_easy'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "rises-on-hard", "")).rfind("bad.toml:5: key 'plant'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "layers = 1\nprobe_layer = 2\n")).rfind("bad.toml:7: key 'probe_layer'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "examples = 20\nmax_examples = 20\n")).rfind("bad.toml:7: key 'max_examples'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "scales = [1, 9, 4]\n")).rfind("bad.toml:6: key 'scales'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "d = 5\nexamples = 8\n")).rfind("bad.toml:7: key 'examples'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "test_prompts = 100\nprompt_blocks = 8\n")).rfind("bad.toml:6: key 'test_prompts'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "fail_margin = 2\n")).rfind("bad.toml:6: key 'fail_margin'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "seeds = 4\n")).rfind("bad.toml:6: key 'seeds'", 0) == 0);
  CHECK(error_of(file_of("zfb_gpt2_covariance", "", "steps = 100\nlr_warmup = 101\n")).rfind("bad.toml:7: key 'lr_warmup'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "weights_loss_seeds = 5\n")).rfind("bad.toml:6: key 'weights_loss_seeds'", 0) == 0);
  CHECK(error_of(file_of("fu_linreg_dscan", "", "seeds = 6\nweights_loss = 0.1\nweights_loss_dims = [2, 32]\nweights_loss_seeds = 7\n"))
            .rfind("bad.toml:9: key 'weights_loss_seeds'", 0) == 0);
  const auto ok = parse_experiment_text(file_of("zfb_gpt2_covariance", "fixed-tolerates-large-c", "d = 2\nexamples = 5\n"), "ok.toml");
  CHECK(ok.level == 0.9);  // ZFB's bands
  CHECK(ok.zfb.examples == 5);
  CHECK(ok.plant == "fixed-tolerates-large-c");
}

TEST_CASE("the test-time covariance scaling multiplies x (and y) by sqrt(c)") {
  train::linreg_config one;
  one.d = 3;
  one.examples = 5;
  one.random_cov = true;
  auto nine = one;
  nine.scale = 9;
  const auto a = train::sample_linreg(one, 4, 11), b = train::sample_linreg(nine, 4, 11);
  for (std::size_t i = 0; i < a.x.size(); ++i) CHECK(b.x[i] == doctest::Approx(3 * a.x[i]).epsilon(1e-6));
  for (std::size_t i = 0; i < a.y.size(); ++i) CHECK(b.y[i] == doctest::Approx(3 * a.y[i]).epsilon(1e-6));
  // The zfb test sets: Λ = I, then random c·Λ for the file's scales, M_max + 1 examples each.
  const auto s = parse_experiment_text(file_of("zfb_gpt2_covariance", "", "d = 2\nexamples = 5\nmax_examples = 9\n"), "ok.toml");
  const auto t = zfb_test_tasks(s);
  REQUIRE(t.size() == 4);
  CHECK(!t[0].random_cov);
  CHECK(t[0].scale == 1);
  CHECK(t[3].random_cov);
  CHECK(t[3].scale == 9);
  CHECK(t[2].examples == 10);
}

TEST_CASE("least squares and zero baselines against hand values") {
  // d = 2, w = (1, 2), noiseless: x0 = (1, 0), x1 = (1, 1), x2 = (3, -1), x3 = (0, 2).
  train::task_batch b;
  b.batch = 1;
  b.examples = 4;
  b.token_dim = 3;
  b.x = {1, 0, 1, 1, 3, -1, 0, 2};
  for (int i = 0; i < 4; ++i) b.y.push_back(b.x[2 * i] + 2 * b.x[2 * i + 1]);  // 1, 3, 1, 4
  const auto ls = least_squares_errors(b);
  REQUIRE(ls.size() == 4);
  CHECK(ls[0] == doctest::Approx(1));  // no examples: predicts 0, error y0² = 1
  // One example: minimum norm ŵ = x0 y0/‖x0‖² = (1, 0); ŷ1 = 1 against 3.
  CHECK(ls[1] == doctest::Approx(4));
  CHECK(ls[2] == doctest::Approx(0).epsilon(1e-10));  // two independent examples recover w
  CHECK(ls[3] < 1e-20);
  CHECK(zero_errors(b) == std::vector<double>{1, 9, 1, 16});
}

TEST_CASE("the LSA lines come from the core's §7.3-§7.4 expressions") {
  // §7.4, Exp(1): d(2c³/3 − 4c²/3 + c), per dimension 1/3 at c = 1, 76/3 at c = 4, 387 at c = 9.
  CHECK(zfb_lsa_limit_per_dim(5, 1) == doctest::Approx(1.0 / 3));
  CHECK(zfb_lsa_limit_per_dim(5, 4) == doctest::Approx(76.0 / 3));
  CHECK(zfb_lsa_limit_per_dim(5, 9) == doctest::Approx(387));
  CHECK(zfb_lsa_finite_per_dim(5, 20, 4, 0) == 4);  // no examples: the zero estimator
  // Finite N and M are worse than the limit and tend to it.
  CHECK(zfb_lsa_finite_per_dim(5, 20, 1, 20) > zfb_lsa_limit_per_dim(5, 1));
  CHECK(zfb_lsa_finite_per_dim(5, 100000, 1, 100000) == doctest::Approx(1.0 / 3).epsilon(1e-3));
}

TEST_CASE("zfb verdicts on synthetic curves, and the plant on (c)") {
  const auto s = parse_experiment_text(file_of("zfb_gpt2_covariance", "", "d = 2\nexamples = 5\nmax_examples = 6\n"), "ok.toml");
  zfb_curves z;
  z.seeds = 5;
  z.blocks = 2;
  z.max_examples = 6;
  const int E = 7;
  z.err.assign(4, std::vector<std::vector<double>>(4, std::vector<double>(static_cast<std::size_t>(E * 5 * 2))));
  rng r(5);
  for (int cv = 0; cv < 4; ++cv)
    for (int set = 0; set < 4; ++set) {
      const double c = set == 0 ? 1 : s.zfb.scales[static_cast<std::size_t>(set - 1)];
      for (int M = 0; M < E; ++M)
        for (int k = 0; k < 10; ++k) {
          // fixed-trained: 0.05 at c = 1, 0.5·c beyond; random-trained: 0.3·c at c > 1; LS 0; zero c;
          // on Λ = I the fixed-trained error jumps at the untrained M ≥ N = 5.
          double v = cv == zfb_least_squares ? 0 : cv == zfb_zero ? c : c == 1 ? 0.05 : (cv == zfb_fixed_trained ? 0.5 : 0.3) * c;
          if (set == 0 && cv == zfb_fixed_trained && M >= 5) v = 1;
          z.err[static_cast<std::size_t>(cv)][static_cast<std::size_t>(set)][static_cast<std::size_t>(M * 10 + k)] = v * (1 + 0.01 * r.normal());
        }
    }
  const auto v = zfb_gpt2_verdicts(s, z, "");
  for (const char* k : {"a", "b", "c", "d", "e", "f"}) CHECK(verdict(v, k).verdict == "CONFIRMED");
  CHECK(verdict(v, "b").effect == doctest::Approx(0.5).epsilon(0.02));
  CHECK(verdict(v, "d").effect == doctest::Approx(0.2).epsilon(0.05));
  CHECK(verdict(v, "f").effect == doctest::Approx(20).epsilon(0.05));
  auto planted = s;
  planted.plant = "fixed-tolerates-large-c";
  const auto p = zfb_gpt2_verdicts(planted, z, "");
  CHECK(verdict(p, "c").planted);
  CHECK(verdict(p, "c").verdict == "NOT REPRODUCED");
  CHECK(verdict(p, "c").effect == verdict(v, "c").effect);
  CHECK(verdict(zfb_gpt2_verdicts(s, z, "the run failed"), "a").verdict == "INCONCLUSIVE");
}

TEST_CASE("the evaluation beyond N reads the untrained positions of the trained model") {
  // Trained at N = 3 with positions for 7 examples; the eval errors at M = 0..6 must be those of
  // the checkpointed model's own forward pass on the same prompts (positions 0..13).
  train::train_config c;
  c.task = "linreg";
  c.linreg.d = 2;
  c.linreg.examples = 3;
  c.model.layers = 1;
  c.model.heads = 1;
  c.model.width = 8;
  c.model.max_tokens = 14;
  c.batch = 4;
  c.steps = 5;
  c.probe.points = 0;
  c.probe.layer = 0;
  c.checkpoint_dir = (std::filesystem::temp_directory_path() / "iclverify_unit_zfb_eval").string();
  c.checkpoint_every = 5;
  train::linreg_config t = c.linreg;
  t.examples = 7;
  t.random_cov = true;
  t.scale = 4;
  c.eval_tasks = {t};
  c.eval_prompts = 6;
  c.eval_seed = 99;
  auto too_long = c;
  too_long.model.max_tokens = 12;
  CHECK_THROWS_AS(train::validate(too_long), usage_error);
  const auto res = train::train(c);
  REQUIRE(res.eval_errors.size() == 1);
  REQUIRE(res.eval_errors[0].size() == 6 * 7);
  const auto b = train::sample_linreg(t, 6, rng::substream(99, 0));
  const auto f = train::forward_from_checkpoint(c, b.tokens);
  for (int p = 0; p < 6; ++p)
    for (int M = 0; M < 7; ++M) {
      const double pred = f.on[static_cast<std::size_t>(p * 14 + 2 * M)], y = b.y[static_cast<std::size_t>(p * 7 + M)];
      CHECK(res.eval_errors[0][static_cast<std::size_t>(p * 7 + M)] == doctest::Approx((pred - y) * (pred - y)).epsilon(1e-5));
    }
  std::filesystem::remove_all(c.checkpoint_dir);
}

TEST_CASE("tiny grids: both families run, and their plants read the same runs") {
  const auto journal_path = (std::filesystem::temp_directory_path() / "iclverify_unit_trained_linreg.jsonl").string();
  run_journal j(journal_path, false);
  const std::string ds = "dims = [1, 2, 3]\nexamples = 4\nlayers = 1\nheads = 1\nwidth = 8\nbatch = 4\nsteps = 5\nprobe_layer = 1\n"
                         "probe_points = 2\nprobe_prompts = 8\nweights_loss = 0.5\nweights_loss_dims = [1, 3]\n";
  const auto a = run_dscan_experiment(parse_experiment_text(file_of("fu_linreg_dscan", "", ds), "d.toml"), j, {});
  CHECK(a.runs_trained == 25);  // 15 for the scan, 10 with the extra weights loss at d = 1 and 3
  REQUIRE(a.verdicts.size() == 3);
  for (const auto& v : a.verdicts) CHECK(std::isfinite(v.effect));
  CHECK(a.runs_table.size() == 26);
  const auto ac = run_dscan_experiment(parse_experiment_text(file_of("fu_linreg_dscan", "weights-loss-helps-small-d", ds), "dc.toml"), j, {});
  CHECK(ac.runs_trained == 0);
  CHECK(verdict(ac.verdicts, "c").planted);
  CHECK(verdict(ac.verdicts, "c").effect == verdict(a.verdicts, "c").effect);
  // A sixth seed for the scan alone: (c) stays on seeds 1-5, so it reads exactly the runs above.
  const auto a6 = run_dscan_experiment(parse_experiment_text(file_of("fu_linreg_dscan", "", ds + "seeds = 6\nweights_loss_seeds = 5\n"), "d6.toml"), j, {});
  CHECK(a6.runs_trained == 3);
  CHECK(verdict(a6.verdicts, "c").effect == verdict(a.verdicts, "c").effect);
  CHECK(a6.runs_table.size() == 29);
  // Its figure of (c) has a row per seed of (c), 1..5, all of them measured.
  const auto fig = std::find_if(a6.figures.begin(), a6.figures.end(), [](const auto& f) { return f.name == "weights-loss-benefit"; });
  REQUIRE(fig != a6.figures.end());
  REQUIRE(fig->rows.size() == 5);
  for (const auto& row : fig->rows)
    for (const double x : row) CHECK(std::isfinite(x));
  const auto ap = run_dscan_experiment(parse_experiment_text(file_of("fu_linreg_dscan", "improves-with-d", ds), "dp.toml"), j, {});
  CHECK(ap.runs_trained == 0);
  CHECK(ap.verdicts[1].effect == a.verdicts[1].effect);
  CHECK(ap.verdicts[1].planted);
  CHECK(!ap.verdicts[0].planted);
  const std::string zs = "d = 2\nexamples = 5\nmax_examples = 8\nlayers = 1\nheads = 1\nwidth = 8\nbatch = 4\nsteps = 5\n"
                         "test_prompts = 16\nprompt_blocks = 4\n";
  const auto z = run_zfb_gpt2_experiment(parse_experiment_text(file_of("zfb_gpt2_covariance", "", zs), "z.toml"), j, {});
  CHECK(z.runs_trained == 10);
  REQUIRE(z.verdicts.size() == 6);
  for (const auto& v : z.verdicts) CHECK(std::isfinite(v.effect));
  REQUIRE(z.figures.size() == 4);
  CHECK(z.figures[1].rows.size() == 9);  // M = 0..8
  CHECK(z.figures[1].vlines == std::vector<double>{5});
  const auto zp = run_zfb_gpt2_experiment(parse_experiment_text(file_of("zfb_gpt2_covariance", "fixed-tolerates-large-c", zs), "zp.toml"), j, {});
  CHECK(zp.runs_trained == 0);
  CHECK(verdict(zp.verdicts, "c").effect == verdict(z.verdicts, "c").effect);
  std::remove(journal_path.c_str());
}

TEST_CASE("--scale paper: the papers' settings, accepted by the families' checks before any training") {
  auto z = parse_experiment_text(file_of("zfb_gpt2_covariance", "", ""), "z.toml");
  CHECK(apply_paper_scale(z));
  CHECK(z.zfb.d == 20);
  CHECK(z.zfb.examples == 70);
  CHECK(z.zfb.max_examples == 100);
  CHECK(z.zfb.width == 256);
  CHECK_NOTHROW(validate_zfb_gpt2_experiment(z));
  // N = 40 < 2d + 1 would leave the verdicts' range [2d, N - 1] empty: refused after scaling too.
  auto short_n = z;
  short_n.zfb.examples = 40;
  CHECK_THROWS_WITH_AS(validate_zfb_gpt2_experiment(short_n), doctest::Contains("key 'examples'"), spec_error);
  auto d = parse_experiment_text(file_of("fu_linreg_dscan", "", ""), "d.toml");
  CHECK(apply_paper_scale(d));
  CHECK(d.dscan.dims.back() == 64);
  CHECK_NOTHROW(validate_dscan_experiment(d));
  auto other = parse_experiment_text(
      "id = \"t\"\nfamily = \"fu_weights_component\"\nsource = \"s\"\nstatement = \"s\"\n[setup]\n", "o.toml");
  CHECK(!apply_paper_scale(other));
}
