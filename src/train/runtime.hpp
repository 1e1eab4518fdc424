// The process settings training needs (docs/THEORY.md "Trained models"), applied once before any
// tensor work: one intra-op thread (deterministic results, and no two OpenMP teams spinning against
// each other on a shared machine), glibc's malloc thresholds raised so large blocks are not returned
// to the OS and faulted in again every step, and a check that the BLAS libtorch calls is not the
// reference one (~30× slower).
#pragma once
#include <string>

namespace icl::train {

struct runtime_report {
  std::string blas_library;  // the libblas mapped into the process, when one is
  double matmul_gflops = 0;  // one 256³ single-precision product
  std::string warning;       // empty when the BLAS looks optimised
};

// Idempotent; `warn` prints the warning (if any) on stderr.
runtime_report configure_runtime(bool warn);

}  // namespace icl::train
