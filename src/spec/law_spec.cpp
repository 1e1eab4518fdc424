#include "spec/law_spec.hpp"

#include <stdexcept>

#include "core/text.hpp"
#include "spec/spec_number.hpp"

namespace icl {

law_spec parse_law_spec(const std::string& text) {
  law_spec l;
  const auto p = split(text, ':');
  const auto number = [&](const std::string& v) {
    try {
      return finite_number(v);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string(e.what()) + " in '" + text + "'");
    }
  };
  if (text == "fixed") {
    l.k = law_spec::kind::fixed;
  } else if (text == "exponential") {
    l.k = law_spec::kind::exponential;
  } else if (p[0] == "uniform") {
    if (p.size() != 3) throw std::invalid_argument("uniform:A:B takes two numbers, got '" + text + "'");
    l.k = law_spec::kind::uniform;
    l.a = trim(p[1]);
    l.b = trim(p[2]);
    const double a = number(l.a), b = number(l.b);
    if (!(a >= 0 && b > a)) throw std::invalid_argument("uniform:A:B needs 0 <= A < B, got '" + text + "'");
  } else if (p[0] == "gamma") {
    if (p.size() != 2) throw std::invalid_argument("gamma:K takes one number, got '" + text + "'");
    l.k = law_spec::kind::gamma;
    l.a = trim(p[1]);
    if (!(number(l.a) > 0)) throw std::invalid_argument("gamma:K needs a shape K > 0, got '" + text + "'");
  } else if (p[0] == "two-point") {
    if (p.size() != 3) throw std::invalid_argument("two-point:A:B takes two numbers, got '" + text + "'");
    l.k = law_spec::kind::two_point;
    l.a = trim(p[1]);
    l.b = trim(p[2]);
    const double a = number(l.a), b = number(l.b);
    // Theorem 4.5 asks for entries positive almost surely: both atoms > 0.
    if (!(a > 0 && b > a)) throw std::invalid_argument("two-point:A:B needs 0 < A < B, got '" + text + "'");
  } else {
    throw std::invalid_argument("fixed | exponential | uniform:A:B | gamma:K | two-point:A:B, got '" + text + "'");
  }
  return l;
}

std::string to_string(const law_spec& l) {
  switch (l.k) {
    case law_spec::kind::fixed: return "fixed";
    case law_spec::kind::exponential: return "exponential";
    case law_spec::kind::uniform: return "uniform:" + l.a + ":" + l.b;
    case law_spec::kind::gamma: return "gamma:" + l.a;
    case law_spec::kind::two_point: return "two-point:" + l.a + ":" + l.b;
  }
  return "";
}

}  // namespace icl
