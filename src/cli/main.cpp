#include "cli/commands.hpp"
#ifdef ICLVERIFY_MPI
#include "cli/sweep_mpi.hpp"
#endif
#ifdef ICLVERIFY_TORCH
#include "cli/subcommands.hpp"
#endif
#ifdef ICLVERIFY_TORCH_SIBLING
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "cli/subcommands.hpp"
#endif

int main(int argc, char** argv) {
#ifdef ICLVERIFY_TORCH_SIBLING
  // `train` and `experiment` need libtorch, whose loading costs every process ~0.4 s: they live in
  // the sibling executable built beside this one, which this process becomes (same arguments).
  if (argc > 1 && (std::strcmp(argv[1], "train") == 0 || std::strcmp(argv[1], "experiment") == 0)) {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string sibling = (ec ? std::filesystem::path(argv[0]) : self).parent_path() / ICLVERIFY_TORCH_SIBLING;
    ::execv(sibling.c_str(), argv);
    // The README's first command builds the target iclverify alone; the sibling comes with a full build.
    std::fprintf(stderr, "iclverify: error: '%s' runs %s, which could not be started: %s (build it: cmake --build build)\n",
                 argv[1], sibling.c_str(), std::strerror(errno));
    return 2;
  }
#endif
#ifdef ICLVERIFY_TORCH_SIBLING
  // Listed in --help like the others (same words as in the sibling); never run here: the exec
  // above takes them.
  icl::register_subcommand([](CLI::App& app, const std::string&) {
    return icl::subcommand{app.add_subcommand("train", "train a GPT-2-style transformer on sampled prompts (libtorch) and probe it"),
                           [] { return 2; }};
  });
  icl::register_subcommand([](CLI::App& app, const std::string&) {
    return icl::subcommand{
        app.add_subcommand("experiment", "train models with libtorch and hold them against the exact theory (theorems/experiments/*.toml)"),
        [] { return 2; }};
  });
#endif
#ifdef ICLVERIFY_MPI
  icl::set_sweep_ranks_opener(icl::open_mpi_ranks);  // sweeps spread over the ranks of an MPI launch
#endif
#ifdef ICLVERIFY_TORCH
  icl::register_subcommand(icl::add_train_command);       // trained models (libtorch)
  icl::register_subcommand(icl::add_experiment_command);  // and their claims, theorems/experiments/
#endif
  return icl::run_cli(argc, argv);
}
