#include "theory/plant.hpp"

#include "core/errors.hpp"
#include "core/rational.hpp"

namespace icl {

namespace {
struct plant_entry {
  plant p;
  const char* name;
};
constexpr plant_entry plants[] = {
    {plant::none, "none"},
    {plant::gamma_without_trace, "gamma-without-trace"},
    {plant::gamma_n_plus_1, "gamma-n-plus-1"},
    {plant::mu_without_sigma, "mu-without-sigma"},
    {plant::u_above_limit, "u-above-limit"},
    {plant::wrong_invariant, "wrong-invariant"},
    {plant::von_oswald_d, "von-oswald-d"},
    {plant::drop_eight_term, "drop-eight-term"},
    {plant::no_query_column, "no-query-column"},
    {plant::invariant_b, "invariant-b"},
    {plant::gamma_to_lambda, "gamma-to-lambda"},
    {plant::rate_n_minus_1, "rate-n-minus-1"},
    {plant::cor43_without_n, "cor43-without-n"},
    {plant::covariate_tolerated, "covariate-tolerated"},
    {plant::random_cov_consistent, "random-cov-consistent"},
    {plant::query_in_span, "query-in-span"},
    {plant::limit_scaled, "limit-1e-30"},
    {plant::plateau_gamma_one, "plateau-gamma-one"},
    {plant::escape_rate_op, "escape-rate-op"},
    {plant::pcr_unweighted, "pcr-unweighted"},
    {plant::remedy_no_gain, "remedy-no-gain"},
    {plant::model_gamma_n_plus_1, "model-gamma-n-plus-1"},
    {plant::covariance_times_c, "covariance-times-c"},
    {plant::remedy_ratio_5pct, "remedy-ratio-5pct"},
    {plant::covariate_drop_1_over_m, "covariate-drop-1-over-m"},
    {plant::u2_bound_doubled, "u2-bound-doubled"},
    {plant::mu_op_not_squared, "mu-op-not-squared"},
    {plant::rate_m_constant_d, "rate-m-constant-d"},
    {plant::cor43_d_kappa, "cor43-d-kappa"},
    {plant::random_cov_drop_1_over_m, "random-cov-drop-1-over-m"},
    {plant::risk_scaled_half_percent, "risk-scaled-0.5pct"},
    {plant::model_rc_diagonal_1_over_n, "model-rc-diagonal-1-over-n"},
    {plant::rc_kappa_u_not_squared, "rc-kappa-u-not-squared"},
    {plant::rc_u2_bound_doubled, "rc-u2-bound-doubled"},
    {plant::rc_balance_double, "rc-balance-double"},
    {plant::covariate_limit_not_squared, "covariate-limit-not-squared"},
    {plant::hessian_count_d, "hessian-count-d"},
    {plant::gd_gap_zero, "gd-gap-zero"},
};
constexpr const char* scale_prefix = "scale:";
}  // namespace

std::string plant_scale_eps(const std::string& s) {
  const std::string pre = scale_prefix;
  if (s.compare(0, pre.size(), pre) != 0) return "";
  const std::string eps = s.substr(pre.size());
  if (eps.empty() || eps.find_first_not_of("0123456789+-.eE") != std::string::npos || !is_exact_number(eps))
    throw usage_error("plant '" + s + "': EPS must be a decimal such as 1e-30 or -2e-3 (the prediction is multiplied by 1 + EPS)");
  const rational e = parse_rational(eps);
  if (e == 0) throw usage_error("plant '" + s + "': EPS = 0 plants nothing");
  if (!(abs(e) < 1)) throw usage_error("plant '" + s + "': |EPS| must be below 1 (1 + EPS <= 0 is not a scaling of the prediction)");
  return eps;
}

plant parse_plant(const std::string& s) {
  for (const auto& e : plants)
    if (s == e.name) return e.p;
  if (!plant_scale_eps(s).empty()) return plant::scale;
  std::string all;
  for (const auto& e : plants) all += std::string(all.empty() ? "" : ", ") + e.name;
  throw usage_error("unknown plant '" + s + "' (" + all + ", scale:EPS)");
}

const char* plant_name(plant p) {
  for (const auto& e : plants)
    if (p == e.p) return e.name;
  if (p == plant::scale) return "scale:EPS";
  return "?";
}

}  // namespace icl
