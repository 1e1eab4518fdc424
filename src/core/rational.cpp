#include "core/rational.hpp"

#include <cctype>
#include <stdexcept>

namespace icl {

namespace {
bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s)
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  return true;
}

// mpq_set_str keeps p/q as written; every GMP rational operation assumes lowest terms.
rational canonical(rational x) {
  mpq_canonicalize(x.backend().data());
  return x;
}
}  // namespace

rational parse_rational(const std::string& text) {
  const auto bad = [&] { return std::invalid_argument("not an exact number: '" + text + "'"); };
  std::string s = text;
  std::string sign;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    if (s[0] == '-') sign = "-";
    s.erase(0, 1);
  }
  if (auto slash = s.find('/'); slash != std::string::npos) {
    const std::string p = s.substr(0, slash), q = s.substr(slash + 1);
    if (!all_digits(p) || !all_digits(q) || q.find_first_not_of('0') == std::string::npos) throw bad();
    return canonical(rational(sign + p + "/" + q));
  }
  long exp10 = 0;
  if (auto e = s.find_first_of("eE"); e != std::string::npos) {
    std::string ex = s.substr(e + 1);
    s.resize(e);
    std::string digits = ex;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.erase(0, 1);
    if (!all_digits(digits) || digits.size() > 4) throw bad();
    exp10 = std::stol(ex);
  }
  std::string mant = s;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    const std::string frac = s.substr(dot + 1);
    mant = s.substr(0, dot) + frac;
    if (s.substr(0, dot).empty() && frac.empty()) throw bad();
    if (!frac.empty() && !all_digits(frac)) throw bad();
    exp10 -= static_cast<long>(frac.size());
  }
  if (!all_digits(mant)) throw bad();
  const std::string zeros(static_cast<std::size_t>(exp10 < 0 ? -exp10 : exp10), '0');
  return canonical(exp10 >= 0 ? rational(sign + mant + zeros + "/1") : rational(sign + mant + "/1" + zeros));
}

std::string to_string(const rational& x) { return x.str(); }

}  // namespace icl
