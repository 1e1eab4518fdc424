#include "cli/experiment_jobs.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "core/errors.hpp"
#include "experiments/lsa_experiment.hpp"

extern char** environ;

namespace icl {

namespace fs = std::filesystem;

double estimated_training_cost(const lsa_experiment_spec& s) {
  // runs × steps × batch × tokens × width² × layers, per family.
  auto gpt = [](double runs, double steps, double batch, double tokens, double width, double layers) {
    return runs * steps * batch * tokens * width * width * layers;
  };
  const auto& f = s.fu;
  if (s.family == "fu_weights_component") return gpt(2.0 * s.seeds, f.steps, f.batch, 2.0 * f.examples, f.width, f.layers);
  if (s.family == "fu_plateau_scan")
    return gpt(static_cast<double>(s.plateau.mappings.size()) * s.seeds, f.steps, f.batch, 2.0 * f.examples, f.width, f.layers);
  if (s.family == "fu_plateau_remedies") return gpt(5.0 * s.seeds, f.steps, f.batch, 2.0 * f.examples, f.width, f.layers);
  if (s.family == "fu_linreg_dscan") {
    const auto& d = s.dscan;
    const double arms = static_cast<double>(d.dims.size() + (d.weights_loss > 0 ? d.weights_loss_dims.size() : 0));
    return gpt(arms * s.seeds, d.steps, d.batch, 2.0 * d.examples, d.width, d.layers);
  }
  if (s.family == "zfb_gpt2_covariance") {
    const auto& z = s.zfb;
    return gpt(2.0 * s.seeds, z.steps, z.batch, 2.0 * z.examples, z.width, z.layers);
  }
  // zfb_lsa_training: the lr scan at batch_ref and the batch scan at lr_ref, steps = t_final / lr;
  // one layer of width d + 1 over N + 1 tokens.
  const double d = static_cast<double>(s.lambda.size()) + 1, tokens = static_cast<double>(s.N) + 1;
  double c = 0;
  const double lr_ref = s.lr_ref > 0 ? s.lr_ref : (s.lr.empty() ? 1 : *std::min_element(s.lr.begin(), s.lr.end()));
  const double b_ref = s.batch_ref > 0 ? static_cast<double>(s.batch_ref)
                                       : (s.batch.empty() ? 1 : static_cast<double>(*std::max_element(s.batch.begin(), s.batch.end())));
  for (const double lr : s.lr) c += gpt(s.seeds, s.t_final / lr, b_ref, tokens, d, 1);
  for (const long b : s.batch) c += gpt(s.seeds, s.t_final / lr_ref, static_cast<double>(b), tokens, d, 1);
  return c;
}

namespace {

struct group {
  std::string family;
  std::vector<std::string> files;
  double cost = 0;
  fs::path dir;
  pid_t pid = -1;
  std::chrono::steady_clock::time_point start;
};

// Appends to `into` every run of the journal at `path` that `into` does not hold yet.
void absorb(run_journal& into, const fs::path& path) {
  if (!fs::exists(path)) return;
  const run_journal from(path.string(), true);
  for (const auto& [key, values] : from.runs())
    if (!into.has(key)) into.put(key, values);
}

pid_t spawn(const std::vector<std::string>& args, const fs::path& log) {
  posix_spawn_file_actions_t fa;
  if (posix_spawn_file_actions_init(&fa) != 0) throw usage_error("--jobs: cannot prepare a worker process");
  const int a1 = posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int a2 = posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = a1 != 0 ? a1 : a2 != 0 ? a2 : posix_spawn(&pid, args[0].c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw usage_error(fmt::format("--jobs: cannot start {}: {}", args[0], std::strerror(rc)));
  return pid;
}

// The live workers: if the parent leaves by an exception, they are stopped and reaped, not left to
// write into a folder a later run deletes.
struct live_workers {
  std::vector<pid_t> pids;
  ~live_workers() {
    for (const pid_t p : pids) ::kill(p, SIGTERM);
    for (const pid_t p : pids) ::waitpid(p, nullptr, 0);
  }
  void done(pid_t p) { pids.erase(std::remove(pids.begin(), pids.end(), p), pids.end()); }
};

}  // namespace

void settle_leftover_jobs(const std::string& out, bool resume) {
  const fs::path jobs_dir = fs::path(out) / ".jobs";
  if (!fs::exists(jobs_dir)) return;
  if (resume) {
    run_journal j((fs::path(out) / "runs.jsonl").string(), true);
    for (const auto& e : fs::directory_iterator(jobs_dir)) absorb(j, e.path() / "runs.jsonl");
  }
  fs::remove_all(jobs_dir);
}

void run_experiment_jobs(const std::vector<lsa_experiment_spec>& specs, const experiment_jobs_options& o) {
  const fs::path out(o.out), jobs_dir = out / ".jobs", main_journal = out / "runs.jsonl";
  std::map<std::string, group> by_family;
  for (const auto& s : specs) {
    auto& g = by_family[s.family];
    g.family = s.family;
    g.files.push_back(s.file);
    g.cost += estimated_training_cost(s);
  }
  std::vector<group> groups;
  for (auto& [name, g] : by_family) {
    g.dir = jobs_dir / name;
    groups.push_back(g);
  }
  std::stable_sort(groups.begin(), groups.end(), [](const group& a, const group& b) { return a.cost > b.cost; });

  // The journal the workers start from: OUT/runs.jsonl on --resume (the caller has merged a killed
  // earlier run's leftovers into it, settle_leftover_jobs), nothing otherwise.
  { run_journal j(main_journal.string(), o.resume); }
  for (const auto& g : groups) {
    fs::create_directories(g.dir);
    if (fs::exists(main_journal)) fs::copy_file(main_journal, g.dir / "runs.jsonl");
  }

  const auto t0 = std::chrono::steady_clock::now();
  auto secs = [](std::chrono::steady_clock::time_point a) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
  };
  std::size_t next = 0;
  int running = 0;
  live_workers live;
  std::vector<std::string> failures;
  while (next < groups.size() || running > 0) {
    while (running < o.jobs && next < groups.size()) {
      auto& g = groups[next++];
      std::vector<std::string> args{o.executable, "experiment"};
      args.insert(args.end(), {"--out", g.dir.string(), "--resume", "--no-figures", "--quiet", "--scale", o.scale, "--"});
      args.insert(args.end(), g.files.begin(), g.files.end());
      g.start = std::chrono::steady_clock::now();
      g.pid = spawn(args, g.dir / "log.txt");
      live.pids.push_back(g.pid);
      ++running;
      if (!o.quiet)
        std::cerr << fmt::format("[--jobs] started {} ({} file(s)), log {}\n", g.family, g.files.size(), (g.dir / "log.txt").string());
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw usage_error(fmt::format("--jobs: waitpid failed: {}", std::strerror(errno)));
    }
    for (auto& g : groups) {
      if (g.pid != pid) continue;
      live.done(pid);
      --running;
      g.pid = -1;
      const bool ok = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);
      if (!ok)
        failures.push_back(fmt::format("{} ({}; see {})", g.family,
                                       WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                                                         : fmt::format("signal {}", WTERMSIG(status)),
                                       (g.dir / "log.txt").string()));
      if (!o.quiet)
        std::cerr << fmt::format("[--jobs] {} {} after {:.1f} s ({:.1f} s since the start)\n", g.family, ok ? "done" : "FAILED", secs(g.start),
                                 secs(t0));
    }
  }
  // Merge every worker's runs (a failed worker's finished runs too: nothing is lost).
  {
    run_journal j(main_journal.string(), true);
    for (const auto& g : groups) absorb(j, g.dir / "runs.jsonl");
  }
  if (!failures.empty()) {
    std::string list;
    for (const auto& f : failures) list += (list.empty() ? "" : "; ") + f;
    throw usage_error("--jobs: a worker failed: " + list + " (its finished runs are in " + main_journal.string() +
                      "; rerun with --resume)");
  }
  // The workers' logs stay (a run that failed in a worker says why only there) until the next run
  // in OUT settles the folder; everything else of theirs is merged or rewritten by the caller.
  for (const auto& g : groups)
    for (const auto& e : fs::directory_iterator(g.dir))
      if (e.path().filename() != "log.txt") fs::remove_all(e.path());
}

}  // namespace icl
