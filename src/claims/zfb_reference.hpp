// The reference a gradient-flow run of the Zhang–Frei–Bartlett claims is observed against: the
// closed-form optimum of Theorem 4.1, the minimum loss of Corollary A.2, Lemma 5.4's PL constant
// for the certificate and Lemma A.3's conserved quantity (docs/THEORY.md §3.4–§3.7). Built here,
// in the claims layer, so that the flow (src/flow) depends on no closed form; a plant perturbs it.
#pragma once
#include <memory>

#include "flow/flow.hpp"
#include "theory/zfb.hpp"

namespace icl {

template <class T> flow_reference_fn<T> zfb_reference(const problem<T>& p, plant pl = plant::none, const T& factor = T(1)) {
  auto th = std::make_shared<const zfb_theory<T>>(p, pl, factor);
  return [th](const T& sigma, const T& theta_lambda2) {
    flow_reference<T> r;
    r.u_star = th->u_star;
    r.U_star = th->U_star;
    r.min_loss = th->min_loss;
    r.applicable = th->applicable(sigma);
    if (r.applicable) r.mu = th->pl_mu(sigma, theta_lambda2);
    r.invariant = [th](const T& u, const T& frob2_U) { return th->invariant(u, frob2_U); };
    return r;
  };
}

}  // namespace icl
