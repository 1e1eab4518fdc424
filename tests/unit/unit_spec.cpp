// Malformed theorem files and impossible parameters are refused with file:line and key, before
// any work; the shipped catalog loads.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "claims/registry.hpp"
#include "core/errors.hpp"
#include "spec/theorem_file.hpp"
#include "spec/law_spec.hpp"
#include "spec/remedy_spec.hpp"
#include "spec/shift_spec.hpp"
#include "spec/w0_spec.hpp"

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
      // expect = "fail" needs a plant or a finding; a finding needs expect = "fail" and no plant.
      {"expect_fail_bare.toml", std::string(good_head) + "expect = \"fail\"\n" + inst, ":5: key 'expect'"},
      {"finding_no_expect.toml", std::string(good_head) + "finding = \"false\"\n" + inst, ":5: key 'finding'"},
      {"finding_with_plant.toml",
       std::string(good_head) + "plant = \"gamma-n-plus-1\"\nexpect = \"fail\"\nfinding = \"false\"\n" + inst,
       ":7: key 'finding'"},
      {"finding_empty.toml", std::string(good_head) + "expect = \"fail\"\nfinding = \"\"\n" + inst, ":6: key 'finding'"},
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

// The family parameters are parsed once, by one parser each, shared by theorem files and the command
// line: good text gives the typed value (and prints back as written), bad text a reason.
namespace {
template <class Parse> std::string refusal(Parse parse, const std::string& text) {
  try {
    (void)parse(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("shift: covariate:C with C > 0, or orthogonal-query") {
  const shift_spec c = parse_shift_spec("covariate:2");
  CHECK(c.k == shift_spec::kind::covariate);
  CHECK(c.c == "2");
  CHECK(to_string(c) == "covariate:2");
  CHECK(to_string(parse_shift_spec("covariate:0.5")) == "covariate:0.5");
  CHECK(parse_shift_spec("orthogonal-query").k == shift_spec::kind::orthogonal_query);
  CHECK(to_string(parse_shift_spec("orthogonal-query")) == "orthogonal-query");
  CHECK(to_string(shift_spec{}).empty());
  for (const char* bad : {"sideways", "", "covariate:", "covariate:x", "covariate:0", "covariate:-1", "covariate:2x",
                          "covariate:inf", "covariate:nan", "orthogonal"}) {
    INFO(bad);
    const std::string why = refusal(parse_shift_spec, bad);
    CHECK_FALSE(why.empty());
    CHECK(why.find("'" + std::string(bad) + "'") != std::string::npos);  // the reason quotes the text
  }
}

TEST_CASE("law: fixed | exponential | uniform:A:B (0 <= A < B) | gamma:K (K > 0)") {
  CHECK(parse_law_spec("fixed").k == law_spec::kind::fixed);
  CHECK(parse_law_spec("exponential").k == law_spec::kind::exponential);
  const law_spec u = parse_law_spec("uniform:0:2");
  CHECK(u.k == law_spec::kind::uniform);
  CHECK(u.a == "0");
  CHECK(u.b == "2");
  CHECK(to_string(u) == "uniform:0:2");
  const law_spec g = parse_law_spec("gamma:2.5");
  CHECK(g.k == law_spec::kind::gamma);
  CHECK(g.a == "2.5");
  CHECK(to_string(g) == "gamma:2.5");
  CHECK(to_string(law_spec{}) == "fixed");
  CHECK(refusal(parse_law_spec, "uniform:x").find("uniform:A:B") != std::string::npos);
  CHECK(refusal(parse_law_spec, "uniform:x:2").find("'x' is not a number") != std::string::npos);
  CHECK(refusal(parse_law_spec, "uniform:2:1").find("0 <= A < B") != std::string::npos);
  CHECK(refusal(parse_law_spec, "uniform:-1:1").find("0 <= A < B") != std::string::npos);
  CHECK(refusal(parse_law_spec, "gamma:0").find("K > 0") != std::string::npos);
  CHECK(parse_law_spec("two-point:0.5:2").k == law_spec::kind::two_point);
  CHECK(refusal(parse_law_spec, "two-point:0:2").find("0 < A < B") != std::string::npos);
  CHECK(refusal(parse_law_spec, "two-point:2:1").find("0 < A < B") != std::string::npos);
  CHECK(refusal(parse_law_spec, "two-point:1").find("two-point:A:B") != std::string::npos);
  for (const char* bad : {"cauchy", "", "uniform", "uniform:1", "uniform:0:2:3", "uniform:0:inf", "gamma", "gamma:",
                          "gamma:1:2", "gamma:-1", "gamma:0x1", "exponential:1"}) {
    INFO(bad);
    CHECK_FALSE(refusal(parse_law_spec, bad).empty());
  }
}

TEST_CASE("remedy: none | warmup:FACTOR | mix:RHO in (0, 1) | aux:ALPHA") {
  CHECK(parse_remedy_spec("none").k == remedy_spec::kind::none);
  const remedy_spec w = parse_remedy_spec("warmup:2");
  CHECK(w.k == remedy_spec::kind::warmup);
  CHECK(w.x == "2");
  CHECK(w.value == 2.0);
  CHECK(to_string(w) == "warmup:2");
  CHECK(parse_remedy_spec("mix:0.5").k == remedy_spec::kind::mix);
  CHECK(parse_remedy_spec("mix:0.5").value == 0.5);
  CHECK(to_string(parse_remedy_spec("aux:0.1")) == "aux:0.1");
  CHECK(to_string(remedy_spec{}) == "none");
  CHECK(needs_easy_task(w));
  CHECK_FALSE(needs_easy_task(parse_remedy_spec("aux:1")));
  for (const char* bad : {"dropout:0.1", "", "warmup", "warmup:", "warmup:0", "warmup:1001", "mix:1", "mix:0", "mix:x",
                          "aux:-1", "aux:1e9", "none:1"}) {
    INFO(bad);
    CHECK(refusal(parse_remedy_spec, bad).find("warmup:FACTOR") != std::string::npos);
  }
}

TEST_CASE("w0: one or more scales in (0, 1), each at most a tenth of the one before") {
  const auto w = parse_w0_list("1e-1, 1e-3,1e-30");
  CHECK(w == std::vector<std::string>{"1e-1", "1e-3", "1e-30"});
  CHECK(w0_to_string(w) == "1e-1,1e-3,1e-30");
  CHECK(w0_to_string(default_w0_list()) == "1e-1,1e-3,1e-6,1e-10,1e-20,1e-30");
  CHECK(parse_w0_list("0.5,0.05").size() == 2);
  CHECK(w0_to_string(parse_w0_list("1e-3")) == "1e-3");  // one scale: a table without the settling check
  CHECK(refusal(parse_w0_list, "").find("is not a scale") != std::string::npos);
  CHECK(refusal(parse_w0_list, "1e-3,1e-3").find("decrease by at least 10x") != std::string::npos);
  CHECK(refusal(parse_w0_list, "1e-3,tiny").find("'tiny' is not a scale") != std::string::npos);
  CHECK(refusal(parse_w0_list, "1e-3,2").find("'2' is not a scale") != std::string::npos);
  for (const char* bad : {"", "1e-3,", ",1e-3", "1,1e-3", "0,1e-3", "1e-3;1e-5", "1e-3,1e-400"}) {
    INFO(bad);
    CHECK_FALSE(refusal(parse_w0_list, bad).empty());
  }
}

TEST_CASE("theorem files hold the typed parameters, refused at load with file:line:key") {
  const std::string inst = "[[instance]]\nname = \"a\"\nlambda = \"0.5,1\"\nN = 5\n";
  const claim_spec c = parse_theorem_text(std::string(good_head) + inst + "shift = \"covariate:2\"\nlaw = \"uniform:0:2\"\n",
                                          "typed.toml");
  CHECK(c.instances[0].shift.k == shift_spec::kind::covariate);
  CHECK(c.instances[0].law.k == law_spec::kind::uniform);
  CHECK(c.instances[0].remedy.k == remedy_spec::kind::none);
  CHECK(c.instances[0].w0 == default_w0_list());
  const std::pair<const char*, const char*> bad[] = {{"law = \"uniform:x\"", "typed.toml:9: key 'law'"},
                                                     {"law = \"gamma:0\"", "typed.toml:9: key 'law'"},
                                                     {"shift = \"covariate:x\"", "typed.toml:9: key 'shift'"},
                                                     {"remedy = \"mix:2\"", "typed.toml:9: key 'remedy'"},
                                                     {"w0 = \"1e-3,1e-2\"", "typed.toml:9: key 'w0'"}};
  for (const auto& [line, where] : bad) {
    std::string msg;
    try {
      (void)parse_theorem_text(std::string(good_head) + inst + line + "\n", "typed.toml");
    } catch (const spec_error& e) {
      msg = e.what();
    }
    INFO(line << " -> '" << msg << "'");
    CHECK(msg.find(where) != std::string::npos);
  }
}

TEST_CASE("laws: one random law per coordinate, for thm45_random_cov only, refused at load with file:line:key") {
  const std::string head = "id = \"t.x\"\nsource = \"test\"\nstatement = \"s\"\ncheck = \"thm45_random_cov\"\n";
  const std::string inst = "[[instance]]\nname = \"a\"\nlambda = \"1,1\"\nN = 5\n";
  const claim_spec c = parse_theorem_text(head + inst + "laws = [\"two-point:0.5:1.5\", \"exponential\"]\n", "laws.toml");
  REQUIRE(c.instances[0].laws.size() == 2);
  CHECK(c.instances[0].laws[0].k == law_spec::kind::two_point);
  CHECK(to_string(c.instances[0].laws[0]) == "two-point:0.5:1.5");
  CHECK(c.instances[0].laws[1].k == law_spec::kind::exponential);
  const std::pair<std::string, const char*> bad[] = {
      {head + inst + "laws = [\"exponential\"]\n", "laws.toml:9: key 'laws': has 1 laws for d = 2"},
      {head + inst + "laws = [\"exponential\", \"fixed\"]\n", "laws.toml:9: key 'laws': each coordinate needs a random law"},
      {head + inst + "laws = [\"exponential\", \"two-point:0:1\"]\n", "laws.toml:9: key 'laws': two-point:A:B needs 0 < A < B"},
      {head + inst + "laws = \"exponential\"\n", "laws.toml:9: key 'laws': must be an array"},
      {head + inst + "law = \"exponential\"\nlaws = [\"exponential\", \"exponential\"]\n", "laws.toml:10: key 'laws': give either"},
      {head + inst + "sigma = \"auto\"\nlaw = \"exponential\"\n", "laws.toml:9: key 'sigma'"},
      {head + inst, "key 'law': thm45_random_cov needs a random law"},
      {std::string(good_head) + inst + "laws = [\"exponential\", \"exponential\"]\n", "laws.toml:9: key 'laws': only thm45_random_cov"}};
  for (const auto& [text, where] : bad) {
    std::string msg;
    try {
      (void)parse_theorem_text(text, "laws.toml");
    } catch (const spec_error& e) {
      msg = e.what();
    }
    INFO(text << " -> '" << msg << "'");
    CHECK(msg.find(where) != std::string::npos);
  }
}

TEST_CASE("a finding: a paper's statement expected to FAIL without a plant") {
  const claim_spec c = parse_theorem_text(std::string(good_head) + "expect = \"fail\"\nfinding = \"false for kappa > 1\"\n" +
                                              "[[instance]]\nname = \"a\"\nlambda = \"0.5,1\"\nN = 5\n",
                                          "finding.toml");
  CHECK(c.expect_fail);
  CHECK(c.plant.empty());
  CHECK(c.finding == "false for kappa > 1");
}
