// The experiment family zfb_lsa_training (docs/THEORY.md "Training the linear layer"): the ZFB
// layer trained by SGD (and Adam) on sampled prompts from Assumption 3.3's start, held against the
// exact population flow of the core at matched time t = steps·lr and against Theorem 4.1's closed
// form. The measured side is src/train (libtorch); the predicted side is the core's flow, its exact
// population gradient descent and zfb_theory. They share no code and no data.
#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/experiment_file.hpp"

namespace icl {

// A verdict of an experiment: CONFIRMED, NOT REPRODUCED or INCONCLUSIVE, with its effect size and
// confidence interval (docs/THEORY.md "Training the linear layer" defines each statistic).
struct experiment_verdict {
  std::string key;        // a | b | c | d
  std::string claim;      // one line
  std::string verdict;    // CONFIRMED | NOT REPRODUCED | INCONCLUSIVE
  std::string statistic;  // what the effect is
  double effect = 0, lo = 0, hi = 0;
  std::string prediction; // what it is compared with
  std::string reason;     // the numbers in words (and why INCONCLUSIVE)
  bool planted = false;   // the file's plant acts on this verdict: NOT REPRODUCED is the right outcome
};

// A plotted figure: CSV columns and the curves (x column, y column, style) drawn by gnuplot.
struct experiment_figure {
  std::string name, title, xlabel, ylabel;
  bool logx = true, logy = true;
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
  struct curve {
    int x, y;
    std::string style = "lines";  // lines | points | band (y and y+1 are the band's lower and upper edge)
    std::string title;
  };
  std::vector<curve> curves;
  std::vector<double> vlines;  // x positions marked by a dashed vertical line (THEORY §11.11: M = N)
  std::string yrange;          // gnuplot's "[lo:hi]" (either may be *); empty: automatic
};

struct experiment_outcome {
  lsa_experiment_spec spec;
  std::vector<experiment_verdict> verdicts;
  std::vector<experiment_figure> figures;
  std::vector<std::vector<std::string>> runs_table;  // header row first
  std::vector<std::string> notes;
  long runs_trained = 0, runs_resumed = 0;
  double seconds = 0;
  bool as_expected = false;  // every verdict CONFIRMED, or (falsification file) the planted one NOT REPRODUCED
};

// Which of `count` workers trains the run `key`: the seed's turn, offset by a hash of the rest of
// the key, so that each configuration's seeds alternate between the workers (a balanced split
// whatever the families' costs) and the choice depends on the key alone, never on the order in
// which a worker meets the runs. A key without "seed=K" is placed by its hash.
int run_shard(const std::string& key, int count);

// Thrown by run_journal::require_trainable in a worker of `experiment --jobs N` for a run another
// worker owns: not a failure, the run is simply someone else's.
struct left_to_other_worker : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Finished training runs, journalled as JSON lines (fsynced) and found again by key on --resume.
class run_journal {
 public:
  run_journal(const std::string& path, bool resume);  // without resume the journal starts empty
  ~run_journal();
  bool has(const std::string& key) const { return runs_.count(key) != 0; }
  const std::vector<double>& get(const std::string& key) const { return runs_.at(key); }
  void put(const std::string& key, std::vector<double> values);
  std::size_t size() const { return runs_.size(); }
  const std::map<std::string, std::vector<double>>& runs() const { return runs_; }
  // After `experiment --jobs`, the parent only reads: a run the workers did not journal (it failed
  // there) must not be trained again serially. Callers call require_trainable(key) before training.
  // `why` may name "{worker}", replaced by the owning worker's number (1..workers) of the key.
  void forbid_training(std::string why, int workers) { forbidden_ = std::move(why), forbidden_workers_ = workers; }
  // A worker of `experiment --jobs N` trains only its share of the runs (run_shard); the others
  // throw here, and their verdicts in the worker, which nobody reads, are INCONCLUSIVE. A family
  // that stops at its first untrained run passes shardable = false: worker 0 trains all of it.
  void set_shard(int index, int count) { shard_index_ = index, shard_count_ = count; }
  void require_trainable(const std::string& key, bool shardable = true) const;

 private:
  std::string path_;
  std::map<std::string, std::vector<double>> runs_;
  std::string forbidden_;
  int shard_index_ = 0, shard_count_ = 1, forbidden_workers_ = 0;
  // The worker (from 0) of `count` that trains `key`.
  static int owner(const std::string& key, bool shardable, int count) { return count > 1 && shardable ? run_shard(key, count) : 0; }
  struct log_holder;
  log_holder* log_ = nullptr;
};

// A run that could not be trained, said on stderr as well as in the verdicts (the first failure of
// a family is all its verdicts name).
void report_failed_run(const std::string& what, const std::exception& e);

// Calls train_and_journal() for the run `what`; if it throws, records the first reason in `failure`
// and returns false. A run another worker owns is named so (no failure of its own); any other
// exception is a failure, reported on stderr too.
template <class Train>
bool train_journalled(const std::string& what, std::string& failure, Train&& train_and_journal) {
  try {
    train_and_journal();
    return true;
  } catch (const left_to_other_worker& e) {
    if (failure.empty()) failure = "the run " + what + " is " + e.what();
  } catch (const std::exception& e) {
    report_failed_run(what, e);
    if (failure.empty()) failure = "the run " + what + " failed: " + e.what();
  }
  return false;
}

// Refuses before any training what cannot run (Theorem 4.1's hypothesis fails at this σ, say).
void validate_lsa_experiment(const lsa_experiment_spec& s);
// `status(text)` reports progress (may be empty).
experiment_outcome run_lsa_experiment(const lsa_experiment_spec& s, run_journal& journal,
                                      const std::function<void(const std::string&)>& status);

}  // namespace icl
