#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <filesystem>
#include <iostream>
#include <thread>

#include "claims/registry.hpp"
#include "claims/risk_claims.hpp"
#include "core/errors.hpp"
#include "core/instantiate.hpp"
#include "core/text.hpp"
#include "moments/lsa_expectation.hpp"
#include "spec/sweep_spec.hpp"
#include "report/flow_output.hpp"
#include "report/jsonl.hpp"
#include "report/report_pages.hpp"
#include "report/writers.hpp"

namespace icl {

namespace {

// Runs f; an error it raises is reported against the command-line option it came from.
template <class F> auto for_option(const std::string& option, F&& f) {
  try {
    return f();
  } catch (const usage_error& e) {
    throw usage_error(option + ": " + e.what());
  }
}

struct precision_args {
  int digits = 50;
  std::string type = "mpfr";
  CLI::Option* digits_opt = nullptr;
  CLI::Option* type_opt = nullptr;

  void add(CLI::App& app) {
    digits_opt = app.add_option("--digits", digits, "MPFR working precision in decimal digits [16, 1000]")
                     ->capture_default_str()
                     ->check(CLI::Range(min_digits, max_digits));
    type_opt = app.add_option("--type", type, "scalar type: double, long-double, float128, mpfr")->capture_default_str();
  }
  // Validates and sets the precision; returns the scalar type.
  scalar_kind apply() const {
    const scalar_kind k = for_option("--type", [&] { return parse_scalar_kind(type); });
    if (k != scalar_kind::mp && digits_opt->count())
      throw usage_error("--digits applies to --type mpfr only");
    if (k == scalar_kind::mp) set_mpfr_digits(digits);
    return k;
  }
  std::string label(scalar_kind k) const {
    return k == scalar_kind::mp ? fmt::format("mpfr {}", digits) : scalar_name(k);
  }
};

// The progress callback of a catalog run: a live line on a terminal, every verdict with its
// evidence when verbose, nothing when quiet or not a terminal.
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

struct check_args {
  std::vector<std::string> paths;
  precision_args prec;
  int jobs = 0;
  std::string json, junit, filter, plant_name = "none";
  long max_steps = 200000;
  double max_seconds = 600;
  bool quiet = false, verbose = false;
};

int cmd_check(const check_args& a) {
  const scalar_kind k = a.prec.apply();
  run_options o;
  o.kind = k;
  o.jobs = a.jobs > 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  o.filter = a.filter;
  o.ctx.planted = parse_plant(a.plant_name);
  o.ctx.max_seconds = a.max_seconds;
  o.ctx.max_steps = a.max_steps;
  if (o.ctx.max_seconds <= 0) throw usage_error("--max-seconds must be > 0");
  require_writable(a.json, "--json");
  require_writable(a.junit, "--junit");
  if (a.quiet && a.verbose) throw usage_error("--quiet and --verbose exclude each other");
  const auto files = theorem_files(a.paths.empty() ? std::vector<std::string>{"theorems"} : a.paths);
  // A live progress line on a terminal; --verbose prints every result as it lands; --quiet nothing.
  const bool tty = ::isatty(2) && !a.quiet;
  o.on_result = progress(tty, a.verbose);
  const auto rs = run_catalog(files, o);
  if (tty && !a.verbose) std::cerr << "\r\033[K";
  print_table(std::cout, rs);
  if (!a.json.empty()) write_atomically(a.json, results_json(rs, a.prec.label(k)));
  if (!a.junit.empty()) write_atomically(a.junit, results_junit(rs, a.prec.label(k)));
  return exit_code_of(rs);
}

struct flow_args {
  std::string lambda, sigma = "0.1", theta = "identity", init = "paper", param = "reduced", method = "extrapolation";
  long N = 0;
  precision_args prec;
  std::string t_end, csv, json;
  int target_digits = 0;
  double max_seconds = 600;
};

int cmd_flow(const flow_args& a) {
  const scalar_kind k = a.prec.apply();
  const lambda_spec spec = parse_lambda_spec(a.lambda);
  (void)make_problem<double>(spec, a.N);  // refuse a bad Λ or N before any work
  init_spec init;
  init.sigma = a.sigma;
  if (!sigma_is_valid(a.sigma)) throw usage_error("--sigma must be a positive number or auto, got '" + a.sigma + "'");
  init.theta = parse_theta_spec(a.theta);
  init = parse_init_spec(a.init, init);
  if (a.param != "reduced" && a.param != "full") throw usage_error("--param must be reduced or full");
  const method m = parse_method(a.method);
  if (a.target_digits != 0 && (a.target_digits < 2 || a.target_digits > max_digits))
    throw usage_error("--target-digits must be in [2, 1000], got " + std::to_string(a.target_digits));
  if (!a.t_end.empty()) {
    try {
      if (!(std::stod(a.t_end) > 0)) throw usage_error("");
    } catch (...) {
      throw usage_error("--t-end must be a positive number, got '" + a.t_end + "'");
    }
  }
  require_writable(a.csv, "--csv");
  require_writable(a.json, "--json");
  return dispatch(k, [&]<class T>() {
    const problem<T> p = make_problem<T>(spec, a.N);
    flow_options<T> o;
    o.init = init;
    o.param = a.param == "full" ? parameterisation::full : parameterisation::reduced;
    o.m = m;
    o.max_seconds = a.max_seconds;
    o.target_digits = a.target_digits;
    if (!a.t_end.empty()) o.t_end = parse<T>(a.t_end);
    const auto r = run_flow(p, o);
    const auto kv = flow_summary(p, o, r);
    std::size_t w = 0;
    for (const auto& [key, v] : kv) w = std::max(w, key.size());
    for (const auto& [key, v] : kv) std::cout << fmt::format("{:<{}}  {}\n", key, w, v);
    if (!a.csv.empty()) write_atomically(a.csv, trajectory_csv(r));
    if (!a.json.empty()) write_atomically(a.json, flat_json(kv));
    return r.stats.ok ? 0 : 1;
  });
}

struct exact_args {
  std::string lambda, task, json, plant_name = "none";
  long N = 0, M = 0;
  int d_max = 3, points = 20;
  unsigned long seed = 1;
  bool show = false;
};

int cmd_exact(const exact_args& a) {
  const lambda_spec spec = parse_lambda_spec(a.lambda);
  const problem<rational> p = make_exact_problem(spec, a.N);  // refuses a bad Λ or N before any work
  if (a.d_max < 1 || a.d_max > 8) throw usage_error("--d-max must be in [1, 8], got " + std::to_string(a.d_max));
  if (p.d > a.d_max)
    throw usage_error(fmt::format("d = {} exceeds --d-max {}: the expansion grows steeply with d and N (raise --d-max "
                                  "to try)", p.d, a.d_max));
  if (a.M < 0) throw usage_error("--M must be >= 1");
  if (a.points < 1) throw usage_error("--points must be >= 1");
  instance_spec in;
  in.name = fmt::format("d{}-N{}", p.d, a.N);
  in.lambda = spec;
  in.N = a.N;
  in.M = a.M;
  in.points = a.points;
  in.seed = a.seed;
  if (!a.task.empty()) {
    if (a.M < 1) throw usage_error("--task needs --M, the test prompt length");
    in.task = for_option("--task", [&] { return parse_task_spec(a.task, p.d); });
  }
  check_context ctx;
  ctx.planted = parse_plant(a.plant_name);
  require_writable(a.json, "--json");

  const auto t0 = std::chrono::steady_clock::now();
  const param_poly L = exact_population_loss(exact_prompt::training(p.lambda, a.N));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << fmt::format("population loss L(a, b, C, c), d = {}, N = {}, lambda = {}: {} terms, {:.4f} s\n", p.d,
                           a.N, spec.text, L.size(), secs);
  if (a.show) std::cout << "L = " << L.str(full_param_names(p.d)) << "\n";
  std::cout << "\n";

  std::vector<check_result> rs;
  std::vector<std::string> fams = {"exact_full_loss", "exact_invariance", "exact_reduced", "exact_minimum", "exact_moments"};
  if (a.M > 0) fams.push_back("exact_risk");
  for (const auto& f : fams) {
    claim_spec c;
    c.file = "command line";
    c.id = f;
    c.check = f;
    c.instances.push_back(in);
    rs.push_back(find_check(c, scalar_kind::mp)(c, c.instances.front(), ctx));
  }
  print_table(std::cout, rs);
  if (!a.json.empty()) write_atomically(a.json, results_json(rs, "exact rational"));
  return exit_code_of(rs);
}

struct report_args {
  std::vector<std::string> paths;
  precision_args prec;
  std::string out = "reports", filter, sweep = "30,50,100";
  int jobs = 0;
  bool no_figures = false, png = false, quiet = false;
  long max_steps = 200000;
  double max_seconds = 600;
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

int cmd_report(const report_args& a, const std::string& command) {
  const scalar_kind k = a.prec.apply();
  std::vector<int> sweep;
  if (a.sweep != "none")
    for (const auto& v : split(a.sweep, ',')) {
      int D = 0;
      try {
        D = std::stoi(v);
      } catch (...) {
      }
      if (D < min_digits || D > max_digits)
        throw usage_error("--precision-sweep takes digits in [16, 1000] separated by commas, or none; got '" + v + "'");
      sweep.push_back(D);
    }
  if (!a.no_figures) require_gnuplot();
  require_writable_folder(a.out, "--out");
  const auto files = theorem_files(a.paths.empty() ? std::vector<std::string>{"theorems"} : a.paths);
  std::vector<claim_spec> claims;
  for (const auto& f : files) claims.push_back(load_theorem_file(f));
  run_options o;
  o.kind = k;
  o.jobs = a.jobs > 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  o.filter = a.filter;
  o.ctx.max_seconds = a.max_seconds;
  o.ctx.max_steps = a.max_steps;
  const bool tty = ::isatty(2) && !a.quiet;
  o.on_result = progress(tty, false);
  const auto rs = run_catalog(files, o);
  if (tty) std::cerr << "\r\033[K";
  std::vector<figure> extra;
  if (!sweep.empty()) {
    if (tty) std::cerr << "precision sweep (" << a.sweep << " digits) ..." << std::flush;
    extra.push_back(precision_sweep(sweep, a.max_seconds));
    if (tty) std::cerr << "\r\033[K";
  }
  write_report(a.out, claims, rs, extra, current_env(a.prec.label(k), command), !a.no_figures, a.png);
  print_table(std::cout, rs);
  std::cout << "report: " << (std::filesystem::path(a.out) / "index.md").string() << "\n";
  return exit_code_of(rs);
}

struct sweep_args {
  std::string spec, out;
  precision_args prec;
  int jobs = 0;
  bool resume = false, quiet = false;
  long max_steps = 200000;
  double max_seconds = 600;
};

// A grid of instances; every finished result is appended to DIR/results.jsonl with an fsync, so a
// killed sweep resumes (--resume) where it stopped and ends with exactly the uninterrupted results.
int cmd_sweep(const sweep_args& a) {
  namespace fs = std::filesystem;
  const scalar_kind k = a.prec.apply();
  const claim_spec claim = load_sweep(a.spec);
  require_writable_folder(a.out, "--out");
  const std::string log_path = (fs::path(a.out) / "results.jsonl").string();
  const std::string meta_path = (fs::path(a.out) / "sweep.json").string();
  const std::string meta = flat_json({{"sweep", a.spec}, {"check", claim.check}, {"scalar", a.prec.label(k)},
                                      {"instances", std::to_string(claim.instances.size())}});
  std::error_code ec;
  const bool started = fs::exists(log_path, ec) && fs::file_size(log_path, ec) > 0;
  if (started && !a.resume)
    throw usage_error("--out: " + log_path + " already holds results: pass --resume to continue that sweep, or "
                      "choose another folder");
  std::map<std::string, std::string> done;  // instance name -> its result line
  if (a.resume && started) {
    std::ifstream in(meta_path);
    std::ostringstream was;
    was << in.rdbuf();
    if (was.str() != meta)
      throw usage_error("--resume: " + meta_path + " records a different sweep (file, check, precision or size); "
                        "resume with the same SPEC and precision, or choose another --out");
    std::set<std::string> names;
    for (const auto& in_ : claim.instances) names.insert(in_.name);
    for (const auto& line : read_jsonl_recovering(log_path)) {
      const std::string name = json_string_field(line, "instance");
      if (!names.count(name)) throw usage_error("--resume: " + log_path + " holds a result for '" + name + "', which is not in " + a.spec);
      done[name] = line;
    }
  }
  fs::create_directories(a.out);
  write_atomically(meta_path, meta);
  run_options o;
  o.kind = k;
  o.jobs = a.jobs > 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  o.ctx.max_seconds = a.max_seconds;
  o.ctx.max_steps = a.max_steps;
  jsonl_log log(log_path);
  const bool tty = ::isatty(2) && !a.quiet;
  auto show = progress(tty, false);
  const std::size_t before = done.size(), total = claim.instances.size();
  if (!a.quiet)
    std::cerr << fmt::format("sweep: {} instances, {} already done, results in {}\n", total, before, log_path);
  std::map<std::string, std::string> fresh;
  o.on_result = [&](const check_result& r, std::size_t n, std::size_t) {
    const std::string line = result_json(r);
    log.append(line);  // called one result at a time
    fresh[r.instance] = line;
    show(r, before + n, total);
  };
  (void)run_claims({claim}, o, [&](const claim_spec&, const instance_spec& in) { return done.count(in.name) > 0; });
  if (tty) std::cerr << "\r\033[K";
  // The summary in grid order, whatever the order of completion and interruption.
  std::string all;
  int counts[verdict_count] = {};
  for (const auto& in : claim.instances) {
    const auto it = done.count(in.name) ? done.find(in.name) : fresh.find(in.name);
    all += (all.empty() ? "    " : ",\n    ") + it->second;
    for (int v = 0; v < verdict_count; ++v)
      if (json_string_field(it->second, "verdict") == verdict_name(static_cast<verdict>(v))) ++counts[v];
  }
  write_atomically((fs::path(a.out) / "summary.json").string(),
                   "{\n  \"scalar\": \"" + json_escape(a.prec.label(k)) + "\",\n  \"results\": [\n" + all + "\n  ]\n}\n");
  std::cout << fmt::format("{} instances ({} resumed, {} run): {} PASS, {} FAIL, {} INCONCLUSIVE, {} NOT-APPLICABLE\n", total,
                           before, fresh.size(), counts[0], counts[1], counts[2], counts[3]);
  std::cout << "sweep: " << (fs::path(a.out) / "summary.json").string() << "\n";
  return counts[1] || counts[2] ? 1 : 0;
}

struct risk_args {
  std::string lambda, task = "gaussian", shift, law = "fixed", scale = "1", json, plant_name = "none";
  std::string lambda_x, lambda_q;
  long N = 0, M = 0, samples = 200000;
  std::uint64_t seed = 1;
  int threads = 0;
  double max_seconds = 600;
};

int cmd_risk(const risk_args& a) {
  risk_setup s;
  s.lambda = parse_lambda_spec(a.lambda);
  (void)make_problem<double>(s.lambda, a.N);  // refuses a bad Λ or N before any work
  if (a.M < 1) throw usage_error("--M must be >= 1, got " + std::to_string(a.M));
  if (a.samples < 100) throw usage_error("--samples must be >= 100");
  s.N = a.N;
  s.M = a.M;
  s.task = for_option("--task", [&] { return parse_task_spec(a.task, s.lambda.d); });
  if (!a.lambda_x.empty()) s.lambda_x = parse_lambda_spec(a.lambda_x);
  if (!a.lambda_q.empty()) s.lambda_q = parse_lambda_spec(a.lambda_q);
  for (const auto* l : {&s.lambda_x, &s.lambda_q})
    if (*l && (*l)->d != s.lambda.d) throw usage_error("test covariances must have the dimension of --lambda");
  s.shift = a.shift;
  if (!s.shift.empty() && s.shift != "orthogonal-query" && s.shift.rfind("covariate:", 0) != 0)
    throw usage_error("--shift must be covariate:C or orthogonal-query, got '" + s.shift + "'");
  s.law = a.law;
  mc_spec probe;
  parse_cov_law(a.law, probe);
  try {
    s.scale = std::stod(a.scale);
  } catch (...) {
    s.scale = 0;
  }
  if (!(s.scale > 0)) throw usage_error("--scale must be > 0, got '" + a.scale + "'");
  s.samples = a.samples;
  s.seed = a.seed;
  s.threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  s.planted = parse_plant(a.plant_name);
  s.max_seconds = a.max_seconds;
  require_writable(a.json, "--json");
  const auto r = compare_risk(s);
  const bool ortho = s.shift == "orthogonal-query";
  const std::vector<std::pair<std::string, std::string>> kv = {
      {"training", r.training},
      {"formula", r.formula},
      {"risk_theory", fmt::format("{:.17g}", r.theory)},
      {"risk_mc", fmt::format("{:.17g}", r.mc.mean)},
      {"mc_std_error", fmt::format("{:.17g}", r.mc.std_error)},
      {"mc_ci_low", fmt::format("{:.17g}", r.mc.ci_low())},
      {"mc_ci_high", fmt::format("{:.17g}", r.mc.ci_high())},
      {"mc_confidence", "0.999"},
      {"mc_slope", fmt::format("{:.17g}", r.mc.slope)},
      {"slope_theory", fmt::format("{:.17g}", r.slope_theory)},
      {"max_abs_prediction", fmt::format("{:.17g}", r.mc.max_abs_prediction)},
      {"samples", std::to_string(r.mc.samples)},
      {"seed", std::to_string(s.seed)},
      {"threads", std::to_string(r.mc.threads)},
      {"mc_seconds", fmt::format("{:.6f}", r.mc.seconds)},
      {"prompts_per_second", fmt::format("{:.0f}", r.mc.samples / r.mc.seconds)},
      {"agree", ortho ? (r.mc.max_abs_prediction <= 1e-12 ? "true" : "false") : (r.agree ? "true" : "false")},
  };
  std::size_t w = 0;
  for (const auto& [key, v] : kv) w = std::max(w, key.size());
  for (const auto& [key, v] : kv) std::cout << fmt::format("{:<{}}  {}\n", key, w, v);
  if (!a.json.empty()) write_atomically(a.json, flat_json(kv));
  return kv.back().second == "true" ? 0 : 1;
}

struct plateau_args {
  std::string experiment, lambda, lambda_easy, w0 = "1e-3", w0_list, remedy = "none", out;
  long N = 0;
  int heads = 0;
  unsigned long seed = 1;
  precision_args prec;
  double max_seconds = 600;
};

// One plateau experiment: the claim check of theorems/plateaus/ on an instance built from the
// options, its verdict and evidence on stdout, its curves and tables as CSV files in --out.
int cmd_plateau(const plateau_args& a) {
  static const std::map<std::string, std::string> checks{{"closed-form", "plateau_closed_form"},
                                                         {"length", "plateau_length"},
                                                         {"staircase", "plateau_staircase"},
                                                         {"remedy", "plateau_remedy"}};
  const auto found = checks.find(a.experiment);
  if (found == checks.end())
    throw usage_error("the experiment must be closed-form, length, staircase or remedy, got '" + a.experiment + "'");
  const scalar_kind k = a.prec.apply();
  // The options go through the theorem-file parser, so they are validated exactly as a file's keys are.
  std::string toml = fmt::format("id = \"plateau.{}\"\nsource = \"iclverify plateau\"\nstatement = \"command line\"\n"
                                 "check = \"{}\"\n[[instance]]\nname = \"cli\"\nlambda = \"{}\"\nN = {}\nsigma = \"{}\"\n"
                                 "seed = {}\nremedy = \"{}\"\n",
                                 a.experiment, found->second, a.lambda, a.N, a.w0, a.seed, a.remedy);
  if (a.heads > 0) toml += fmt::format("heads = {}\n", a.heads);
  if (!a.w0_list.empty()) toml += fmt::format("w0 = \"{}\"\n", a.w0_list);
  if (!a.lambda_easy.empty()) toml += fmt::format("lambda_easy = \"{}\"\n", a.lambda_easy);
  for (const std::string* v : {&a.lambda, &a.lambda_easy, &a.w0, &a.w0_list, &a.remedy})
    if (v->find_first_of("\"\\\n\r") != std::string::npos) throw usage_error("option value contains a quote or newline: " + *v);
  claim_spec c;
  try {
    c = parse_theorem_text(toml, "<command line>");
  } catch (const spec_error& e) {
    const std::string option = e.key == "sigma" ? "w0" : e.key == "w0" ? "w0-list" : e.key == "lambda_easy" ? "lambda-easy" : e.key;
    throw usage_error("--" + option + ": " + e.reason);
  }
  (void)make_problem<double>(c.instances[0].lambda, a.N);  // refuse a bad Λ before any work
  if (!a.out.empty()) require_writable_folder(a.out, "--out");
  check_context ctx;
  ctx.max_seconds = a.max_seconds;
  const check_result r = find_check(c, k)(c, c.instances[0], ctx);
  std::cout << fmt::format("{}  {}\n{}\n", verdict_name(r.v), r.key_figure, r.brief);
  for (const auto& [key, v] : r.numbers) std::cout << fmt::format("  {} = {}\n", key, v);
  if (!a.out.empty()) std::filesystem::create_directories(a.out);
  if (!a.out.empty())
    for (const auto& f : r.figures) {
      const std::string path = (std::filesystem::path(a.out) / (f.name + ".csv")).string();
      write_atomically(path, csv_of(f));
      std::cout << "wrote " << path << "\n";
    }
  return exit_code_of({r});
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"iclverify: checks theorems about in-context learning in linear transformers (Zhang, Frei & Bartlett, "
               "JMLR 2024) by exact gradient flow in high precision"};
  app.set_version_flag("--version", std::string("iclverify ") + ICLVERIFY_VERSION);
  app.require_subcommand(1);

  check_args ca;
  auto* check = app.add_subcommand("check", "verify the claims of a theorem catalog and print verdicts");
  check->add_option("paths", ca.paths, "theorem files or folders (default: theorems/)");
  ca.prec.add(*check);
  check->add_option("--jobs,-j", ca.jobs, "instances run in parallel (default: all cores)")->check(CLI::Range(1, 4096));
  check->add_option("--json", ca.json, "write verdicts and evidence as JSON");
  check->add_option("--junit", ca.junit, "write JUnit XML for CI systems (one test case per instance)");
  check->add_flag("--quiet,-q", ca.quiet, "no progress line");
  check->add_flag("--verbose,-v", ca.verbose, "print each verdict with its evidence as it lands (stderr)");
  check->add_option("--filter", ca.filter, "only instances whose 'claim-id/instance' matches this glob");
  check->add_option("--plant", ca.plant_name, "replace one prediction by a known-wrong one, to see the checks FAIL");
  check->add_option("--max-seconds", ca.max_seconds, "time budget of one flow run")->capture_default_str()->check(CLI::PositiveNumber);
  check->add_option("--max-steps", ca.max_steps, "step budget of one flow run")->capture_default_str()->check(CLI::Range(1L, 1000000000L));

  flow_args fa;
  auto* flow = app.add_subcommand("flow", "integrate the population gradient flow and compare with the closed-form limit");
  flow->add_option("--lambda", fa.lambda, "covariance: 0.5,1,2 | linspace:A:B:D | geomspace:A:B:D | FILE")->required();
  flow->add_option("--N", fa.N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  flow->add_option("--sigma", fa.sigma, "initialisation scale: a positive number, or auto (sigma^2 = 1/(sqrt(d) |Gamma|_op), the best PL constant)")->capture_default_str();
  flow->add_option("--theta", fa.theta, "identity (Theta Theta^T = I/sqrt d) | random:SEED")->capture_default_str();
  flow->add_option("--init", fa.init, "paper (Assumption 3.3) | random:SEED (all live parameters)")->capture_default_str();
  flow->add_option("--param", fa.param, "reduced (u, U) | full (a, b, C, c)")->capture_default_str();
  flow->add_option("--method", fa.method, "extrapolation | bulirsch-stoer | rkf78")->capture_default_str();
  fa.prec.add(*flow);
  flow->add_option("--t-end", fa.t_end, "integrate to exactly this time instead of stopping on the certificate");
  flow->add_option("--target-digits", fa.target_digits,
                   "stop when the certified distance to the limit is below 10^-K of its size (default: digits - 8)");
  flow->add_option("--csv", fa.csv, "write the recorded trajectory");
  flow->add_option("--json", fa.json, "write the summary (numbers as decimal strings at full precision)");
  flow->add_option("--max-seconds", fa.max_seconds, "time budget")->capture_default_str();

  plateau_args pla;
  auto* plateau = app.add_subcommand("plateau", "run one learning-plateau experiment (THEORY §8) and write its curves as CSV");
  plateau->add_option("experiment", pla.experiment, "closed-form | length | staircase | remedy")->required();
  plateau->add_option("--lambda", pla.lambda, "covariance (diagonal): 0.5,1,2 | linspace:A:B:D | geomspace:A:B:D")->required();
  plateau->add_option("--N", pla.N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  plateau->add_option("--w0", pla.w0, "initial scale w0 (merged: u = w0, U = w0 I/sqrt d; separate: entries w0 N(0,1)/sqrt d)")->capture_default_str();
  plateau->add_option("--w0-list", pla.w0_list, "length: the scales to table over, e.g. 1e-1,1e-3,1e-10,1e-30");
  plateau->add_option("--heads", pla.heads, "staircase: rank-one heads of the separate key/query model (default d)")->check(CLI::Range(1, 64));
  plateau->add_option("--seed", pla.seed, "staircase: seed of the random start")->capture_default_str();
  plateau->add_option("--remedy", pla.remedy, "remedy: warmup:FACTOR | mix:RHO | aux:ALPHA")->capture_default_str();
  plateau->add_option("--lambda-easy", pla.lambda_easy, "remedy: the easier covariance of warm-up and mixing");
  pla.prec.add(*plateau);
  plateau->add_option("--out", pla.out, "folder for the CSV files of the curves and tables");
  plateau->add_option("--max-seconds", pla.max_seconds, "time budget per flow run")->capture_default_str();

  exact_args ea;
  auto* exact = app.add_subcommand("exact", "the exact population loss polynomial (Isserlis/Wick over the rationals) and "
                                            "the exact identity checks for one tiny case");
  exact->add_option("--lambda", ea.lambda, "covariance with exact entries: 0.5,1,2 | linspace:A:B:D | FILE")->required();
  exact->add_option("--N", ea.N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  exact->add_option("--M", ea.M, "test prompt length: also checks the trained model's error exactly")->check(CLI::Range(1L, max_prompt_length));
  exact->add_option("--task", ea.task, "test labels: gaussian[:W11,..] | fixed:w1,.. [+square:C] [+noise:S2] [+query-noise:S2]");
  exact->add_option("--d-max", ea.d_max, "refuse dimensions above this (the expansion grows steeply)")->capture_default_str();
  exact->add_option("--points", ea.points, "random rational points each identity is checked at")->capture_default_str();
  exact->add_option("--seed", ea.seed, "seed of those points")->capture_default_str();
  exact->add_flag("--show-polynomial", ea.show, "print the loss polynomial, sorted by degree");
  exact->add_option("--plant", ea.plant_name, "replace one prediction by a known-wrong one, to see the checks FAIL");
  exact->add_option("--json", ea.json, "write verdicts and evidence as JSON");

  report_args pa;
  auto* report = app.add_subcommand("report", "verify a catalog and write Markdown pages with figures (gnuplot)");
  report->add_option("paths", pa.paths, "theorem files or folders (default: theorems/)");
  report->add_option("--out", pa.out, "output folder")->capture_default_str();
  pa.prec.add(*report);
  report->add_option("--jobs,-j", pa.jobs, "instances run in parallel (default: all cores)")->check(CLI::Range(1, 4096));
  report->add_option("--filter", pa.filter, "only instances whose 'claim-id/instance' matches this glob");
  report->add_flag("--no-figures", pa.no_figures, "write the CSVs but do not run gnuplot");
  report->add_flag("--png", pa.png, "also render PNG next to each SVG");
  report->add_option("--precision-sweep", pa.sweep, "digits for the digits-vs-precision figure, or none")->capture_default_str();
  report->add_flag("--quiet,-q", pa.quiet, "no progress line");
  report->add_option("--max-seconds", pa.max_seconds, "time budget of one flow run")->capture_default_str()->check(CLI::PositiveNumber);
  report->add_option("--max-steps", pa.max_steps, "step budget of one flow run")->capture_default_str()->check(CLI::Range(1L, 1000000000L));

  risk_args ra;
  auto* risk = app.add_subcommand("risk", "the trained model's prediction error: formula against a Monte Carlo of the "
                                          "literal forward pass");
  risk->add_option("--lambda", ra.lambda, "training covariance: 0.5,1,2 | linspace:A:B:D | geomspace:A:B:D | FILE")->required();
  risk->add_option("--N", ra.N, "training prompt length N >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  risk->add_option("--M", ra.M, "test prompt length M >= 1")->required()->check(CLI::Range(1L, max_prompt_length));
  risk->add_option("--task", ra.task, "gaussian[:W11,..] | fixed:w1,.. | rademacher | sparse:K, with +square:C +noise:S2 +query-noise:S2")->capture_default_str();
  risk->add_option("--lambda-x", ra.lambda_x, "test covariance of the prompt (default: --lambda)");
  risk->add_option("--lambda-q", ra.lambda_q, "test covariance of the query (default: --lambda)");
  risk->add_option("--shift", ra.shift, "covariate:C (both scaled by C^2) | orthogonal-query");
  risk->add_option("--law", ra.law, "random covariance per prompt (training and test): fixed | exponential | uniform:A:B | gamma:K")->capture_default_str();
  risk->add_option("--scale", ra.scale, "test scaling c of a random covariance")->capture_default_str();
  risk->add_option("--samples", ra.samples, "Monte Carlo prompts")->capture_default_str()->check(CLI::Range(100L, 1000000000000L));
  risk->add_option("--seed", ra.seed, "Monte Carlo seed (the estimate does not depend on --threads)")->capture_default_str();
  risk->add_option("--threads", ra.threads, "sampling threads (default: all cores)")->check(CLI::Range(1, 4096));
  risk->add_option("--plant", ra.plant_name, "replace the prediction by a known-wrong one (gamma-to-lambda)");
  risk->add_option("--json", ra.json, "write the numbers as JSON (decimal strings)");
  risk->add_option("--max-seconds", ra.max_seconds, "time budget of the training flow")->capture_default_str();

  sweep_args sa;
  auto* sweep = app.add_subcommand("sweep", "run a grid of instances (a sweep file), appending each result to "
                                            "DIR/results.jsonl; --resume continues a killed sweep");
  sweep->add_option("spec", sa.spec, "sweep file (TOML: check, [grid], [fixed])")->required();
  sweep->add_option("--out", sa.out, "output folder (results.jsonl, sweep.json, summary.json)")->required();
  sweep->add_flag("--resume", sa.resume, "skip the instances already in DIR/results.jsonl");
  sa.prec.add(*sweep);
  sweep->add_option("--jobs,-j", sa.jobs, "instances run in parallel (default: all cores)")->check(CLI::Range(1, 4096));
  sweep->add_flag("--quiet,-q", sa.quiet, "no progress");
  sweep->add_option("--max-seconds", sa.max_seconds, "time budget of one flow run")->capture_default_str()->check(CLI::PositiveNumber);
  sweep->add_option("--max-steps", sa.max_steps, "step budget of one flow run")->capture_default_str()->check(CLI::Range(1L, 1000000000L));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "iclverify: error: " << e.what() << " (see --help)\n";
    return 2;
  }
  try {
    if (check->parsed()) return cmd_check(ca);
    if (plateau->parsed()) return cmd_plateau(pla);
    if (exact->parsed()) return cmd_exact(ea);
    if (risk->parsed()) return cmd_risk(ra);
    if (sweep->parsed()) return cmd_sweep(sa);
    if (report->parsed()) {
      std::string command = "iclverify";
      for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
      return cmd_report(pa, command);
    }
    return cmd_flow(fa);
  } catch (const usage_error& e) {
    std::cerr << "iclverify: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "iclverify: error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace icl
