#include "cli/flow_second_run.hpp"

#include <algorithm>

#include "claims/zfb_reference.hpp"
#include "core/instantiate.hpp"

namespace icl {

namespace {

// Restores the MPFR digits on every exit: the first run's summary is printed after the second.
struct mpfr_digits_guard {
  int saved = mpfr_digits();
  ~mpfr_digits_guard() { set_mpfr_digits(saved); }
};

}  // namespace

template <class T>
second_run_agreement agree_with_second_run(const lambda_spec& spec, long N, const flow_options<T>& o, const std::string& t_end,
                                           const flow_result<T>& first) {
  second_run_agreement out;
  out.digits_used = std::min(max_digits, digits10<T>() + 20);
  mpfr_digits_guard guard;
  set_mpfr_digits(out.digits_used);
  const problem<mpfr> p = make_problem<mpfr>(spec, N);
  flow_options<mpfr> o2;
  o2.param = o.param;
  o2.init = o.init;
  o2.m = o.m;
  o2.t_end = parse<mpfr>(t_end);
  o2.max_steps = o.max_steps;
  o2.max_seconds = o.max_seconds;
  o2.reference = zfb_reference(p);
  const flow_result<mpfr> second = run_flow(p, o2);
  if (!second.stats.ok) {
    out.failure = second.stats.reason;
    return out;
  }
  // Compared at the second run's precision; the first run's numbers enter through their
  // round-trip decimal form, which is within the first type's own rounding of its value.
  const vec<mpfr> hi = second.final_full.pack();
  const vec<T> lo_t = first.final_full.pack();
  vec<mpfr> lo(lo_t.size());
  for (Eigen::Index i = 0; i < lo_t.size(); ++i) lo(i) = parse<mpfr>(full(lo_t(i)));
  const mpfr err = (lo - hi).norm();
  // Cap at the first run's own digits: agreement beyond them is luck, not accuracy.
  out.digits = std::min(digits_of_agreement(err, mpfr(hi.norm())), double(digits10<T>()));
  return out;
}

#define ICL_INST(T)                                                                                                         \
  template second_run_agreement agree_with_second_run<T>(const lambda_spec&, long, const flow_options<T>&, const std::string&, \
                                                         const flow_result<T>&);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
