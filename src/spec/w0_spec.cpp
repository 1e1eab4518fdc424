#include "spec/w0_spec.hpp"

#include <stdexcept>

#include "core/text.hpp"
#include "spec/spec_number.hpp"

namespace icl {

std::vector<std::string> parse_w0_list(const std::string& text) {
  std::vector<std::string> out;
  std::vector<double> v;
  for (const auto& field : split(text, ',')) {
    const std::string x = trim(field);
    double s = 0;
    try {
      s = finite_number(x);
    } catch (const std::invalid_argument&) {
    }
    if (!(s > 0 && s < 1)) throw std::invalid_argument("'" + field + "' is not a scale in (0, 1)" + decimal_note(x));
    out.push_back(x);
    v.push_back(s);
  }
  if (out.empty()) throw std::invalid_argument("needs at least one scale");
  // One scale is a valid table (a user comparing one training run with the flow); the limit w0 → 0
  // is read off the last two, so the settling check is skipped, with a note, below two.
  for (std::size_t k = 1; k < v.size(); ++k)
    if (!(v[k] * 10 <= v[k - 1]))
      throw std::invalid_argument("scales must decrease by at least 10x each: '" + out[k - 1] + "' then '" + out[k] + "'");
  return out;
}

std::string w0_to_string(const std::vector<std::string>& w0) {
  std::string s;
  for (const auto& x : w0) s += (s.empty() ? "" : ",") + x;
  return s;
}

std::vector<std::string> default_w0_list() { return {"1e-1", "1e-3", "1e-6", "1e-10", "1e-20", "1e-30"}; }

}  // namespace icl
