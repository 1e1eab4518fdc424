#include "claims/covariate_limit.hpp"

#include <chrono>
#include <stdexcept>

#include "claims/zfb_reference.hpp"
#include "flow/flow.hpp"
#include "moments/lsa_expectation.hpp"

namespace icl {

namespace {

// The flow is run to 11 certified digits in double (4 short of double's 15): the extrapolation
// amplifies an error of the trained D by about 5, far below the check's tolerance (§6.3).
constexpr int training_digits = 11;

// E(ŷ − y_q)² of the trained LSA on prompts of length n, literally (the engine).
rational literal_error(const exact_prompt& base, long n, const full_params<rational>& th) {
  exact_prompt pr = base;
  pr.n = n;
  return exact_prediction_error(pr, th);
}

}  // namespace

covariate_limit_measurement measure_covariate_limit(const lambda_spec& lambda, long N0, const std::string& c,
                                                    const rational& s2, const rational& sq2, double max_seconds) {
  covariate_limit_measurement m;
  const problem<rational> pe = make_exact_problem(lambda, N0);
  const int d = pe.d;
  const rational cr = parse_rational(c);
  exact_prompt base;
  base.lambda_x = base.lambda_q = cr * cr * pe.lambda;
  base.w_cov = mat<rational>::Identity(d, d);
  base.noise_var = s2;
  base.noise_var_q = sq2;
  double seconds = 0;
  for (long N : {N0, 2 * N0, 4 * N0, 8 * N0}) {
    const problem<double> p = make_problem<double>(lambda, N);
    flow_options<double> o;
    o.init.sigma = "auto";
    o.max_seconds = max_seconds;
    o.target_digits = training_digits;
    o.reference = zfb_reference(p);
    const auto f = run_flow(p, o);
    if (!f.stats.ok) throw std::runtime_error("training flow at N = " + std::to_string(N) + " did not finish: " + f.stats.reason);
    // The trained parameters as exact rationals (a double is a binary fraction).
    full_params<rational> th{vec<rational>::Zero(d), rational(f.final_full.b), mat<rational>(d, d), vec<rational>::Zero(d)};
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) th.C(i, j) = rational(f.final_full.C(i, j));
    const auto t0 = std::chrono::steady_clock::now();
    const rational e1 = literal_error(base, 1, th), e2 = literal_error(base, 2, th), e3 = literal_error(base, 3, th);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const rational e_inf = rational(2) * e2 - e1;
    if (e3 != e_inf + (e1 - e_inf) / rational(3)) m.affine_in_1_over_M = false;
    m.Ns.push_back(N);
    m.excess.push_back(static_cast<double>(rational(e_inf - sq2)));
  }
  // The Richardson tableau for the ratio 2: step k removes the N^-k term, R_k(N) = (2^k R_{k-1}(2N) − R_{k-1}(N))/(2^k − 1).
  std::vector<double> row = m.excess;
  double previous_last = row.back();
  for (int k = 1; k < static_cast<int>(m.excess.size()); ++k) {
    const double p = std::ldexp(1.0, k);
    std::vector<double> next;
    for (std::size_t i = 0; i + 1 < row.size(); ++i) next.push_back((p * row[i + 1] - row[i]) / (p - 1));
    previous_last = row.back();
    row = next;
    if (k == 1) m.richardson_1 = row.back();
  }
  m.extrapolated = row.back();
  m.error_estimate = std::fabs(m.extrapolated - previous_last);
  m.engine_seconds = seconds;
  return m;
}

}  // namespace icl
