// Small string helpers shared by the parsers of user input.
#pragma once
#include <sstream>
#include <string>
#include <vector>

namespace icl {

// Exactly n + 1 fields for n separators: "" gives {""} and "a:" gives {"a", ""}, so an empty field
// is seen (and refused) by the caller instead of vanishing (getline drops a trailing one; an empty
// input gave no field at all, which the fuzzer turned into an out-of-range read).
inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

inline std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace icl
