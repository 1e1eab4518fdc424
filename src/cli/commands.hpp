#pragma once
namespace CLI {
class App;
}
namespace icl {
// The `iclverify` command line; returns the process exit status (0 ok, 1 a claim FAILed or was
// INCONCLUSIVE, 2 usage or spec error).
int run_cli(int argc, char** argv);

// Subcommands from optional libraries the core does not link (`train`, with libtorch:
// src/cli/cmd_train.cpp): main() registers them before run_cli, as it installs the MPI ranks.
struct subcommand;
using subcommand_adder = subcommand (*)(CLI::App&);
void register_optional_command(subcommand_adder add);
subcommand add_train_command(CLI::App& app);  // defined only in builds with ICLVERIFY_TORCH
}  // namespace icl
