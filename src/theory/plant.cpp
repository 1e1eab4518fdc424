#include "theory/plant.hpp"

#include "core/errors.hpp"

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
    {plant::hessian_count_d, "hessian-count-d"},
    {plant::gd_gap_zero, "gd-gap-zero"},
};
}  // namespace

plant parse_plant(const std::string& s) {
  for (const auto& e : plants)
    if (s == e.name) return e.p;
  std::string all;
  for (const auto& e : plants) all += std::string(all.empty() ? "" : ", ") + e.name;
  throw usage_error("unknown plant '" + s + "' (" + all + ")");
}

const char* plant_name(plant p) {
  for (const auto& e : plants)
    if (p == e.p) return e.name;
  return "?";
}

}  // namespace icl
