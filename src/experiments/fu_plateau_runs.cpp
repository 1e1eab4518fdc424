#include "experiments/fu_plateau_runs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include "core/errors.hpp"
#include "experiments/fu_weights_component.hpp"
#include "train/plateau_length.hpp"

namespace icl {

namespace {

train::train_config arm_config(const lsa_experiment_spec& s, const plateau_arm& arm, int seed) {
  auto c = fu_train_config(s, arm.mappings, seed);
  c.remedy = arm.remedy;
  c.held_out.every = s.plateau.held_out_every;
  c.held_out.prompts = s.plateau.held_out_prompts;
  return c;
}

std::string run_key(const lsa_experiment_spec& s, const plateau_arm& arm, int seed) {
  const auto& f = s.fu;
  const auto& r = arm.remedy;
  return fmt::format("fu-plateau m={} k={} n={} e={} L={} H={} W={} lr={:.17g} B={} steps={} probe={},{},{} held={},{} "
                     "remedy={},{:.17g},{},{:.17g},{:.17g} seed={}",
                     arm.mappings, f.factors, f.examples, f.embed_dim, f.layers, f.heads, f.width, f.lr, f.batch, f.steps,
                     f.probe_layer, f.probe_points, f.probe_prompts, s.plateau.held_out_every, s.plateau.held_out_prompts,
                     r.warmup_steps, r.mix_fraction, r.easy_mappings, r.weights_loss, r.context_loss, seed);
}

}  // namespace

int plateau_arm::censored() const {
  return static_cast<int>(std::count_if(runs.begin(), runs.end(), [](const plateau_run& r) { return r.censored; }));
}

std::vector<double> plateau_arm::lengths() const {
  std::vector<double> v;
  for (const auto& r : runs) v.push_back(static_cast<double>(r.plateau));
  return v;
}

const plateau_run* plateau_arm::of_seed(int seed) const {
  for (const auto& r : runs)
    if (r.seed == seed) return &r;
  return nullptr;
}

std::vector<double> paired_differences(const plateau_arm& a, const plateau_arm& base, int seeds) {
  std::vector<double> d;
  for (int s = 1; s <= seeds; ++s) {
    const auto *x = a.of_seed(s), *y = base.of_seed(s);
    d.push_back(x && y ? static_cast<double>(x->plateau - y->plateau) : std::numeric_limits<double>::quiet_NaN());
  }
  return d;
}

void read_plateau(plateau_run& r, double escape_loss, long budget) {
  const long at = train::first_step_below(r.curve_steps, r.icl, escape_loss);
  r.censored = at < 0;
  r.plateau = r.censored ? budget : at;
}

void validate_fu_plateau(const lsa_experiment_spec& s) {
  plateau_arm arm;
  arm.mappings = s.fu.mappings_hard;
  arm.remedy = {s.plateau.warmup_steps, s.plateau.mix_fraction, static_cast<int>(s.fu.mappings_easy), s.plateau.weights_loss,
                s.plateau.context_loss};
  std::vector<long> ms = s.family == "fu_plateau_scan" ? s.plateau.mappings : std::vector<long>{s.fu.mappings_hard};
  if (s.family == "fu_plateau_scan") arm.remedy = {};
  for (const long m : ms) {
    arm.mappings = m;
    try {
      train::validate(arm_config(s, arm, 1));
    } catch (const usage_error& e) {
      throw spec_error(s.file, s.line, "setup", std::string("the training settings are refused: ") + e.what());
    }
  }
}

void run_arm(const lsa_experiment_spec& s, plateau_arm& arm, run_journal& journal,
             const std::function<void(const std::string&)>& status, int& done, int total, experiment_outcome& out) {
  const auto probe_at = train::probe_steps(arm_config(s, arm, 1));
  const std::size_t P = probe_at.size();
  for (int seed = 1; seed <= s.seeds; ++seed) {
    const std::string key = run_key(s, arm, seed);
    ++done;
    if (!journal.has(key)) {
      if (status) status(fmt::format("{}: run {}/{} ({}, seed {})", s.id, done, total, arm.name, seed));
      const bool trained = train_journalled(fmt::format("{}, seed {}", arm.name, seed), arm.failure, [&] {
        journal.require_trainable(key);
        const auto res = train::train(arm_config(s, arm, seed));
        // [P, (step, score) × P, H, (step, icl) × H, parameters]
        std::vector<double> v{static_cast<double>(res.probes.size())};
        for (const auto& p : res.probes) v.insert(v.end(), {static_cast<double>(p.step), p.weights_score});
        v.push_back(static_cast<double>(res.held_out.size()));
        for (const auto& h : res.held_out) v.insert(v.end(), {static_cast<double>(h.step), h.icl_loss});
        v.push_back(static_cast<double>(res.parameters));
        journal.put(key, std::move(v));
        ++out.runs_trained;
      });
      if (!trained) continue;
    } else {
      ++out.runs_resumed;
    }
    const auto& v = journal.get(key);
    auto bad = [&] { return usage_error("the run journal holds a run of another shape under key '" + key + "': rerun without --resume"); };
    if (v.empty() || std::lround(v[0]) != static_cast<long>(P) || v.size() < 2 * P + 3) throw bad();
    plateau_run r;
    r.seed = seed;
    for (std::size_t k = 0; k < P; ++k) {
      r.probe_steps.push_back(std::lround(v[1 + 2 * k]));
      r.score.push_back(v[2 + 2 * k]);
      if (r.probe_steps.back() != probe_at[k]) throw usage_error("the run journal's probe steps differ under key '" + key + "'");
    }
    const std::size_t H = static_cast<std::size_t>(std::lround(v[1 + 2 * P]));
    if (v.size() != 2 * P + 2 * H + 3) throw bad();
    for (std::size_t k = 0; k < H; ++k) {
      r.curve_steps.push_back(std::lround(v[2 + 2 * P + 2 * k]));
      r.icl.push_back(v[3 + 2 * P + 2 * k]);
    }
    r.parameters = std::lround(v.back());
    read_plateau(r, s.plateau.escape_loss, s.fu.steps);
    arm.runs.push_back(std::move(r));
  }
}

experiment_figure plateau_curves_figure(const lsa_experiment_spec& s, const std::vector<const plateau_arm*>& arms) {
  experiment_figure fig;
  fig.name = "learning-curves";
  fig.title = fmt::format("Held-out in-context loss (items {}..{}), mean of {} seeds; plateau ends at the escape level {}",
                          s.fu.examples / 2 + 1, s.fu.examples, s.seeds, fmt::format("{:g}", s.plateau.escape_loss));
  fig.xlabel = "step";
  fig.ylabel = "cross-entropy (uniform logits: ln 15 = 2.708)";
  fig.logy = false;
  fig.columns = {"step"};
  for (const auto* a : arms) fig.columns.push_back(a->name);
  fig.columns.push_back("escape level");
  std::size_t H = 0;
  for (const auto* a : arms)
    if (!a->runs.empty()) H = std::max(H, a->runs.front().curve_steps.size());
  for (std::size_t k = 0; k < H; ++k) {
    long step = 0;
    std::vector<double> row{0.0};
    for (const auto* a : arms) {
      double sum = 0;
      int n = 0;
      for (const auto& r : a->runs)
        if (k < r.icl.size()) {
          sum += r.icl[k];
          step = r.curve_steps[k];
          ++n;
        }
      row.push_back(n ? sum / n : std::numeric_limits<double>::quiet_NaN());
    }
    row[0] = static_cast<double>(std::max(1L, step));
    row.push_back(s.plateau.escape_loss);
    fig.rows.push_back(row);
  }
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const auto L = arms[i]->lengths();
    double m = 0;
    for (const double x : L) m += x / static_cast<double>(L.size());
    fig.curves.push_back({0, static_cast<int>(1 + i), "lines",
                          fmt::format("{} (mean plateau length {:.0f} steps, {} of {} censored)", arms[i]->name, m, arms[i]->censored(),
                                      L.size())});
  }
  fig.curves.push_back({0, static_cast<int>(arms.size() + 1), "dashes", "escape level"});
  return fig;
}

experiment_figure plateau_lengths_figure(const lsa_experiment_spec& s, const std::vector<const plateau_arm*>& arms) {
  experiment_figure fig;
  fig.name = "plateau-lengths";
  fig.title = fmt::format("Each seed's plateau length per setting (censored runs sit on the budget, {} steps)", s.fu.steps);
  fig.xlabel = "seed";
  fig.ylabel = "plateau length (steps)";
  fig.logx = fig.logy = false;
  fig.columns = {"seed"};
  for (const auto* a : arms) fig.columns.push_back(a->name);
  fig.columns.push_back("step budget");
  for (int j = 0; j < s.seeds; ++j) {
    std::vector<double> row{static_cast<double>(j + 1)};
    for (const auto* a : arms) {
      const auto* r = a->of_seed(j + 1);
      row.push_back(r ? static_cast<double>(r->plateau) : std::numeric_limits<double>::quiet_NaN());
    }
    row.push_back(static_cast<double>(s.fu.steps));
    fig.rows.push_back(row);
  }
  for (std::size_t i = 0; i < arms.size(); ++i) fig.curves.push_back({0, static_cast<int>(1 + i), "linespoints", arms[i]->name});
  fig.curves.push_back({0, static_cast<int>(arms.size() + 1), "dashes", "step budget"});
  return fig;
}

std::vector<std::vector<std::string>> plateau_runs_table(const std::vector<const plateau_arm*>& arms, long budget) {
  std::vector<std::vector<std::string>> t;
  t.push_back({"setting", "seed", "plateau length (steps)", "weights component at step 0", "at the last step", "change",
               "held-out in-context loss, last point"});
  for (const auto* a : arms)
    for (const auto& r : a->runs) {
      t.push_back({a->name, std::to_string(r.seed),
                   r.censored ? fmt::format(">= {} (censored: never escaped)", budget) : std::to_string(r.plateau),
                   fmt::format("{:.4f}", r.score.front()), fmt::format("{:.4f}", r.score.back()), fmt::format("{:+.4f}", r.change()),
                   r.icl.empty() ? "-" : fmt::format("{:.4f}", r.icl.back())});
    }
  return t;
}

}  // namespace icl
