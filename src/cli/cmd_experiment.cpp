// `iclverify experiment FILES… --out DIR [--resume]`: trained models against the exact theory
// (theorems/experiments/, docs/THEORY.md "Training the linear layer"). Compiled only with libtorch
// (ICLVERIFY_TORCH); this file includes no torch header. Families: zfb_lsa_training (§11.6),
// fu_weights_component (§11.7), fu_plateau_scan (§11.8), fu_plateau_remedies (§11.9),
// fu_linreg_dscan (§11.10) and zfb_gpt2_covariance (§11.11). Exit status: 0 when every verdict is as
// the file expects (CONFIRMED, or the planted one NOT REPRODUCED), 1 otherwise, 2 on bad input.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <utility>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "cli/experiment_jobs.hpp"
#include "cli/subcommands.hpp"
#include "experiments/experiment_report.hpp"
#include "experiments/fu_linreg_dscan.hpp"
#include "experiments/fu_plateau_remedies.hpp"
#include "experiments/fu_plateau_runs.hpp"
#include "experiments/fu_plateau_scan.hpp"
#include "experiments/fu_weights_component.hpp"
#include "experiments/paper_scale.hpp"
#include "experiments/zfb_gpt2_covariance.hpp"
#include "report/report_pages.hpp"
#include "report/writers.hpp"

namespace icl {

namespace {

struct experiment_args {
  std::vector<std::string> files;
  std::string out = "reports/experiments";
  bool resume = false, quiet = false, no_figures = false;
  std::string scale = "default";  // default | paper (families fu_linreg_dscan, zfb_gpt2_covariance)
  int jobs = 1;                   // worker processes for the training (experiment_jobs.hpp)
  std::string worker_shard;       // "I/N": this process is worker I (from 0) of `--jobs N`
};

// Two experiment commands writing into one folder would interleave their journals and delete each
// other's worker folders: the second is refused while the first holds OUT/.experiment.lock (an
// advisory lock the kernel drops when its holder exits, so a killed run leaves nothing to clean).
void lock_out_folder(const std::string& out) {
  const auto path = (std::filesystem::path(out) / ".experiment.lock").string();
  // Held until the process exits, and inherited by the --jobs workers (no O_CLOEXEC): a flock
  // belongs to the open file description, so the folder stays locked while any worker outlives a
  // killed parent.
  static int fd = -1;
  if (fd >= 0) ::close(fd);
  fd = ::open(path.c_str(), O_CREAT | O_RDWR, 0644);
  if (fd < 0) throw usage_error("--out: cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
    throw usage_error("--out: another `iclverify experiment` is writing into " + out + " (it holds " + path +
                      "); wait for it to finish or choose another folder");
}

// "I/N" with 0 <= I < N <= 64, as run_experiment_jobs passes it.
std::pair<int, int> parse_worker_shard(const std::string& text) {
  int i = -1, n = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d/%d%c", &i, &n, &tail) != 2 || n < 1 || n > 64 || i < 0 || i >= n)
    throw usage_error("--worker-shard: must be I/N with 0 <= I < N <= 64, got '" + text + "'");
  return {i, n};
}

int cmd_experiment(const experiment_args& a, const std::string& command) {
  // Everything is read and checked before the first step of training.
  std::vector<lsa_experiment_spec> specs;
  for (const auto& f : experiment_files(a.files)) specs.push_back(load_experiment_file(f));
  if (a.scale != "default" && a.scale != "paper") throw usage_error("--scale: must be default or paper, got '" + a.scale + "'");
  if (a.scale == "paper")
    for (auto& s : specs)
      if (!apply_paper_scale(s)) std::cerr << "iclverify: --scale paper: family " << s.family << " has no paper preset; " << s.id << " runs as written\n";
  for (const auto& s : specs) {
    if (s.family == "fu_weights_component") validate_fu_experiment(s);
    else if (s.family == "fu_linreg_dscan") validate_dscan_experiment(s);
    else if (s.family == "zfb_gpt2_covariance") validate_zfb_gpt2_experiment(s);
    else if (s.family == "fu_plateau_scan" || s.family == "fu_plateau_remedies") validate_fu_plateau(s);
    else validate_lsa_experiment(s);
  }
  if (a.jobs < 1 || a.jobs > 64) throw usage_error("--jobs: must be an integer in [1, 64]");
  require_writable_folder(a.out, "--out");
  if (!a.no_figures) require_gnuplot();
  std::filesystem::create_directories(a.out);
  lock_out_folder(a.out);
  const auto t0 = std::chrono::steady_clock::now();
  settle_leftover_jobs(a.out, a.resume);
  const auto shard = a.worker_shard.empty() ? std::pair{0, 1} : parse_worker_shard(a.worker_shard);
  const bool parallel = a.jobs > 1;
  if (parallel && shard.second > 1) throw usage_error("--jobs: not inside a worker (--worker-shard)");
  if (parallel) {
    experiment_jobs_options o;
    o.executable = std::filesystem::read_symlink("/proc/self/exe").string();
    o.out = a.out;
    o.scale = a.scale;
    o.resume = a.resume;
    o.quiet = a.quiet;
    o.progress_on_terminal = progress_on_terminal(a.quiet);
    o.jobs = a.jobs;
    run_experiment_jobs(specs, o);
  }
  // After --jobs every run is in the journal: the pages come from it as on --resume.
  run_journal journal((std::filesystem::path(a.out) / "runs.jsonl").string(), a.resume || parallel);
  if (parallel)
    journal.forbid_training("its worker process could not train it; the reason is in " +
                                (std::filesystem::path(a.out) / ".jobs" / "worker-{worker}" / "log.txt").string(),
                            a.jobs);
  journal.set_shard(shard.first, shard.second);
  const bool tty = progress_on_terminal(a.quiet);
  std::function<void(const std::string&)> status;
  if (tty) status = [](const std::string& s) { std::cerr << "\r\033[K" << s << std::flush; };
  std::vector<experiment_outcome> outs;
  bool ok = true;
  auto run_file = [&](const lsa_experiment_spec& s) {
    return s.family == "fu_weights_component"  ? run_fu_experiment(s, journal, status)
           : s.family == "fu_linreg_dscan"     ? run_dscan_experiment(s, journal, status)
           : s.family == "zfb_gpt2_covariance" ? run_zfb_gpt2_experiment(s, journal, status)
           : s.family == "fu_plateau_scan"     ? run_fu_plateau_scan(s, journal, status)
           : s.family == "fu_plateau_remedies" ? run_fu_plateau_remedies(s, journal, status)
                                               : run_lsa_experiment(s, journal, status);
  };
  for (const auto& s : specs) {
    if (shard.second > 1) {
      // A worker's pages are thrown away; only its journal counts. A family that stops at a run
      // another worker owns (run_journal::require_trainable) is simply left here.
      try {
        outs.push_back(run_file(s));
      } catch (const left_to_other_worker& e) {
        std::cerr << fmt::format("{}: {}\n", s.id, e.what());
        continue;
      }
    } else {
      outs.push_back(run_file(s));
    }
    if (tty) std::cerr << "\r\033[K";
    std::cout << experiment_summary(outs.back());
    if (!a.quiet)
      std::cerr << fmt::format("{}: {} runs trained, {} from the journal, {:.1f} s\n", s.id, outs.back().runs_trained,
                               outs.back().runs_resumed, outs.back().seconds);
    ok = ok && outs.back().as_expected;
  }
  write_experiment_pages(a.out, outs, command, !a.no_figures);
  std::cout << fmt::format("{} experiment file(s): {}; pages in {} ({:.1f} s wall{})\n", outs.size(),
                           ok ? "every verdict as expected" : "NOT every verdict as expected", a.out,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                           parallel ? fmt::format(", training in {} worker processes", a.jobs) : "");
  return ok ? 0 : 1;
}

}  // namespace

subcommand add_experiment_command(CLI::App& app, const std::string& command_line) {
  auto a = std::make_shared<experiment_args>();
  auto* c = app.add_subcommand("experiment",
                               "train models with libtorch and hold them against the exact theory (theorems/experiments/*.toml)");
  c->add_option("files", a->files, "experiment files or folders (searched for *.toml)")->required();
  c->add_option("--out", a->out, "folder of the pages, figures and the run journal (default reports/experiments)");
  c->add_flag("--resume", a->resume, "skip the runs the journal DIR/runs.jsonl already holds");
  c->add_flag("--quiet", a->quiet, "no progress line");
  c->add_option("--scale", a->scale,
                "default (the files' settings) or paper (the papers' sizes, far beyond the default budget; families fu_linreg_dscan "
                "and zfb_gpt2_covariance, docs/THEORY.md §11.10-§11.11)");
  c->add_flag("--no-figures", a->no_figures, "write the CSVs and pages but do not call gnuplot");
  c->add_option("--jobs", a->jobs,
                "train in N worker processes, the seeds of every configuration shared out between them (runs are identical to a "
                "sequential run's)")
      ->capture_default_str();
  // Internal: how run_experiment_jobs starts its workers (hidden from --help).
  c->add_option("--worker-shard", a->worker_shard, "")->group("");
  return {c, [a, command_line] { return cmd_experiment(*a, command_line); }};
}

}  // namespace icl
