#include "cli/commands.hpp"
#ifdef ICLVERIFY_MPI
#include "cli/sweep_mpi.hpp"
#endif
#ifdef ICLVERIFY_TORCH
#include "cli/subcommands.hpp"
#endif

int main(int argc, char** argv) {
#ifdef ICLVERIFY_MPI
  icl::set_sweep_ranks_opener(icl::open_mpi_ranks);  // sweeps spread over the ranks of an MPI launch
#endif
#ifdef ICLVERIFY_TORCH
  icl::register_subcommand(icl::add_train_command);       // trained models (libtorch)
  icl::register_subcommand(icl::add_experiment_command);  // and their claims, theorems/experiments/
#endif
  return icl::run_cli(argc, argv);
}
