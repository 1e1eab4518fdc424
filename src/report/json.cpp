#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/errors.hpp"
#include "report/writers.hpp"


namespace icl {

void write_atomically(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw usage_error("cannot write " + path);
    out << content;
    out.flush();
    if (!out) throw usage_error("cannot write " + path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw usage_error("cannot move the output into place: " + path);
  }
}

void require_writable(const std::string& path, const std::string& option) {
  namespace fs = std::filesystem;
  if (path.empty()) return;
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw usage_error(option + ": '" + path + "' is a folder");
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec)) throw usage_error(option + ": folder '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0) throw usage_error(option + ": folder '" + dir.string() + "' is not writable");
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (char ch : s) {
    switch (ch) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", ch);
          o += b;
        } else {
          o += ch;
        }
    }
  }
  return o;
}

std::string flat_json(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::ostringstream os;
  os << "{\n";
  for (std::size_t i = 0; i < kv.size(); ++i)
    os << "  \"" << json_escape(kv[i].first) << "\": \"" << json_escape(kv[i].second) << "\""
       << (i + 1 < kv.size() ? ",\n" : "\n");
  os << "}\n";
  return os.str();
}

std::string results_json(const std::vector<check_result>& rs, const std::string& scalar) {
  std::ostringstream os;
  os << "{\n  \"scalar\": \"" << json_escape(scalar) << "\",\n  \"results\": [\n";
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto& r = rs[i];
    os << "    {\"claim\": \"" << json_escape(r.claim) << "\", \"instance\": \"" << json_escape(r.instance)
       << "\", \"verdict\": \"" << verdict_name(r.v) << "\", \"brief\": \"" << json_escape(r.brief)
       << "\", \"digits\": " << (r.digits >= 0 ? std::to_string(r.digits) : "null") << ", \"scalar\": \""
       << json_escape(r.scalar) << "\", \"evidence\": {";
    for (std::size_t k = 0; k < r.numbers.size(); ++k)
      os << (k ? ", " : "") << "\"" << json_escape(r.numbers[k].first) << "\": \"" << json_escape(r.numbers[k].second)
         << "\"";
    os << "}}" << (i + 1 < rs.size() ? ",\n" : "\n");
  }
  os << "  ]\n}\n";
  return os.str();
}

}  // namespace icl
