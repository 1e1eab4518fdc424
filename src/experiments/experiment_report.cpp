#include "experiments/experiment_report.hpp"

#include "experiments/exact_counterparts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/build_stamp.hpp"
#include "experiments/exact_counterparts.hpp"
#include "report/writers.hpp"

namespace icl {

namespace {

namespace fs = std::filesystem;

std::string num(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : "NaN"; }

std::string csv_of(const experiment_figure& f) {
  std::string o;
  for (std::size_t i = 0; i < f.columns.size(); ++i) o += (i ? "," : "") + ("\"" + f.columns[i] + "\"");
  o += "\n";
  for (const auto& r : f.rows) {
    for (std::size_t i = 0; i < r.size(); ++i) o += (i ? "," : "") + num(r[i]);
    o += "\n";
  }
  return o;
}

std::string quote(const std::string& s) {
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\\\"") : std::string(1, c);
  return o + "\"";
}

std::string gnuplot_of(const experiment_figure& f, const std::string& csv, const std::string& svg) {
  std::string g = "set output " + quote(svg) + "\nreset\nset datafile separator ','\nset termoption noenhanced\nset grid\n"
                  "set key outside below\nset title " + quote(f.title) + "\nset xlabel " + quote(f.xlabel) + "\nset ylabel " +
                  quote(f.ylabel) + "\n";
  if (f.logx) g += "set logscale x\n";
  if (f.logy) g += "set logscale y\nset format y '1e%L'\n";
  for (const double x : f.vlines) g += fmt::format("set arrow from {0:.17g}, graph 0 to {0:.17g}, graph 1 nohead dt 2 lw 1.5\n", x);
  if (!f.yrange.empty()) g += "set yrange " + f.yrange + "\n";
  g += "plot ";
  for (std::size_t i = 0; i < f.curves.size(); ++i) {
    const auto& c = f.curves[i];
    g += i ? ", " : "";
    g += quote(csv) + fmt::format(" using {}:{}", c.x + 1, c.y + 1);
    if (c.style == "band") g += fmt::format(":{} skip 1 with filledcurves fs transparent solid 0.25 noborder", c.y + 2);
    else if (c.style == "points") g += " skip 1 with points pt 7 ps 0.6";
    else if (c.style == "linespoints") g += " skip 1 with linespoints lw 2 pt 7 ps 0.5";
    else if (c.style == "dashes") g += " skip 1 with lines lw 2 dt 2";
    else if (c.style == "dots") g += " skip 1 with lines lw 2 dt 3";
    else g += " skip 1 with lines lw 2";
    g += " title " + quote(c.title);
  }
  return g + "\n";
}

std::string md_table(const std::vector<std::vector<std::string>>& t) {
  std::string o;
  for (std::size_t r = 0; r < t.size(); ++r) {
    o += "|";
    for (const auto& c : t[r]) o += " " + c + " |";
    o += "\n";
    if (r == 0) {
      o += "|";
      for (std::size_t i = 0; i < t[0].size(); ++i) o += "---|";
      o += "\n";
    }
  }
  return o;
}

std::string verdict_cell(const experiment_verdict& v) {
  if (!v.planted) return v.verdict;
  return v.verdict == "NOT REPRODUCED" ? "NOT REPRODUCED (planted falsehood rejected)" : v.verdict + " (planted falsehood NOT rejected)";
}

}  // namespace

std::string experiment_summary(const experiment_outcome& o) {
  std::string s;
  for (const auto& v : o.verdicts)
    s += fmt::format("{:<40} ({}) {:<44} {}\n", o.spec.id, v.key, verdict_cell(v), v.reason);
  return s;
}

void write_experiment_pages(const std::string& dir, const std::vector<experiment_outcome>& outs, const std::string& command,
                            bool draw) {
  fs::create_directories(dir);
  std::string index = "# Experiments: trained models against the exact theory\n\n"
                      "Written by `" + command + "` (iclverify " ICLVERIFY_VERSION ", commit " + std::string(build_commit()) +
                      "). How to read the verdicts: docs/THEORY.md §11.6 (zfb_lsa_training), §11.7 (fu_weights_component), §11.8 (fu_plateau_scan), §11.9 (fu_plateau_remedies), §11.10 (fu_linreg_dscan) and §11.11 (zfb_gpt2_covariance).\n\n"
                      "| experiment | claim | verdict | effect | interval |\n|---|---|---|---|---|\n";
  for (const auto& o : outs) {
    const fs::path figdir = fs::path(dir) / "figures" / o.spec.id;
    fs::create_directories(figdir);
    std::string page = "# " + o.spec.id + "\n\n" + o.spec.statement + "\n\n**Source:** " + o.spec.source + "  \n**File:** `" +
                       o.spec.file + "`  \n**Family:** `" + o.spec.family + "`" +
                       (o.spec.plant != "none" ? "  \n**Plant:** `" + o.spec.plant + "` (a falsification file)" : "") + "\n\n";
    std::vector<std::vector<std::string>> vt{{"", "claim", "verdict", "statistic", "effect", "interval (at the level in its line below)",
                                              "prediction"}};
    for (const auto& v : o.verdicts) {
      const bool finding = std::find(o.spec.findings.begin(), o.spec.findings.end(), v.key) != o.spec.findings.end();
      vt.push_back({v.key, v.claim, "**" + verdict_cell(v) + "**" + (finding ? " (a recorded finding)" : ""), v.statistic, num(v.effect), "[" + num(v.lo) + ", " + num(v.hi) + "]",
                    v.prediction});
      index += fmt::format("| [{}]({}.md) | ({}) {} | {} | {} | [{}, {}] |\n", o.spec.id, o.spec.id, v.key, v.claim, verdict_cell(v),
                           num(v.effect), num(v.lo), num(v.hi));
    }
    page += "## Verdicts\n\n" + md_table(vt) + "\n";
    if (!o.spec.finding.empty()) page += "**Finding** (verdicts " + [&] {
      std::string k;
      for (const auto& f : o.spec.findings) k += (k.empty() ? "" : ", ") + f;
      return k;
    }() + "): " + o.spec.finding + "\n\n";
    for (const auto& v : o.verdicts) page += "- (" + v.key + ") " + v.reason + "\n";
    page += "\n## Figures\n\n";
    std::string script = "set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'\n";
    for (const auto& f : o.figures) {
      const std::string csv = (figdir / (f.name + ".csv")).string();
      write_atomically(csv, csv_of(f));
      script += gnuplot_of(f, csv, (figdir / (f.name + ".svg")).string());
      page += fmt::format("![{}](figures/{}/{}.svg)\n\n[data: {}.csv](figures/{}/{}.csv)\n\n", f.title, o.spec.id, f.name, f.name,
                          o.spec.id, f.name);
    }
    if (draw) {
      write_atomically((figdir / "figures.gp").string(), script);
      const std::string cmd = "gnuplot " + (figdir / "figures.gp").string() + " 2>" + (figdir / "gnuplot.log").string();
      if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "iclverify: warning: gnuplot failed on %s (see gnuplot.log there)\n", (figdir / "figures.gp").string().c_str());
        page += "**Warning:** gnuplot failed; some figures may be missing.\n\n";
      }
    }
    page += "## Runs\n\n" + md_table(o.runs_table) + "\n";
    for (const auto& n : o.notes) page += "- " + n + "\n";
    if (const auto cs = exact_counterparts(o.spec.family); !cs.empty()) {
      page += "\n## The exact model's side\n\nThe same statement in the linear model, checked by the catalog (`iclverify report`, pages in "
              "reports/):\n\n";
      for (const auto& c : cs) page += fmt::format("- [{}](../{}.md): {}\n", c.claim_id, c.claim_id, c.what);
    }
    write_atomically((fs::path(dir) / (o.spec.id + ".md")).string(), page);
  }
  write_atomically((fs::path(dir) / "index.md").string(), index);
}

}  // namespace icl
