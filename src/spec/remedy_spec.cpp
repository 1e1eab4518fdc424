#include "spec/remedy_spec.hpp"

#include <stdexcept>

#include "core/text.hpp"
#include "spec/spec_number.hpp"

namespace icl {

remedy_spec parse_remedy_spec(const std::string& text) {
  remedy_spec r;
  if (text == "none") return r;
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  if (colon != std::string::npos) {
    r.x = trim(text.substr(colon + 1));
    try {
      r.value = finite_number(r.x);
    } catch (const std::invalid_argument&) {
      r.value = 0;
    }
  }
  const double v = r.value;
  if ((kind == "warmup" || kind == "aux") && v > 0 && v <= 1000)
    r.k = kind == "warmup" ? remedy_spec::kind::warmup : remedy_spec::kind::aux;
  else if (kind == "mix" && v > 0 && v < 1)
    r.k = remedy_spec::kind::mix;
  else
    throw std::invalid_argument("none | warmup:FACTOR>0 | mix:RHO in (0,1) | aux:ALPHA>0, got '" + text + "'" + decimal_note(r.x));
  return r;
}

std::string to_string(const remedy_spec& r) {
  switch (r.k) {
    case remedy_spec::kind::none: return "none";
    case remedy_spec::kind::warmup: return "warmup:" + r.x;
    case remedy_spec::kind::mix: return "mix:" + r.x;
    case remedy_spec::kind::aux: return "aux:" + r.x;
  }
  return "";
}

}  // namespace icl
