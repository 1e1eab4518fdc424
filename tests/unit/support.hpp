// Comparisons in digits of agreement, the unit that means the same in double and in 100 digits.
#pragma once
#include <doctest/doctest.h>

#include "core/scalar.hpp"
#include "spec/theorem_file.hpp"

namespace icl {

// |a − b| ≤ 10^{-digits}·max(|b|, 1e-300 in T), reported with both values at full precision.
template <class T> bool agrees(const T& a, const T& b, double digits) {
  const double got = digits_of_agreement(T(a - b), b);
  if (got < digits) MESSAGE("agreement " << got << " digits < " << digits << ": " << full(a) << " vs " << full(b));
  return got >= digits;
}

template <class M> bool agrees_norm(const M& diff, const M& ref, double digits) {
  using T = typename M::Scalar;
  const double got = digits_of_agreement(T(diff.norm()), T(ref.norm()));
  if (got < digits) MESSAGE("agreement " << got << " digits < " << digits << " (|diff| = " << full(T(diff.norm())) << ")");
  return got >= digits;
}

// A claim with one instance, as a theorem file would give it.
inline claim_spec one_instance_claim(const std::string& check, const std::string& lambda, long N) {
  claim_spec c;
  c.file = "in-test";
  c.id = "test." + check;
  c.check = check;
  instance_spec in;
  in.name = lambda;
  in.lambda = parse_lambda_spec(lambda);
  in.N = N;
  c.instances.push_back(in);
  return c;
}

}  // namespace icl
