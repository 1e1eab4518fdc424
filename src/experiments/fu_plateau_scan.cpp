#include "experiments/fu_plateau_scan.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "experiments/fu_plateau_runs.hpp"
#include "experiments/rank_correlation.hpp"
#include "experiments/seed_statistics.hpp"

namespace icl {

experiment_verdict rank_verdict(const std::string& key, const std::string& claim, const std::string& statistic, double rho, double lo,
                                double hi, int sign, double level, const std::string& failure) {
  experiment_verdict v;
  v.key = key;
  v.claim = claim;
  v.statistic = statistic;
  v.prediction = sign < 0 ? "< 0 (the whole interval)" : "> 0 (the whole interval)";
  v.effect = rho;
  v.lo = lo;
  v.hi = hi;
  if (!failure.empty() || !std::isfinite(rho) || !std::isfinite(lo) || !std::isfinite(hi)) {
    v.verdict = "INCONCLUSIVE";
    v.reason = !failure.empty() ? failure : "the rank correlation is not defined (a constant variable: every run censored, say)";
    return v;
  }
  const bool below = hi < 0, above = lo > 0;
  v.verdict = (sign < 0 ? below : above) ? "CONFIRMED" : (sign < 0 ? above : below) ? "NOT REPRODUCED" : "INCONCLUSIVE";
  v.reason = fmt::format("Spearman rho {:+.3f}, {:.1f}% stratified bootstrap interval [{:+.3f}, {:+.3f}]{}", rho, 100 * level, lo, hi,
                         v.verdict == "INCONCLUSIVE" ? "; the interval contains 0" : "");
  return v;
}

experiment_outcome run_fu_plateau_scan(const lsa_experiment_spec& s, run_journal& journal,
                                       const std::function<void(const std::string&)>& status) {
  const auto t0 = std::chrono::steady_clock::now();
  validate_fu_plateau(s);
  experiment_outcome out;
  out.spec = s;
  const auto& ms = s.plateau.mappings;
  std::vector<plateau_arm> arms(ms.size());
  int done = 0;
  const int total = static_cast<int>(ms.size()) * s.seeds;
  std::string failure;
  for (std::size_t i = 0; i < ms.size(); ++i) {
    arms[i].mappings = ms[i];
    arms[i].name = fmt::format("m = {}", ms[i]);
    run_arm(s, arms[i], journal, status, done, total, out);
    if (failure.empty()) failure = arms[i].failure;
  }

  // --- the pooled runs: change, plateau length, difficulty, stratum.
  std::vector<double> change, length, difficulty;
  std::vector<int> stratum;
  int censored = 0;
  for (std::size_t i = 0; i < arms.size(); ++i)
    for (const auto& r : arms[i].runs) {
      change.push_back(r.change());
      length.push_back(static_cast<double>(r.plateau));
      difficulty.push_back(static_cast<double>(ms[i]));
      stratum.push_back(static_cast<int>(i));
      censored += r.censored ? 1 : 0;
    }
  // Two verdicts, both must come out as expected: each at 1 − (1 − level)/2 (Bonferroni, §11.8).
  const double level_each = 1 - (1 - s.level) / 2;
  const bool plant = s.plant == "shorter-when-below";
  const auto ra = spearman_bootstrap(change, length, stratum, level_each, s.bootstrap, 0x5ca11ab1e);
  auto a = rank_verdict(
      "a",
      plant ? "planted: the plateau is shorter when the weights component ends below its initial value (positive rank correlation)"
            : "the plateau is longer when the weights component ends below its initial value (negative rank correlation)",
      "Spearman rank correlation, over all runs, of (weights component at the last step - at step 0) with the plateau length",
      ra.rho, ra.lo, ra.hi, plant ? +1 : -1, level_each, failure);
  a.planted = plant;
  if (censored) a.reason += fmt::format("; {} of {} runs censored at the budget (ranked last, tied)", censored, length.size());
  out.verdicts.push_back(a);
  const auto rb = spearman_bootstrap(difficulty, change, stratum, level_each, s.bootstrap, 0xd1ff1c017);
  out.verdicts.push_back(rank_verdict("b", "the weights component's change falls with difficulty (negative rank correlation with m)",
                                      "Spearman rank correlation, over all runs, of m with the weights component's change", rb.rho,
                                      rb.lo, rb.hi, -1, level_each, failure));

  // --- figures and tables.
  std::vector<const plateau_arm*> ptrs;
  for (const auto& a2 : arms) ptrs.push_back(&a2);
  out.figures.push_back(plateau_curves_figure(s, ptrs));
  out.figures.push_back(plateau_lengths_figure(s, ptrs));
  {
    experiment_figure fig;
    fig.name = "length-vs-change";
    fig.title = fmt::format("Each run: plateau length against the weights component's change (censored runs at the budget, {} steps)",
                            s.fu.steps);
    fig.xlabel = "weights component at the last step - at step 0";
    fig.ylabel = "plateau length (steps)";
    fig.logx = false;
    fig.columns = {"change"};
    for (const auto& a2 : arms) fig.columns.push_back(a2.name);
    fig.columns.push_back("budget");
    for (std::size_t i = 0; i < arms.size(); ++i)
      for (const auto& r : arms[i].runs) {
        std::vector<double> row(arms.size() + 2, std::nan(""));
        row[0] = r.change();
        row[1 + i] = static_cast<double>(r.plateau);
        row[arms.size() + 1] = static_cast<double>(s.fu.steps);
        fig.rows.push_back(row);
      }
    std::sort(fig.rows.begin(), fig.rows.end(), [](const auto& x, const auto& y) { return x[0] < y[0]; });
    for (std::size_t i = 0; i < arms.size(); ++i) fig.curves.push_back({0, static_cast<int>(1 + i), "points", arms[i].name});
    fig.curves.push_back({0, static_cast<int>(arms.size() + 1), "dashes", "step budget (censored runs sit on it)"});
    out.figures.push_back(fig);
  }
  out.runs_table = plateau_runs_table(ptrs, s.fu.steps);
  const auto& f = s.fu;
  out.notes.push_back(fmt::format(
      "Scale (docs/THEORY.md §11.8): {} blocks, {} heads, width {} ({} parameters); {} items per prompt, {} factors labelled, item codes "
      "of width {}; Adam lr {}, batch {}, {} steps; weights-component probe at block {} (step 0 and {} log-spaced steps, {} + {} "
      "held-out prompts); plateau length: first step at which the trailing mean of the in-context loss on {} held-out prompts "
      "(evaluated every {} steps) reaches {}; {} bootstrap resamples of the seeds within each m.",
      f.layers, f.heads, f.width, arms.front().runs.empty() ? 0 : arms.front().runs.front().parameters, f.examples, f.factors,
      f.embed_dim, fmt::format("{:g}", f.lr), f.batch, f.steps, f.probe_layer, f.probe_points, f.probe_prompts, f.probe_prompts,
      s.plateau.held_out_prompts, s.plateau.held_out_every, fmt::format("{:g}", s.plateau.escape_loss), s.bootstrap));
  if (plant) out.notes.push_back("Planted prediction: shorter-when-below (only the predicted sign of (a); the runs are the same).");
  out.as_expected = verdicts_as_expected(s, out.verdicts);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace icl
