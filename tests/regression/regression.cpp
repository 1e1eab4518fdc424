// Every scalar type against the 150-digit reference values in tests/data/reference.txt (computed by
// make_reference.py with mpmath, independently of this code; docs/THEORY.md §3, §5): double,
// long double and float128 in units of their own epsilon, MPFR at 30, 50 and 100 digits in digits.
// A failure prints both values at full precision.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <map>

#include "reference.hpp"
#include "reference_file.hpp"

using namespace icl;

namespace {

std::map<std::string, std::string> load() { return regression::read_reference_file(regression::reference_path()); }

// Tolerances: closed forms within 64 ε (a few roundings each); flow values within 1e4 ε (the
// stepper's local tolerance is 10 ε and errors accumulate over the steps). For MPFR the same in
// digits: D − 2 and D − 5.
template <class T> void check_type(const std::string& label) {
  const auto ref = load();
  double worst_closed = 0, worst_flow = 0;  // in eps (or digits short of D for MPFR), for the log
  for (const auto& in : regression::instances) {
    for (const auto& [name, v] : regression::values<T>(in)) {
      const auto it = ref.find(std::string(in.name) + " " + name);
      REQUIRE_MESSAGE(it != ref.end(), "no reference for " << in.name << " " << name);
      const bool flow = name.rfind("flow_", 0) == 0;
      const mpfr r(it->second);  // the current MPFR precision is at least T's
      const mpfr err = abs(mpfr(v) - r);
      const mpfr scale = abs(r) > 1 ? abs(r) : mpfr(1);
      bool ok;
      std::string limit;
      if constexpr (std::is_same_v<T, mpfr>) {
        const double want = mpfr_digits() - (flow ? 5 : 2);
        ok = digits_of_agreement(err, scale) >= want;
        limit = fmt::format("{} digits", want);
      } else {
        const double k = flow ? 1e4 : 64;
        ok = err <= mpfr(k) * mpfr(eps<T>()) * scale;
        limit = fmt::format("{} eps", k);
      }
      const double used = std::is_same_v<T, mpfr> ? mpfr_digits() - digits_of_agreement(err, scale)
                                                  : static_cast<double>(err / scale / mpfr(eps<T>()));
      (flow ? worst_flow : worst_closed) = std::max(flow ? worst_flow : worst_closed, used);
      INFO(label << " " << std::string(in.name) << " " << name << ": got " << full(v) << ", reference " << it->second << ", |diff| "
                 << err.str(6) << " (" << (err / scale / mpfr(eps<T>())).str(4) << " eps), allowed " << limit);
      CHECK(ok);
    }
  }
  MESSAGE(label << ": worst closed form " << worst_closed << std::string(std::is_same_v<T, mpfr> ? " digits short" : " eps")
                << ", worst flow value " << worst_flow << std::string(std::is_same_v<T, mpfr> ? " digits short" : " eps"));
}

}  // namespace

TEST_CASE("double against the reference") {
  set_mpfr_digits(40);
  check_type<double>("double");
}
TEST_CASE("long double against the reference") {
  set_mpfr_digits(40);
  check_type<long double>("long-double");
}
TEST_CASE("float128 against the reference") {
  set_mpfr_digits(50);
  check_type<float128>("float128");
}
TEST_CASE("MPFR at 30, 50 and 100 digits against the reference") {
  for (int digits : {30, 50, 100}) {
    set_mpfr_digits(digits);
    check_type<mpfr>(fmt::format("mpfr {}", digits));
  }
}
