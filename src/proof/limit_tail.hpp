// The rigorous tail (docs/THEORY.md §3.9): from an enclosure of the state at time T, prove that the
// flow converges and enclose its limit, without Lemma 5.4's PL inequality. Internal to src/proof.
#pragma once
#include <string>
#include <vector>

#include "proof/diagonal_flow.hpp"

namespace icl::proof {

struct tail_proof {
  bool ok = false;
  std::string why;          // when !ok
  ball kappa;               // lower bound of the contraction rate over the ball
  ball rho;                 // radius (weighted norm) of the ball about the equilibrium holding x(T)
  std::vector<ball> limit;  // (u, U_1, …, U_d) at the equilibrium of the level set
};

// c encloses the conserved u² − Σ U_i² of the trajectory; xT encloses its state at T.
tail_proof prove_tail(const diagonal_flow& f, const ball& c, const std::vector<ball>& xT);

}  // namespace icl::proof
