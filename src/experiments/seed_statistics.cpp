#include "experiments/seed_statistics.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace icl {

namespace {

// The sample mean and the unbiased sample variance (n − 1 in the denominator); x has ≥ 2 values.
std::pair<double, double> sample_moments(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double m = 0, v = 0;
  for (const double e : x) m += e;
  m /= n;
  for (const double e : x) v += (e - m) * (e - m);
  return {m, v / (n - 1)};
}

}  // namespace

bool all_finite(const std::vector<double>& x) {
  return std::all_of(x.begin(), x.end(), [](double e) { return std::isfinite(e); });
}

mean_interval t_interval(const std::vector<double>& x, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (x.size() < 2) return {nan, nan, nan};
  const double n = static_cast<double>(x.size());
  const auto [m, v] = sample_moments(x);
  const double h = boost::math::quantile(boost::math::students_t(n - 1), 0.5 + level / 2) * std::sqrt(v / n);
  return {m, m - h, m + h};
}

mean_interval welch_interval(const std::vector<double>& a, const std::vector<double>& b, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (a.size() < 2 || b.size() < 2) return {nan, nan, nan};
  const auto [ma, va] = sample_moments(a);
  const auto [mb, vb] = sample_moments(b);
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double qa = va / na, qb = vb / nb, se2 = qa + qb;
  const double d = ma - mb;
  if (!(se2 > 0)) return {d, d, d};  // no spread in either sample
  const double nu = se2 * se2 / (qa * qa / (na - 1) + qb * qb / (nb - 1));
  const double h = boost::math::quantile(boost::math::students_t(nu), 0.5 + level / 2) * std::sqrt(se2);
  return {d, d - h, d + h};
}

bool set_t_interval(experiment_verdict& v, const std::vector<double>& x, double level) {
  const bool finite = all_finite(x);
  const auto ci = finite ? t_interval(x, level) : mean_interval{};
  v.effect = ci.mean;
  v.lo = ci.lo;
  v.hi = ci.hi;
  return finite;
}

bool verdicts_as_expected(const lsa_experiment_spec& s, const std::vector<experiment_verdict>& verdicts) {
  bool ok = true;
  for (const auto& v : verdicts) {
    const bool finding = std::find(s.findings.begin(), s.findings.end(), v.key) != s.findings.end();
    if (s.plant == "none" && v.verdict != (finding ? "NOT REPRODUCED" : "CONFIRMED")) ok = false;
    if (v.planted && v.verdict != "NOT REPRODUCED") ok = false;
  }
  if (s.plant != "none" && std::none_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.planted; })) ok = false;
  return ok;
}

}  // namespace icl
