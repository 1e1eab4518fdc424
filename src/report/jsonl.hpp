// JSON-lines result logs for sweeps: each finished result is appended as one line and fsynced, so
// a run killed at any moment loses at most the line being written, and a resume can find what is done.
#pragma once
#include <string>
#include <vector>

namespace icl {

class jsonl_log {
 public:
  explicit jsonl_log(const std::string& path);  // appends; creates the file if needed
  jsonl_log(const jsonl_log&) = delete;
  jsonl_log& operator=(const jsonl_log&) = delete;
  ~jsonl_log();
  void append(const std::string& line);  // the line (no newline inside) + '\n', then fsync

 private:
  std::string path_;
  int fd_ = -1;
};

// The complete lines of a JSON-lines file (none if it does not exist). A torn last line, left by a
// kill in the middle of a write, is cut off the file so that appending continues cleanly; a
// newline-terminated line that is not a JSON object is damage, not a torn write: usage_error naming
// file and line, and the file is left as it is.
std::vector<std::string> read_jsonl_recovering(const std::string& path);

// The string value of `key` in a one-line JSON object written by result_json ("" if absent).
std::string json_string_field(const std::string& line, const std::string& key);

}  // namespace icl
