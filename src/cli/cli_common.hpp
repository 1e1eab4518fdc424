// What the subcommands of src/cli share: errors reported against their option, the precision
// options, the options of catalog runs and the run_options built from them, the progress line, and
// aligned key/value output.
#pragma once
#include <CLI/CLI.hpp>

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "claims/registry.hpp"
#include "core/errors.hpp"
#include "core/scalar.hpp"

namespace icl {

// Runs f; an error it raises (a usage_error, or the std::invalid_argument of a src/spec parser) is
// reported against the command-line option it came from.
template <class F> auto for_option(const std::string& option, F&& f) {
  try {
    return f();
  } catch (const usage_error& e) {
    throw usage_error(option + ": " + e.what());
  } catch (const std::invalid_argument& e) {
    throw usage_error(option + ": " + e.what());
  }
}

// An option's text through the parser the theorem files use for the same key (src/spec).
template <class Parse> auto parsed_option(const std::string& option, const std::string& text, Parse parse) {
  return for_option(option, [&] { return parse(text); });
}

struct precision_args {
  int digits = 50;
  std::string type = "mpfr";
  CLI::Option* digits_opt = nullptr;
  CLI::Option* type_opt = nullptr;

  void add(CLI::App& app);
  // Validates and sets the precision; returns the scalar type.
  scalar_kind apply() const;
  std::string label(scalar_kind k) const;
};

// The options of the commands that run catalogs of instances (check, report, sweep).
struct catalog_args {
  precision_args prec;
  int jobs = 0;             // 0: all cores
  std::string filter;       // glob on "claim/instance"
  long max_steps = 200000;  // budgets of one flow run
  double max_seconds = 600;
  bool quiet = false;
};
void add_jobs_option(CLI::App& app, catalog_args& a);
void add_filter_option(CLI::App& app, catalog_args& a);
void add_budget_options(CLI::App& app, catalog_args& a);  // --max-seconds, --max-steps
// The run options of a catalog command, before its own plant and progress callback.
run_options run_options_of(const catalog_args& a, scalar_kind k);

// Threads or jobs when the user gave none: all cores.
int all_cores();
// The theorem paths a catalog command reads (default: theorems/).
std::vector<std::string> theorem_paths(const std::vector<std::string>& paths);

// Whether a live progress line goes to stderr: a terminal, and not --quiet.
bool progress_on_terminal(bool quiet);
// The progress callback of a catalog run: a live line on a terminal, every verdict with its
// evidence when verbose, nothing when quiet or not a terminal.
std::function<void(const check_result&, std::size_t, std::size_t)> progress(bool tty, bool verbose);

// "key  value" lines, the values aligned, on stdout.
void print_aligned(const std::vector<std::pair<std::string, std::string>>& kv);

}  // namespace icl
