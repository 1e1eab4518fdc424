#include "claims/plateau_claims.hpp"

#include <fmt/format.h>

#include "core/instantiate.hpp"
#include "core/scalar_label.hpp"
#include "core/text.hpp"
#include "plateau/run.hpp"
#include "plateau/systems.hpp"

namespace icl {

namespace {

template <class T> struct plateau_setup {
  problem<T> p;
  spectrum<T> s;
  check_result r;
  int required;
  plateau_budget<T> b;
  int d;
  plateau_setup(const claim_spec& c, const instance_spec& in, const check_context& ctx)
      : p(make_problem<T>(in.lambda, in.N)), s(spectrum<T>::of(p)), d(p.d) {
    using std::pow;
    r.claim = c.id;
    r.instance = in.name;
    r.scalar = scalar_label<T>();
    required = digits10<T>() - c.digits_margin;
    if (in.target_digits > 0) required = std::min(required, in.target_digits);
    b.digits = digits10<T>();
    b.tol = pow(T(10), T(-(digits10<T>() - 4)));
    b.error_floor = T(1);
    b.max_steps = in.max_steps.value_or(ctx.max_steps);
    b.max_seconds = in.max_seconds.value_or(ctx.max_seconds);
    if (ctx.planted != plant::none) r.numbers.push_back({"planted", plant_name(ctx.planted)});
  }
  void add(const std::string& k, const T& v) { r.numbers.push_back({k, full(v)}); }
  bool failed(const plateau_run<T>& run, const std::string& what) {
    if (run.stats.ok) return false;
    r.v = verdict::inconclusive;
    r.brief = what + " did not finish: " + run.stats.reason;
    r.key_figure = "no result";
    return true;
  }
  // The loss curve of a run, thinned to ~300 points, as a figure.
  void curve(const std::string& name, const std::string& title, const plateau_run<T>& run, const T& offset, bool logx,
             const std::string& ylabel = "L(t) - L*") {
    figure f{name, title + " (" + r.claim + " " + r.instance + ")", "t (flow time)", ylabel, logx, true,
             {"t", ylabel}, {}, {{0, 1}}, {"lines"}};
    const std::size_t stride = std::max<std::size_t>(1, run.t.size() / 300);
    for (std::size_t i = 0; i < run.t.size(); ++i)
      if ((i % stride == 0 || i + 1 == run.t.size()) && (!logx || run.t[i] > T(0)) && run.gap[i] + offset > T(0))
        f.rows.push_back({full(run.t[i]), full(T(run.gap[i] + offset))});
    r.figures.push_back(f);
  }
};

// The initial scale of a plateau experiment: a plateau needs a small start (and the tolerances
// below scale with 1/ln(1/w0)), so w0 > 1e-2 is refused as a verdict, not judged.
inline bool plateau_scale_ok(const std::string& sigma) {
  if (sigma == "auto") return false;
  return std::stod(sigma) <= 1e-2;
}
template <class T> bool refuse_scale(plateau_setup<T>& st, const std::string& sigma) {
  if (plateau_scale_ok(sigma)) return false;
  st.r.v = verdict::inconclusive;
  st.r.brief = "no plateau to measure: the initial scale (sigma = w0) must be a number <= 1e-2, got " + sigma;
  st.r.key_figure = "w0 too large";
  return true;
}

template <class T> T sqrt_(const T& x) {
  using std::sqrt;
  return sqrt(x);
}
template <class T> T log_(const T& x) {
  using std::log;
  return log(x);
}

template <class T> bool isotropic_identity(const spectrum<T>& s) {
  for (Eigen::Index i = 0; i < s.lam.size(); ++i)
    if (s.lam(i) != T(1)) return false;
  return true;
}

template <class T> std::vector<T> scales(const std::vector<std::string>& list) {
  std::vector<T> v;
  for (const auto& x : list) v.push_back(parse<T>(x));
  return v;
}

// γ of the Λ = I logistic, or the planted one without (d + 1)/N.
template <class T> T plateau_gamma(int d, long N, plant pl) {
  return pl == plant::plateau_gamma_one ? T(1) : T(1) + T(d + 1) / T(N);
}

// s(t) = e^{2√d t} / [γ(e^{2√d t} − 1) + √d/w0²]   (docs/THEORY.md §8; eq. 10 of Zhang–Singh–Latham–Saxe,
// ZSLS), written with e^{−2√d t} so that neither the numerator nor the denominator overflows in the tail.
template <class T> T logistic_s(int d, const T& gamma, const T& w0, const T& t) {
  using std::exp;
  const T rd = sqrt_(T(d));
  const T em = exp(-T(2) * rd * t);
  return T(1) / (gamma * (T(1) - em) + em * rd / (w0 * w0));
}

// First time γ s = a on the logistic: t = ln[a/(1 − a) · (√d/(γ w0²) − 1)] / (2√d).
template <class T> T logistic_time(int d, const T& gamma, const T& w0, const T& a) {
  const T rd = sqrt_(T(d));
  return log_(T(a / (T(1) - a) * (rd / (gamma * w0 * w0) - T(1)))) / (T(2) * rd);
}

// Time the piecewise-linear loss of a run spends within ±band of X.
template <class T> T dwell(const plateau_run<T>& run, const T& min_loss, const T& X, const T& band) {
  T total = T(0);
  for (std::size_t i = 0; i + 1 < run.t.size(); ++i) {
    const T a = run.gap[i] + min_loss - X, b = run.gap[i + 1] + min_loss - X, dt = run.t[i + 1] - run.t[i];
    // fraction of [0, 1] where |a + (b − a) s| ≤ band
    T lo = T(0), hi = T(1);
    if (a == b) {
      using std::abs;
      if (abs(a) > band) continue;
    } else {
      T s1 = (-band - a) / (b - a), s2 = (band - a) / (b - a);
      if (s1 > s2) std::swap(s1, s2);
      lo = std::max(lo, s1);
      hi = std::min(hi, s2);
      if (hi <= lo) continue;
    }
    total += (hi - lo) * dt;
  }
  return total;
}

template <class T> using mphase = phase<T, merged_system<T>>;

// The plain merged flow on one task from the balanced start u = w0, U = w0 I/√d.
template <class T> struct merged_baseline {
  merged_system<T> sys;
  std::vector<mphase<T>> phases;
  explicit merged_baseline(const spectrum<T>& s, const T& horizon)
      : sys({s}, {T(1)}, T(0), s), phases{{&sys, horizon}} {}
};

}  // namespace

// Closed form: for Λ = I the merged flow has an exact solution (the logistic above), so the flow is held
// to it at every accepted step, through the plateau, the drop and the tail (docs/THEORY.md §8).
template <class T>
check_result check_plateau_closed_form(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  plateau_setup<T> st(c, in, ctx);
  if (!isotropic_identity(st.s)) {
    st.r.v = verdict::not_applicable;
    st.r.brief = "the closed form holds for Lambda = I only";
    st.r.key_figure = "Lambda != I";
    return st.r;
  }
  const int d = st.d;
  const T w0 = parse<T>(in.init.sigma);
  const T gamma_true = plateau_gamma<T>(d, in.N, plant::none), gamma = plateau_gamma<T>(d, in.N, ctx.planted);
  const T t_mid = logistic_time(d, gamma_true, w0, T(1) / T(2));
  const T horizon = T(2) * t_mid + T(10) / sqrt_(T(d));
  merged_baseline<T> m(st.s, horizon);
  const auto gap = [&](const vec<T>& y) { return st.s.gap_diag(merged_system<T>::product(y)); };
  st.b.error_floor = w0 / T(1000);
  const plateau_run<T> run = run_phases(m.phases, merged_system<T>::balanced_start(d, w0), gap, st.b);
  if (st.failed(run, "the flow")) return st.r;
  T worst = T(0), at = T(0);
  int plateau = 0, drop = 0, tail = 0;
  figure f{"logistic", "s = u k along the flow and the closed form (" + c.id + " " + in.name + ")", "t (flow time)",
           "s(t)", false, true, {"t", "s from the flow", "closed form"}, {}, {{0, 1}, {0, 2}}, {"lines", "points"}};
  const std::size_t stride = std::max<std::size_t>(1, run.t.size() / 200);
  for (std::size_t i = 0; i < run.t.size(); ++i) {
    using std::abs;
    const T s = run.y[i](0) * run.y[i](1);
    const T cf = logistic_s(d, gamma, w0, run.t[i]);
    const T rel = abs(s - cf) / cf;
    if (rel > worst) worst = rel, at = run.t[i];
    const T gs = gamma_true * s;
    (gs < T(1) / T(100) ? plateau : gs < T(99) / T(100) ? drop : tail)++;
    if (i % stride == 0 || i + 1 == run.t.size()) f.rows.push_back({full(run.t[i]), full(s), full(cf)});
  }
  st.r.figures.push_back(f);
  const double dig = digits_of_agreement(worst, T(1));
  st.add("gamma", gamma);
  st.add("w0", w0);
  st.add("max_relative_error", worst);
  st.add("at_t", at);
  st.add("half_time", t_mid);
  st.r.numbers.push_back({"points plateau/drop/tail", fmt::format("{}/{}/{}", plateau, drop, tail)});
  st.r.digits = dig;
  st.r.key_figure = fmt::format("{:.1f} digits", dig);
  const std::string where =
      fmt::format("{} points: {} on the plateau (gamma s < 0.01), {} in the drop, {} in the tail; t up to {:.4g}",
                  run.t.size(), plateau, drop, tail, to_double(run.t.back()));
  const bool spread = plateau >= 3 && drop >= 3 && tail >= 3;
  if (dig >= st.required && spread) {
    st.r.v = verdict::pass;
    st.r.brief = fmt::format("s = u k follows the logistic closed form to {:.1f} digits (need {}) at {}", dig,
                             st.required, where);
  } else {
    st.r.v = verdict::fail;
    st.r.brief = spread ? fmt::format("s = u k departs from the closed form: {:.1f} digits (need {}), worst at t = {:.6g}; {}",
                                      dig, st.required, to_double(at), where)
                        : "the run did not sample all three phases: " + where;
  }
  return st.r;
}

// Plateau length t_f (first time L − L* ≤ f (L(0) − L*)) for f = 1/2, 1/4, 1/10, tabled over w0: the claim
// is about how t_f grows as the start shrinks, ln(1/w0) over the escape rate (docs/THEORY.md §8).
template <class T>
check_result check_plateau_length(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  using std::abs;
  using std::pow;
  plateau_setup<T> st(c, in, ctx);
  const int d = st.d;
  const bool iso = isotropic_identity(st.s);
  const std::vector<T> w0s = scales<T>(in.w0);
  const T fs[3] = {T(1) / T(2), T(1) / T(4), T(1) / T(10)};
  const char* fnames[3] = {"1/2", "1/4", "1/10"};
  const T gamma_true = plateau_gamma<T>(d, in.N, plant::none), gamma = plateau_gamma<T>(d, in.N, ctx.planted);
  // ZSLS's escape rate ‖Λ²‖_F (for Λ = I: √d, as in the logistic).
  T rate = T(0);
  for (Eigen::Index i = 0; i < st.s.lam.size(); ++i) rate += st.s.lam(i) * st.s.lam(i) * st.s.lam(i) * st.s.lam(i);
  rate = sqrt_(rate);
  if (ctx.planted == plant::escape_rate_op) rate = st.s.lam.maxCoeff() * st.s.lam.maxCoeff();
  figure tab{"lengths", "plateau length t_f against w0", "", "", false, false,
             {"w0", "f", "t_f (flow)", iso ? "t_f closed form" : "ln(1/w0)/|Lambda^2|_F", iso ? "t_f - F - c(f)" : "c = t_f |Lambda^2|_F - ln(1/w0)",
              iso ? "allowed (4 gamma w0^2/sqrt d)" : "R = t_f |Lambda^2|_F / ln(1/w0)"},
             {}, {}, {}};
  figure curves{"loss-gap", "loss gap at each w0 (" + c.id + " " + in.name + ")", "t (flow time)", "(L - L*)/(L(0) - L*)",
                false, true, {"t"}, {}, {}, {}};
  double worst_digits = 1e9;
  T worst_iso = T(0);
  std::vector<std::vector<T>> cs(3);  // offsets c(w0) per f, anisotropic case
  std::vector<std::vector<T>> Rs(3);
  std::size_t total = 0;
  for (const T& w0 : w0s) {
    const T t_guess = (log_(T(1) / w0) + T(1)) / rate;
    merged_baseline<T> m(st.s, T(4) * t_guess + T(40) / rate);
    const auto gap = [&](const vec<T>& y) { return st.s.gap_diag(merged_system<T>::product(y)); };
    plateau_budget<T> b = st.b;
    b.error_floor = w0 / T(1000);
    const vec<T> y0 = merged_system<T>::balanced_start(d, w0);
    const T gap0 = gap(y0);
    b.stop_gap = gap0 / T(20);
    const plateau_run<T> run = run_phases(m.phases, y0, gap, b);
    if (st.failed(run, "the flow at w0 = " + full(w0))) return st.r;
    total += run.t.size();
    for (std::size_t i = 0; i < run.t.size(); i += std::max<std::size_t>(1, run.t.size() / 60)) {
      std::vector<std::string> row(1 + w0s.size(), "");
      row[0] = full(run.t[i]);
      row[1 + (&w0 - &w0s[0])] = full(T(run.gap[i] / gap0));
      curves.rows.push_back(row);
    }
    for (int k = 0; k < 3; ++k) {
      const auto tf = crossing_time(run, m.phases, gap, T(fs[k] * gap0), b);
      if (!tf) {
        st.r.v = verdict::inconclusive;
        st.r.brief = fmt::format("the loss gap never fell below {} of its start at w0 = {}", fnames[k], full(w0));
        return st.r;
      }
      std::vector<std::string> row{full(w0), fnames[k], full(*tf)};
      if (iso) {
        const T s0 = w0 * w0 / sqrt_(T(d));
        const T a = T(1) - sqrt_(fs[k]) * (T(1) - gamma * s0);
        const T exact = logistic_time(d, gamma, w0, a);
        const T F = (log_(T(sqrt_(T(d)) / gamma)) + T(2) * log_(T(1) / w0)) / (T(2) * sqrt_(T(d)));
        const T cf = log_(T((T(1) - sqrt_(fs[k])) / sqrt_(fs[k]))) / (T(2) * sqrt_(T(d)));
        const T dev = *tf - F - cf, allowed = T(4) * gamma * s0 + pow(T(10), T(-st.required)) * *tf;
        worst_digits = std::min(worst_digits, digits_of_agreement(T(abs(*tf - exact)), *tf));
        worst_iso = std::max(worst_iso, T(abs(dev) / allowed));
        row.push_back(full(exact));
        row.push_back(full(dev));
        row.push_back(full(allowed));
      } else {
        const T lead = log_(T(1) / w0) / rate;
        cs[k].push_back(*tf * rate - log_(T(1) / w0));
        Rs[k].push_back(*tf / lead);
        row.push_back(full(lead));
        row.push_back(full(cs[k].back()));
        row.push_back(full(Rs[k].back()));
      }
      tab.rows.push_back(row);
    }
  }
  for (std::size_t j = 0; j < w0s.size(); ++j) {
    curves.columns.push_back(fmt::format("w0 = {:.3g}", to_double(w0s[j])));
    curves.curves.push_back({0, static_cast<int>(j + 1)});
    curves.styles.push_back("lines");
  }
  st.r.figures.push_back(tab);
  st.r.figures.push_back(curves);
  st.add("escape_rate", rate);
  st.r.numbers.push_back({"points", std::to_string(total)});
  if (iso) {
    st.add("gamma", gamma);
    st.r.digits = worst_digits;
    st.r.key_figure = fmt::format("{:.1f} digits", worst_digits);
    const bool ok = worst_digits >= st.required && worst_iso <= T(1);
    st.r.v = ok ? verdict::pass : verdict::fail;
    st.r.brief = fmt::format(
        "{}: t_f from the flow vs the logistic's t_f: {:.1f} digits (need {}); t_f - [ln(sqrt d/gamma) + 2 ln(1/w0)]/(2 sqrt d) "
        "- c(f), c(f) = ln((1 - sqrt f)/sqrt f)/(2 sqrt d), is at most {:.3g} of its O(w0^2) allowance, over w0 = {} and "
        "f = 1/2, 1/4, 1/10 (f = 1/4 is the formula's own point, c = 0)",
        ok ? "plateau length matches" : "plateau length does NOT match", worst_digits, st.required,
        to_double(worst_iso), w0_to_string(in.w0));
    return st.r;
  }
  // Anisotropic: ZSLS's leading term is right when the offset c(w0) settles and R → 1.
  bool settled = true;
  double worst_change = 0;
  for (int k = 0; k < 3; ++k) {
    const auto& v = cs[k];
    const T change = abs(v[v.size() - 1] - v[v.size() - 2]);
    worst_change = std::max(worst_change, to_double(T(change / (T(1) + abs(v.back())))));
    settled = settled && change <= (T(1) + abs(v.back())) / T(100);
    const T R_last = Rs[k].back();
    settled = settled && abs(R_last - T(1)) <= abs(Rs[k].front() - T(1)) + T(1) / T(1000);
  }
  st.r.key_figure = fmt::format("R = {:.4f}", to_double(Rs[0].back()));
  st.r.v = settled ? verdict::pass : verdict::fail;
  st.r.brief = fmt::format(
      "{}: t_f |Lambda^2|_F - ln(1/w0) changes by {:.2g} (relative) between the two smallest w0 (allowed 1e-2) and "
      "R = t_f |Lambda^2|_F / ln(1/w0) = {:.4f} (f = 1/2) at w0 = {:.3g}, i.e. escape time = ln(1/w0)/|Lambda^2|_F + O(1)",
      settled ? "escape time follows ZSLS's leading term" : "escape time does NOT follow the claimed rate", worst_change,
      to_double(Rs[0].back()), to_double(w0s.back()));
  return st.r;
}

// Staircase: separate key/query heads against the merged model on the same data, so that the only
// difference between the two loss curves is the parameterisation (docs/THEORY.md §8).
template <class T>
check_result check_plateau_staircase(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  using std::pow;
  plateau_setup<T> st(c, in, ctx);
  const int d = st.d, H = in.heads > 0 ? in.heads : d;
  if (refuse_scale(st, in.init.sigma)) return st.r;
  const T w = parse<T>(in.init.sigma);
  std::vector<T> levels = pcr_levels(st.s);
  if (ctx.planted == plant::pcr_unweighted) {
    std::vector<T> lam(st.s.lam.data(), st.s.lam.data() + d);
    std::sort(lam.begin(), lam.end(), [](const T& a, const T& b) { return a > b; });
    for (int m = 1; m <= d; ++m) levels[m] = levels[m - 1] - lam[m - 1] / T(2);
  }
  const T Lstar = st.s.min_loss(), gap0 = levels[0] - Lstar, band = gap0 / T(50);
  st.b.error_floor = w / T(1000);
  const int learnable = std::min(H, d);
  std::vector<T> mids{T(0)};  // mids[m]: halfway between L_{m−1} and L_m
  for (int m = 1; m <= d; ++m) mids.push_back((levels[m - 1] + levels[m]) / T(2));
  T rate = T(0), lam_min = st.s.lam.minCoeff();
  for (Eigen::Index i = 0; i < st.s.lam.size(); ++i) rate += pow(st.s.lam(i), 4);
  rate = sqrt_(rate);
  // (S): escape along direction m takes ~1/(w λ_m²) (algebraic in 1/w), so the horizon scales so.
  separate_system<T> sep(st.s, H);
  std::vector<phase<T, separate_system<T>>> sp{{&sep, T(1000) / (w * lam_min * lam_min)}};
  const auto gap_s = [&](const vec<T>& y) { return st.s.gap(sep.product(y)); };
  plateau_budget<T> bs = st.b;
  const T true_final = pcr_levels(st.s)[learnable] - Lstar;
  bs.stop_gap = true_final + gap0 / T(1000000);
  const plateau_run<T> rs = run_phases(sp, sep.random_start(w, in.seed), gap_s, bs);
  if (st.failed(rs, "the separate key/query flow")) return st.r;
  // (M): the merged model from the balanced start of the same scale.
  merged_baseline<T> mm(st.s, T(4) * (log_(T(1) / w) + T(1)) / rate + T(1000) / (lam_min * lam_min));
  const auto gap_m = [&](const vec<T>& y) { return st.s.gap_diag(merged_system<T>::product(y)); };
  plateau_budget<T> bm = st.b;
  bm.stop_gap = gap0 / T(1000000);
  const plateau_run<T> rm = run_phases(mm.phases, merged_system<T>::balanced_start(d, w), gap_m, bm);
  if (st.failed(rm, "the merged flow")) return st.r;
  const bool s_done = rs.stop == outcome::observer_stop, m_done = rm.stop == outcome::observer_stop;
  if (!s_done || !m_done) {
    st.r.v = verdict::inconclusive;
    st.r.brief = fmt::format("{} did not reach its final level within the horizon (t = {:.4g}): dwell times would be cut short",
                             s_done ? "the merged flow" : "the separate key/query flow",
                             to_double(s_done ? rm.t.back() : rs.t.back()));
    st.r.key_figure = "no result";
    return st.r;
  }
  figure tab{"dwell", "time spent within 2% of the initial gap of each level", "", "", false, false,
             {"level", "value", "dwell (S)", "dwell (M)"}, {}, {}, {}};
  bool s_ok = s_done, m_ok = m_done;
  std::string s_list, m_list;
  for (int m = 0; m <= d; ++m) {
    const T ds = dwell(rs, Lstar, levels[m], band), dm = dwell(rm, Lstar, levels[m], band);
    tab.rows.push_back({fmt::format("L_{}", m), full(levels[m]), full(ds), full(dm)});
    if (m >= 1) {
      tab.rows.push_back({fmt::format("mid {}-{}", m - 1, m), full(mids[m]), full(dwell(rs, Lstar, mids[m], band)),
                          full(dwell(rm, Lstar, mids[m], band))});
    }
    if (m == d) break;
    T ms = dwell(rs, Lstar, mids[m + 1], band), mmid = dwell(rm, Lstar, mids[m + 1], band);
    if (m >= 1) {
      ms = std::max(ms, dwell(rs, Lstar, mids[m], band));
      mmid = std::max(mmid, dwell(rm, Lstar, mids[m], band));
    }
    const double rs_ratio = to_double(T(ds / ms)), rm_ratio = to_double(T(dm / mmid));
    if (m < learnable) {
      s_ok = s_ok && ds >= T(100) * ms;
      s_list += fmt::format("{}L_{} {:.3g}x", s_list.empty() ? "" : ", ", m, rs_ratio);
    }
    // The merged model: a plateau at the start, none at the intermediate levels.
    m_ok = m_ok && (m == 0 ? dm >= T(10) * mmid : dm < T(10) * mmid);
    m_list += fmt::format("{}L_{} {:.3g}x", m_list.empty() ? "" : ", ", m, rm_ratio);
  }
  st.r.figures.push_back(tab);
  st.curve("separate-loss", "separate key/query: L - L*", rs, T(0), true);
  st.curve("merged-loss", "merged key-query: L - L*", rm, T(0), false);
  st.r.numbers.push_back({"heads", std::to_string(H)});
  st.add("w_init", w);
  st.add("separate_t_end", rs.t.back());
  st.add("merged_t_end", rm.t.back());
  st.add("separate_final_gap", rs.gap.back());
  for (int m = 0; m <= d; ++m) st.add(fmt::format("L_{}", m), levels[m]);
  st.r.key_figure = fmt::format("{} plateaus (S)", learnable);
  const std::string ev = fmt::format("dwell at a level over the dwell at its neighbouring midpoints: (S) {}; (M) {}",
                                     s_list, m_list);
  if (s_ok && m_ok) {
    st.r.v = verdict::pass;
    st.r.brief = fmt::format("separate key/query ({} heads) pauses at each of the {} PCR levels L_m = T/2 - "
                             "sum_(i<=m) lambda_i^2/(2 g_i), the merged model only at L_0 (one drop); {}",
                             H, learnable, ev);
  } else {
    st.r.v = verdict::fail;
    st.r.brief = fmt::format("{}{}{}; {}", s_done ? "" : "(S) did not reach its final level; ",
                             s_ok ? "" : "(S) does not pause at every predicted level; ",
                             m_ok ? "(M) single drop as predicted" : "(M) is not a single drop", ev);
  }
  return st.r;
}

// The remedies of Fu et al. (FU) in the merged model, each against the plain flow on the hard task: a
// remedy is judged by how much it shortens that plateau and by the bias it leaves (docs/THEORY.md §8).
template <class T>
check_result check_plateau_remedy(const claim_spec& c, const instance_spec& in, const check_context& ctx) {
  using std::abs;
  using std::pow;
  plateau_setup<T> st(c, in, ctx);
  const int d = st.d;
  using remedy = remedy_spec::kind;
  const remedy kind = in.remedy.k;
  const T x = parse<T>(in.remedy.x);
  std::optional<spectrum<T>> easy;
  if (in.lambda_easy) easy = spectrum<T>::of(make_problem<T>(*in.lambda_easy, in.N));
  const auto& hard = st.s;
  const auto norm_l2 = [](const vec<T>& v) { return sqrt_(T(v.cwiseProduct(v).squaredNorm())); };
  const T r_h = norm_l2(hard.lam), r_e = easy ? norm_l2(easy->lam) : T(0);
  const auto gap = [&](const vec<T>& y) { return hard.gap_diag(merged_system<T>::product(y)); };
  T lam_min = hard.lam.minCoeff(), g_min = hard.g.minCoeff();
  if (refuse_scale(st, in.init.sigma)) return st.r;
  const T w = parse<T>(in.init.sigma);
  const T w0s[2] = {w, w * w};
  st.b.error_floor = w * w / T(1000);
  T t_base[2], t_rem[2], excess = T(0), gap0 = T(0), bias_pred = T(0);
  std::vector<plateau_run<T>> kept;
  for (int k = 0; k < 2; ++k) {
    const T w0 = w0s[k];
    const vec<T> y0 = merged_system<T>::balanced_start(d, w0);
    gap0 = gap(y0);
    const T t_guess = (log_(T(1) / w0) + T(1)) / r_h;
    merged_baseline<T> base(hard, T(4) * t_guess + T(40) / r_h);
    plateau_budget<T> b = st.b;
    b.stop_gap = gap0 / T(4);
    const plateau_run<T> rb = run_phases(base.phases, y0, gap, b);
    if (st.failed(rb, "the baseline flow")) return st.r;
    const auto tb = crossing_time(rb, base.phases, gap, T(gap0 / T(2)), b);
    // The remedy run goes on to convergence, so that its final hard-task gap (its bias) is measured.
    const T horizon = T(4) * t_guess + T(400) / (lam_min * lam_min * g_min);
    merged_system<T> hard_sys({hard}, {T(1)}, T(0), hard);
    std::optional<merged_system<T>> other;
    std::vector<mphase<T>> ph;
    if (kind == remedy::warmup) {
      merged_baseline<T> e(*easy, T(4) * (log_(T(1) / w0) + T(1)) / r_e + T(40) / r_e);
      const auto gap_e = [&](const vec<T>& y) { return easy->gap_diag(merged_system<T>::product(y)); };
      plateau_budget<T> be = st.b;
      be.stop_gap = gap_e(y0) / T(4);
      const plateau_run<T> re = run_phases(e.phases, y0, gap_e, be);
      if (st.failed(re, "the easy task's flow")) return st.r;
      const auto te = crossing_time(re, e.phases, gap_e, T(gap_e(y0) / T(2)), be);
      if (!te) {
        st.r.v = verdict::inconclusive;
        st.r.brief = "the easy task's flow never halved its own loss gap: no warm-up length to take";
        st.r.key_figure = "no result";
        return st.r;
      }
      other.emplace(std::vector<spectrum<T>>{*easy}, std::vector<T>{T(1)}, T(0), hard);
      ph = {{&*other, T(x * *te)}, {&hard_sys, T(x * *te + horizon)}};
      st.add(fmt::format("warmup_time_w0_{}", k), T(x * *te));
    } else if (kind == remedy::mix) {
      other.emplace(std::vector<spectrum<T>>{hard, *easy}, std::vector<T>{T(1) - x, x}, T(0), hard);
      ph = {{&*other, horizon}};
    } else {
      other.emplace(std::vector<spectrum<T>>{hard}, std::vector<T>{T(1)}, x, hard);
      ph = {{&*other, horizon}};
    }
    const plateau_run<T> rr = run_phases(ph, y0, gap, st.b);
    if (st.failed(rr, "the remedy flow")) return st.r;
    const auto tr = crossing_time(rr, ph, gap, T(gap0 / T(2)), st.b);
    if (!tb || !tr) {
      st.r.v = verdict::inconclusive;
      st.r.brief = "a run never halved its loss gap on the hard task";
      return st.r;
    }
    t_base[k] = *tb;
    t_rem[k] = *tr;
    excess = rr.gap.back() / gap0;
    st.add(fmt::format("t_half_baseline_w0_{}", k), *tb);
    st.add(fmt::format("t_half_remedy_w0_{}", k), *tr);
    if (k == 1) {
      st.curve("remedy-loss", "hard-task loss gap with " + to_string(in.remedy), rr, T(0), false);
      st.curve("baseline-loss", "hard-task loss gap, plain flow", rb, T(0), false);
    }
    if (kind == remedy::mix && k == 1) {  // the mixture's optimum, relative to the start: its predicted bias
      bias_pred = hard.gap_diag(other->mixture_optimum()) / gap0;
      st.add("mixture_optimum_excess", bias_pred);
    }
  }
  st.add("w0", w);
  st.add("rate_hard", r_h);
  if (easy) st.add("rate_easy", r_e);
  st.add("final_hard_excess_relative", excess);
  const T ratio = t_rem[1] / t_base[1];
  const T tol = T(2) / log_(T(1) / w0s[1]);
  const T small = pow(T(10), T(-st.required));
  const bool no_gain = ctx.planted == plant::remedy_no_gain;
  bool ok = true;
  std::string finding;
  if (kind == remedy::warmup || kind == remedy::mix) {
    T pred = T(1);
    if (kind == remedy::mix) {
      const vec<T> B = (T(1) - x) * hard.lam.cwiseProduct(hard.lam) + x * easy->lam.cwiseProduct(easy->lam);
      pred = r_h / B.norm();
    } else if (r_e > r_h) {
      pred = r_h / r_e;
    }
    if (no_gain) pred = T(1);
    st.add("predicted_ratio", pred);
    const bool gain_expected = pred < T(1);
    if (kind == remedy::warmup && !gain_expected && !no_gain)
      ok = ratio >= T(1) - tol;  // an easy task that escapes no faster cannot help
    else if (kind == remedy::warmup && x < T(1) && !no_gain)
      ok = ratio <= T(1) + tol && ratio >= pred * (T(1) - tol);  // a partial warm-up: between the two
    else
      ok = abs(ratio / pred - T(1)) <= tol;
    // Bias: warm-up ends on the hard loss (none); mixing ends at the mixture's optimum.
    const bool bias_ok = kind == remedy::mix
                             ? digits_of_agreement(T(abs(excess - bias_pred)), bias_pred) >= st.required / 2
                             : excess <= small;
    ok = ok && bias_ok;
    const std::string predicted =
        !gain_expected && kind == remedy::warmup && !no_gain
            ? fmt::format("predicted no gain (>= {:.3f}): the easy task escapes no faster, rate {:.4g} vs {:.4g}",
                          to_double(T(T(1) - tol)), to_double(r_e), to_double(r_h))
        : kind == remedy::warmup && x < T(1) && !no_gain
            ? fmt::format("a partial warm-up: predicted between the full gain {:.4f} and none, i.e. in [{:.4f}, {:.4f}]",
                          to_double(pred), to_double(T(pred * (T(1) - tol))), to_double(T(T(1) + tol)))
            : fmt::format("predicted {:.4f} = ratio of escape rates, tolerance {:.3f}", to_double(pred), to_double(tol));
    finding = fmt::format(
        "{}: hard-task plateau t_1/2 = {:.4g} vs {:.4g} plain at w0 = {:.3g} (ratio {:.4f}; {}); final hard-task excess "
        "{:.3g} of the initial gap ({})",
        to_string(in.remedy), to_double(t_rem[1]), to_double(t_base[1]), to_double(w0s[1]), to_double(ratio), predicted,
        to_double(excess), kind == remedy::mix ? fmt::format("predicted {:.6g}: the mixture's optimum", to_double(bias_pred))
                                               : std::string("unbiased: training ends on the hard loss"));
  } else {
    // Auxiliary loss: the plateau stops growing with ln(1/w0); the bias vanishes only for Λ ∝ I.
    const T grow_rem = t_rem[1] - t_rem[0], grow_base = t_base[1] - t_base[0];
    ok = no_gain ? abs(grow_rem - grow_base) <= grow_base / T(20) : abs(grow_rem) <= t_rem[0] / T(20);
    ok = ok && grow_base >= log_(T(1) / w0s[0]) / (T(2) * r_h);
    const bool iso = hard.lam.maxCoeff() == hard.lam.minCoeff();
    // Unbiased means at the rounding floor; biased means a bias far above it (1e-6 of the start).
    ok = ok && (iso ? excess <= small : excess > T(1) / T(1000000));
    finding = fmt::format(
        "{}: hard-task t_1/2 = {:.4g} at w0 = {:.3g} and {:.4g} at w0^2 (plain: {:.4g} and {:.4g}, growing by ln(1/w0)/rate); "
        "final hard-task excess {:.3g} of the initial gap ({})",
        to_string(in.remedy), to_double(t_rem[0]), to_double(w), to_double(t_rem[1]), to_double(t_base[0]),
        to_double(t_base[1]), to_double(excess), iso ? "Lambda is isotropic: unbiased" : "biased: U is pulled to I, not to Gamma^-1 direction");
  }
  st.r.key_figure = fmt::format("ratio {:.3f}", to_double(ratio));
  st.r.v = ok ? verdict::pass : verdict::fail;
  st.r.brief = (ok ? "found as predicted: " : "NOT as predicted: ") + finding;
  return st.r;
}

#define ICL_INST(T)                                                                                                 \
  template check_result check_plateau_closed_form<T>(const claim_spec&, const instance_spec&, const check_context&); \
  template check_result check_plateau_length<T>(const claim_spec&, const instance_spec&, const check_context&);      \
  template check_result check_plateau_staircase<T>(const claim_spec&, const instance_spec&, const check_context&);   \
  template check_result check_plateau_remedy<T>(const claim_spec&, const instance_spec&, const check_context&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
