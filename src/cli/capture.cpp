#include "cli/capture.hpp"

#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/scalar.hpp"

namespace icl {

namespace {
thread_local cli_capture* current = nullptr;

// Points a stream at a buffer for as long as it lives.
struct redirect {
  std::ostream& os;
  std::streambuf* old;
  redirect(std::ostream& s, std::streambuf* to) : os(s), old(s.rdbuf(to)) {}
  ~redirect() { os.rdbuf(old); }
};
}  // namespace

cli_capture* active_capture() { return current; }

cli_capture run_cli_captured(const std::vector<std::string>& args) {
  // The state of a fresh process: the precision before the first run.
  static const mpfr_state fresh = current_mpfr_state();
  restore_mpfr_state(fresh);
  cli_capture c;
  std::ostringstream out, err;
  std::vector<std::string> argv_text{"iclverify"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  {
    redirect r1(std::cout, out.rdbuf()), r2(std::cerr, err.rdbuf());
    current = &c;
    try {
      c.status = run_cli(static_cast<int>(argv_text.size()), argv.data());
    } catch (...) {
      current = nullptr;
      throw;
    }
    current = nullptr;
  }
  c.out = out.str();
  c.err = err.str();
  return c;
}

}  // namespace icl
