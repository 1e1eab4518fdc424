#include "report/jsonl.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace icl {

jsonl_log::jsonl_log(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw usage_error("cannot open " + path + " for appending: " + std::strerror(errno));
}

jsonl_log::~jsonl_log() {
  if (fd_ >= 0) ::close(fd_);
}

void jsonl_log::append(const std::string& line) {
  const std::string out = line + "\n";
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot append to " + path_ + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0) throw std::runtime_error("cannot fsync " + path_ + ": " + std::strerror(errno));
}

std::vector<std::string> read_jsonl_recovering(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream all;
  all << in.rdbuf();
  const std::string s = all.str();
  std::vector<std::string> lines;
  std::size_t start = 0, kept = 0;
  for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) {
    const std::string line = s.substr(start, nl - start);
    // A complete record is one JSON object on one line. A write is the record and its newline, so a
    // kill can only leave a tail without a newline; a terminated line that is not a record means the
    // file was damaged some other way, and cutting there would throw away every record after it.
    if (line.size() < 2 || line.front() != '{' || line.back() != '}')
      throw usage_error(path + ":" + std::to_string(lines.size() + 1) +
                        ": not a complete JSON record (the file is damaged; remove or repair this line, or run without --resume)");
    lines.push_back(line);
    kept = nl + 1;
  }
  if (kept < s.size() && ::truncate(path.c_str(), static_cast<off_t>(kept)) != 0)
    throw usage_error("cannot cut the torn last line of " + path + ": " + std::strerror(errno));
  return lines;
}

std::string json_string_field(const std::string& line, const std::string& key) {
  const std::string tag = "\"" + key + "\": \"";
  const auto at = line.find(tag);
  if (at == std::string::npos) return "";
  std::string v;
  for (std::size_t i = at + tag.size(); i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      v += line[++i];
      continue;
    }
    if (line[i] == '"') return v;
    v += line[i];
  }
  return "";
}

}  // namespace icl
