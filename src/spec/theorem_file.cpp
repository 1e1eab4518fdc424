#include "spec/theorem_file.hpp"

#include "core/rational.hpp"
#include "spec/toml_claim.hpp"
#include "spec/expression_claim_toml.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "theory/plant.hpp"

namespace icl {

namespace {

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

void reject_unknown(const std::string& file, const toml::table& t, const std::set<std::string>& known) {
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str())))
      throw spec_error(file, line_of(v), std::string(k.str()), "unknown key");
}

std::string need_string(const std::string& file, const toml::table& t, const char* key, long table_line) {
  const auto* n = t.get(key);
  if (!n) throw spec_error(file, table_line, key, "missing");
  if (!n->is_string()) throw spec_error(file, line_of(*n), key, "must be a string");
  return n->as_string()->get();
}

// A number written as a TOML integer, float or string, returned as the decimal the user wrote
// (floats through their shortest round-trip form, so 0.1 stays 0.1 in every precision).
std::string decimal(const std::string& file, const toml::node& n, const std::string& key) {
  if (n.is_integer()) return std::to_string(n.as_integer()->get());
  if (n.is_floating_point()) return decimal_of(n.as_floating_point()->get());
  if (n.is_string()) return n.as_string()->get();
  throw spec_error(file, line_of(n), key, "must be a number or a decimal string");
}

// A string key read by its own parser (src/spec/*_spec.hpp, shared with the command line): the
// parser's reason becomes a spec_error at the key's line.
template <class Parse>
auto parsed_string(const std::string& file, const toml::node& n, const char* key, const char* not_string, Parse parse) {
  if (!n.is_string()) throw spec_error(file, line_of(n), key, not_string);
  try {
    return parse(n.as_string()->get());
  } catch (const std::invalid_argument& e) {
    throw spec_error(file, line_of(n), key, e.what());
  }
}

lambda_spec lambda_of(const std::string& file, const toml::node& n, const std::string& key = "lambda") {
  try {
    if (n.is_string()) return parse_lambda_spec(n.as_string()->get());
    if (const auto* arr = n.as_array()) {
      if (!arr->empty() && arr->front().is_array()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& r : *arr) {
          if (!r.is_array()) throw usage_error("rows of the matrix must be arrays");
          std::vector<std::string> row;
          for (const auto& v : *r.as_array()) row.push_back(decimal(file, v, key));
          rows.push_back(row);
        }
        return matrix_lambda_spec(rows, "matrix");
      }
      std::string text;
      for (const auto& v : *arr) text += (text.empty() ? "" : ",") + decimal(file, v, key);
      return parse_lambda_spec(text);
    }
  } catch (const spec_error&) {
    throw;
  } catch (const std::exception& e) {
    throw spec_error(file, line_of(n), key, e.what());
  }
  throw spec_error(file, line_of(n), key, "must be a string spec, a list of eigenvalues or a matrix");
}

}  // namespace

std::string read_spec_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw usage_error(path + ": is a folder, not a theorem file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) throw usage_error(path + ": cannot read the file");
  return text.str();
}

claim_spec load_theorem_file(const std::string& path) { return parse_theorem_text(read_spec_file(path), path); }

// TOML 1.0 allows non-ASCII only inside strings and comments. toml++ 3.3 (Debian 12) reaches
// __builtin_unreachable() (undefined behaviour) when it tests such a character for whitespace —
// outside a string, or after a line-ending backslash in a """ string (found by fuzzing). So the
// structure is first parsed from an all-ASCII copy (each non-ASCII byte replaced by 'x': no
// undefined behaviour, same tokens, same lines), and the original is parsed only if every
// non-ASCII byte lies in a string value or a comment, and none follows a line-ending backslash.
namespace {

struct text_span {
  std::size_t line, begin, end;  // 1-based line; byte columns [begin, end), 1-based
};

void string_spans(const toml::node& n, std::vector<text_span>& out) {
  if (n.is_string()) {
    const auto& r = n.source();
    for (auto line = r.begin.line; line <= r.end.line; ++line)
      out.push_back({line, line == r.begin.line ? r.begin.column : 1,
                     line == r.end.line ? r.end.column : static_cast<std::size_t>(-1)});
  } else if (const auto* t = n.as_table()) {
    for (const auto& [k, v] : *t) string_spans(v, out);
  } else if (const auto* a = n.as_array()) {
    for (const auto& v : *a) string_spans(v, out);
  }
}

void require_safe_for_tomlpp(std::string_view text, const std::string& path) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return;
  std::string ascii(text);
  for (auto& c : ascii)
    if (static_cast<unsigned char>(c) >= 0x80) c = 'x';
  toml::table structure;
  try {
    structure = toml::parse(ascii, path);
  } catch (const toml::parse_error& e) {
    throw spec_error(path, static_cast<long>(e.source().begin.line), "-", std::string(e.description()));
  }
  std::vector<text_span> spans;
  string_spans(structure, spans);
  const auto refuse = [&](std::size_t line, const char* what) {
    throw spec_error(path, static_cast<long>(line), "-", what);
  };
  std::size_t line = 1, col = 1;
  bool comment = false, after_continuation = false;
  for (std::size_t i = 0; i < text.size(); ++i, ++col) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      col = 0;
      comment = false;
      continue;
    }
    const bool in_string = std::any_of(spans.begin(), spans.end(), [&](const text_span& s) {
      return s.line == line && s.begin <= col && col < s.end;
    });
    if (in_string) {
      // A backslash ending a line in a """ string: toml++ then tests what follows for whitespace.
      if (c == '\\') {
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
        if (j < text.size() && text[j] == '\n') after_continuation = true;
        if (!after_continuation) ++i, ++col;  // an escape: skip the escaped character
        continue;
      }
      if (after_continuation && c != ' ' && c != '\t' && c != '\r') {
        if (static_cast<unsigned char>(c) >= 0x80)
          refuse(line, "non-ASCII character right after a line-ending backslash (toml++ 3.3 cannot take it safely)");
        after_continuation = false;
      }
      continue;
    }
    after_continuation = false;
    if (!comment && (c == '"' || c == '\'')) {
      // Outside string values the parsed structure leaves only quoted keys: one line each. Skip
      // over them so that a '#' inside one is not taken for a comment; they must be ASCII too.
      for (++i, ++col; i < text.size() && text[i] != c && text[i] != '\n'; ++i, ++col) {
        if (static_cast<unsigned char>(text[i]) >= 0x80) refuse(line, "non-ASCII character in a quoted key");
        if (c == '"' && text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i, ++col;
      }
      if (i < text.size() && text[i] == '\n') --i, --col;  // let the newline be counted
      continue;
    }
    if (c == '#') comment = true;
    if (static_cast<unsigned char>(c) >= 0x80 && !comment)
      refuse(line, "non-ASCII character outside a string value or comment (TOML allows them only there)");
  }
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& path) {
  require_safe_for_tomlpp(text, path);
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw spec_error(path, static_cast<long>(e.source().begin.line), "-", std::string(e.description()));
  }
}

claim_spec parse_theorem_text(std::string_view text, const std::string& path) {
  return claim_from_table(parse_toml(text, path), path);
}

claim_spec claim_from_table(const toml::table& root, const std::string& path) {
  claim_spec c;
  c.file = path;
  if (const auto* f = root.get("family"); f && root.get("setup"))
    throw spec_error(path, line_of(*f), "family", "an experiment file (trained models): run it with `iclverify experiment`, not `check`");
  reject_unknown(path, root, {"id", "source", "statement", "check", "digits_margin", "plant", "expect", "finding", "instance",
                              "observable", "relation", "predict", "define"});
  c.id = need_string(path, root, "id", 1);
  c.source = need_string(path, root, "source", 1);
  c.statement = need_string(path, root, "statement", 1);
  c.check = need_string(path, root, "check", 1);
  c.check_line = line_of(*root.get("check"));
  c.expr = expression_claim_from_table(root, path, c.check == "expression");
  if (const auto* m = root.get("digits_margin")) {
    if (!m->is_integer() || m->as_integer()->get() < 0 || m->as_integer()->get() > 100)
      throw spec_error(path, line_of(*m), "digits_margin", "must be an integer in [0, 100]");
    c.digits_margin = static_cast<int>(m->as_integer()->get());
  }
  if (const auto* p = root.get("plant")) {
    if (c.expr) throw spec_error(path, line_of(*p), "plant", "an expression claim plants by its expression: write the wrong one");
    if (!p->is_string()) throw spec_error(path, line_of(*p), "plant", "must be a string");
    try {
      (void)parse_plant(p->as_string()->get());
    } catch (const std::exception& e) {
      throw spec_error(path, line_of(*p), "plant", e.what());
    }
    c.plant = p->as_string()->get();
    c.plant_line = line_of(*p);
  }
  if (const auto* e = root.get("expect")) {
    if (!e->is_string() || (e->as_string()->get() != "pass" && e->as_string()->get() != "fail"))
      throw spec_error(path, line_of(*e), "expect", "must be \"pass\" or \"fail\"");
    c.expect_fail = e->as_string()->get() == "fail";
  }
  if (const auto* f = root.get("finding")) {
    if (!f->is_string() || f->as_string()->get().empty())
      throw spec_error(path, line_of(*f), "finding", "must be a non-empty string");
    if (root.get("plant") || !c.expect_fail)
      throw spec_error(path, line_of(*f), "finding", "a finding is a claim without a plant that is expected to fail (expect = \"fail\")");
    c.finding = f->as_string()->get();
  }
  // An expression claim's plant is its wrong expression; a finding is the paper's own statement.
  if (c.expect_fail && c.plant.empty() && !c.expr && c.finding.empty())
    throw spec_error(path, line_of(*root.get("expect")), "expect",
                     "\"fail\" needs a planted falsehood (plant = \"NAME\") or a finding (finding = \"...\")");
  const auto* insts = root.get("instance");
  if (!insts || !insts->is_array_of_tables())
    throw spec_error(path, insts ? line_of(*insts) : 1, "instance", "needs one or more [[instance]] tables");
  for (const auto& node : *insts->as_array()) {
    const auto& t = *node.as_table();
    const long tl = line_of(t);
    reject_unknown(path, t, {"name", "lambda", "N", "sigma", "theta", "init", "t_end", "target_digits", "M", "points",
                             "seed", "task", "lambda_x", "lambda_q", "samples", "shift", "law", "laws", "scale", "max_steps",
                             "max_seconds", "w0", "heads", "remedy", "lambda_easy"});
    instance_spec in;
    in.line = tl;
    in.name = need_string(path, t, "name", tl);
    const auto* lam = t.get("lambda");
    if (!lam) throw spec_error(path, tl, "lambda", "missing");
    in.lambda = lambda_of(path, *lam);
    in.lambda_line = line_of(*lam);
    const auto* N = t.get("N");
    if (!N) throw spec_error(path, tl, "N", "missing");
    if (!N->is_integer() || N->as_integer()->get() < 1) throw spec_error(path, line_of(*N), "N", "must be an integer >= 1");
    in.N = static_cast<long>(N->as_integer()->get());
    try {
      if (const auto* s = t.get("sigma")) {
        in.init.sigma = s->is_string() ? s->as_string()->get() : decimal(path, *s, "sigma");
        if (!sigma_is_valid(in.init.sigma))
          throw spec_error(path, line_of(*s), "sigma", "must be a positive number or \"auto\"");
      }
      if (const auto* s = t.get("theta")) {
        if (!s->is_string()) throw spec_error(path, line_of(*s), "theta", "must be a string");
        in.init.theta = parse_theta_spec(s->as_string()->get());
      }
      if (const auto* s = t.get("init")) {
        if (!s->is_string()) throw spec_error(path, line_of(*s), "init", "must be a string");
        in.init = parse_init_spec(s->as_string()->get(), in.init);
      }
      if (const auto* s = t.get("target_digits")) {
        if (!s->is_integer() || s->as_integer()->get() < 4 || s->as_integer()->get() > max_digits)
          throw spec_error(path, line_of(*s), "target_digits", "must be an integer in [4, 1000]");
        in.target_digits = static_cast<int>(s->as_integer()->get());
      }
      const auto positive_int = [&](const char* key, long lo, long hi) -> long {
        const auto* s = t.get(key);
        if (!s->is_integer() || s->as_integer()->get() < lo || s->as_integer()->get() > hi)
          throw spec_error(path, line_of(*s), key, "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return static_cast<long>(s->as_integer()->get());
      };
      if (t.get("M")) in.M = positive_int("M", 1, 1000000000);
      if (t.get("points")) in.points = static_cast<int>(positive_int("points", 1, 100000));
      if (t.get("samples")) in.samples = positive_int("samples", 100, 1000000000);
      if (t.get("max_steps")) in.max_steps = positive_int("max_steps", 1, 1000000000);
      if (const auto* s = t.get("max_seconds")) {
        const std::string v = decimal(path, *s, "max_seconds");
        double x = 0;
        try {
          x = std::stod(v);
        } catch (...) {
        }
        if (!(x > 0 && x <= 1e7)) throw spec_error(path, line_of(*s), "max_seconds", "must be a number of seconds in (0, 1e7]");
        in.max_seconds = x;
      }
      if (const auto* s = t.get("shift"))
        in.shift = parsed_string(path, *s, "shift", "must be a string", parse_shift_spec);
      if (const auto* s = t.get("law")) in.law = parsed_string(path, *s, "law", "must be a string", parse_law_spec);
      if (const auto* s = t.get("laws")) {
        if (!s->is_array() || s->as_array()->empty())
          throw spec_error(path, line_of(*s), "laws", "must be an array of law strings, one per coordinate");
        for (const auto& e : *s->as_array()) {
          const law_spec l = parsed_string(path, e, "laws", "must be an array of law strings, one per coordinate", parse_law_spec);
          if (l.k == law_spec::kind::fixed)
            throw spec_error(path, line_of(e), "laws", "each coordinate needs a random law, got 'fixed'");
          in.laws.push_back(l);
        }
        if (t.get("law")) throw spec_error(path, line_of(*s), "laws", "give either law (all coordinates) or laws (one per coordinate)");
        if (static_cast<int>(in.laws.size()) != in.lambda.d)
          throw spec_error(path, line_of(*s), "laws",
                           "has " + std::to_string(in.laws.size()) + " laws for d = " + std::to_string(in.lambda.d) + " coordinates");
      }
      if (const auto* s = t.get("scale")) {
        in.scale = decimal(path, *s, "scale");
        if (!(std::stod(in.scale) > 0)) throw spec_error(path, line_of(*s), "scale", "must be > 0");
      }
      if (t.get("seed")) in.seed = static_cast<unsigned long>(positive_int("seed", 0, 2147483647));
      if (const auto* s = t.get("task")) {
        if (!s->is_string()) throw spec_error(path, line_of(*s), "task", "must be a string");
        try {
          in.task = parse_task_spec(s->as_string()->get(), in.lambda.d);
        } catch (const std::exception& e) {
          throw spec_error(path, line_of(*s), "task", e.what());
        }
      }
      if (t.get("heads")) in.heads = static_cast<int>(positive_int("heads", 1, 64));
      if (const auto* s = t.get("w0"))
        in.w0 = parsed_string(path, *s, "w0", "must be a string of comma-separated scales", parse_w0_list);
      if (const auto* s = t.get("remedy"))
        in.remedy = parsed_string(path, *s, "remedy", "must be a string", parse_remedy_spec);
      for (const char* key : {"lambda_x", "lambda_q", "lambda_easy"})
        if (const auto* s = t.get(key)) {
          lambda_spec ls = lambda_of(path, *s, key);
          if (ls.d != in.lambda.d)
            throw spec_error(path, line_of(*s), key, "dimension " + std::to_string(ls.d) + " differs from lambda's " +
                                                         std::to_string(in.lambda.d));
          (std::string(key) == "lambda_x" ? in.lambda_x : std::string(key) == "lambda_q" ? in.lambda_q : in.lambda_easy) = ls;
        }
      if (const auto* s = t.get("t_end")) {
        in.t_end = decimal(path, *s, "t_end");
        if (!(std::stod(*in.t_end) > 0)) throw spec_error(path, line_of(*s), "t_end", "must be > 0");
      }
      if (const auto conflict = family_key_conflict(c.check, in)) {
        const auto* at = t.get(conflict->key);
        throw spec_error(path, at ? line_of(*at) : tl, conflict->key, conflict->reason);
      }
    } catch (const spec_error&) {
      throw;
    } catch (const std::exception& e) {
      throw spec_error(path, tl, "instance", e.what());
    }
    c.instances.push_back(in);
  }
  return c;
}

std::optional<key_conflict> family_key_conflict(const std::string& check, const instance_spec& in) {
  if (check.rfind("plateau_", 0) == 0 && in.init.sigma == "auto")
    return key_conflict{"sigma", "plateau claims take sigma as the initial scale w0: give a number"};
  if (check == "plateau_remedy" && in.remedy.k == remedy_spec::kind::none)
    return key_conflict{"remedy", "plateau_remedy needs a remedy: warmup:FACTOR | mix:RHO | aux:ALPHA"};
  if (needs_easy_task(in.remedy) && !in.lambda_easy)
    return key_conflict{"remedy", "warm-up and mixing need lambda_easy, the easier covariance"};
  if (check == "covariate_shift") {  // what the check's error law assumes (docs/THEORY.md §6.3), refused at load
    if (in.shift.k != shift_spec::kind::covariate) return key_conflict{"shift", "covariate_shift needs shift = \"covariate:C\""};
    if (in.M < in.lambda.d + 2)
      return key_conflict{"M", "covariate_shift needs M >= d + 2 (least squares' error is finite there)"};
    // Without label noise least squares' predicted error is exactly 0 and only rounding would be
    // measured against it.
    if (!in.task || in.task->noise == "0" || in.task->kind != task_spec::form::gaussian || !in.task->w.empty() ||
        in.task->square != "0")
      return key_conflict{"task", "covariate_shift needs task = \"gaussian+noise:S2\" with S2 > 0 (w ~ N(0, I), noisy labels)"};
  }
  if (!in.laws.empty() && check != "thm45_random_cov")
    return key_conflict{"laws", "only thm45_random_cov takes one law per coordinate"};
  if (check == "thm45_random_cov") {
    if (in.law.k == law_spec::kind::fixed && in.laws.empty())
      return key_conflict{"law", "thm45_random_cov needs a random law: law = \"...\" or laws = [one per coordinate]"};
    if (in.init.sigma == "auto") return key_conflict{"sigma", "thm45_random_cov takes sigma as a number (ZFB's 0.1 by default)"};
    if (!in.init.paper) return key_conflict{"init", "thm45_random_cov starts from ZFB's initialisation (theta gives Theta)"};
  }
  if (check == "exact_random_cov") {  // 4^d engine expansions of N + 1 columns (docs/THEORY.md §7.1)
    if (in.law.k == law_spec::kind::fixed)
      return key_conflict{"law", "exact_random_cov needs a random law: exponential | uniform:A:B | gamma:K"};
    if (in.lambda.d > 3) return key_conflict{"lambda", "exact_random_cov takes d <= 3 (4^d engine expansions)"};
    if (in.N > 4) return key_conflict{"N", "exact_random_cov takes N <= 4 (the engine expands N + 1 columns)"};
  }
  // Lemma 5.1's exact route (d <= 3, docs/THEORY.md §2.7) works over the rationals.
  if (check == "lemma51_nonconvex" && in.lambda.d <= 3 && in.lambda.kind == lambda_spec::form::geomspace)
    return key_conflict{"lambda", "lemma51_nonconvex takes d <= 3 exactly over the rationals: geomspace entries are irrational"};
  // Corollary 4.3's kappa and R(M, N) of docs/THEORY.md §5.3 are written in Lambda's eigenvalues.
  if (check == "exact_cor43_threshold" && in.lambda.kind == lambda_spec::form::matrix)
    for (int i = 0; i < in.lambda.d; ++i)
      for (int j = 0; j < in.lambda.d; ++j)
        if (i != j && parse_rational(in.lambda.entries[static_cast<std::size_t>(i * in.lambda.d + j)]) != 0)
          return key_conflict{"lambda", "exact_cor43_threshold takes a diagonal Lambda (its kappa and R(M, N) use the eigenvalues)"};
  if (check == "finite_sample_minimiser") {  // B = 2^6 .. samples by doubling, points seeds each (docs/THEORY.md §3.12)
    if (in.samples < 1024 || in.samples > (1L << 20) || (in.samples & (in.samples - 1)) != 0)
      return key_conflict{"samples", "finite_sample_minimiser takes samples = the largest B, a power of two from 1024 to 1048576"};
    if (in.points < 4 || in.points > 1000) return key_conflict{"points", "finite_sample_minimiser takes points = seeds per B, 4 to 1000"};
    if (in.lambda.d > 5) return key_conflict{"lambda", "finite_sample_minimiser takes d <= 5 (d^2 unknowns, d^4 sandwich entries)"};
  }
  return std::nullopt;
}

std::vector<std::string> theorem_files(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      // A folder named `experiments` holds experiment files (trained models, `iclverify experiment`),
      // not theorem files: a search of theorems/ passes over it, naming it explicitly still reads it.
      for (auto it = fs::recursive_directory_iterator(p); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && it->path().filename() == "experiments") {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".toml") out.push_back(it->path().string());
      }
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else {
      throw usage_error("no such theorem file or folder: " + p);
    }
  }
  if (out.empty()) throw usage_error("no theorem files (*.toml) under " + (paths.empty() ? std::string("?") : paths.front()));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace icl
