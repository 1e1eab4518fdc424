// Learning plateaus (docs/THEORY.md §8; Zhang–Singh–Latham–Saxe (ZSLS), Fu et al. (FU)): the
// closed-form plateau of the merged model, its length, separate key/query saddle-to-saddle
// dynamics, and FU's three remedies, all on exact population flows.
#pragma once
#include "claims/zfb_claims.hpp"

namespace icl {

template <class T> check_result check_plateau_closed_form(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_plateau_length(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_plateau_staircase(const claim_spec&, const instance_spec&, const check_context&);
template <class T> check_result check_plateau_remedy(const claim_spec&, const instance_spec&, const check_context&);

}  // namespace icl
