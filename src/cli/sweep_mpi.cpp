// Sweeps over the ranks of an MPI launch (docs/THEORY.md §10): rank 0 hands out instance indices on
// request (self-scheduling, so instances 1000× apart in cost balance themselves) and owns the journal;
// every rank, rank 0 included, runs instances. Only rank 0's main thread calls MPI (MPI_THREAD_FUNNELED);
// its second thread runs instances. The main thread polls with MPI_Iprobe and sleeps between polls
// rather than blocking in MPI_Recv, which Open MPI implements as a busy loop that would take the core
// rank 0's own instances need (§10.2).
#include "cli/sweep_mpi.hpp"

#include <mpi.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <time.h>

#include "cli/sweep_ranks.hpp"

namespace icl {

namespace {

enum tag : int { tag_ready = 1, tag_result = 2, tag_work = 3, tag_stop = 4 };

// Poll interval of rank 0's main thread: short while results arrive, doubling to a cap while idle, so
// the layer adds well under a millisecond per instance and almost no CPU during long instances.
constexpr long poll_min_ns = 20'000, poll_max_ns = 1'000'000;

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

// Whether a launcher started this process (mpirun/mpiexec of Open MPI or MPICH, srun with PMI/PMIx): a
// plain `iclverify sweep` never initialises MPI, which would cost a singleton start-up.
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}

class mpi_ranks final : public sweep_ranks {
 public:
  mpi_ranks() {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    if (provided < MPI_THREAD_FUNNELED) {
      MPI_Finalize();
      throw std::runtime_error("MPI: this MPI library does not offer MPI_THREAD_FUNNELED");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~mpi_ranks() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  int agree(int status) override {
    check(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Bcast");
    return status;
  }

  void lead(const std::vector<std::size_t>& order, const std::function<std::string(std::size_t)>& run,
            const std::function<void(std::size_t, const std::string&)>& on_line) override {
    std::mutex m;
    std::size_t next = 0;
    std::deque<std::pair<std::size_t, std::string>> outbox;  // rank 0's own results, for the main thread
    auto take = [&](std::size_t& i) {
      std::lock_guard<std::mutex> lk(m);
      if (next == order.size()) return false;
      i = order[next++];
      return true;
    };
    std::thread own([&] {
      for (std::size_t i; take(i);) {
        std::string line = run(i);
        std::lock_guard<std::mutex> lk(m);
        outbox.emplace_back(i, std::move(line));
      }
    });
    std::size_t received = 0;
    int workers = size_ - 1;  // still to be told to stop
    long pause = poll_min_ns;
    std::string buf;
    try {
      while (received < order.size() || workers > 0) {
        bool busy = false;
        int flag = 0;
        MPI_Status st;
        check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st), "MPI_Iprobe");
        if (flag) {
          int n = 0;
          MPI_Get_count(&st, MPI_CHAR, &n);
          buf.resize(static_cast<std::size_t>(n));
          check(MPI_Recv(buf.data(), n, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                "MPI_Recv");
          if (st.MPI_TAG == tag_result) {
            std::uint64_t i = 0;
            std::memcpy(&i, buf.data(), sizeof i);
            on_line(static_cast<std::size_t>(i), buf.substr(sizeof i));
            ++received;
          }
          std::size_t i = 0;
          if (take(i)) {
            const std::uint64_t w = i;
            check(MPI_Send(&w, 1, MPI_UINT64_T, st.MPI_SOURCE, tag_work, MPI_COMM_WORLD), "MPI_Send");
          } else {
            check(MPI_Send(nullptr, 0, MPI_UINT64_T, st.MPI_SOURCE, tag_stop, MPI_COMM_WORLD), "MPI_Send");
            --workers;
          }
          busy = true;
        }
        for (;;) {
          std::pair<std::size_t, std::string> r;
          {
            std::lock_guard<std::mutex> lk(m);
            if (outbox.empty()) break;
            r = std::move(outbox.front());
            outbox.pop_front();
          }
          on_line(r.first, r.second);
          ++received;
          busy = true;
        }
        if (busy) {
          pause = poll_min_ns;
        } else {
          const timespec ts{0, pause};
          nanosleep(&ts, nullptr);
          pause = std::min(2 * pause, poll_max_ns);
        }
      }
    } catch (const std::exception& e) {
      abort(std::string("rank 0: ") + e.what());  // the workers would otherwise wait forever
    }
    own.join();
  }

  void work(const std::function<std::string(std::size_t)>& run) override {
    check(MPI_Send(nullptr, 0, MPI_CHAR, 0, tag_ready, MPI_COMM_WORLD), "MPI_Send");
    std::string msg;
    for (;;) {
      std::uint64_t i = 0;
      MPI_Status st;
      check(MPI_Recv(&i, 1, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st), "MPI_Recv");
      if (st.MPI_TAG == tag_stop) return;
      const std::string line = run(static_cast<std::size_t>(i));
      msg.assign(reinterpret_cast<const char*>(&i), sizeof i);
      msg += line;
      check(MPI_Send(msg.data(), static_cast<int>(msg.size()), MPI_CHAR, 0, tag_result, MPI_COMM_WORLD), "MPI_Send");
    }
  }

  [[noreturn]] void abort(const std::string& why) override {
    std::cerr << "error: " << why << " (aborting all ranks)\n";
    MPI_Abort(MPI_COMM_WORLD, 3);
    std::abort();
  }

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace

std::unique_ptr<sweep_ranks> open_mpi_ranks() {
  if (!launched_by_mpi()) return nullptr;
  return std::make_unique<mpi_ranks>();
}

}  // namespace icl
