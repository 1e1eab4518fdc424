// Families fu_plateau_scan and fu_plateau_remedies (docs/THEORY.md §11.8, §11.9) and the trainer's
// remedy options: Spearman's rho and its verdicts against hand-computed values, the remedies doing
// what they say (warm-up batches come from the easy world for W steps, a mixed batch holds the stated
// number of easy prompts, the extra heads' losses enter the gradient and start at their hand-computed
// value), errors in the new [setup] keys naming file:line:key, and on a tiny real grid the plants
// reading the same runs and flipping their verdicts.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "core/errors.hpp"
#include "experiment_test_support.hpp"
#include "experiments/experiment_file.hpp"
#include "experiments/fu_plateau_remedies.hpp"
#include "experiments/fu_plateau_runs.hpp"
#include "experiments/fu_plateau_scan.hpp"
#include "experiments/rank_correlation.hpp"
#include "train/trainer.hpp"

using namespace icl;

namespace {

using test::t4_975;
using test::verdict;

std::string file_of(const std::string& family, const std::string& plant, const std::string& setup) {
  return "id = \"fu.tiny\"\nfamily = \"" + family + "\"\nsource = \"s\"\nstatement = \"s\"\n" +
         (plant.empty() ? std::string() : "plant = \"" + plant + "\"\n") + "[setup]\n" + setup;
}

train::train_config tiny_factor(long mappings) {
  train::train_config c;
  c.task = "factor";
  c.factor.mappings = static_cast<int>(mappings);
  c.factor.examples = 16;
  c.factor.embed_dim = 8;
  c.model.layers = 1;
  c.model.heads = 1;
  c.model.width = 8;
  c.batch = 8;
  c.steps = 3;
  c.probe.points = 0;
  c.probe.layer = 1;
  return c;
}

// The easy world's fixed map (m = 1): label of value v of factor f, read off a large batch of it.
std::map<std::pair<long, long>, long> easy_map(const train::train_config& c) {
  auto e = c;
  e.factor.mappings = 1;
  e.remedy = {};
  e.batch = 256;
  const auto b = train::training_batch(e, 0);
  std::map<std::pair<long, long>, long> m;
  for (std::size_t p = 0; p < b.batch; ++p)
    for (std::size_t i = 0; i < b.examples; ++i) {
      const long f = b.prompt_factor[p];
      m[{f, b.item_factors[(p * b.examples + i) * 6 + static_cast<std::size_t>(f)]}] = b.label[p * b.examples + i];
    }
  return m;
}

// Does prompt p label every item by the easy map?
bool follows(const std::map<std::pair<long, long>, long>& m, const train::task_batch& b, std::size_t p) {
  const long f = b.prompt_factor[p];
  for (std::size_t i = 0; i < b.examples; ++i) {
    const auto it = m.find({f, b.item_factors[(p * b.examples + i) * 6 + static_cast<std::size_t>(f)]});
    if (it == m.end() || it->second != b.label[p * b.examples + i]) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Spearman's rho with midranks, against hand-computed values") {
  CHECK(average_ranks({3, 1, 3, 2}) == std::vector<double>{3.5, 1, 3.5, 2});
  CHECK(spearman({1, 2, 3, 4, 5}, {2, 4, 8, 16, 32}) == doctest::Approx(1.0));
  CHECK(spearman({1, 2, 3, 4, 5}, {9, 7, 5, 3, 1}) == doctest::Approx(-1.0));
  // y = (5, 6, 7, 8, 7): ranks (1, 2, 3.5, 5, 3.5); centred x ranks (−2, −1, 0, 1, 2), y ranks
  // (−2, −1, 0.5, 2, 0.5): Σxy = 8, Σx² = 10, Σy² = 9.5, rho = 8/√95.
  CHECK(spearman({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}) == doctest::Approx(8 / std::sqrt(95.0)).epsilon(1e-14));
  CHECK(std::isnan(spearman({1, 2, 3}, {4, 4, 4})));
  // Strictly decreasing in every resample (ties only where the same run is drawn twice): [−1, −1].
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, y{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  const std::vector<int> strata{0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
  const auto r = spearman_bootstrap(x, y, strata, 0.95, 500, 1);
  CHECK(r.rho == doctest::Approx(-1.0));
  CHECK(r.hi == doctest::Approx(-1.0));
  CHECK(r.lo == doctest::Approx(-1.0));
  // Seeded: the same interval again; noisy data give an interval around rho.
  const std::vector<double> yn{3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5};
  const auto a = spearman_bootstrap(x, yn, strata, 0.9, 400, 7), b = spearman_bootstrap(x, yn, strata, 0.9, 400, 7);
  CHECK(a.lo == b.lo);
  CHECK(a.hi == b.hi);
  CHECK(a.lo < a.rho);
  CHECK(a.rho < a.hi);
}

TEST_CASE("rank and no-shortening verdicts are the side of their bound the interval lies on") {
  CHECK(rank_verdict("a", "c", "s", -0.6, -0.8, -0.3, -1, 0.975, "").verdict == "CONFIRMED");
  CHECK(rank_verdict("a", "c", "s", -0.6, -0.8, -0.3, +1, 0.975, "").verdict == "NOT REPRODUCED");
  CHECK(rank_verdict("a", "c", "s", 0.1, -0.2, 0.4, -1, 0.975, "").verdict == "INCONCLUSIVE");
  CHECK(rank_verdict("a", "c", "s", std::nan(""), 0, 0, -1, 0.975, "").verdict == "INCONCLUSIVE");
  CHECK(rank_verdict("a", "c", "s", -0.6, -0.8, -0.3, -1, 0.975, "a run failed").verdict == "INCONCLUSIVE");
  // Differences −10, −20, 0, −30, −40: mean −20, s² = 250, half-width t_4 √50 = 19.63 → [−39.63, −0.37].
  const std::vector<double> d{-10, -20, 0, -30, -40};
  const auto wide = no_shortening_verdict("d", "c", d, 50, false, 0.95, "");
  CHECK(wide.effect == doctest::Approx(-20));
  CHECK(wide.lo == doctest::Approx(-20 - t4_975 * std::sqrt(50.0)).epsilon(1e-12));
  CHECK(wide.verdict == "CONFIRMED");  // lower edge above −50: shortens by less than the margin
  CHECK(no_shortening_verdict("d", "c", d, 50, true, 0.95, "").verdict == "NOT REPRODUCED");
  CHECK(no_shortening_verdict("d", "c", d, 10, false, 0.95, "").verdict == "INCONCLUSIVE");  // −10 inside
  CHECK(no_shortening_verdict("d", "c", d, 0.1, false, 0.95, "").verdict == "NOT REPRODUCED");  // upper edge below −0.1
  CHECK(no_shortening_verdict("d", "c", d, 0.1, true, 0.95, "").verdict == "CONFIRMED");
  CHECK(no_shortening_verdict("d", "c", d, 50, false, 0.95, "3 baseline run(s) never escaped").verdict == "INCONCLUSIVE");
}

TEST_CASE("warm-up: the first W batches come from the easy world, the later ones from the task") {
  auto c = tiny_factor(1000);
  c.remedy.warmup_steps = 3;
  c.remedy.easy_mappings = 1;
  const auto m = easy_map(c);
  for (long step = 0; step < 5; ++step) {
    const auto b = train::training_batch(c, step);
    int easy = 0;
    for (std::size_t p = 0; p < b.batch; ++p) easy += follows(m, b, p) ? 1 : 0;
    MESSAGE("step " << step << ": " << easy << " of " << b.batch << " prompts follow the easy map");
    CHECK(easy == (step < 3 ? 8 : 0));
  }
  // Without warm-up, step 0 is the task's batch.
  auto base = tiny_factor(1000);
  const auto b0 = train::training_batch(base, 0);
  int easy = 0;
  for (std::size_t p = 0; p < b0.batch; ++p) easy += follows(m, b0, p) ? 1 : 0;
  CHECK(easy == 0);
}

TEST_CASE("mixing: round(fraction × batch) easy prompts, the rest the task's first prompts") {
  auto c = tiny_factor(1000);
  c.remedy.mix_fraction = 0.25;
  const auto m = easy_map(c);
  const auto base = train::training_batch(tiny_factor(1000), 4);
  const auto b = train::training_batch(c, 4);
  REQUIRE(b.batch == 8);
  int easy = 0;
  for (std::size_t p = 0; p < b.batch; ++p) easy += follows(m, b, p) ? 1 : 0;
  CHECK(easy == 2);
  for (std::size_t p = 6; p < 8; ++p) CHECK(follows(m, b, p));
  // The 6 hard prompts are the unmixed batch's first 6, token for token.
  const std::size_t per = 2 * b.examples * b.token_dim;
  CHECK(std::equal(b.tokens.begin(), b.tokens.begin() + static_cast<long>(6 * per), base.tokens.begin()));
}

TEST_CASE("the extra heads: their loss starts at its hand-computed value and enters the gradient") {
  auto base = tiny_factor(10);
  base.held_out.every = 1;
  base.held_out.prompts = 4;
  const auto r0 = train::train(base);
  CHECK(r0.extra_loss.empty());
  REQUIRE(r0.held_out.size() == 4);  // steps 0, 1, 2, 3
  CHECK(r0.held_out[3].step == 3);
  auto w = base;
  w.remedy.weights_loss = 0.1;
  const auto rw = train::train(w);
  REQUIRE(rw.extra_loss.size() == 3);
  // Near-zero logits at initialisation: each factor's cross-entropy ≈ ln(cardinality); mean over the 6.
  const double ln_mean = (3 * std::log(10.0) + std::log(8.0) + std::log(4.0) + std::log(15.0)) / 6;
  CHECK(rw.extra_loss[0] == doctest::Approx(0.1 * ln_mean).epsilon(0.02));
  // Same initial model and first batch: step 1's loss is identical; the update differs, so step 2's is not.
  CHECK(rw.curve[0].loss == r0.curve[0].loss);
  CHECK(rw.curve[1].loss != r0.curve[1].loss);
  auto cx = base;
  cx.remedy.context_loss = 0.5;
  const auto rc = train::train(cx);
  REQUIRE(rc.extra_loss.size() == 3);
  CHECK(rc.extra_loss[0] == doctest::Approx(0.5 * std::log(6.0)).epsilon(0.02));  // 6 factors labelled
  CHECK(rc.curve[0].loss == r0.curve[0].loss);
  CHECK(rc.curve[1].loss != r0.curve[1].loss);
  // Warm-up, mixing and the context head are refused on the linear-regression task, and
  // out-of-range values are refused.
  auto bad = base;
  bad.remedy.mix_fraction = 1.0;
  CHECK_THROWS_AS(train::validate(bad), usage_error);
  bad = base;
  bad.task = "linreg";
  bad.remedy.context_loss = 0.1;
  CHECK_THROWS_AS(train::validate(bad), usage_error);
}

TEST_CASE("linear regression: the extra weights head regresses x itself, from the same initial model") {
  train::train_config c;
  c.task = "linreg";
  c.linreg.d = 3;
  c.linreg.examples = 6;
  c.model.layers = 1;
  c.model.heads = 1;
  c.model.width = 8;
  c.batch = 16;
  c.steps = 3;
  c.probe.points = 0;
  c.probe.layer = 1;
  const auto r0 = train::train(c);
  auto w = c;
  w.remedy.weights_loss = 0.5;
  train::validate(w);
  const auto rw = train::train(w);
  REQUIRE(rw.extra_loss.size() == 3);
  // The head starts near the zero map, so its loss starts at 0.5 · mean(x²) over the first batch.
  const auto b = train::training_batch(c, 0);
  double sq = 0;
  for (const float x : b.x) sq += static_cast<double>(x) * x;
  CHECK(rw.extra_loss[0] == doctest::Approx(0.5 * sq / static_cast<double>(b.x.size())).epsilon(0.02));
  CHECK(rw.curve[0].loss == r0.curve[0].loss);
  CHECK(rw.curve[1].loss != r0.curve[1].loss);
  // The head learns: after 40 steps at lr 1e-2 its loss is well below the start.
  w.steps = 40;
  w.lr = 1e-2;
  const auto rl = train::train(w);
  CHECK(rl.extra_loss.back() < 0.5 * rl.extra_loss.front());
}

TEST_CASE("remedy differences pair runs by seed: a failed run leaves a gap, not a shift") {
  plateau_arm base, arm;
  for (const int seed : {1, 2, 3}) {
    plateau_run r;
    r.seed = seed;
    r.plateau = 100 * seed;
    base.runs.push_back(r);
    if (seed != 2) {  // seed 2 failed in the remedy arm
      r.plateau = 100 * seed - 10;
      arm.runs.push_back(r);
    }
  }
  const auto d = paired_differences(arm, base, 3);
  REQUIRE(d.size() == 3);
  CHECK(d[0] == -10);
  CHECK(std::isnan(d[1]));
  CHECK(d[2] == -10);  // by position it would have been 290 - 200 = 90
  CHECK(arm.of_seed(2) == nullptr);
}

TEST_CASE("errors in the plateau families' [setup] name file, line and key") {
  const auto err = test::parse_error;
  CHECK(err(file_of("fu_plateau_scan", "", "mappings = [10, 1]\n")).rfind("bad.toml:6: key 'mappings'", 0) == 0);
  CHECK(err(file_of("fu_plateau_scan", "", "mappings_hard = 10\n")).rfind("bad.toml:6: key 'mappings_hard'", 0) == 0);
  CHECK(err(file_of("fu_plateau_scan", "", "warmup_steps = 10\n")).rfind("bad.toml:6: key 'warmup_steps'", 0) == 0);
  CHECK(err(file_of("fu_plateau_scan", "", "steps = 100\nheld_out_every = 10\n")).rfind("bad.toml:7: key 'held_out_every'", 0) == 0);
  CHECK(err(file_of("fu_plateau_scan", "context-loss-shortens", "")).rfind("bad.toml:5: key 'plant'", 0) == 0);
  CHECK(err(file_of("fu_plateau_remedies", "", "mix_fraction = 1.5\n")).rfind("bad.toml:6: key 'mix_fraction'", 0) == 0);
  CHECK(err(file_of("fu_plateau_remedies", "", "steps = 2000\nwarmup_steps = 3000\n")).rfind("bad.toml:7: key 'warmup_steps'", 0) == 0);
  CHECK(err(file_of("fu_plateau_remedies", "", "margin = 2\n")).rfind("bad.toml:6: key 'margin'", 0) == 0);
  CHECK(err(file_of("fu_plateau_remedies", "", "escape_loss = -1\n")).rfind("bad.toml:6: key 'escape_loss'", 0) == 0);
  CHECK(err(file_of("fu_plateau_remedies", "", "batch = 4\nmix_fraction = 0.05\n")).rfind("bad.toml:7: key 'mix_fraction'", 0) == 0);
  const auto ok = parse_experiment_text(file_of("fu_plateau_remedies", "context-loss-shortens", "warmup_steps = 50\n"), "ok.toml");
  CHECK(ok.plateau.warmup_steps == 50);
  CHECK(ok.plant == "context-loss-shortens");
}

TEST_CASE("tiny grids: real runs; each plant reads the same runs and flips its verdict") {
  const std::string common =
      "examples = 6\nembed_dim = 8\nlayers = 1\nheads = 1\nwidth = 8\nbatch = 8\nlr = 0.01\nsteps = 60\nprobe_layer = 1\n"
      "probe_points = 2\nprobe_prompts = 8\nseeds = 5\nheld_out_every = 1\nheld_out_prompts = 8\nescape_loss = 2.5\nbootstrap = 200\n";
  const auto journal_path = (std::filesystem::temp_directory_path() / "iclverify_unit_fu_plateau.jsonl").string();
  run_journal j(journal_path, false);
  auto flipped = [](const experiment_verdict& v0, const experiment_verdict& v1) {
    CHECK(v1.planted);
    CHECK(v1.effect == v0.effect);
    if (v0.verdict == "CONFIRMED") CHECK(v1.verdict == "NOT REPRODUCED");
    if (v0.verdict == "NOT REPRODUCED") CHECK(v1.verdict == "CONFIRMED");
    if (v0.verdict == "INCONCLUSIVE") CHECK(v1.verdict == "INCONCLUSIVE");
  };
  const std::string scan = common + "mappings = [1, 200]\n";
  const auto s0 = run_fu_plateau_scan(parse_experiment_text(file_of("fu_plateau_scan", "", scan), "s.toml"), j, {});
  CHECK(s0.runs_trained == 10);
  REQUIRE(s0.verdicts.size() == 2);
  for (const auto& v : s0.verdicts) MESSAGE(v.key << " " << v.verdict << " " << v.reason);
  CHECK(s0.runs_table.size() == 1 + 10);
  const auto s1 = run_fu_plateau_scan(parse_experiment_text(file_of("fu_plateau_scan", "shorter-when-below", scan), "s1.toml"), j, {});
  CHECK(s1.runs_trained == 0);
  flipped(verdict(s0, "a"), verdict(s1, "a"));
  CHECK(verdict(s1, "b").verdict == verdict(s0, "b").verdict);

  const std::string rem = common + "mappings_easy = 1\nmappings_hard = 200\nwarmup_steps = 20\nmix_fraction = 0.25\n";
  const auto r0 = run_fu_plateau_remedies(parse_experiment_text(file_of("fu_plateau_remedies", "", rem), "r.toml"), j, {});
  CHECK(r0.runs_trained == 20);  // the baseline (m = 200, no remedy) comes from the scan's runs
  CHECK(r0.runs_resumed == 5);
  REQUIRE(r0.verdicts.size() == 4);
  for (const auto& v : r0.verdicts) MESSAGE(v.key << " " << v.verdict << " " << v.reason);
  const auto r1 =
      run_fu_plateau_remedies(parse_experiment_text(file_of("fu_plateau_remedies", "context-loss-shortens", rem), "r1.toml"), j, {});
  CHECK(r1.runs_trained == 0);
  flipped(verdict(r0, "d"), verdict(r1, "d"));
  for (const char* k : {"a", "b", "c"}) CHECK(verdict(r1, k).verdict == verdict(r0, k).verdict);
  CHECK(r1.as_expected == (verdict(r1, "d").verdict == "NOT REPRODUCED"));
  std::remove(journal_path.c_str());
}
