// Initialisations: Zhang–Frei–Bartlett Assumption 3.3 (σ, ΘΘᵀ; docs/THEORY.md §3) and a generic
// seeded random start of all live parameters. Random numbers are drawn as doubles from a fixed
// generator and converted exactly, so every scalar type starts from the same point.
#pragma once
#include <cstdint>
#include <string>

#include "model/params.hpp"
#include "model/problem.hpp"

namespace icl {

struct theta_spec {
  bool identity = true;   // ΘΘᵀ = I/√d
  std::uint64_t seed = 0; // otherwise Θ has iid N(0,1) entries from this seed, rescaled
};
theta_spec parse_theta_spec(const std::string& s);  // identity | random:SEED

struct init_spec {
  bool paper = true;      // Assumption 3.3; otherwise random of scale σ from seed
  std::uint64_t seed = 0;
  std::string sigma = "0.1";
  theta_spec theta;
};
init_spec parse_init_spec(const std::string& s, init_spec base);  // paper | random:SEED

// σ is a positive decimal or "auto": σ² = 1/(√d‖Γ‖_op), the σ that maximises Lemma 5.4's μ ∝
// σ²(2 − √dσ²‖Γ‖_op); it keeps Theorem 4.1's hypothesis with margin 1.
bool sigma_is_valid(const std::string& s);
template <class T> T sigma_value(const problem<T>& p, const std::string& s);

// Reproducible standard normals (Box-Muller on mt19937_64, independent of the standard library's
// distribution implementations).
class normal_stream {
 public:
  explicit normal_stream(std::uint64_t seed);
  double next();
 private:
  std::uint64_t state_[4];
  bool has_spare_ = false;
  double spare_ = 0;
  std::uint64_t next_u64();
};

// ΘΘᵀ with ‖ΘΘᵀ‖_F = 1, in the original basis. Refuses ΘΛ = 0.
template <class T> mat<T> theta_gram(const problem<T>& p, const theta_spec& s);
// The same without a Λ to test against (a random covariance, positive a.s.: ΘΛ ≠ 0 as Θ ≠ 0).
template <class T> mat<T> theta_gram(int d, const theta_spec& s);
template <class T> reduced_params<T> paper_init(const problem<T>& p, const T& sigma, const theta_spec& s);
template <class T> full_params<T> random_init(int d, const T& sigma, std::uint64_t seed);

}  // namespace icl
