// Malformed theorem files and impossible parameters are refused with file:line and key, before
// any work; the shipped catalog loads.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "claims/registry.hpp"
#include "core/errors.hpp"
#include "spec/theorem_file.hpp"

using namespace icl;
namespace fs = std::filesystem;

namespace {

const char* good_head = R"(id = "t.x"
source = "test"
statement = "s"
check = "thm41_limits"
)";

std::string write_tmp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "iclverify_unit_spec";
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

// The message a file raises, whether at load time or at catalog validation.
std::string error_of(const std::string& name, const std::string& text) {
  const std::string path = write_tmp(name, text);
  try {
    const auto c = load_theorem_file(path);
    run_options o;
    o.filter = "nothing-matches";  // validation only
    run_catalog({path}, o);
  } catch (const usage_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("malformed theorem files name the file, the line and the key") {
  struct bad {
    const char* name;
    std::string text;
    const char* where;  // expected "file:line: key 'k'"
  };
  const std::string inst = "[[instance]]\nname = \"a\"\nlambda = \"0.5,1\"\nN = 5\n";
  const bad cases[] = {
      {"unknown_key.toml", std::string(good_head) + "colour = 1\n" + inst, ":5: key 'colour'"},
      {"unknown_instance_key.toml", std::string(good_head) + inst + "sigmaa = 0.1\n", ":9: key 'sigmaa'"},
      {"missing_lambda.toml", std::string(good_head) + "[[instance]]\nname = \"a\"\nN = 5\n", ":5: key 'lambda'"},
      {"n_zero.toml", std::string(good_head) + "[[instance]]\nname = \"a\"\nlambda = \"1\"\nN = 0\n", ":8: key 'N'"},
      {"n_string.toml", std::string(good_head) + "[[instance]]\nname = \"a\"\nlambda = \"1\"\nN = \"5\"\n", ":8: key 'N'"},
      {"sigma_negative.toml", std::string(good_head) + inst + "sigma = -1\n", ":9: key 'sigma'"},
      {"sigma_word.toml", std::string(good_head) + inst + "sigma = \"big\"\n", ":9: key 'sigma'"},
      {"no_instances.toml", std::string(good_head), "key 'instance'"},
      {"unknown_check.toml", std::string(good_head).replace(std::string(good_head).find("thm41_limits"), 12, "thm99") + inst,
       ":4: key 'check'"},
      {"syntax.toml", std::string(good_head) + "[[instance]\n", ":5:"},
      {"lambda_not_pd.toml",
       std::string(good_head) + "[[instance]]\nname = \"a\"\nlambda = [[1, 2], [2, 1]]\nN = 5\n", ":7: key 'lambda'"},
      {"lambda_asymmetric.toml",
       std::string(good_head) + "[[instance]]\nname = \"a\"\nlambda = [[1, 0.5], [0.25, 1]]\nN = 5\n", ":7: key 'lambda'"},
      {"lambda_negative.toml", std::string(good_head) + "[[instance]]\nname = \"a\"\nlambda = \"1,-1\"\nN = 5\n",
       ":7: key 'lambda'"},
      {"lambda_ragged.toml", std::string(good_head) + "[[instance]]\nname = \"a\"\nlambda = [[1, 0], [0]]\nN = 5\n",
       ":7: key 'lambda'"},
      {"target_digits.toml", std::string(good_head) + inst + "target_digits = 2\n", ":9: key 'target_digits'"},
      {"m_zero.toml", std::string(good_head) + inst + "M = 0\n", ":9: key 'M'"},
      {"points_word.toml", std::string(good_head) + inst + "points = \"many\"\n", ":9: key 'points'"},
      {"task_kind.toml", std::string(good_head) + inst + "task = \"uniform\"\n", ":9: key 'task'"},
      {"task_length.toml", std::string(good_head) + inst + "task = \"fixed:1,2,3\"\n", ":9: key 'task'"},
      {"lambda_x_dim.toml", std::string(good_head) + inst + "lambda_x = \"1,2,3\"\n", ":9: key 'lambda_x'"},
      {"lambda_q_bad.toml", std::string(good_head) + inst + "lambda_q = \"1,x\"\n", ":9: key 'lambda_q'"},
      {"exact_geomspace.toml",
       std::string(good_head).replace(std::string(good_head).find("thm41_limits"), 12, "exact_full_loss") +
           "[[instance]]\nname = \"a\"\nlambda = \"geomspace:1:4:2\"\nN = 5\n",
       ":7: key 'lambda'"},
  };
  for (const auto& b : cases) {
    const std::string msg = error_of(b.name, b.text);
    INFO(b.name << " -> '" << msg << "'");
    CHECK(msg.find(b.name) != std::string::npos);
    CHECK(msg.find(b.where) != std::string::npos);
    CHECK(msg.find('\n') == std::string::npos);  // one line
  }
}

TEST_CASE("a missing file and an empty folder are refused") {
  CHECK_THROWS_AS(theorem_files({"/nonexistent/catalog"}), usage_error);
  const fs::path empty = fs::temp_directory_path() / "iclverify_unit_spec_empty";
  fs::create_directories(empty);
  CHECK_THROWS_AS(theorem_files({empty.string()}), usage_error);
}

TEST_CASE("impossible parameters are refused before work starts") {
  CHECK_THROWS_AS(set_mpfr_digits(15), usage_error);
  CHECK_THROWS_AS(set_mpfr_digits(1001), usage_error);
  CHECK_THROWS_AS(make_problem<double>(parse_lambda_spec("0.5,1"), 0), usage_error);
  CHECK_THROWS_AS(make_problem<double>(parse_lambda_spec("0.5,0"), 3), usage_error);
  CHECK_THROWS_AS(parse_lambda_spec("linspace:1:2"), usage_error);
  CHECK_THROWS_AS(parse_lambda_spec("1,nan"), usage_error);
}

TEST_CASE("the shipped catalog loads and every instance validates") {
  const auto files = theorem_files({ICLVERIFY_SOURCE_DIR "/theorems"});
  CHECK(files.size() >= 7);
  run_options o;
  o.filter = "nothing-matches";
  // Every file and instance validates first; only then is the empty selection refused.
  std::string why;
  try {
    run_catalog(files, o);
  } catch (const usage_error& e) {
    why = e.what();
  }
  CHECK(why.find("matches no instance") != std::string::npos);
  bool not_applicable_instance = false;
  for (const auto& f : files)
    for (const auto& in : load_theorem_file(f).instances) not_applicable_instance |= in.name.find("beyond") == 0;
  CHECK(not_applicable_instance);
}
