// libFuzzer target: the prediction-expression parser, then evaluation in double and over the
// rationals on a fixed 2×2 instance. Every input must parse or be refused with expression_error,
// and every parsed expression must evaluate or be refused with expression_error; anything else — a
// crash, a sanitizer report, another exception, a hang — is a bug. Run: tests/fuzz/run.sh 600 expression.
#include <cstddef>
#include <cstdint>
#include <string>

#include "spec/expression.hpp"
#include "theory/expression_eval.hpp"

namespace {
template <class T> icl::expr_env<T> small_env() {
  icl::expr_env<T> e;
  e.scalars = {{"d", T(2)}, {"N", T(3)}, {"M", T(2)}, {"sigma", T(1) / T(10)}, {"c", T(2)}, {"t", T(1) / T(2)}};
  icl::mat<T> L(2, 2);
  L << T(2), T(1) / T(2), T(1) / T(2), T(1);
  e.matrices = {{"Lambda", L}, {"I", icl::mat<T>::Identity(2, 2)}};
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // sums of sums are exponential by design; the loader has no such limit to find
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const icl::expression e = icl::parse_expression(text, icl::default_scope());
    try {
      (void)icl::evaluate(e, small_env<double>());
    } catch (const icl::expression_error&) {
    }
    if (!e.irrational) try {
        (void)icl::evaluate(e, small_env<icl::rational>());
      } catch (const icl::expression_error&) {
      }
  } catch (const icl::expression_error&) {
  }
  return 0;
}
