// Small string helpers shared by the parsers of user input.
#pragma once
#include <charconv>
#include <cmath>
#include <sstream>
#include <string>
#include <system_error>
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

// Why a decimal the user typed cannot be used, or "" when it reads whole as a finite double. A
// well-formed decimal beyond a double (1e400, or 1e-400 which would flush to 0) is named as out of
// range rather than as malformed: every scalar type, double included, must hold each input.
inline std::string decimal_problem(const std::string& v) {
  double x = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
  if (v.empty() || r.ptr != v.data() + v.size() || (r.ec != std::errc() && r.ec != std::errc::result_out_of_range) ||
      v.find_first_not_of("0123456789+-.eE") != std::string::npos)
    return "'" + v + "' is not a decimal number";
  if (r.ec == std::errc::result_out_of_range)
    return "'" + v + "' is out of range: a double holds magnitudes from about 2.2e-308 to 1.8e308, and every scalar type must hold each input";
  if (!std::isfinite(x)) return "'" + v + "' is not finite";
  return "";
}

// " (reason)" when decimal_problem has one, for appending to a "must be …, got 'v'" message.
inline std::string decimal_note(const std::string& v) {
  const std::string p = decimal_problem(v);
  return p.empty() || p.find("out of range") == std::string::npos ? "" : " (" + p.substr(p.find("is ") + 3) + ")";
}

}  // namespace icl
