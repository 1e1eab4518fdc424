// `iclverify train` (docs/THEORY.md "Trained models"): trains a GPT-2-style transformer on sampled
// prompts with libtorch and writes its learning curve, probe curves, a JSON summary and a figure.
// Compiled only with ICLVERIFY_TORCH; includes no torch header (src/train/trainer.hpp is plain C++).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "report/writers.hpp"
#include "train/plateau_length.hpp"
#include "train/runtime.hpp"
#include "train/trainer.hpp"

namespace icl {

namespace {

namespace fs = std::filesystem;
using namespace icl::train;

struct train_args {
  train_config c;
  std::string out;
  unsigned long long seed = 1, world_seed = 7;
  int bench = 0;
  std::string forward_check;
  bool quiet = false, no_figure = false;
};

std::string num(double x) { return std::isfinite(x) ? fmt::format("{}", x) : std::string("nan"); }

// Learning curve (log step axis, plateau marked, the zero predictor's loss) above the probe curves
// (the weights component's value at initialisation dashed).
std::string gnuplot_script(const std::string& out, const train_config& c, const train_result& r,
                           const plateau_estimate& p) {
  const fs::path o(out);
  const bool factor = c.task == "factor";
  std::string g = "set terminal svg size 900,900 dynamic font 'sans,12' background rgb 'white'\n";
  g += "set output '" + (o / "train.svg").string() + "'\nset datafile separator ','\nset termoption noenhanced\n";
  g += "set multiplot layout 2,1\nset grid\nset key outside below\nset logscale x\nset format x '1e%L'\n";
  g += fmt::format("set xrange [1:{}]\n", std::max<long>(c.steps, 2));
  g += fmt::format("set title 'Learning curve: {} (L={} H={} width={}, {} lr={} batch={} seed={})'\n", c.task, c.model.layers,
                   c.model.heads, c.model.width, c.optimizer, num(c.lr), c.batch, c.seed);
  g += "set xlabel 'step'\nset ylabel 'loss'\n";
  if (p.step > 0)
    g += fmt::format("set arrow 1 from {0},graph 0 to {0},graph 1 nohead lw 2 lc rgb 'red'\n"
                     "set label 1 'plateau ends: step {0}' at {0},graph 0.95 left offset 0.5,0 tc rgb 'red'\n",
                     p.step);
  g += fmt::format("plot '{0}' using 1:2 skip 1 with lines lw 1 title 'training loss', '{0}' using 1:3 skip 1 with lines "
                   "lw 1 title 'in-context loss (second half of the prompt)', {1} with lines lw 2 lc rgb 'gray50' title '{2}'\n",
                   (o / "curve.csv").string(), num(r.zero_loss), factor ? "uniform prediction" : "zero predictor");
  g += "unset arrow 1\nunset label 1\n";
  g += fmt::format("set title 'Probes at block {}: weights component (attention cut){}'\n", c.probe.layer,
                   factor ? ", context component, in-context accuracy" : ", in-context error");
  g += fmt::format("set ylabel '{}'\n", factor ? "held-out accuracy" : "relative error of x / squared error");
  double w0 = std::nan("");
  for (const auto& q : r.probes)
    if (q.step == 0) w0 = q.weights_score;
  std::string plot = fmt::format("plot '{0}' using 1:2 skip 1 with linespoints pt 7 ps 0.6 lw 2 title 'weights component{1}'",
                                 (o / "probes.csv").string(), factor ? " (factor accuracy)" : " (relative error of x)");
  if (factor)
    plot += fmt::format(", '{0}' using 1:3 skip 1 with linespoints pt 7 ps 0.6 lw 2 title 'context component (which factor)'",
                        (o / "probes.csv").string());
  plot += fmt::format(", '{0}' using 1:4 skip 1 with linespoints pt 7 ps 0.6 lw 2 title 'in-context {1} at the last position'",
                      (o / "probes.csv").string(), factor ? "accuracy" : "squared error");
  if (std::isfinite(w0)) plot += fmt::format(", {} with lines lw 1 lc rgb 'gray50' title 'weights component at initialisation'", num(w0));
  g += plot + "\nunset multiplot\n";
  return g;
}

int run_train(train_args& a) {
  auto& c = a.c;
  c.seed = a.seed;
  c.factor.world_seed = a.world_seed;
  c.factor.examples = c.linreg.examples;  // one --examples for both tasks
  c.probe.test_prompts = c.probe.fit_prompts;
  if (a.bench > 0) {
    const auto b = bench_steps(c, a.bench);
    auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
    };
    const auto rt = configure_runtime(false);
    std::cout << fmt::format("{{\"parameters\": {}, \"steps\": {}, \"median_wall_s\": {}, \"median_cpu_s\": {}, "
                             "\"blas\": \"{}\", \"matmul256_gflops\": {}, \"wall_s\": [",
                             b.parameters, b.wall.size(), median(b.wall), median(b.cpu), json_escape(rt.blas_library),
                             num(rt.matmul_gflops));
    for (std::size_t i = 0; i < b.wall.size(); ++i) std::cout << (i ? ", " : "") << num(b.wall[i]);
    std::cout << "], \"cpu_s\": [";
    for (std::size_t i = 0; i < b.cpu.size(); ++i) std::cout << (i ? ", " : "") << num(b.cpu[i]);
    std::cout << "]}\n";
    return 0;
  }
  if (!a.forward_check.empty()) {  // raw float32 in, raw float32 out (attention on, then cut)
    if (a.out.empty()) throw usage_error("--out: required (the run whose checkpoint --forward-check reads)");
    if (c.checkpoint_dir.empty()) c.checkpoint_dir = (fs::path(a.out) / "checkpoint").string();
    std::ifstream in(a.forward_check, std::ios::binary);
    if (!in) throw usage_error("--forward-check: cannot read '" + a.forward_check + "'");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> tokens(bytes.size() / sizeof(float));
    std::memcpy(tokens.data(), bytes.data(), tokens.size() * sizeof(float));
    const auto f = forward_from_checkpoint(c, tokens);
    auto raw = [](const std::vector<float>& v) { return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)); };
    write_atomically((fs::path(a.out) / "forward_on.f32").string(), raw(f.on));
    write_atomically((fs::path(a.out) / "forward_cut.f32").string(), raw(f.cut));
    std::cout << "forward at checkpoint step " << f.step << "\n";
    return 0;
  }
  if (a.out.empty()) throw usage_error("--out: required (the folder the curves, probes, summary and figure go to)");
  require_writable_folder(a.out, "--out");
  if (!a.no_figure && std::system("gnuplot --version >/dev/null 2>&1") != 0)
    throw usage_error("the figure needs gnuplot: apt-get install gnuplot-nox (or pass --no-figure)");
  if (c.checkpoint_dir.empty()) c.checkpoint_dir = (fs::path(a.out) / "checkpoint").string();
  validate(c);
  fs::create_directories(a.out);
  c.progress = progress_on_terminal(a.quiet);
  const auto r = icl::train::train(c);
  if (!r.finished) {
    std::cout << fmt::format("stopped at step {} of {} (--stop-at); resume with --resume\n", r.steps_done, c.steps);
    return 1;
  }
  std::string curve = "step,loss,icl_loss\n", probes = "step,weights_score,context_score,icl_last\n",
              positions = "step,position,value\n";
  std::vector<long> steps;
  std::vector<double> icl;
  for (const auto& x : r.curve) {
    curve += fmt::format("{},{},{}\n", x.step, num(x.loss), num(x.icl_loss));
    steps.push_back(x.step);
    icl.push_back(x.icl_loss);
  }
  for (const auto& x : r.probes)
    probes += fmt::format("{},{},{},{}\n", x.step, num(x.weights_score), num(x.context_score), num(x.icl_score));
  for (const auto& x : r.positions) positions += fmt::format("{},{},{}\n", x.step, x.position, num(x.value));
  if (!r.held_out.empty()) {
    std::string held = "step,loss,icl_loss\n";
    for (const auto& x : r.held_out) held += fmt::format("{},{},{}\n", x.step, num(x.loss), num(x.icl_loss));
    write_atomically((fs::path(a.out) / "held_out.csv").string(), held);
  }
  const auto p = plateau_length(steps, icl);
  const fs::path o(a.out);
  write_atomically((o / "curve.csv").string(), curve);
  write_atomically((o / "probes.csv").string(), probes);
  write_atomically((o / "icl_by_position.csv").string(), positions);
  const auto& last = r.curve.back();
  write_atomically(
      (o / "summary.json").string(),
      flat_json({{"task", c.task},
                 {"model", fmt::format("GPT-2-style, {} blocks, {} heads, width {}, {} parameters", c.model.layers,
                                       c.model.heads, c.model.width, r.parameters)},
                 {"optimizer", fmt::format("{} lr {}{} batch {}", c.optimizer, num(c.lr),
                                             c.lr_warmup > 0 ? fmt::format(" (linear warm-up over {} steps)", c.lr_warmup) : "", c.batch)},
                 {"steps", std::to_string(r.steps_done)},
                 {"seed", std::to_string(c.seed)},
                 {"resumed_from_step", std::to_string(r.resumed_from)},
                 {"zero_predictor_loss", num(r.zero_loss)},
                 {"final_loss", num(last.loss)},
                 {"final_icl_loss", num(last.icl_loss)},
                 {"plateau_start_icl_loss", num(p.start)},
                 {"plateau_end_icl_loss", num(p.end)},
                 {"plateau_length_steps", p.step < 0 ? std::string("none (the in-context loss did not fall)")
                                                     : std::to_string(p.step)},
                 {"probe_layer", std::to_string(c.probe.layer)},
                 {"weights_score_initial", r.probes.empty() ? "nan" : num(r.probes.front().weights_score)},
                 {"weights_score_final", r.probes.empty() ? "nan" : num(r.probes.back().weights_score)},
                 {"seconds_this_run", num(r.seconds)},
                 {"blas_warning", r.blas_warning}}));
  std::string figure = "(not drawn: --no-figure)";
  if (!a.no_figure) {
    write_atomically((o / "train.gp").string(), gnuplot_script(a.out, c, r, p));
    const std::string cmd = "gnuplot '" + (o / "train.gp").string() + "' 2>'" + (o / "gnuplot.log").string() + "'";
    figure = std::system(cmd.c_str()) == 0 ? (o / "train.svg").string() : "gnuplot failed (see gnuplot.log)";
  }
  print_aligned({{"task", c.task},
                 {"parameters", std::to_string(r.parameters)},
                 {"steps", std::to_string(r.steps_done) + (r.resumed_from >= 0 ? fmt::format(" (resumed at {})", r.resumed_from) : "")},
                 {"loss", fmt::format("{} -> {} (zero predictor {})", num(r.curve.front().loss), num(last.loss), num(r.zero_loss))},
                 {"plateau", p.step < 0 ? std::string("none measured") : fmt::format("{} steps", p.step)},
                 {"weights component", r.probes.empty() ? std::string("not probed")
                                                        : fmt::format("{} -> {}", num(r.probes.front().weights_score),
                                                                      num(r.probes.back().weights_score))},
                 {"figure", figure},
                 {"out", a.out}});
  return 0;
}

}  // namespace

subcommand add_train_command(CLI::App& app, const std::string& /*command_line*/) {
  auto a = std::make_shared<train_args>();
  auto* t = app.add_subcommand("train", "train a GPT-2-style transformer on sampled prompts (libtorch) and probe it");
  auto& c = a->c;
  t->add_option("--task", c.task, "linreg (in-context linear regression) or factor (Fu et al.'s factor task)")->capture_default_str();
  t->add_option("--d", c.linreg.d, "linreg: dimension of x")->capture_default_str();
  t->add_option("--examples", c.linreg.examples, "examples (x, y pairs or items) per prompt")->capture_default_str();
  t->add_flag("--random-cov", c.linreg.random_cov, "linreg: Λ = c·diag(Exp(1)) drawn per prompt (default Λ = c·I)");
  t->add_option("--scale", c.linreg.scale, "linreg: the covariance scale c")->capture_default_str();
  t->add_option("--noise", c.linreg.noise, "linreg: standard deviation of the label noise")->capture_default_str();
  t->add_option("--mappings", c.factor.mappings, "factor: pre-sampled mappings m per factor")->capture_default_str();
  t->add_option("--factors", c.factor.factors, "factor: how many of the 6 factors a prompt may label")->capture_default_str();
  t->add_option("--embed-dim", c.factor.embed_dim, "factor: width of an item's random code")->capture_default_str();
  t->add_option("--item-noise", c.factor.noise, "factor: noise added to an item's code at each draw")->capture_default_str();
  t->add_option("--world-seed", a->world_seed, "factor: seed of the fixed codes and mappings")->capture_default_str();
  t->add_option("--layers", c.model.layers, "transformer blocks L")->capture_default_str();
  t->add_option("--heads", c.model.heads, "attention heads")->capture_default_str();
  t->add_option("--width", c.model.width, "width of the residual stream")->capture_default_str();
  t->add_option("--optimizer", c.optimizer, "adam or sgd")->capture_default_str();
  t->add_option("--lr", c.lr, "learning rate")->capture_default_str();
  t->add_option("--lr-warmup", c.lr_warmup, "raise the learning rate linearly to --lr over the first N steps (0: none)")
      ->capture_default_str();
  t->add_option("--batch", c.batch, "prompts per step")->capture_default_str();
  t->add_option("--steps", c.steps, "training steps")->capture_default_str();
  t->add_option("--seed", a->seed, "seed of the initialisation and of the batches")->capture_default_str();
  t->add_option("--checkpoint-dir", c.checkpoint_dir, "checkpoint folder (default OUT/checkpoint)");
  t->add_option("--checkpoint-every", c.checkpoint_every, "steps between checkpoints")->capture_default_str();
  t->add_flag("--resume", c.resume, "continue from the last checkpoint (same settings; starts afresh when there is none)");
  t->add_option("--stop-at", c.stop_at, "stop after this step as if killed (to test --resume)");
  t->add_option("--probe-layer", c.probe.layer, "block whose output the probes read (0 = after the read-in)")->capture_default_str();
  t->add_option("--probe-points", c.probe.points, "probe evaluations, log-spaced over the steps")->capture_default_str();
  t->add_option("--probe-prompts", c.probe.fit_prompts, "held-out prompts to fit the probes on (as many to score them)")
      ->capture_default_str();
  t->add_option("--warmup-steps", c.remedy.warmup_steps, "factor: train the first W steps on the easy setting (--easy-mappings)")
      ->capture_default_str();
  t->add_option("--mix-fraction", c.remedy.mix_fraction, "factor: fraction of each batch drawn from the easy setting")
      ->capture_default_str();
  t->add_option("--easy-mappings", c.remedy.easy_mappings, "factor: mappings m of the easy setting of warm-up and mixing")
      ->capture_default_str();
  t->add_option("--weights-loss", c.remedy.weights_loss, "weight of an extra head predicting each item's own factors (factor) or x itself (linreg)")
      ->capture_default_str();
  t->add_option("--context-loss", c.remedy.context_loss, "factor: weight of an extra head predicting the labelled factor")
      ->capture_default_str();
  t->add_option("--held-out-every", c.held_out.every, "steps between evaluations on a held-out batch of the task (0: none)")
      ->capture_default_str();
  t->add_option("--held-out-prompts", c.held_out.prompts, "prompts of that held-out batch")->capture_default_str();
  t->add_option("--out", a->out, "output folder: curve.csv, probes.csv, icl_by_position.csv, summary.json, train.svg");
  t->add_flag("--no-figure", a->no_figure, "write the CSVs and the summary but do not run gnuplot");
  t->add_flag("--quiet,-q", a->quiet, "no progress line");
  t->add_option("--forward-check", a->forward_check,
                 "run the checkpointed model of --out on raw float32 tokens from this file; writes OUT/forward_on.f32 "
                 "and OUT/forward_cut.f32 (for the independent check in tests/python)");
  t->add_option("--bench-steps", a->bench, "time this many training steps on one fixed batch and print JSON (no output files)");
  return {t, [a] { return run_train(*a); }};
}

}  // namespace icl
