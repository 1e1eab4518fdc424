// The MPI ranks of a sweep (src/cli/sweep_mpi.cpp); main() installs this opener when built with MPI.
#pragma once
#include <memory>

#include "cli/sweep_ranks.hpp"

namespace icl {

// The ranks of this launch, or null when no MPI launcher started the process.
std::unique_ptr<sweep_ranks> open_mpi_ranks();

}  // namespace icl
