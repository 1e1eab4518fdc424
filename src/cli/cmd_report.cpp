// `iclverify report`: verify a catalog and write Markdown pages with figures (gnuplot).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

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

// Digits of agreement of Theorem 4.1's limits against the working precision, one small instance.
figure precision_sweep(const std::vector<int>& digits, double max_seconds) {
  figure f{"digits-vs-precision",
           "Theorem 4.1: digits of agreement with the closed-form limit against working precision (Lambda = diag(0.5, 2), N = 5)",
           "working precision D (decimal digits asked for)", "digits of agreement", false, false,
           {"D", "digits of agreement (flow limit vs closed form)", "D (ideal)", "D - 10 (required)"}, {},
           {{0, 1}, {0, 2}, {0, 3}}, {"linespoints", "lines", "lines"}};
  claim_spec c;
  c.file = "report";
  c.id = "zfb.thm4.1";
  c.check = "thm41_limits";
  instance_spec in;
  in.name = "aniso-d2-N5";
  in.lambda = parse_lambda_spec("0.5,2");
  in.N = 5;
  in.init.sigma = "auto";
  check_context ctx;
  ctx.max_seconds = max_seconds;
  const int keep = mpfr_digits();
  for (int D : digits) {
    set_mpfr_digits(D);
    const auto r = check_thm41_limits<mpfr>(c, in, ctx);
    f.rows.push_back({std::to_string(D), fmt::format("{:.2f}", r.digits), std::to_string(D), std::to_string(D - 10)});
  }
  set_mpfr_digits(keep);
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
