// The project's own computation of every quantity of reference.hpp at 150 digits (MPFR), kept as a
// cross-check of tests/data/reference.txt, which make_reference.py writes with mpmath alone
// (docs/THEORY.md §3, §5). Two uses:
//   build/make_reference                      prints the C++ values in the file's format
//   build/make_reference --check FILE [MIN]   compares them with FILE and exits 1 when a quantity
//                                             agrees to fewer than MIN significant digits (default
//                                             140) or one side has a quantity the other lacks
// The ctest regression_cross_check runs the second form on the committed file.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "reference.hpp"
#include "reference_file.hpp"

using namespace icl;

namespace {

constexpr int digits = 150;

std::string print(const mpfr& v) {
  std::ostringstream os;
  os.precision(digits);
  os << v;
  return os.str();
}

// Significant digits shared by a computed value and the file's: relative to the file's value, so
// that a small quantity (a loss gap of 1e-14) is held to as many digits as a large one. Equal
// strings count as the full printed precision.
double agreement(const mpfr& v, const std::string& ref) {
  const mpfr r(ref);
  const mpfr err = abs(v - r);
  if (err == mpfr(0)) return digits;
  return digits_of_agreement(err, r == mpfr(0) ? mpfr(1) : abs(r));
}

int check(const std::string& path, double min_digits) {
  const auto ref = regression::read_reference_file(path);
  std::set<std::string> seen;
  double worst = digits;
  std::string worst_name;
  int failures = 0;
  for (const auto& in : regression::instances) {
    for (const auto& [name, v] : regression::values<mpfr>(in)) {
      const std::string key = std::string(in.name) + " " + name;
      seen.insert(key);
      const auto it = ref.find(key);
      if (it == ref.end()) {
        std::cout << key << ": not in " << path << "\n";
        ++failures;
        continue;
      }
      const double got = agreement(v, it->second);
      std::cout << key << ": " << got << " digits" << (got < min_digits ? "  FAIL" : "") << "\n";
      if (got < min_digits) {
        std::cout << "  C++    " << print(v) << "\n  mpmath " << it->second << "\n";
        ++failures;
      }
      if (got < worst) worst = got, worst_name = key;
    }
  }
  for (const auto& [key, value] : ref)
    if (!seen.count(key)) std::cout << key << ": in " << path << " but not computed by reference.hpp\n", ++failures;
  std::cout << "worst agreement " << worst << " digits (" << worst_name << "), required " << min_digits << "; "
            << (failures ? "FAIL" : "ok") << "\n";
  return failures ? 1 : 0;
}

void print_all() {
  std::cout << "# generator: tests/regression/make_reference.cpp (the C++ cross-check; the committed file comes "
               "from make_reference.py)\n"
            << "# precision: MPFR " << digits << " digits (+" << guard_digits << " guard)\n"
            << "# instance quantity value\n";
  for (const auto& in : regression::instances) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& [name, v] : regression::values<mpfr>(in)) std::cout << in.name << ' ' << name << ' ' << print(v) << '\n';
    std::cerr << in.name << ": " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  set_mpfr_digits(digits);
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "--check" && (argc == 3 || argc == 4)) return check(argv[2], argc == 4 ? std::atof(argv[3]) : 140);
    if (argc == 1) return print_all(), 0;
  } catch (const std::exception& e) {
    std::cerr << "make_reference: " << e.what() << "\n";
    return 2;
  }
  std::cerr << "usage: make_reference [--check FILE [MIN_DIGITS]]\n";
  return 2;
}
