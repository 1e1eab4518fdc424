#include "report/report_pages.hpp"

#include "core/build_stamp.hpp"
#include "report/time_conversion_table.hpp"

#include <boost/version.hpp>
#include <fmt/format.h>
#include <gmp.h>
#include <mpfr.h>
#include <Eigen/Core>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/errors.hpp"
#include "report/writers.hpp"

namespace icl {

namespace fs = std::filesystem;

namespace {

std::string slug(std::string s) {
  for (auto& ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ch = '-';
  return s;
}

std::string md_cell(std::string s) {
  std::string o;
  for (char ch : s) o += ch == '|' ? std::string("\\|") : ch == '\n' ? std::string(" ") : std::string(1, ch);
  return o;
}


std::string gp_quote(const std::string& s) {
  std::string o = "\"";
  for (char ch : s) o += ch == '"' ? std::string("\\\"") : std::string(1, ch);
  return o + "\"";
}

// Curves gnuplot can draw: at least one point that is finite and, on a log axis, positive. A curve
// with none makes gnuplot abort the whole script ("all points y value undefined").
std::vector<std::size_t> drawable_curves(const figure& f) {
  auto usable = [](const std::string& v, bool log) {
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    return end != v.c_str() && std::isfinite(x) && (!log || x > 0);
  };
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < f.curves.size(); ++i) {
    const auto [x, y] = f.curves[i];
    for (const auto& r : f.rows)
      if (static_cast<std::size_t>(std::max(x, y)) < r.size() && usable(r[static_cast<std::size_t>(x)], f.logx) &&
          usable(r[static_cast<std::size_t>(y)], f.logy)) {
        keep.push_back(i);
        break;
      }
  }
  return keep;
}

// gnuplot commands drawing the drawable curves of f from `csv` into `out` (terminal set by the caller).
std::string gnuplot_of(const figure& f, const std::string& csv, const std::string& out) {
  std::ostringstream g;
  g << "set output " << gp_quote(out) << "\n"
    << "reset\nset datafile separator ','\nset termoption noenhanced\nset grid\nset key outside below\n"
    << "set title " << gp_quote(f.title) << "\nset xlabel " << gp_quote(f.xlabel) << "\nset ylabel " << gp_quote(f.ylabel)
    << "\n";
  if (f.logx) g << "set logscale x\nset format x '1e%L'\n";
  if (f.logy) g << "set logscale y\nset format y '1e%L'\n";
  g << "plot ";
  bool first = true;
  for (const std::size_t i : drawable_curves(f)) {
    const auto [x, y] = f.curves[i];
    const std::string style = i < f.styles.size() ? f.styles[i] : "lines";
    g << (first ? "" : ", ") << gp_quote(csv) << " using " << x + 1 << ":" << y + 1 << " skip 1 with " << style
      << (style == "lines" ? " lw 2" : " pt 7 ps 0.6") << " title " << gp_quote(f.columns[static_cast<std::size_t>(y)]);
    first = false;
  }
  g << "\n";
  return g.str();
}

// Writes the CSVs of `figs` into `folder` and draws them with one gnuplot run; returns Markdown.
std::string figures_markdown(const std::vector<std::pair<std::string, const figure*>>& figs, const fs::path& folder,
                             const std::string& rel, bool draw, bool png) {
  if (figs.empty()) return "";
  fs::create_directories(folder);
  std::string script = "set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'\n";
  std::string png_script = "set terminal pngcairo size 1000,650 font 'sans,11'\n";
  std::string md;
  for (const auto& [stem, f] : figs) {
    const std::string csv = stem + ".csv";
    write_atomically((folder / csv).string(), csv_of(*f));
    if (f->curves.empty()) {  // a table: shown as Markdown, nothing to draw
      md += fmt::format("**{}**\n\n|", f->title);
      for (const auto& c : f->columns) md += " " + md_cell(c) + " |";
      md += "\n|";
      for (std::size_t i = 0; i < f->columns.size(); ++i) md += "---|";
      md += "\n";
      for (const auto& r : f->rows) {
        md += "|";
        for (const auto& v : r) md += " " + md_cell(v) + " |";
        md += "\n";
      }
      md += fmt::format("\n[data: {}.csv]({}/{}.csv)\n\n", stem, rel, stem);
      continue;
    }
    if (drawable_curves(*f).empty()) {  // e.g. a start already at the optimum: the gap is 0 throughout
      md += fmt::format("Not drawn: {} has no finite{} values to plot; data: [{}.csv]({}/{}.csv)\n\n", f->title,
                        f->logx || f->logy ? " positive" : "", stem, rel, stem);
      continue;
    }
    script += gnuplot_of(*f, (folder / csv).string(), (folder / (stem + ".svg")).string());
    if (png) png_script += gnuplot_of(*f, (folder / csv).string(), (folder / (stem + ".png")).string());
    md += fmt::format("![{}]({}/{}.svg)\n\n[data: {}.csv]({}/{}.csv){}\n\n", f->title, rel, stem, stem, rel, stem,
                      png ? fmt::format(" · [PNG]({}/{}.png)", rel, stem) : "");
  }
  if (draw) {
    write_atomically((folder / "figures.gp").string(), script + (png ? png_script : ""));
    const std::string cmd = "gnuplot " + (folder / "figures.gp").string() + " 2>" + (folder / "gnuplot.log").string();
    if (std::system(cmd.c_str()) != 0) {  // keep the verdicts and the data; say where the figures broke
      const std::string msg = "gnuplot failed on " + (folder / "figures.gp").string() + " (see gnuplot.log there)";
      std::fprintf(stderr, "iclverify: warning: %s\n", msg.c_str());
      md = "**Warning:** " + msg + "; some figures below may be missing.\n\n" + md;
    }
  }
  return md;
}

std::string env_markdown(const report_env& e) {
  return fmt::format(
      "| | |\n|---|---|\n| iclverify | {} |\n| commit | {} |\n| precision / scalar | {} |\n| compiler | {} |\n"
      "| libraries | {} |\n| command | `{}` |\n| date (UTC) | {} |\n",
      e.version, e.commit, e.scalar, e.compiler, e.libraries, e.command, e.date);
}

std::string instance_params(const instance_spec& in) {
  std::string p = fmt::format("Λ = {}; N = {}", in.lambda.text.empty() ? "matrix" : in.lambda.text, in.N);
  if (in.M) p += fmt::format("; M = {}", in.M);
  if (in.init.sigma != "0.1" || in.init.paper == false) p += "; σ = " + in.init.sigma;
  if (in.task) p += "; task " + in.task->text;
  if (in.lambda_x) p += "; Λ_x = " + in.lambda_x->text;
  if (in.lambda_q) p += "; Λ_q = " + in.lambda_q->text;
  if (in.shift.k != shift_spec::kind::none) p += "; shift " + to_string(in.shift);
  if (in.law.k != law_spec::kind::fixed) p += "; law " + to_string(in.law) + ", c = " + in.scale;
  if (in.t_end) p += "; t_end = " + *in.t_end;
  if (in.target_digits) p += fmt::format("; target {} digits", in.target_digits);
  p += fmt::format("; seed {}", in.seed);
  return p;
}

std::string worst_of(const std::vector<const check_result*>& rs) {
  for (const auto* r : rs)
    if (r->v == verdict::fail || r->v == verdict::inconclusive) return fmt::format("{}: {}", r->instance, r->key_figure);
  double lo = 1e300;
  const check_result* at = nullptr;
  for (const auto* r : rs)
    if (r->digits >= 0 && r->digits < lo) lo = r->digits, at = r;
  if (at) return fmt::format("{:.1f} digits ({})", lo, at->instance);
  return rs.empty() ? "-" : fmt::format("{} ({})", rs.front()->key_figure, rs.front()->instance);
}

}  // namespace

std::string csv_of(const figure& f) {
  std::ostringstream os;
  for (std::size_t i = 0; i < f.columns.size(); ++i) os << (i ? "," : "") << '"' << f.columns[i] << '"';
  os << '\n';
  for (const auto& r : f.rows) {
    for (std::size_t i = 0; i < r.size(); ++i) os << (i ? "," : "") << r[i];
    os << '\n';
  }
  return os.str();
}

report_env current_env(const std::string& scalar, const std::string& command) {
  report_env e;
  e.version = ICLVERIFY_VERSION;
  e.commit = build_commit();  // the build's checkout (cmake/commit_stamp.cmake)
  if (FILE* p = ::popen("git describe --always --dirty 2>/dev/null", "r")) {
    char buf[128] = {0};
    if (std::fgets(buf, sizeof buf, p)) {
      std::string c(buf);
      while (!c.empty() && (c.back() == '\n' || c.back() == '\r')) c.pop_back();
      if (!c.empty()) e.commit = c;
    }
    ::pclose(p);
  }
  e.scalar = scalar;
  e.compiler = fmt::format("g++ {}", __VERSION__);
  e.libraries = fmt::format("Eigen {}.{}.{}, Boost {}.{}.{}, MPFR {}, GMP {}, fmt {}, toml++ {}.{}.{}", EIGEN_WORLD_VERSION,
                            EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION, BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000,
                            BOOST_VERSION % 100, mpfr_get_version(), gmp_version, FMT_VERSION, TOML_LIB_MAJOR,
                            TOML_LIB_MINOR, TOML_LIB_PATCH);
  e.command = command;
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", std::gmtime(&now));
  e.date = buf;
  return e;
}

void require_gnuplot() {
  if (std::system("gnuplot --version >/dev/null 2>&1") != 0)
    throw usage_error("report figures need gnuplot: apt-get install gnuplot-nox (or pass --no-figures)");
}

void write_report(const std::string& dir, const std::vector<claim_spec>& claims, const std::vector<check_result>& rs,
                  const std::vector<figure>& extra, const report_env& env, bool draw, bool png) {
  const fs::path root(dir);
  fs::create_directories(root);
  std::map<std::string, std::vector<const check_result*>> by_claim;
  for (const auto& r : rs) by_claim[r.claim].push_back(&r);

  std::string index = "# iclverify report\n\nEvery claim of the catalog, checked two ways (the measured side: exact flow, "
                      "sampling or exact expectation; the predicted side: the paper's closed form). Regenerate with the "
                      "command below.\n\n" +
                      env_markdown(env) +
                      "\n| claim | source | instances | PASS | FAIL | INCONCLUSIVE | NOT-APPLICABLE | REJECTED-AS-EXPECTED | PROVED | worst margin | page |\n"
                      "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& c : claims) {
    const auto& list = by_claim[c.id];
    if (list.empty()) continue;
    int n[verdict_count] = {};
    for (const auto* r : list) ++n[static_cast<int>(r->v)];
    const std::string page = slug(c.id) + ".md";
    int tried = 0, proved = 0;
    for (const auto* r : list)
      if (!proof_column(*r).empty()) ++tried, proved += proof_column(*r) == "PROVED";
    index += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | [{}]({}) |\n", c.id, md_cell(c.source),
                         list.size(), n[0], n[1], n[2], n[3], n[4], tried ? fmt::format("{} of {}", proved, tried) : "-",
                         md_cell(worst_of(list)), page, page);

    std::string md = fmt::format("# {}\n\n**Source:** {}\n\n**Claim family:** `{}` (file `{}`)\n\n> {}\n\n", c.id, c.source,
                                 c.check, c.file, md_cell(c.statement));
    md += "## Instances\n\n| instance | parameters |\n|---|---|\n";
    for (const auto& in : c.instances) md += fmt::format("| {} | {} |\n", in.name, md_cell(instance_params(in)));
    const bool any_proof = std::any_of(list.begin(), list.end(), [](const check_result* r) { return !proof_column(*r).empty(); });
    // What the proofs of this claim cover, in one line (their evidence "proof_covers"; docs/THEORY.md §4.4).
    std::string covers;
    for (const auto* r : list)
      for (const auto& [k, v] : r->numbers)
        if (covers.empty() && k == "proof_covers") covers = v;
    md += any_proof ? "\n## Verdicts\n\nThe proof column is the verdict of a proof of the same instance (docs/THEORY.md "
                      "§3.9, §4.4): PROVED means the claim is proved for that instance — the closed form lies in a rigorous "
                      "enclosure, or the identity holds for all inputs." +
                          (covers.empty() ? std::string() : " **What the proof covers:** " + md_cell(covers) + ".") +
                          "\n\n| instance | verdict | proof | key figure | digits | seconds | evidence |\n"
                          "|---|---|---|---|---|---|---|\n"
                    : "\n## Verdicts\n\n| instance | verdict | key figure | digits | seconds | evidence |\n|---|---|---|---|---|---|\n";
    for (const auto* r : list)
      md += fmt::format("| {} | **{}** |{} {} | {} | {:.2f} | {} |\n", r->instance, verdict_name(r->v),
                        any_proof ? fmt::format(" {} |", proof_column(*r).empty() ? "-" : proof_column(*r)) : "", md_cell(r->key_figure),
                        r->digits >= 0 ? fmt::format("{:.1f}", r->digits) : "-", r->seconds, md_cell(r->brief));
    if (c.check.rfind("plateau_", 0) == 0) {  // plateau times, to be compared with training runs
      std::vector<long> Ns;
      for (const auto& in : c.instances)
        if (std::find(Ns.begin(), Ns.end(), in.N) == Ns.end()) Ns.push_back(in.N);
      md += "\n" + time_conversion_markdown(Ns);
    }
    std::vector<std::pair<std::string, const figure*>> figs;
    for (const auto* r : list)
      for (const auto& f : r->figures) figs.push_back({slug(r->instance + "-" + f.name), &f});
    if (!figs.empty())
      md += "\n## Figures\n\n" +
            figures_markdown(figs, root / "figures" / slug(c.id), "figures/" + slug(c.id), draw, png);
    md += "\n## Evidence at full precision\n\n";
    for (const auto* r : list) {
      md += fmt::format("<details><summary>{} ({})</summary>\n\n| quantity | value |\n|---|---|\n", r->instance, r->scalar);
      for (const auto& [k, v] : r->numbers) md += fmt::format("| {} | `{}` |\n", k, md_cell(v));
      md += "\n</details>\n\n";
    }
    md += "## Environment\n\n" + env_markdown(env);
    write_atomically((root / page).string(), md);
  }
  if (!extra.empty()) {
    std::vector<std::pair<std::string, const figure*>> figs;
    for (const auto& f : extra) figs.push_back({slug(f.name), &f});
    index += "\n## Catalog-wide figures\n\n" + figures_markdown(figs, root / "figures" / "catalog", "figures/catalog", draw, png);
  }
  write_atomically((root / "index.md").string(), index);
  write_atomically((root / "report.json").string(), results_json(rs, env.scalar));
}

}  // namespace icl
