#pragma once
#include <string>

namespace CLI {
class App;
}

namespace icl {
// The `iclverify` command line; returns the process exit status (0 ok, 1 a claim FAILed or was
// INCONCLUSIVE, 2 usage or spec error).
int run_cli(int argc, char** argv);

// Subcommands built outside the core library (libtorch: `train`, `experiment`) are registered by
// main() before run_cli, as the MPI sweep ranks are, so the core builds without them.
struct subcommand;
using subcommand_adder = subcommand (*)(CLI::App& app, const std::string& command_line);
void register_subcommand(subcommand_adder add);
// Only in builds with ICLVERIFY_TORCH: src/cli/cmd_train.cpp, src/cli/cmd_experiment.cpp.
subcommand add_train_command(CLI::App& app, const std::string& command_line);
subcommand add_experiment_command(CLI::App& app, const std::string& command_line);
}  // namespace icl
