// `iclverify list checks | observables`: what theorem files can name: the claim families (`check`)
// and the observables an expression claim can measure.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "claims/observables.hpp"
#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"

namespace icl {

namespace {

int cmd_list(const std::string& what) {
  if (what == "checks") {
    for (const auto& name : check_names()) std::cout << name << "\n";
    return 0;
  }
  const auto obs = observable_descriptions();
  std::size_t w = 0;
  for (const auto& [name, text] : obs) w = std::max(w, name.size());
  for (const auto& [name, text] : obs) std::cout << fmt::format("{:<{}}  {}\n", name, w, text);
  return 0;
}

}  // namespace

subcommand add_list_command(CLI::App& app) {
  auto what = std::make_shared<std::string>();
  auto* list = app.add_subcommand("list", "list what theorem files can name: claim families (checks) or observables");
  list->add_option("what", *what, "checks | observables")->required()->check(CLI::IsMember({"checks", "observables"}));
  return {list, [what] { return cmd_list(*what); }};
}

}  // namespace icl
