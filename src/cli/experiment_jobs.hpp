// `iclverify experiment --jobs N`: the training runs of an experiment catalog in N worker processes.
// Each worker is this executable run on every file with a journal of its own under OUT/.jobs/ and a
// share of the runs (run_shard: the seeds of each configuration alternate between the workers), so
// the load is balanced run by run whatever the families cost, and a run two files share is trained
// once. Processes rather than threads: libtorch seeds each model from its one global generator and
// OpenMP keeps its thread count per thread, so a run is bit-identical to the sequential one only
// when it has a process to itself. Afterwards the workers' journals are merged into OUT/runs.jsonl,
// from which the caller writes every page as a --resume run would, training nothing more (a run a
// worker could not train is INCONCLUSIVE there, with the worker's log named). No torch header.
#pragma once
#include <string>
#include <vector>

#include "experiments/experiment_file.hpp"

namespace icl {

struct experiment_jobs_options {
  std::string executable;  // this program (the child runs `executable experiment ...`)
  std::string out;         // the catalog's output folder
  std::string scale;       // passed on to the children
  bool resume = false;     // children start from OUT/runs.jsonl (and a killed earlier --jobs run's journals)
  bool quiet = false;
  bool progress_on_terminal = false;  // a progress line rewritten in place (else one a minute)
  int jobs = 2;
};

// A killed --jobs run's worker journals (OUT/.jobs/*/runs.jsonl): merged into OUT/runs.jsonl on
// --resume, deleted otherwise. Every experiment run calls this first, with or without --jobs.
void settle_leftover_jobs(const std::string& out, bool resume);

// Runs the training in `jobs` child processes and merges their journals into OUT/runs.jsonl.
// Throws usage_error naming the worker's log when a child fails (exit status other than 0 or 1: 1
// only means some verdict was not as expected, which the pages then show).
void run_experiment_jobs(const std::vector<lsa_experiment_spec>& specs, const experiment_jobs_options& o);

}  // namespace icl
