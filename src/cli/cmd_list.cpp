// `iclverify list checks | observables`: what theorem files can name: the claim families (`check`)
// with the plants each takes, and the observables an expression claim can measure.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "claims/observables.hpp"
#include "claims/registry.hpp"
#include "cli/cli_common.hpp"
#include "cli/subcommands.hpp"

namespace icl {

namespace {

// Each family on its line with what it computes in, then its plants, one a line, with the wrong
// prediction each makes (the plants a theorem file of that family may name).
void list_checks() {
  std::size_t w = 0, wp = 0;
  for (const auto& f : claim_families()) w = std::max(w, std::string(f.name).size());
  for (const auto& fp : plant_table()) wp = std::max(wp, std::string(plant_name(fp.p)).size());
  for (const auto& f : claim_families()) {
    const auto plants = plants_of(f.name);
    std::cout << fmt::format("{:<{}}  computes in {}{}\n", f.name, w, f.runs_in, plants.empty() ? "; takes no plant" : "");
    for (const auto& fp : plants) std::cout << fmt::format("{:<{}}  plant {:<{}}  {}\n", "", w, plant_name(fp.p), wp, fp.wrong);
  }
}

int cmd_list(const std::string& what) {
  if (what == "checks") {
    list_checks();
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
