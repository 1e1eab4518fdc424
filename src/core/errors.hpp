// Exceptions are for bad input and broken runs only; numerical outcomes are returned verdicts.
#pragma once
#include <stdexcept>
#include <string>

namespace icl {

// Bad command line or impossible parameter: exit code 2, one line, before any work.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Malformed theorem file: names the file, the line and the key.
struct spec_error : usage_error {
  spec_error(const std::string& file, long line, const std::string& key, const std::string& what)
      : usage_error(file + ":" + std::to_string(line) + ": key '" + key + "': " + what), line(line), key(key), reason(what) {}
  // An error inside an expression also names the column (1-based, in the file).
  spec_error(const std::string& file, long line, long column, const std::string& key, const std::string& what)
      : usage_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": key '" + key + "': " + what),
        line(line), key(key), reason(what) {}
  long line;
  std::string key, reason;  // to re-attribute an error found in generated text (sweeps)
};

}  // namespace icl
