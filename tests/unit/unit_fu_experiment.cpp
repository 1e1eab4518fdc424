// The experiment family fu_weights_component (docs/THEORY.md §11.7): the verdict on per-seed
// changes is the t-interval's side of 0 (checked on synthetic numbers against a hand-computed
// interval), a malformed file is refused with file:line:key, and on a tiny real training grid the
// planted "rises on hard" reads the same runs and flips verdict (b).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/errors.hpp"
#include "experiment_test_support.hpp"
#include "experiments/experiment_file.hpp"
#include "experiments/fu_weights_component.hpp"

using namespace icl;

namespace {

using test::t4_975;
using test::verdict;

std::string fu_file(const std::string& plant, const std::string& setup) {
  return "id = \"fu.tiny\"\nfamily = \"fu_weights_component\"\nsource = \"s\"\nstatement = \"s\"\n" +
         (plant.empty() ? std::string() : "plant = \"" + plant + "\"\n") + "[setup]\n" + setup;
}

}  // namespace

TEST_CASE("the change verdict is the side of 0 the t-interval lies on") {
  // Changes 1..5 (×0.01): mean 0.03, s² = 2.5e-4, half-width t_4 · √(2.5e-4 / 5).
  const std::vector<double> rise{0.01, 0.02, 0.03, 0.04, 0.05};
  const double half = t4_975 * std::sqrt(2.5e-4 / 5);
  const auto up = fu_change_verdict("a", "rises", rise, +1, 0.95, "");
  CHECK(up.verdict == "CONFIRMED");
  CHECK(up.effect == doctest::Approx(0.03).epsilon(1e-12));
  CHECK(up.lo == doctest::Approx(0.03 - half).epsilon(1e-9));
  CHECK(up.hi == doctest::Approx(0.03 + half).epsilon(1e-9));
  // The same numbers against "falls": the interval lies above 0, so the claim is refuted.
  CHECK(fu_change_verdict("b", "falls", rise, -1, 0.95, "").verdict == "NOT REPRODUCED");
  std::vector<double> fall;
  for (const double x : rise) fall.push_back(-x);
  CHECK(fu_change_verdict("b", "falls", fall, -1, 0.95, "").verdict == "CONFIRMED");
  CHECK(fu_change_verdict("a", "rises", fall, +1, 0.95, "").verdict == "NOT REPRODUCED");
  // Straddling 0: mean 0.002, half-width ≈ 0.039 — neither side.
  const auto mixed = fu_change_verdict("a", "rises", {0.03, -0.02, 0.01, -0.03, 0.02}, +1, 0.95, "");
  CHECK(mixed.verdict == "INCONCLUSIVE");
  CHECK(mixed.lo < 0);
  CHECK(mixed.hi > 0);
  CHECK(mixed.reason.find("contains 0") != std::string::npos);
  // A higher level widens the interval: 0.99 on a barely-positive set turns CONFIRMED into INCONCLUSIVE.
  const std::vector<double> thin{0.01, 0.03, 0.0, 0.025, 0.015};  // mean / (s / √5) ≈ 3.0: between t_4(0.975) and t_4(0.995) = 4.60
  CHECK(fu_change_verdict("a", "rises", thin, +1, 0.95, "").verdict == "CONFIRMED");
  CHECK(fu_change_verdict("a", "rises", thin, +1, 0.99, "").verdict == "INCONCLUSIVE");
  // A failed run, a non-finite score or a single seed: INCONCLUSIVE, with the reason.
  const auto failed = fu_change_verdict("a", "rises", rise, +1, 0.95, "the run m = 1, seed 3 failed: out of memory");
  CHECK(failed.verdict == "INCONCLUSIVE");
  CHECK(failed.reason.find("seed 3 failed") != std::string::npos);
  CHECK(fu_change_verdict("a", "rises", {0.01, std::nan(""), 0.02}, +1, 0.95, "").verdict == "INCONCLUSIVE");
  CHECK(fu_change_verdict("a", "rises", {0.5}, +1, 0.95, "").verdict == "INCONCLUSIVE");
}

TEST_CASE("a malformed fu_weights_component file is refused with file, line and key") {
  const auto err = test::parse_error;
  CHECK(err(fu_file("", "lambda = [1]\n")).rfind("bad.toml:6: key 'lambda'", 0) == 0);  // a zfb_lsa_training key
  CHECK(err(fu_file("", "mappings_easy = 10\nmappings_hard = 10\n")).rfind("bad.toml:7: key 'mappings_hard'", 0) == 0);
  CHECK(err(fu_file("", "seeds = 3\n")).rfind("bad.toml:6: key 'seeds'", 0) == 0);
  CHECK(err(fu_file("time-factor-two", "")).rfind("bad.toml:5: key 'plant'", 0) == 0);  // the other family's plant
  CHECK(err(fu_file("", "probe_layer = 4\nlayers = 2\n")).rfind("bad.toml:6: key 'probe_layer'", 0) == 0);
  const auto ok = parse_experiment_text(fu_file("rises-on-hard", "mappings_hard = 50\nsteps = 20\n"), "ok.toml");
  CHECK(ok.fu.mappings_hard == 50);
  CHECK(ok.fu.steps == 20);
  CHECK(ok.plant == "rises-on-hard");
}

TEST_CASE("tiny grid: real training runs, and the plant reads the same runs and flips verdict (b)") {
  const std::string setup =
      "mappings_easy = 1\nmappings_hard = 200\nexamples = 6\nembed_dim = 8\nlayers = 1\nheads = 1\nwidth = 8\nbatch = 8\n"
      "lr = 0.003\nsteps = 40\nprobe_layer = 1\nprobe_points = 3\nprobe_prompts = 8\nseeds = 5\n";
  const auto journal_path = (std::filesystem::temp_directory_path() / "iclverify_unit_fu_runs.jsonl").string();
  run_journal j(journal_path, false);
  const auto none = run_fu_experiment(parse_experiment_text(fu_file("", setup), "tiny.toml"), j, {});
  CHECK(none.runs_trained == 10);
  REQUIRE(none.verdicts.size() == 2);
  for (const auto& v : none.verdicts) MESSAGE(v.key << " " << v.verdict << " " << v.reason);
  for (const auto& v : none.verdicts) {
    CHECK(std::isfinite(v.effect));
    CHECK(v.lo <= v.effect);
    CHECK(v.effect <= v.hi);
  }
  REQUIRE(none.figures.size() == 2);
  CHECK(none.figures[0].rows.size() == 4);  // step 0 and 3 log-spaced probe points
  CHECK(none.runs_table.size() == 1 + 10);
  const auto planted = run_fu_experiment(parse_experiment_text(fu_file("rises-on-hard", setup), "tiny-plant.toml"), j, {});
  CHECK(planted.runs_trained == 0);  // the plant changes the prediction only
  CHECK(planted.runs_resumed == 10);
  const auto& b0 = verdict(none, "b");
  const auto& b1 = verdict(planted, "b");
  CHECK(b1.planted);
  CHECK(b1.effect == b0.effect);
  CHECK(b1.lo == b0.lo);
  CHECK(b1.hi == b0.hi);
  // At this setting the hard interval lies away from 0 (measured: -0.026, [-0.037, -0.016]), so the
  // flip below is exercised rather than passed through INCONCLUSIVE.
  CHECK(b0.verdict != "INCONCLUSIVE");
  // Opposite predicted signs on one interval: CONFIRMED and NOT REPRODUCED swap, INCONCLUSIVE stays.
  if (b0.verdict == "CONFIRMED") CHECK(b1.verdict == "NOT REPRODUCED");
  if (b0.verdict == "NOT REPRODUCED") CHECK(b1.verdict == "CONFIRMED");
  if (b0.verdict == "INCONCLUSIVE") CHECK(b1.verdict == "INCONCLUSIVE");
  CHECK(planted.as_expected == (b1.verdict == "NOT REPRODUCED"));
  CHECK(verdict(planted, "a").verdict == verdict(none, "a").verdict);
  // Training is deterministic: a fresh journal trains the same numbers again.
  const auto journal2 = (std::filesystem::temp_directory_path() / "iclverify_unit_fu_runs2.jsonl").string();
  run_journal j2(journal2, false);
  const auto again = run_fu_experiment(parse_experiment_text(fu_file("", setup), "tiny.toml"), j2, {});
  CHECK(verdict(again, "b").effect == b0.effect);
  std::remove(journal_path.c_str());
  std::remove(journal2.c_str());
}
