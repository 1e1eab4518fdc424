// Output: the terminal table of verdicts, JSON of verdicts and of a flow run, the trajectory CSV.
// Files are written atomically (temporary file, then rename) so an interrupted run leaves either
// the old file or the new one.
#pragma once
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "claims/contract.hpp"

namespace icl {

void write_atomically(const std::string& path, const std::string& content);
// Refuses, before any work, an output path whose folder is missing or not writable, or that is a folder.
// Refuses, before any work, a folder that exists as a file or cannot be written to (it may not exist yet).
void require_writable_folder(const std::string& path, const std::string& option);
void require_writable(const std::string& path, const std::string& option);
std::string json_escape(const std::string& s);

void print_table(std::ostream& os, const std::vector<check_result>& rs);
// The verdict of a ball-arithmetic proof run beside the check (its evidence key "proof",
// docs/THEORY.md §3.9): PROVED, DISPROVED or INCONCLUSIVE; empty where none was attempted.
std::string proof_column(const check_result& r);
// One result as a single-line JSON object (no timings: reruns give identical bytes).
std::string result_json(const check_result& r);
std::string results_json(const std::vector<check_result>& rs, const std::string& scalar);
// JUnit XML: one test case per instance; FAIL is a failure, INCONCLUSIVE an error, NOT-APPLICABLE skipped.
std::string results_junit(const std::vector<check_result>& rs, const std::string& scalar);

// A flat JSON object of string values (full-precision decimals stay strings).
std::string flat_json(const std::vector<std::pair<std::string, std::string>>& kv);

}  // namespace icl
