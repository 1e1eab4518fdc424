#include "spec/shift_spec.hpp"

#include <stdexcept>

#include "core/text.hpp"
#include "spec/spec_number.hpp"

namespace icl {

shift_spec parse_shift_spec(const std::string& text) {
  shift_spec s;
  if (text == "orthogonal-query") {
    s.k = shift_spec::kind::orthogonal_query;
  } else if (text.rfind("covariate:", 0) == 0) {
    s.k = shift_spec::kind::covariate;
    s.c = trim(text.substr(10));
    double c = 0;
    try {
      c = finite_number(s.c);
    } catch (const std::invalid_argument&) {
    }
    if (!(c > 0)) throw std::invalid_argument("covariate:C needs a number C > 0, got '" + text + "'" + decimal_note(s.c));
  } else {
    throw std::invalid_argument("covariate:C | orthogonal-query, got '" + text + "'");
  }
  return s;
}

std::string to_string(const shift_spec& s) {
  switch (s.k) {
    case shift_spec::kind::none: return "";
    case shift_spec::kind::covariate: return "covariate:" + s.c;
    case shift_spec::kind::orthogonal_query: return "orthogonal-query";
  }
  return "";
}

}  // namespace icl
