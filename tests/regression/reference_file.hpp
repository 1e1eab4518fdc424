// Reads tests/data/reference.txt (written by make_reference.py): "instance quantity value" lines,
// '#' lines are the provenance header. Keyed by "instance quantity"; the values stay strings, to be
// parsed at whatever precision the reader runs.
#pragma once
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace icl::regression {

inline std::map<std::string, std::string> read_reference_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<std::string, std::string> ref;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string inst, name, value;
    if (!(ls >> inst >> name >> value)) throw std::runtime_error(path + ": malformed line: " + line);
    if (!ref.emplace(inst + " " + name, value).second) throw std::runtime_error(path + ": duplicate " + inst + " " + name);
  }
  return ref;
}

inline std::string reference_path() { return ICLVERIFY_SOURCE_DIR "/tests/data/reference.txt"; }

}  // namespace icl::regression
