// The compiled half of the Python module (python/iclverify/__init__.py is the other): one run of
// the command line in this process, through the same parser and commands as `iclverify ARGS...`,
// returning its exit status, what it printed and the documents it wrote or would have written
// (src/cli/capture.hpp). The GIL stays held: stdout, stderr and MPFR's default precision are the
// process's, so two runs must not overlap.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "cli/capture.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "iclverify's command line, run in-process";
  m.def(
      "run",
      [](const std::vector<std::string>& args) {
        const icl::cli_capture c = icl::run_cli_captured(args);
        pybind11::dict documents;
        for (const auto& [name, doc] : c.documents) documents[pybind11::str(name)] = pybind11::str(doc);
        return pybind11::make_tuple(c.status, c.out, c.err, documents);
      },
      pybind11::arg("args"),
      "iclverify ARGS... in-process: (exit status, stdout, stderr, {document name: content})");
}
