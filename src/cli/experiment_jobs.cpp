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
#include <fstream>
#include <iostream>

#include "core/errors.hpp"
#include "experiments/lsa_experiment.hpp"

extern char** environ;

namespace icl {

namespace fs = std::filesystem;

namespace {

struct worker {
  std::string name;
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

// Complete lines in a worker's journal (one per run; a run being written has no newline yet).
long journal_lines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buf(1 << 16);
  long n = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    n += std::count(buf.begin(), buf.begin() + in.gcount(), '\n');
  }
  return n;
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
  std::vector<std::string> files;
  for (const auto& s : specs) files.push_back(s.file);
  std::vector<worker> workers(static_cast<std::size_t>(o.jobs));

  // The journal the workers start from: OUT/runs.jsonl on --resume (the caller has merged a killed
  // earlier run's leftovers into it, settle_leftover_jobs), nothing otherwise.
  { run_journal j(main_journal.string(), o.resume); }
  for (std::size_t i = 0; i < workers.size(); ++i) {
    auto& w = workers[i];
    w.name = fmt::format("worker-{}", i + 1);
    w.dir = jobs_dir / w.name;
    fs::create_directories(w.dir);
    if (fs::exists(main_journal)) fs::copy_file(main_journal, w.dir / "runs.jsonl");
  }

  std::vector<long> at_start;  // the runs each worker's journal starts with
  for (const auto& w : workers) at_start.push_back(journal_lines(w.dir / "runs.jsonl"));
  const auto t0 = std::chrono::steady_clock::now();
  auto secs = [](std::chrono::steady_clock::time_point a) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
  };
  live_workers live;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    auto& w = workers[i];
    std::vector<std::string> args{o.executable, "experiment"};
    args.insert(args.end(), {"--out", w.dir.string(), "--resume", "--no-figures", "--quiet", "--scale", o.scale, "--worker-shard",
                             fmt::format("{}/{}", i, o.jobs), "--"});
    args.insert(args.end(), files.begin(), files.end());
    w.start = std::chrono::steady_clock::now();
    w.pid = spawn(args, w.dir / "log.txt");
    live.pids.push_back(w.pid);
    if (!o.quiet) std::cerr << fmt::format("[--jobs] started {} (its share of {} file(s)), log {}\n", w.name, files.size(), (w.dir / "log.txt").string());
  }
  std::vector<std::string> failures;
  // Progress: the runs each worker has journalled so far (a line per run), on the terminal every
  // few seconds, otherwise (a log) once a minute.
  auto last_line = std::chrono::steady_clock::now();
  for (int running = o.jobs; running > 0;) {
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw usage_error(fmt::format("--jobs: waitpid failed: {}", std::strerror(errno)));
    }
    if (pid == 0) {
      ::usleep(200 * 1000);
      const auto every = o.progress_on_terminal ? std::chrono::seconds(2) : std::chrono::seconds(60);
      if (!o.quiet && std::chrono::steady_clock::now() - last_line >= every) {
        std::string per;
        for (std::size_t i = 0; i < workers.size(); ++i)
          per += fmt::format("{}{} {}", per.empty() ? "" : ", ", workers[i].name, journal_lines(workers[i].dir / "runs.jsonl") - at_start[i]);
        const std::string line = fmt::format("[--jobs] {:.0f} s: runs trained by {}", secs(t0), per);
        std::cerr << (o.progress_on_terminal ? "\r\033[K" + line : line + "\n") << std::flush;
        last_line = std::chrono::steady_clock::now();
      }
      continue;
    }
    if (o.progress_on_terminal && !o.quiet) std::cerr << "\r\033[K";
    for (auto& w : workers) {
      if (w.pid != pid) continue;
      live.done(pid);
      --running;
      w.pid = -1;
      // Exit status 1 only says that some verdict was not as expected: in a worker it always is,
      // since the other workers' runs are missing there.
      const bool ok = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);
      if (!ok)
        failures.push_back(fmt::format("{} ({}; see {})", w.name,
                                       WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                                                         : fmt::format("signal {}", WTERMSIG(status)),
                                       (w.dir / "log.txt").string()));
      if (!o.quiet) std::cerr << fmt::format("[--jobs] {} {} after {:.1f} s\n", w.name, ok ? "done" : "FAILED", secs(w.start));
    }
  }
  // Merge every worker's runs (a failed worker's finished runs too: nothing is lost).
  {
    run_journal j(main_journal.string(), true);
    for (const auto& w : workers) absorb(j, w.dir / "runs.jsonl");
  }
  if (!o.quiet) std::cerr << fmt::format("[--jobs] training done in {:.1f} s\n", secs(t0));
  if (!failures.empty()) {
    std::string list;
    for (const auto& f : failures) list += (list.empty() ? "" : "; ") + f;
    throw usage_error("--jobs: a worker failed: " + list + " (its finished runs are in " + main_journal.string() +
                      "; rerun with --resume)");
  }
  // The workers' logs stay (a run that failed in a worker says why only there) until the next run
  // in OUT settles the folder; everything else of theirs is merged or rewritten by the caller.
  for (const auto& w : workers)
    for (const auto& e : fs::directory_iterator(w.dir))
      if (e.path().filename() != "log.txt") fs::remove_all(e.path());
}

}  // namespace icl
