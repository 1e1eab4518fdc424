// The theorem-file reader over an already parsed TOML table: shared by theorem files and the sweeps
// that generate their instances. Internal to src/spec (it pulls in toml++).
#pragma once
#include <string>
#include <toml++/toml.h>

#include "spec/theorem_file.hpp"

namespace icl {

claim_spec claim_from_table(const toml::table& root, const std::string& path);
// The whole file; a folder or an unreadable file is a usage_error naming it.
std::string read_spec_file(const std::string& path);
// Parses TOML text; every error (syntax, or a character toml++ cannot take safely) is a spec_error.
toml::table parse_toml(std::string_view text, const std::string& path);

}  // namespace icl
