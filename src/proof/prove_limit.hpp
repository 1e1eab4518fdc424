// A computer-assisted proof that the reduced gradient flow of one ZFB instance converges, with an
// enclosure of its limit (docs/THEORY.md §3.9): a validated Taylor integration to a time T, then a
// contraction argument on the conserved level set. The measured side only: it reads Λ's decimals,
// N and σ, never src/theory. No Arb type appears here; the enclosures travel as Arb's "[m +/- r]"
// strings, which re-read contain what was printed.
#pragma once
#include <string>
#include <vector>

#include "model/problem.hpp"

namespace icl {

struct proof_instance {
  lambda_spec lambda;      // diagonal forms only (a list, linspace, geomspace, or a diagonal matrix)
  long N = 1;
  std::string sigma;       // a positive decimal or "auto"; ΘΘᵀ = I/√d
  bool model_n_plus_1 = false;  // plant on the measured side: the model's Γ built with N + 1
  int working_digits = 70;      // precision of the balls (decimal digits)
  int order = 0;                // Taylor order; 0: from the precision
  double max_seconds = 600;  // CPU seconds
  long max_steps = 0;         // > 0: a deterministic budget of Taylor steps (catalog runs)
  double t_max = 1e4;           // give up integrating beyond this time
};

struct proof_outcome {
  bool converged = false;   // convergence proved and the limit enclosed
  std::string why;          // when not: the reason
  std::string t_end;        // T (exact, a dyadic)
  double width_T = 0;       // largest radius of the enclosure at T
  std::string kappa;        // contraction rate proved on the tail ball
  std::string rho;          // the tail ball's radius (weighted norm)
  std::string level;        // enclosure of the conserved c = u² − ‖U‖²_F
  std::vector<std::string> limit;  // (u, U_11, …, U_dd), U in Λ's order; off-diagonal entries are 0
  double radius = 0;        // largest radius of the limit's enclosure (rounded up)
  // Enclosures the other claims read (docs/THEORY.md §3.9), Arb strings: the state's u and ‖U‖²_F at
  // the start and at T, and the loss of the reduced model over the limit's enclosure (when converged).
  std::string u_0, frob2_U_0, u_T, frob2_U_T;
  std::string loss_limit;
  long steps = 0;
  long bits = 0;
  int order = 0;
  double seconds = 0;       // CPU seconds of the proof
  double wall_seconds = 0;
};

// Refuses (usage_error, before any work) what the proof does not cover: a non-diagonal Λ.
void require_provable(const lambda_spec& lambda);
proof_outcome prove_limit(const proof_instance& in);

}  // namespace icl
