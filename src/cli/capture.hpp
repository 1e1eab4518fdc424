// The command line run inside a process that wants its results as data (the Python module,
// python/): the documents a command writes with --json, --csv or --out, as the same bytes,
// whether or not those options were given, and what it printed. The commands hand their
// documents over with `emit`; outside a capture `emit` only writes the file the option named.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "report/writers.hpp"

namespace icl {

struct cli_capture {
  int status = 0;                                              // the command line's exit status
  std::string out, err;                                        // what it printed on stdout and stderr
  std::vector<std::pair<std::string, std::string>> documents;  // name, content
};

// The capture of the commands run on this thread, or nullptr.
cli_capture* active_capture();

// Writes the document `make()` builds to `path` (unless empty) and hands it to the active capture
// under `name`; builds it only when one of them wants it.
template <class Make> void emit(const std::string& path, const std::string& name, Make make) {
  cli_capture* c = active_capture();
  if (path.empty() && !c) return;
  const std::string doc = make();
  if (!path.empty()) write_atomically(path, doc);
  if (c) c->documents.push_back({name, doc});
}

// `iclverify ARGS...` with stdout and stderr captured, and the documents of `emit`. Not
// re-entrant, and not for two threads at once: stdout, stderr and MPFR's default precision are
// the process's. MPFR's default precision is restored to what it was when the first capture
// started, so each run starts as a fresh process would.
cli_capture run_cli_captured(const std::vector<std::string>& args);

}  // namespace icl
