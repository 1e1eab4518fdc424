#include "train/runtime.hpp"

#include <malloc.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>

namespace icl::train {

namespace {

// The libblas/openblas shared object in this process's memory map.
std::string mapped_blas() {
  std::ifstream maps("/proc/self/maps");
  std::string line, found;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    if (path.find("libblas") != std::string::npos || path.find("libopenblas") != std::string::npos ||
        path.find("libmkl") != std::string::npos || path.find("libblis") != std::string::npos) {
      found = path;
      if (path.find("openblas") != std::string::npos) break;
    }
  }
  return found;
}

runtime_report configure_once() {
  // Blocks up to 64 MiB come from the heap and stay there: a step's activations are reused, not
  // unmapped and faulted in again (measured: page faults ≈ a third of a step otherwise).
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  at::set_num_threads(1);
  try {  // refused once inter-op work has started (a host program may have run some already)
    at::set_num_interop_threads(1);
  } catch (const std::exception&) {
  }
  runtime_report r;
  // One 256³ product (warm-up, then timed): the reference BLAS does ~3 GFLOP/s here, OpenBLAS
  // tens. The threshold is far from both.
  const auto a = torch::ones({256, 256}), b = torch::ones({256, 256});
  auto c = torch::mm(a, b);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) c = torch::mm(a, c * 1e-3f);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.matmul_gflops = 4 * 2.0 * 256 * 256 * 256 / s / 1e9;
  r.blas_library = mapped_blas();
  const bool reference = r.blas_library.find("/blas/") != std::string::npos;
  if (reference || r.matmul_gflops < 6)
    r.warning = "libtorch's BLAS looks like the reference implementation (" +
                (r.blas_library.empty() ? std::string("library unknown") : r.blas_library) + ", " +
                std::to_string(r.matmul_gflops) +
                " GFLOP/s on a 256³ product; a loaded machine also lowers this); training will be ~30× slower. "
                "Install libopenblas0-openmp, or select it: update-alternatives --config libblas.so.3-x86_64-linux-gnu";
  return r;
}

}  // namespace

runtime_report configure_runtime(bool warn) {
  static std::once_flag once;
  static runtime_report report;
  std::call_once(once, [] { report = configure_once(); });
  static bool warned = false;
  if (warn && !warned && !report.warning.empty()) {
    std::fprintf(stderr, "iclverify: warning: %s\n", report.warning.c_str());
    warned = true;
  }
  return report;
}

}  // namespace icl::train
