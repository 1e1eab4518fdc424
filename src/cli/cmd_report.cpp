// `iclverify report`: verify a catalog and write Markdown pages with figures (gnuplot).
#include <fmt/format.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <regex>

#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "core/text.hpp"
#include "report/report_pages.hpp"
#include "report/writers.hpp"

namespace icl {

namespace {

struct report_args {
  std::vector<std::string> paths;
  catalog_args run;
  std::string out = "reports", sweep = "30,50,100";
  bool no_figures = false, png = false;
};

// The instance the precision sweep runs, as a theorem file for a child process.
constexpr const char* sweep_claim = R"(id = "zfb.thm4.1"
source = "iclverify report: precision sweep"
statement = "Theorem 4.1's limits, at one precision"
check = "thm41_limits"
[[instance]]
name = "aniso-d2-N5"
lambda = "0.5,2"
N = 5
sigma = "auto"
)";

// Digits of agreement of Theorem 4.1's limits against the working precision, one small instance.
// MPFR's default precision is process-wide (Boost 1.74), and it is set once per process, by the
// entry point: so each precision runs in a child process of this same binary (`check --digits D`),
// and its JSON gives the digits.
figure precision_sweep(const std::vector<int>& digits, double max_seconds) {
  figure f{"digits-vs-precision",
           "Theorem 4.1: digits of agreement with the closed-form limit against working precision (Lambda = diag(0.5, 2), N = 5)",
           "working precision D (decimal digits asked for)", "digits of agreement", false, false,
           {"D", "digits of agreement (flow limit vs closed form)", "D (ideal)", "D - 10 (required)"}, {},
           {{0, 1}, {0, 2}, {0, 3}}, {"linespoints", "lines", "lines"}};
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "iclverify-sweep-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("precision sweep: cannot create a temporary folder");
  const fs::path dir = tmpl;
  struct remove_on_exit {
    fs::path p;
    ~remove_on_exit() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{dir};
  std::ofstream(dir / "thm41.toml") << sweep_claim;
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  for (int D : digits) {
    const std::string json = (dir / ("d" + std::to_string(D) + ".json")).string();
    std::vector<std::string> args = {self, "check", "--quiet", "--type", "mpfr", "--digits", std::to_string(D),
                                     "--max-seconds", fmt::format("{}", max_seconds), "--json", json,
                                     (dir / "thm41.toml").string()};
    std::vector<char*> argv;
    for (auto& x : args) argv.push_back(x.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    const int err = posix_spawn(&pid, self.c_str(), &quiet, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    int status = 0;
    if (err != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
      throw std::runtime_error("precision sweep: the run at " + std::to_string(D) + " digits failed");
    std::ifstream in(json);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(R"("digits": ([-0-9.]+))")))
      throw std::runtime_error("precision sweep: no digits in " + json);
    f.rows.push_back({std::to_string(D), fmt::format("{:.2f}", std::stod(m[1].str())), std::to_string(D), std::to_string(D - 10)});
  }
  return f;
}

// --precision-sweep: digits in [16, 1000] separated by commas, or none.
std::vector<int> sweep_digits(const std::string& text) {
  std::vector<int> sweep;
  if (text == "none") return sweep;
  for (const auto& v : split(text, ',')) {
    int D = 0;
    try {
      D = std::stoi(v);
    } catch (...) {
    }
    if (D < min_digits || D > max_digits)
      throw usage_error("--precision-sweep takes digits in [16, 1000] separated by commas, or none; got '" + v + "'");
    sweep.push_back(D);
  }
  return sweep;
}

int cmd_report(const report_args& a, const std::string& command) {
  const scalar_kind k = a.run.prec.apply();
  const std::vector<int> sweep = sweep_digits(a.sweep);
  if (!a.no_figures) require_gnuplot();
  require_writable_folder(a.out, "--out");
  const auto files = theorem_files(theorem_paths(a.paths));
  std::vector<claim_spec> claims;
  for (const auto& f : files) claims.push_back(load_theorem_file(f));
  run_options o = run_options_of(a.run, k);
  const bool tty = progress_on_terminal(a.run.quiet);
  o.on_result = progress(tty, false);
  const auto rs = run_catalog(files, o);
  if (tty) std::cerr << "\r\033[K";
  std::vector<figure> extra;
  if (!sweep.empty()) {
    if (tty) std::cerr << "precision sweep (" << a.sweep << " digits) ..." << std::flush;
    extra.push_back(precision_sweep(sweep, a.run.max_seconds));
    if (tty) std::cerr << "\r\033[K";
  }
  write_report(a.out, claims, rs, extra, current_env(a.run.prec.label(k), command), !a.no_figures, a.png);
  print_table(std::cout, rs);
  std::cout << "report: " << (std::filesystem::path(a.out) / "index.md").string() << "\n";
  return exit_code_of(rs);
}

}  // namespace

subcommand add_report_command(CLI::App& app, const std::string& command_line) {
  auto a = std::make_shared<report_args>();
  auto* report = app.add_subcommand("report", "verify a catalog and write Markdown pages with figures (gnuplot)");
  report->add_option("paths", a->paths, "theorem files or folders (default: theorems/)");
  report->add_option("--out", a->out, "output folder")->capture_default_str();
  a->run.prec.add(*report);
  add_jobs_option(*report, a->run);
  add_filter_option(*report, a->run);
  report->add_flag("--no-figures", a->no_figures, "write the CSVs but do not run gnuplot");
  report->add_flag("--png", a->png, "also render PNG next to each SVG");
  report->add_option("--precision-sweep", a->sweep, "digits for the digits-vs-precision figure, or none")
      ->capture_default_str();
  report->add_flag("--quiet,-q", a->run.quiet, "no progress line");
  add_budget_options(*report, a->run);
  return {report, [a, command_line] { return cmd_report(*a, command_line); }};
}

}  // namespace icl
