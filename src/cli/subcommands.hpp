// The subcommands of `iclverify`, one file each (cmd_*.cpp): each adds itself and its options to
// the parser and returns what runs it once the command line has been parsed.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace icl {

struct subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;  // the exit status; called when app->parsed()
};

subcommand add_check_command(CLI::App& app);
subcommand add_flow_command(CLI::App& app);
subcommand add_plateau_command(CLI::App& app);
subcommand add_exact_command(CLI::App& app);
// `command_line` is recorded in the report's environment table.
subcommand add_report_command(CLI::App& app, const std::string& command_line);
subcommand add_risk_command(CLI::App& app);
subcommand add_sweep_command(CLI::App& app);
subcommand add_list_command(CLI::App& app);
subcommand add_prove_command(CLI::App& app);

}  // namespace icl
