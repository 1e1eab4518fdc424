#include "cli/cli_common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "cli/capture.hpp"

namespace icl {

void precision_args::add(CLI::App& app) {
  digits_opt = app.add_option("--digits", digits, "MPFR working precision in decimal digits [16, 1000]")
                   ->capture_default_str()
                   ->check(CLI::Range(min_digits, max_digits));
  type_opt = app.add_option("--type", type, "scalar type: double, long-double, float128, mpfr")->capture_default_str();
}

scalar_kind precision_args::apply() const {
  const scalar_kind k = for_option("--type", [&] { return parse_scalar_kind(type); });
  if (k != scalar_kind::mp && digits_opt->count()) throw usage_error("--digits applies to --type mpfr only");
  if (k == scalar_kind::mp) set_mpfr_digits(digits);
  return k;
}

std::string precision_args::label(scalar_kind k) const {
  return k == scalar_kind::mp ? fmt::format("mpfr {}", digits) : scalar_name(k);
}

void add_jobs_option(CLI::App& app, catalog_args& a) {
  app.add_option("--jobs,-j", a.jobs, "instances run in parallel (default: all cores)")->check(CLI::Range(1, 4096));
}

void add_filter_option(CLI::App& app, catalog_args& a) {
  app.add_option("--filter", a.filter, "only instances whose 'claim-id/instance' matches this glob");
}

void add_budget_options(CLI::App& app, catalog_args& a) {
  app.add_option("--max-seconds", a.max_seconds, "time budget of one flow run")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--max-steps", a.max_steps, "step budget of one flow run")
      ->capture_default_str()
      ->check(CLI::Range(1L, 1000000000L));
}

run_options run_options_of(const catalog_args& a, scalar_kind k) {
  if (a.max_seconds <= 0) throw usage_error("--max-seconds must be > 0");
  run_options o;
  o.kind = k;
  o.jobs = a.jobs > 0 ? a.jobs : all_cores();
  o.filter = a.filter;
  o.ctx.max_seconds = a.max_seconds;
  o.ctx.max_steps = a.max_steps;
  return o;
}

int all_cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

std::vector<std::string> theorem_paths(const std::vector<std::string>& paths) {
  return paths.empty() ? std::vector<std::string>{"theorems"} : paths;
}

// Under a capture (src/cli/capture.hpp) stderr is a buffer, whatever fd 2 is.
bool progress_on_terminal(bool quiet) { return ::isatty(2) && !quiet && !active_capture(); }

std::function<void(const check_result&, std::size_t, std::size_t)> progress(bool tty, bool verbose) {
  const auto start = std::chrono::steady_clock::now();
  return [=](const check_result& r, std::size_t done, std::size_t total) {
    const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (verbose)
      std::cerr << fmt::format("[{}/{} {:.1f} s] {} {} {} ({:.2f} s): {}\n", done, total, el, r.claim, r.instance,
                               verdict_name(r.v), r.seconds, r.brief);
    else if (tty)
      std::cerr << fmt::format("\r[{}/{} {:.0f} s] {} {} {}\033[K", done, total, el, r.claim, r.instance,
                               verdict_name(r.v))
                << std::flush;
  };
}

void print_aligned(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::size_t w = 0;
  for (const auto& [key, v] : kv) w = std::max(w, key.size());
  for (const auto& [key, v] : kv) std::cout << fmt::format("{:<{}}  {}\n", key, w, v);
}

}  // namespace icl
