#include "spec/expression_claim.hpp"

#include <stdexcept>

namespace icl {

namespace {
const std::pair<relation, const char*> relation_names[] = {
    {relation::equal, "equal"},          {relation::le, "le"},
    {relation::ge, "ge"},                {relation::equal_along, "equal_along"},
    {relation::le_along, "le_along"},    {relation::ge_along, "ge_along"}};
}

const char* relation_name(relation r) {
  for (const auto& [k, n] : relation_names)
    if (k == r) return n;
  return "?";
}

relation parse_relation(const std::string& s) {
  for (const auto& [k, n] : relation_names)
    if (s == n) return k;
  throw std::invalid_argument("'" + s + "' is not a relation: equal | le | ge | equal_along | le_along | ge_along");
}

}  // namespace icl
