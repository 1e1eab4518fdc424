// The processes a sweep is spread over (docs/THEORY.md §10): one, or the ranks of an MPI launch.
// The interface names no MPI type, so the core builds and tests without MPI; the MPI implementation
// (src/cli/sweep_mpi.cpp) lives in its own library and is installed by the executable's main().
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace icl {

class sweep_ranks {
 public:
  virtual ~sweep_ranks() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Rank 0 tells every worker whether the sweep goes ahead (status 0) or ended before any work (the
  // exit status); a worker returns what rank 0 sent.
  virtual int agree(int status) = 0;
  // Rank 0: hands out the indices of `order` one at a time to whichever rank asks (itself included,
  // on a second thread) and calls on_line, always on the calling thread, with every result line.
  virtual void lead(const std::vector<std::size_t>& order, const std::function<std::string(std::size_t)>& run,
                    const std::function<void(std::size_t, const std::string&)>& on_line) = 0;
  // A worker: runs the indices rank 0 hands out until it says stop.
  virtual void work(const std::function<std::string(std::size_t)>& run) = 0;
  // Ends the whole job with a message (a worker that cannot set up would otherwise leave rank 0 waiting).
  [[noreturn]] virtual void abort(const std::string& why) = 0;
};

// Opens the ranks of this launch (null: one process, no MPI). Set by main() when built with MPI.
using sweep_ranks_opener = std::unique_ptr<sweep_ranks> (*)();
void set_sweep_ranks_opener(sweep_ranks_opener open);
std::unique_ptr<sweep_ranks> open_sweep_ranks();

}  // namespace icl
