#include "experiments/exact_counterparts.hpp"

namespace icl {

std::vector<exact_counterpart> exact_counterparts(const std::string& family) {
  if (family == "zfb_lsa_training")
    return {{"zfb.thm4.1", "the exact population flow's limit against Theorem 4.1's closed form, to 40 digits and in ball arithmetic (docs/THEORY.md §3.5)"}};
  if (family == "fu_weights_component" || family == "fu_plateau_scan")
    return {{"plateau.closed_form", "the plateau of the merged key-query linear model against its logistic closed form (docs/THEORY.md §8.2)"},
            {"plateau.length", "the plateau length of the exact linear flow (first time the loss gap falls below a fraction of its start) against its predicted formula (docs/THEORY.md §8.3)"}};
  if (family == "fu_plateau_remedies")
    return {{"plateau.remedies", "warm-up and the other remedies in the merged linear model: the change of the hard task's plateau by the ratio of saddle escape rates, against the flow (docs/THEORY.md §8.5)"}};
  if (family == "zfb_gpt2_covariance")
    return {{"zfb.fig1", "the LSA limit line d(2c³/3 − 4c²/3 + c) at c = 1, 4, 9 and the trained linear layer's finite-N risk on random covariances (docs/THEORY.md §7.3-§7.4)"},
            {"zfb.sec4.2.covariate", "covariate scaling c·Λ is not tolerated by the trained linear layer (docs/THEORY.md §6.3)"}};
  return {};  // fu_linreg_dscan: the linear layer has no weights component to compare
}

}  // namespace icl
