// libFuzzer target: the theorem-file loader, then Λ materialised as `check` does before any work.
// Every input must either load or be refused with a usage_error (spec_error); anything else — a
// crash, a sanitizer report, another exception type, a hang — is a bug. Run: tests/fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/errors.hpp"
#include "model/problem.hpp"
#include "spec/theorem_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const icl::claim_spec c = icl::parse_theorem_text(text, "fuzz.toml");
    for (const auto& in : c.instances) {
      try {
        (void)icl::make_problem<double>(in.lambda, in.N);
      } catch (const icl::usage_error&) {
      }
    }
  } catch (const icl::usage_error&) {
  }
  return 0;
}
