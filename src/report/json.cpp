#include <fcntl.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/errors.hpp"
#include "report/writers.hpp"


namespace icl {

void write_atomically(const std::string& path, const std::string& content) {
  // Written beside the target, fsynced, then renamed over it: readers see the old file or the new
  // one, never a part, even after a crash or a power cut.
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw usage_error("cannot write " + path);
  std::size_t done = 0;
  bool ok = true;
  while (ok && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw usage_error("cannot write " + path);
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {  // make the rename itself durable
    ::fsync(dfd);
    ::close(dfd);
  }
}

namespace {
// Creates and removes a file in `dir`: access(W_OK) says yes to root on read-only places like /sys.
bool can_create_in(const std::filesystem::path& dir) {
  const auto probe = dir / (".iclverify-probe-" + std::to_string(::getpid()));
  std::FILE* f = std::fopen(probe.c_str(), "w");
  if (!f) return false;
  std::fclose(f);
  std::remove(probe.c_str());
  return true;
}
}  // namespace

void require_writable(const std::string& path, const std::string& option) {
  namespace fs = std::filesystem;
  if (path.empty()) return;
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw usage_error(option + ": '" + path + "' is a folder");
  // `check --json theorems/x.toml` reads as "check this file, as JSON" but would overwrite the
  // theorem file with results: an output never gets a theorem file's extension.
  if (fs::path(path).extension() == ".toml")
    throw usage_error(option + ": '" + path + "' is a .toml file; " + option + " takes the output file (did you mean " +
                      option + " OUT.json " + path + "?)");
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec)) throw usage_error(option + ": folder '" + dir.string() + "' does not exist");
  if (!can_create_in(dir)) throw usage_error(option + ": folder '" + dir.string() + "' is not writable");
}

void require_writable_folder(const std::string& path, const std::string& option) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (fs::exists(p, ec) && !fs::is_directory(p, ec)) throw usage_error(option + ": '" + path + "' is not a folder");
  while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();  // created later
  if (!fs::is_directory(p, ec)) throw usage_error(option + ": '" + p.string() + "' is not a folder");
  if (!can_create_in(p)) throw usage_error(option + ": folder '" + p.string() + "' is not writable");
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

std::string result_json(const check_result& r) {
  std::ostringstream os;
  os << "{\"claim\": \"" << json_escape(r.claim) << "\", \"instance\": \"" << json_escape(r.instance)
     << "\", \"verdict\": \"" << verdict_name(r.v) << "\", \"brief\": \"" << json_escape(r.brief)
     << "\", \"digits\": " << (r.digits >= 0 ? std::to_string(r.digits) : "null") << ", \"scalar\": \""
     << json_escape(r.scalar) << "\", \"proof\": " << (proof_column(r).empty() ? "null" : "\"" + proof_column(r) + "\"")
     << ", \"seed\": " << r.seed << ", \"evidence\": {";
  // Timings go last, in their own object: everything before them is identical across reruns and
  // thread counts, so a comparison strips `, "timings": {...}` and compares bytes.
  auto is_timing = [](const std::string& k) {
    return k.ends_with("seconds") || k.ends_with("per_second");
  };
  std::string timings = fmt::format("\"seconds\": \"{:.6f}\"", r.seconds);
  bool first = true;
  for (const auto& [k, v] : r.numbers) {
    const std::string kv = "\"" + json_escape(k) + "\": \"" + json_escape(v) + "\"";
    if (is_timing(k)) {
      timings += ", " + kv;
    } else {
      os << (first ? "" : ", ") << kv;
      first = false;
    }
  }
  os << "}, \"timings\": {" << timings << "}}";
  return os.str();
}

std::string results_json(const std::vector<check_result>& rs, const std::string& scalar) {
  std::ostringstream os;
  os << "{\n  \"scalar\": \"" << json_escape(scalar) << "\",\n  \"results\": [\n";
  for (std::size_t i = 0; i < rs.size(); ++i) os << "    " << result_json(rs[i]) << (i + 1 < rs.size() ? ",\n" : "\n");
  os << "  ]\n}\n";
  return os.str();
}

}  // namespace icl
