#include "experiments/fu_linreg_dscan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>

#include "core/errors.hpp"
#include "experiments/bootstrap_statistics.hpp"
#include "experiments/probe_run_record.hpp"
#include "experiments/seed_statistics.hpp"
#include "train/trainer.hpp"

namespace icl {

namespace {

// `weights_loss` > 0 adds the extra head regressing x itself (§11.10, claim (c)).
train::train_config config_of(const lsa_experiment_spec& s, long d, int seed, double weights_loss = 0) {
  const auto& f = s.dscan;
  train::train_config c;
  c.task = "linreg";
  c.linreg.d = static_cast<int>(d);
  c.linreg.examples = f.examples;
  set_model_and_probe(c, f, seed);
  c.remedy.weights_loss = weights_loss;
  return c;
}

// One d's runs: the probe's relative error along training per seed, and the tail in-context loss
// relative to the zero predictor's.
struct dim_runs {
  long d = 0;
  std::vector<int> seeds;                  // of the runs below (a failed run leaves a gap)
  std::vector<std::vector<double>> score;  // [seed][probe point]
  std::vector<double> icl_end;
  long parameters = 0;
};

}  // namespace

experiment_verdict dscan_rank_verdict(const std::string& key, const std::string& claim, const std::string& statistic,
                                      const std::vector<long>& dims, const std::vector<std::vector<double>>& y, int sign,
                                      double level, const std::string& failure) {
  experiment_verdict v;
  v.key = key;
  v.claim = claim;
  v.statistic = statistic;
  v.prediction = sign > 0 ? "> 0 (the whole interval)" : "< 0 (the whole interval)";
  // One ρ per seed, over the dims: the seeds are the independent replicates of the design (§11.10).
  // y[j][s − 1] is seed s's run at dims[j] (NaN where it failed).
  std::size_t S = y.empty() ? 0 : y.front().size();
  for (const auto& r : y) S = std::min(S, r.size());
  std::vector<double> rho;
  for (std::size_t i = 0; i < S; ++i) {
    std::vector<double> xs, ys;
    for (std::size_t j = 0; j < dims.size(); ++j) xs.push_back(static_cast<double>(dims[j])), ys.push_back(y[j][i]);
    rho.push_back(all_finite(ys) ? spearman(xs, ys) : std::numeric_limits<double>::quiet_NaN());
  }
  const bool finite = set_t_interval(v, rho, level);
  if (!failure.empty() || !finite || rho.size() < 2 || dims.size() < 3) {
    v.verdict = "INCONCLUSIVE";
    v.reason = !failure.empty() ? failure : "the rank correlation is not defined (a run missing, a value not finite, or no spread)";
    return v;
  }
  const bool spread = v.lo < v.hi;
  v.verdict = interval_side(v.lo, v.hi, 0, sign);
  // Five bounded, discrete ρ values carry the normal approximation of the t-interval further than
  // their number warrants; a zero-width interval (every seed alike) says so on the page (§11.10).
  v.reason = fmt::format("mean of {} per-seed Spearman rho {:+.4f}, {:.1f}% t-interval [{:+.4f}, {:+.4f}]{}{}", rho.size(), v.effect,
                         100 * level, v.lo, v.hi, v.verdict == "INCONCLUSIVE" ? "; the interval contains 0" : "",
                         spread ? "" : "; every seed gives the same rho, so the interval has no width");
  return v;
}

experiment_verdict dscan_weights_loss_verdict(const std::string& key, const std::string& claim, const std::vector<double>& benefit_low,
                                              const std::vector<double>& benefit_high, double change_low, double change_high,
                                              bool planted, double level, const std::string& failure) {
  experiment_verdict v;
  v.key = key;
  v.claim = claim;
  v.planted = planted;
  v.statistic = "mean benefit at the larger d minus at the smaller (Welch); benefit of a seed = ln(in-context loss without the "
                "extra weights loss / with it), at the same seed and d";
  v.prediction = planted ? "< 0 (the whole interval)" : "> 0 (the whole interval), and the benefit at the larger d > 0 (its whole interval)";
  const auto diff = welch_interval(benefit_high, benefit_low, level);
  const auto high = t_interval(benefit_high, level), low = t_interval(benefit_low, level);
  v.effect = diff.mean;
  v.lo = diff.lo;
  v.hi = diff.hi;
  if (!failure.empty() || !all_finite(benefit_low) || !all_finite(benefit_high) || benefit_low.size() < 2 || benefit_high.size() < 2) {
    v.verdict = "INCONCLUSIVE";
    v.reason = !failure.empty() ? failure : "a loss is missing or not finite, or fewer than 2 seeds";
    return v;
  }
  // The claim compares an impaired setting with a healthy one: in these runs training must have
  // improved the component at the smaller d and harmed it at the larger (mean change of (b)).
  if (!(change_low < 0 && change_high > 0)) {
    v.verdict = "INCONCLUSIVE";
    v.reason = fmt::format("the premise does not hold in these runs: mean change of the component {:+.4g} at the smaller d (must be < 0), "
                           "{:+.4g} at the larger (must be > 0)",
                           change_low, change_high);
    return v;
  }
  if (planted) {
    v.verdict = interval_side(diff.lo, diff.hi, 0, -1);
  } else {
    // Helps more *and* helps: both intervals above 0 (an intersection-union test, no split of the level).
    const bool yes = diff.lo > 0 && high.lo > 0, no = diff.hi < 0 || high.hi < 0;
    v.verdict = yes ? "CONFIRMED" : no ? "NOT REPRODUCED" : "INCONCLUSIVE";
  }
  v.reason = fmt::format("difference of benefits {:+.4f}, {:.1f}% Welch interval [{:+.4f}, {:+.4f}]; benefit at the larger d {:+.4f} "
                         "[{:+.4f}, {:+.4f}], at the smaller {:+.4f} [{:+.4f}, {:+.4f}] ({:.1f}% t-intervals over {} and {} seeds)",
                         diff.mean, 100 * level, diff.lo, diff.hi, high.mean, high.lo, high.hi, low.mean, low.lo, low.hi, 100 * level,
                         benefit_high.size(), benefit_low.size());
  return v;
}

void validate_dscan_experiment(const lsa_experiment_spec& s) {
  for (const long d : s.dscan.dims) {
    try {
      train::validate(config_of(s, d, 1));
    } catch (const usage_error& e) {
      throw spec_error(s.file, s.line, "setup", std::string("the training settings are refused: ") + e.what());
    }
  }
}

experiment_outcome run_dscan_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                        const std::function<void(const std::string&)>& status) {
  const auto t0 = std::chrono::steady_clock::now();
  validate_dscan_experiment(s);
  experiment_outcome out;
  out.spec = s;
  const int S = s.seeds;
  const auto& f = s.dscan;
  const auto steps = train::probe_steps(config_of(s, f.dims.front(), 1));
  std::string failure;
  int done = 0;

  // --- measured side: S seeds per d; the journal holds (step, relative error) per probe point, the
  // tail in-context loss over the zero predictor's, and the parameter count. The arms of (c) add the
  // extra weights loss at two of the dims (the baseline is the scan's own run at the same seed).
  const std::size_t wl_arms = f.weights_loss > 0 ? f.weights_loss_dims.size() : 0;
  const int S_wl = !wl_arms ? 0 : f.weights_loss_seeds > 0 ? std::min(f.weights_loss_seeds, S) : S;
  const int total = S * static_cast<int>(f.dims.size()) + S_wl * static_cast<int>(wl_arms);
  auto collect = [&](long d, double wl) {
    dim_runs r;
    r.d = d;
    for (int seed = 1; seed <= (wl > 0 ? S_wl : S); ++seed) {
      std::string key = fmt::format("fu-dscan d={} n={} L={} H={} W={} lr={} B={} steps={} probe={},{},{} seed={}", d, f.examples, f.layers,
                                    f.heads, f.width, fmt::format("{:.17g}", f.lr), f.batch, f.steps, f.probe_layer, f.probe_points,
                                    f.probe_prompts, seed);
      if (wl > 0) key += fmt::format(" wl={:.17g}", wl);  // the scan's keys stay as they were
      const std::string what = fmt::format("d = {}{}, seed {}", d, wl > 0 ? fmt::format(", weights loss x{:g}", wl) : "", seed);
      ++done;
      if (!journal.has(key) && status) status(fmt::format("{}: run {}/{} ({})", s.id, done, total, what));
      const auto run = journalled_probe_run(journal, key, config_of(s, d, seed, wl), steps, true, what, out, failure);
      if (!run) continue;
      r.seeds.push_back(seed);
      r.score.push_back(run->score);
      r.icl_end.push_back(run->icl_end);
      r.parameters = run->parameters;
    }
    return r;
  };
  std::vector<dim_runs> runs, wl_runs;
  for (const long d : f.dims) runs.push_back(collect(d, 0));
  for (std::size_t k = 0; k < wl_arms; ++k) wl_runs.push_back(collect(f.weights_loss_dims[k], f.weights_loss));

  // --- verdicts: two (three with the extra weights loss) statistics, each at 1 − (1 − level)/V so
  // that all hold at `level` (Bonferroni).
  // [dim][seed − 1], NaN where the run failed: seeds are matched by number, never by position.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::vector<double>> final_err(runs.size(), std::vector<double>(static_cast<std::size_t>(S), nan)), change = final_err;
  for (std::size_t j = 0; j < runs.size(); ++j)
    for (std::size_t i = 0; i < runs[j].seeds.size(); ++i) {
      const auto& sc = runs[j].score[i];
      const auto at = static_cast<std::size_t>(runs[j].seeds[i] - 1);
      final_err[j][at] = sc.back();
      change[j][at] = sc.back() - sc.front();
    }
  const double level_each = 1 - (1 - s.level) / (wl_arms ? 3 : 2);
  // The plant acts on (b): the paired change is where the scan has power (THEORY §11.10: at this
  // scale the final error alone does not rank with d, so "improves with d" is no falsehood for (a)).
  const bool plant = s.plant == "improves-with-d";
  out.verdicts.push_back(dscan_rank_verdict(
      "a", "the weights component degrades as d grows: its relative error at the end of training rises with d",
      "mean over seeds of Spearman's rho between d and the probe's held-out relative error of x at the last step", f.dims, final_err, +1,
      level_each, failure));
  auto b = dscan_rank_verdict(
      "b",
      plant ? "planted: the weights component improves as d grows: the change of its relative error from step 0 falls with d"
            : "training harms the weights component more as d grows: the change of its relative error from step 0 rises with d",
      "mean over seeds of Spearman's rho between d and (relative error at the last step) - (at step 0)", f.dims, change, plant ? -1 : +1,
      level_each, failure);
  b.planted = plant;
  out.verdicts.push_back(b);
  // (c): the benefit of the extra weights loss — ln(I / I^w), the same seed and d with and without
  // the head — at the smaller d (where training improves the component) against the larger (where
  // it harms it), §11.10. benefit[k][seed − 1]; NaN where either run of the pair failed (then
  // `failure` is set and the verdict is INCONCLUSIVE; the figure shows the pairs that exist).
  std::vector<std::vector<double>> benefit(wl_arms, std::vector<double>(static_cast<std::size_t>(S_wl), nan));
  std::vector<double> mean_change(wl_arms, nan);
  for (std::size_t k = 0; k < wl_arms; ++k) {
    const auto j = static_cast<std::size_t>(std::find(f.dims.begin(), f.dims.end(), f.weights_loss_dims[k]) - f.dims.begin());
    // The premise on the seeds (c) compares, 1..S_wl.
    double sum = 0;
    for (int i = 0; i < S_wl; ++i) sum += change[j][static_cast<std::size_t>(i)];
    mean_change[k] = sum / static_cast<double>(S_wl);
    for (std::size_t i = 0; i < runs[j].seeds.size(); ++i)
      for (std::size_t q = 0; q < wl_runs[k].seeds.size(); ++q)
        if (wl_runs[k].seeds[q] == runs[j].seeds[i])
          benefit[k][static_cast<std::size_t>(runs[j].seeds[i] - 1)] = std::log(runs[j].icl_end[i] / wl_runs[k].icl_end[q]);
  }
  if (wl_arms) {
    const bool small = s.plant == "weights-loss-helps-small-d";
    out.verdicts.push_back(dscan_weights_loss_verdict(
        "c",
        fmt::format("{}the extra weights loss (x{:g}) helps {} when the component is impaired (d = {}) than when it is not (d = {})",
                    small ? "planted: " : "", f.weights_loss, small ? "less" : "more", f.weights_loss_dims[1], f.weights_loss_dims[0]),
        benefit[0], benefit[1], mean_change[0], mean_change[1], small, level_each, failure));
  }

  // --- figures: the component against d (mean and percentile band over seeds, at step 0 and at the
  // end), and each run's change.
  {
    experiment_figure fig;
    fig.name = "weights-component-vs-d";
    fig.title = fmt::format("Weights component against d: mean over {} seeds with its {:.0f}% t-interval", S, 100 * s.level);
    fig.xlabel = "d";
    fig.ylabel = fmt::format("held-out relative error of x from the attention-cut block {} (lower is better)", f.probe_layer);
    fig.columns = {"d", "step 0 mean", "step 0 band lo", "step 0 band hi", "last step mean", "last step band lo", "last step band hi"};
    for (std::size_t j = 0; j < runs.size(); ++j) {
      std::vector<double> first, last;
      for (const auto& sc : runs[j].score) first.push_back(sc.front()), last.push_back(sc.back());
      std::vector<double> row{static_cast<double>(runs[j].d)};
      for (const auto* x : {&first, &last}) {
        const auto b = t_interval(*x, s.level);
        row.insert(row.end(), {b.mean, b.lo, b.hi});
      }
      fig.rows.push_back(row);
    }
    fig.curves = {{0, 2, "band", fmt::format("step 0: {:.0f}% band", 100 * s.level)},
                  {0, 1, "linespoints", "step 0: mean"},
                  {0, 5, "band", fmt::format("step {}: {:.0f}% band", f.steps, 100 * s.level)},
                  {0, 4, "linespoints", fmt::format("step {}: mean", f.steps)}};
    out.figures.push_back(fig);
  }
  {
    experiment_figure fig;
    fig.name = "change-per-run";
    fig.title = "Each run's change of the weights component's relative error, last step minus step 0 (above 0: degraded)";
    fig.xlabel = "d";
    fig.ylabel = "final - initial relative error";
    fig.logy = false;
    fig.columns = {"d", "change", "zero"};
    for (std::size_t j = 0; j < runs.size(); ++j)
      for (const double c : change[j]) fig.rows.push_back({static_cast<double>(runs[j].d), c, 0.0});
    fig.curves = {{0, 1, "points", "one run"}, {0, 2, "dashes", "no change"}};
    out.figures.push_back(fig);
  }
  if (wl_arms) {
    experiment_figure fig;
    fig.name = "weights-loss-benefit";
    fig.title = fmt::format("Each seed: ln(in-context loss without the extra weights loss (x{:g}) / with it) (above 0: it helps)",
                            f.weights_loss);
    fig.xlabel = "seed";
    fig.ylabel = "benefit of the extra weights loss";
    fig.logx = fig.logy = false;
    fig.columns = {"seed"};
    for (const long d : f.weights_loss_dims) fig.columns.push_back(fmt::format("d = {}", d));
    fig.columns.push_back("zero");
    for (int j = 0; j < S_wl; ++j) {  // the arms of (c) train seeds 1..S_wl only
      std::vector<double> row{static_cast<double>(j + 1)};
      for (const auto& b : benefit) row.push_back(b[static_cast<std::size_t>(j)]);
      row.push_back(0.0);
      fig.rows.push_back(row);
    }
    for (std::size_t k = 0; k < wl_arms; ++k)
      fig.curves.push_back({0, static_cast<int>(1 + k), "linespoints", fmt::format("d = {}", f.weights_loss_dims[k])});
    fig.curves.push_back({0, static_cast<int>(1 + wl_arms), "dashes", "no benefit"});
    out.figures.push_back(fig);
  }

  out.runs_table.push_back({"d", "extra weights loss", "seed", "relative error at step 0", fmt::format("at step {}", steps.back()),
                            "change", "in-context loss / zero predictor's, last 5 % of steps"});
  for (const auto* arms : {&runs, &wl_runs})
    for (const auto& r : *arms)
      for (std::size_t j = 0; j < r.score.size(); ++j)
        out.runs_table.push_back({std::to_string(r.d), arms == &runs ? "-" : fmt::format("x{:g}", f.weights_loss), std::to_string(r.seeds[j]),
                                  fmt::format("{:.6f}", r.score[j].front()), fmt::format("{:.6f}", r.score[j].back()),
                                  fmt::format("{:+.6f}", r.score[j].back() - r.score[j].front()), fmt::format("{:.4f}", r.icl_end[j])});
  out.notes.push_back(fmt::format(
      "Scale (docs/THEORY.md §11.10): {} blocks, {} heads, width {} ({} parameters at the largest d); {} examples per prompt, "
      "fixed Lambda = I, noiseless; Adam lr {}, batch {}, {} steps; probe at block {} at step 0 and {} log-spaced steps, fitted on {} "
      "held-out prompts and scored on {} others. Intervals: Student's t over the seeds (one statistic per seed).",
      f.layers, f.heads, f.width, runs.empty() ? 0 : runs.back().parameters, f.examples, fmt::format("{:g}", f.lr), f.batch, f.steps,
      f.probe_layer, f.probe_points, f.probe_prompts, f.probe_prompts));
  if (plant) out.notes.push_back("Planted prediction: improves-with-d (only the predicted sign of (b); the runs are the same).");
  if (s.plant == "weights-loss-helps-small-d")
    out.notes.push_back("Planted prediction: weights-loss-helps-small-d (only the predicted sign of (c); the runs are the same).");
  out.as_expected = verdicts_as_expected(s, out.verdicts);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace icl
