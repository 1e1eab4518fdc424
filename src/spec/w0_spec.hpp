// The initial scales a plateau length is tabled over (docs/THEORY.md §8): one or more decimals in
// (0, 1), each at most a tenth of the one before, since the limit w0 → 0 is read off the last two
// (with one scale the lengths are tabled and that settling check is skipped with a note).
// One grammar for the theorem-file key `w0` and `iclverify plateau --w0-list`.
#pragma once
#include <string>
#include <vector>

namespace icl {

// "1e-1,1e-3,1e-10" → {"1e-1", "1e-3", "1e-10"} (fields trimmed); throws std::invalid_argument with
// the reason.
std::vector<std::string> parse_w0_list(const std::string& text);
// The comma-separated text form.
std::string w0_to_string(const std::vector<std::string>& w0);
// The theorem-file default.
std::vector<std::string> default_w0_list();

}  // namespace icl
