// The `iclverify` command line: the parser and its subcommands (one file each, cmd_*.cpp), and the
// exit status: 0 ok, 1 a claim FAILed or was INCONCLUSIVE, 2 usage or spec error.
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "core/errors.hpp"

namespace icl {

namespace {
std::vector<subcommand_adder>& extra_commands() {
  static std::vector<subcommand_adder> v;
  return v;
}
}  // namespace

void register_subcommand(subcommand_adder add) { extra_commands().push_back(add); }

int run_cli(int argc, char** argv) {
  CLI::App app{"iclverify: checks theorems about in-context learning in linear transformers (Zhang, Frei & Bartlett, "
               "JMLR 2024) by exact gradient flow in high precision"};
  app.set_version_flag("--version", std::string("iclverify ") + ICLVERIFY_VERSION);
  app.require_subcommand(1);
  std::string command = "iclverify";  // as the report records it
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  std::vector<subcommand> commands = {add_check_command(app), add_flow_command(app),   add_plateau_command(app),
                                      add_exact_command(app), add_report_command(app, command), add_risk_command(app),
                                      add_sweep_command(app), add_list_command(app), add_prove_command(app)};
  for (const auto add : extra_commands()) commands.push_back(add(app, command));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "iclverify: error: " << e.what() << " (see --help)\n";
    return 2;
  }
  try {
    for (const auto& c : commands)
      if (c.app->parsed()) return c.run();
    return 2;  // not reached: exactly one subcommand is required
  } catch (const std::exception& e) {  // usage_error and spec_error included
    std::cerr << "iclverify: error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace icl
