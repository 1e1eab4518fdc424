// `iclverify sweep`: a grid of instances; every finished result is appended to DIR/results.jsonl
// with an fsync, so a killed sweep resumes (--resume) where it stopped and ends with exactly the
// uninterrupted results. Launched by mpirun/srun with more than one rank, rank 0 hands the instances
// out over the ranks and alone writes the journal and summary (docs/THEORY.md §10).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"
#include "cli/sweep_ranks.hpp"
#include "claims/registry.hpp"
#include "report/jsonl.hpp"
#include "report/writers.hpp"
#include "spec/sweep_spec.hpp"

namespace icl {

namespace {

namespace fs = std::filesystem;

struct sweep_args {
  std::string spec, out;
  catalog_args run;
  bool resume = false;
};

// The results a previous run of the same sweep left in the log (instance name -> its line); refuses
// a log of another sweep, or one that holds results without --resume.
std::map<std::string, std::string> earlier_results(const sweep_args& a, const claim_spec& claim, const std::string& log_path,
                                                   const std::string& meta_path, const std::string& meta) {
  std::error_code ec;
  const bool started = fs::exists(log_path, ec) && fs::file_size(log_path, ec) > 0;
  if (started && !a.resume)
    throw usage_error("--out: " + log_path + " already holds results: pass --resume to continue that sweep, or "
                      "choose another folder");
  std::map<std::string, std::string> done;
  if (!a.resume || !started) return done;
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
  return done;
}

// DIR/summary.json in grid order, whatever the order of completion and interruption; the counts on
// stdout; the exit status.
int summarise(const sweep_args& a, const claim_spec& claim, const std::string& scalar,
              const std::map<std::string, std::string>& done, const std::map<std::string, std::string>& fresh) {
  std::string all;
  int counts[verdict_count] = {};
  for (const auto& in : claim.instances) {
    const auto it = done.count(in.name) ? done.find(in.name) : fresh.find(in.name);
    all += (all.empty() ? "    " : ",\n    ") + it->second;
    for (int v = 0; v < verdict_count; ++v)
      if (json_string_field(it->second, "verdict") == verdict_name(static_cast<verdict>(v))) ++counts[v];
  }
  write_atomically((fs::path(a.out) / "summary.json").string(),
                   "{\n  \"scalar\": \"" + json_escape(scalar) + "\",\n  \"results\": [\n" + all + "\n  ]\n}\n");
  std::cout << fmt::format("{} instances ({} resumed, {} run): {} PASS, {} FAIL, {} INCONCLUSIVE, {} NOT-APPLICABLE\n",
                           claim.instances.size(), done.size(), fresh.size(), counts[0], counts[1], counts[2], counts[3]);
  std::cout << "sweep: " << (fs::path(a.out) / "summary.json").string() << "\n";
  return counts[1] || counts[2] ? 1 : 0;
}

// The instances still to run in the order rank 0 hands them out: largest d first, since every family's
// cost grows with d and a large instance started last would leave the other ranks idle (§10.1); grid
// order among equals. The order decides only who runs what and when, never a result.
std::vector<std::size_t> hand_out_order(const claim_spec& claim, const std::map<std::string, std::string>& done) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < claim.instances.size(); ++i)
    if (!done.count(claim.instances[i].name)) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return claim.instances[x].lambda.d > claim.instances[y].lambda.d;
  });
  return order;
}

// What the progress line needs of a result line: claim, instance, verdict.
check_result progress_of(const std::string& line) {
  check_result r;
  r.claim = json_string_field(line, "claim");
  r.instance = json_string_field(line, "instance");
  const std::string v = json_string_field(line, "verdict");
  for (int i = 0; i < verdict_count; ++i)
    if (v == verdict_name(static_cast<verdict>(i))) r.v = static_cast<verdict>(i);
  return r;
}

// A rank other than 0 under MPI: waits for rank 0's go, then runs what it is handed; prints nothing.
int sweep_worker(const sweep_args& a, sweep_ranks& ranks) {
  if (const int status = ranks.agree(0)) return status;
  claim_spec claim;
  check_fn fn;
  run_options o;
  try {
    const scalar_kind k = a.run.prec.apply();
    claim = load_sweep(a.spec);
    fn = prepare_claim(claim, k);
    o = run_options_of(a.run, k);
  } catch (const std::exception& e) {
    ranks.abort(fmt::format("rank {}: {}", ranks.rank(), e.what()));
  }
  ranks.work([&](std::size_t i) { return result_json(run_instance(claim, claim.instances[i], fn, o.ctx)); });
  return 0;
}

int cmd_sweep(const sweep_args& a) {
  const std::unique_ptr<sweep_ranks> ranks = open_sweep_ranks();
  const bool distributed = ranks && ranks->size() > 1;
  if (distributed && ranks->rank() > 0) return sweep_worker(a, *ranks);
  // Everything that can refuse the sweep happens before rank 0 lets the workers go.
  scalar_kind k;
  claim_spec claim;
  check_fn fn;
  std::map<std::string, std::string> done;
  std::string log_path;
  std::unique_ptr<jsonl_log> log;
  try {
    k = a.run.prec.apply();
    claim = load_sweep(a.spec);
    fn = prepare_claim(claim, k);
    require_writable_folder(a.out, "--out");
    log_path = (fs::path(a.out) / "results.jsonl").string();
    const std::string meta_path = (fs::path(a.out) / "sweep.json").string();
    const std::string meta = flat_json({{"sweep", a.spec}, {"check", claim.check}, {"scalar", a.run.prec.label(k)},
                                        {"instances", std::to_string(claim.instances.size())}});
    done = earlier_results(a, claim, log_path, meta_path, meta);
    fs::create_directories(a.out);
    write_atomically(meta_path, meta);
    log = std::make_unique<jsonl_log>(log_path);
  } catch (...) {
    if (distributed) ranks->agree(2);
    throw;
  }
  if (distributed) ranks->agree(0);
  run_options o = run_options_of(a.run, k);
  const bool tty = progress_on_terminal(a.run.quiet);
  auto show = progress(tty, false);
  const std::size_t before = done.size(), total = claim.instances.size();
  if (!a.run.quiet)
    std::cerr << fmt::format("sweep: {} instances, {} already done, {} results in {}\n", total, before,
                             distributed ? fmt::format("{} ranks,", ranks->size()) : std::string("one process,"),
                             log_path);
  std::map<std::string, std::string> fresh;
  if (distributed) {
    ranks->lead(
        hand_out_order(claim, done),
        [&](std::size_t i) { return result_json(run_instance(claim, claim.instances[i], fn, o.ctx)); },
        [&](std::size_t i, const std::string& line) {
          log->append(line);  // rank 0's main thread only
          fresh[claim.instances[i].name] = line;
          show(progress_of(line), before + fresh.size(), total);
        });
  } else {
    o.on_result = [&](const check_result& r, std::size_t n, std::size_t) {
      const std::string line = result_json(r);
      log->append(line);  // called one result at a time
      fresh[r.instance] = line;
      show(r, before + n, total);
    };
    (void)run_claims({claim}, o, [&](const claim_spec&, const instance_spec& in) { return done.count(in.name) > 0; });
  }
  if (tty) std::cerr << "\r\033[K";
  return summarise(a, claim, a.run.prec.label(k), done, fresh);
}

}  // namespace

namespace {
sweep_ranks_opener ranks_opener = nullptr;
}
void set_sweep_ranks_opener(sweep_ranks_opener open) { ranks_opener = open; }
std::unique_ptr<sweep_ranks> open_sweep_ranks() { return ranks_opener ? ranks_opener() : nullptr; }

subcommand add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<sweep_args>();
  auto* sweep = app.add_subcommand("sweep", "run a grid of instances (a sweep file), appending each result to "
                                            "DIR/results.jsonl; --resume continues a killed sweep");
  sweep->add_option("spec", a->spec, "sweep file (TOML: check, [grid], [fixed])")->required();
  sweep->add_option("--out", a->out, "output folder (results.jsonl, sweep.json, summary.json)")->required();
  sweep->add_flag("--resume", a->resume, "skip the instances already in DIR/results.jsonl");
  a->run.prec.add(*sweep);
  add_jobs_option(*sweep, a->run);
  sweep->add_flag("--quiet,-q", a->run.quiet, "no progress");
  add_budget_options(*sweep, a->run);
  return {sweep, [a] { return cmd_sweep(*a); }};
}

}  // namespace icl
