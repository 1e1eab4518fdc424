// The name of a scalar type and its precision as verdict tables and reports show it.
#pragma once
#include <string>
#include <type_traits>

#include "core/scalar.hpp"

namespace icl {

template <class T> std::string scalar_label() {
  if constexpr (std::is_same_v<T, mpfr>) return "mpfr " + std::to_string(mpfr_digits());
  else if constexpr (std::is_same_v<T, double>) return "double";
  else if constexpr (std::is_same_v<T, long double>) return "long-double";
  else return "float128";
}

}  // namespace icl
