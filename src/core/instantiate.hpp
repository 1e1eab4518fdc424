// The one list of scalar types every algorithm is instantiated for (explicitly, once, in the
// source file that defines it), so headers stay light and rebuilds fast.
#pragma once
#include "core/rational.hpp"
#include "core/scalar.hpp"

#define ICL_FOR_EACH_SCALAR(M) M(double) M(long double) M(::icl::float128) M(::icl::mpfr)
// Code without square roots or transcendental functions is also instantiated exactly.
#define ICL_EXACT(M) M(::icl::rational)

namespace icl {
// Calls f.template operator()<T>() for the scalar type named by k.
template <class F> decltype(auto) dispatch(scalar_kind k, F&& f) {
  switch (k) {
    case scalar_kind::dbl: return f.template operator()<double>();
    case scalar_kind::ldbl: return f.template operator()<long double>();
    case scalar_kind::f128: return f.template operator()<float128>();
    default: return f.template operator()<mpfr>();
  }
}
}  // namespace icl
