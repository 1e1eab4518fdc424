#include "experiments/fu_weights_component.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

#include "core/errors.hpp"
#include "experiments/probe_run_record.hpp"
#include "experiments/seed_statistics.hpp"
#include "train/trainer.hpp"

namespace icl {

train::train_config fu_train_config(const lsa_experiment_spec& s, long mappings, int seed) {
  const auto& f = s.fu;
  train::train_config c;
  c.task = "factor";
  c.factor.mappings = static_cast<int>(mappings);
  c.factor.factors = f.factors;
  c.factor.examples = f.examples;
  c.factor.embed_dim = f.embed_dim;
  set_model_and_probe(c, f, seed);
  return c;
}

namespace {

train::train_config config_of(const lsa_experiment_spec& s, long mappings, int seed) { return fu_train_config(s, mappings, seed); }

// One setting's runs as they come out of the journal: the probe steps, each seed's scores along
// them, and each seed's in-context loss over the last 5 % of its steps.
struct setting_runs {
  long mappings = 0;
  std::vector<long> steps;
  std::vector<std::vector<double>> score;  // [seed][probe point]
  std::vector<double> icl_end;
  long parameters = 0;
  std::string failure;  // non-empty: a run failed; the setting's verdict is INCONCLUSIVE
};

}  // namespace

experiment_verdict fu_change_verdict(const std::string& key, const std::string& claim, const std::vector<double>& changes, int sign,
                                     double level, const std::string& failure) {
  experiment_verdict v;
  v.key = key;
  v.claim = claim;
  v.statistic = "mean over seeds of (weights-component probe at the last step) - (at step 0)";
  v.prediction = sign > 0 ? "> 0 (the whole interval)" : "< 0 (the whole interval)";
  const bool finite = set_t_interval(v, changes, level);
  if (!failure.empty() || !finite || changes.size() < 2) {
    v.verdict = "INCONCLUSIVE";
    v.reason = !failure.empty() ? failure
               : !finite        ? "a run's probe score is not finite"
                                : fmt::format("{} seed(s): an interval needs at least 2", changes.size());
    return v;
  }
  const bool above = v.lo > 0, below = v.hi < 0;
  v.verdict = (sign > 0 ? above : below) ? "CONFIRMED" : (sign > 0 ? below : above) ? "NOT REPRODUCED" : "INCONCLUSIVE";
  v.reason = fmt::format("change {:+.4g}, {:.0f}% t-interval [{:+.4g}, {:+.4g}] over {} seeds{}", v.effect, 100 * level, v.lo, v.hi,
                         changes.size(), v.verdict == "INCONCLUSIVE" ? "; the interval contains 0" : "");
  return v;
}

void validate_fu_experiment(const lsa_experiment_spec& s) {
  for (const long m : {s.fu.mappings_easy, s.fu.mappings_hard}) {
    try {
      train::validate(config_of(s, m, 1));
    } catch (const usage_error& e) {
      throw spec_error(s.file, s.line, "setup", std::string("the training settings are refused: ") + e.what());
    }
  }
}

experiment_outcome run_fu_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                     const std::function<void(const std::string&)>& status) {
  const auto t0 = std::chrono::steady_clock::now();
  validate_fu_experiment(s);
  experiment_outcome out;
  out.spec = s;
  const int S = s.seeds;
  const auto& f = s.fu;
  const auto steps = train::probe_steps(config_of(s, f.mappings_easy, 1));
  const std::size_t P = steps.size();
  int done = 0;

  // --- measured side: S seeds per setting; the journal holds (step, score) per probe point, the
  // tail in-context loss and the parameter count.
  auto run_setting = [&](long m) {
    setting_runs r;
    r.mappings = m;
    r.steps = steps;
    for (int seed = 1; seed <= S; ++seed) {
      const auto c = config_of(s, m, seed);
      const std::string key =
          fmt::format("fu m={} k={} n={} e={} L={} H={} W={} lr={} B={} steps={} probe={},{},{} seed={}", m, f.factors, f.examples,
                      f.embed_dim, f.layers, f.heads, f.width, fmt::format("{:.17g}", f.lr), f.batch, f.steps, f.probe_layer,
                      f.probe_points, f.probe_prompts, seed);
      ++done;
      if (!journal.has(key) && status) status(fmt::format("{}: run {}/{} (m = {}, seed {})", s.id, done, 2 * S, m, seed));
      const auto run = journalled_probe_run(journal, key, c, steps, false, fmt::format("m = {}, seed {}", m, seed), out, r.failure);
      if (!run) continue;
      r.score.push_back(run->score);
      r.icl_end.push_back(run->icl_end);
      r.parameters = run->parameters;
    }
    return r;
  };
  const setting_runs easy = run_setting(f.mappings_easy), hard = run_setting(f.mappings_hard);

  // --- verdicts: the per-seed change, against the sign the claim (or the plant) predicts.
  auto changes = [](const setting_runs& r) {
    std::vector<double> c;
    for (const auto& sc : r.score) c.push_back(sc.back() - sc.front());
    return c;
  };
  // Two verdicts, both of which must come out as expected: each at 1 − (1 − level)/2 (Bonferroni, THEORY §11.7).
  const double level_each = 1 - (1 - s.level) / 2;
  out.verdicts.push_back(fu_change_verdict(
      "a", fmt::format("on the easy setting (m = {}) the weights component rises during training", f.mappings_easy), changes(easy), +1,
      level_each, easy.failure));
  const bool plant = s.plant == "rises-on-hard";
  auto b = fu_change_verdict(
      "b",
      plant ? fmt::format("planted: on the hard setting (m = {}) the weights component rises during training", f.mappings_hard)
            : fmt::format("on the hard setting (m = {}) the weights component falls, ending below its initial value", f.mappings_hard),
      changes(hard), plant ? +1 : -1, level_each, hard.failure);
  b.planted = plant;
  out.verdicts.push_back(b);

  // --- figures: the probe along training (mean and t-band per setting), and each seed's change.
  {
    experiment_figure fig;
    fig.name = "weights-component";
    fig.title = fmt::format("Weights component along training: mean over {} seeds with its {:.0f}% t-band (step 0 drawn at step 1)", S,
                            100 * s.level);
    fig.xlabel = "step";
    fig.ylabel = fmt::format("probe accuracy (attention cut, block {}, mean over the 6 factors)", f.probe_layer);
    fig.logy = false;
    fig.columns = {"step"};
    for (const auto* r : {&easy, &hard})
      for (const char* c : {"mean", "band lo", "band hi"}) fig.columns.push_back(fmt::format("m = {} {}", r->mappings, c));
    for (std::size_t k = 0; k < P; ++k) {
      std::vector<double> row{static_cast<double>(std::max(1L, steps[k]))};
      for (const auto* r : {&easy, &hard}) {
        std::vector<double> x;
        for (const auto& sc : r->score) x.push_back(sc[k]);
        const auto ci = t_interval(x, s.level);
        row.insert(row.end(), {ci.mean, ci.lo, ci.hi});
      }
      fig.rows.push_back(row);
    }
    fig.curves = {{0, 2, "band", fmt::format("m = {}: {:.0f}% band", f.mappings_easy, 100 * s.level)},
                  {0, 1, "linespoints", fmt::format("m = {} (easy): mean", f.mappings_easy)},
                  {0, 5, "band", fmt::format("m = {}: {:.0f}% band", f.mappings_hard, 100 * s.level)},
                  {0, 4, "linespoints", fmt::format("m = {} (hard): mean", f.mappings_hard)}};
    out.figures.push_back(fig);
  }
  {
    experiment_figure fig;
    fig.name = "change-per-seed";
    fig.title = "Each seed's change of the weights component, last step minus step 0";
    fig.xlabel = "seed";
    fig.ylabel = "final - initial probe accuracy";
    fig.logx = fig.logy = false;
    fig.columns = {"seed", fmt::format("m = {}", f.mappings_easy), fmt::format("m = {}", f.mappings_hard), "zero"};
    const auto ce = changes(easy), ch = changes(hard);
    for (std::size_t j = 0; j < std::max(ce.size(), ch.size()); ++j)
      fig.rows.push_back({static_cast<double>(j + 1), j < ce.size() ? ce[j] : std::nan(""), j < ch.size() ? ch[j] : std::nan(""), 0.0});
    fig.curves = {{0, 1, "points", fig.columns[1] + " (easy)"}, {0, 2, "points", fig.columns[2] + " (hard)"}, {0, 3, "dashes", "no change"}};
    out.figures.push_back(fig);
  }

  // --- runs table and notes.
  out.runs_table.push_back({"m", "seed", "probe at step 0", fmt::format("probe at step {}", steps.back()), "change",
                            "in-context loss, last 5 % of steps (uniform: ln 15 = 2.708)"});
  for (const auto* r : {&easy, &hard})
    for (std::size_t j = 0; j < r->score.size(); ++j)
      out.runs_table.push_back({std::to_string(r->mappings), std::to_string(j + 1), fmt::format("{:.6f}", r->score[j].front()),
                                fmt::format("{:.6f}", r->score[j].back()), fmt::format("{:+.6f}", r->score[j].back() - r->score[j].front()),
                                fmt::format("{:.4f}", r->icl_end[j])});
  out.notes.push_back(fmt::format(
      "Scale (docs/THEORY.md §11.7): {} blocks, {} heads, width {} ({} parameters); {} items per prompt, {} factors labelled, "
      "item codes of width {} (fixed random codes plus noise, not the paper's VAE codes); Adam lr {}, batch {}, {} steps; probe at block {} "
      "at step 0 and {} log-spaced steps, fitted on {} held-out prompts and scored on {} others. The paper: 12 blocks of width 128, 40 items, 60 epochs.",
      f.layers, f.heads, f.width, easy.parameters, f.examples, f.factors, f.embed_dim, fmt::format("{:g}", f.lr), f.batch, f.steps,
      f.probe_layer, f.probe_points, f.probe_prompts, f.probe_prompts));
  if (plant) out.notes.push_back("Planted prediction: rises-on-hard (only the predicted sign of (b); the runs are the same).");

  out.as_expected = verdicts_as_expected(s, out.verdicts);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace icl
