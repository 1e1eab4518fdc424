// Writes tests/data/reference.txt: every quantity of reference.hpp at 150 digits (MPFR), with its
// provenance. Run by hand when the instance list changes:
//   build/make_reference "$(git rev-parse --short HEAD)" > tests/data/reference.txt
#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include "reference.hpp"

int main(int argc, char** argv) {
  using namespace icl;
  constexpr int digits = 150;
  set_mpfr_digits(digits);
  const std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  std::cout << "# generator: tests/regression/make_reference.cpp\n"
            << "# precision: MPFR " << digits << " digits (+" << guard_digits << " guard)\n"
            << "# commit: " << (argc > 1 ? argv[1] : "unknown") << "\n"
            << "# date: " << date << "\n"
            << "# instance quantity value\n";
  for (const auto& in : regression::instances) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& [name, v] : regression::values<mpfr>(in)) {
      std::ostringstream os;
      os.precision(digits);
      os << v;
      std::cout << in.name << ' ' << name << ' ' << os.str() << '\n';
    }
    std::cerr << in.name << ": " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
  }
}
