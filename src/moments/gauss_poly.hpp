// Exact expectations of polynomials in jointly Gaussian variables, by Isserlis/Wick, over the
// rationals. Coefficients may carry monomials in symbolic parameters, so E[(ŷ − y)²] comes out as a
// polynomial in the parameters (the population loss) rather than a number.
//
// Variables live in independent blocks (a task vector, each prompt column, the query, each noise
// term), each block with its own rational covariance; a moment factorises over blocks and, inside
// a block, follows the recursion E[x_i m] = Σ_j Σ_ij E[∂m/∂x_j] (memoised). No algebra is assumed.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/rational.hpp"

namespace icl {

// Monomial in symbolic parameters: up to 8 indices (< 255), sorted, one byte each (index + 1)
// packed in a uint64; 0 is the monomial 1.
using param_mono = std::uint64_t;
param_mono param_var(int k);
param_mono param_times(param_mono a, param_mono b);  // throws past degree 8
std::vector<int> param_indices(param_mono m);         // sorted, with repetition

struct param_poly {
  std::unordered_map<param_mono, rational> terms;

  void add(param_mono m, const rational& c);
  std::size_t size() const { return terms.size(); }
  bool is_zero() const { return terms.empty(); }
  rational eval(const std::vector<rational>& x) const;
  param_poly derivative(int k) const;
  param_poly with_zero(const std::vector<int>& ks) const;  // those parameters set to 0
  // Sorted by degree, then indices; coefficients as exact p/q.
  std::string str(const std::vector<std::string>& names) const;
};
param_poly operator-(const param_poly& a, const param_poly& b);

class gauss_space {
 public:
  // A block independent of all others, with covariance cov (symmetric, rational); returns the
  // index of its first variable. All blocks must exist before polynomials are built.
  int add_block(const mat<rational>& cov);
  int add_scalar(const rational& variance) { return add_block(mat<rational>::Constant(1, 1, variance)); }
  int size() const { return n_; }
  // E[Π_v g_v^{e_v}], e one exponent per variable.
  const rational& moment(const std::string& e);
  std::size_t cached_moments() const { return memo_.size(); }

 private:
  struct block {
    int offset, dim;
    mat<rational> cov;
    bool diagonal;
    std::unordered_map<std::string, rational> memo;
  };
  rational block_moment(block& b, std::string e);
  std::vector<block> blocks_;
  std::unordered_map<std::string, rational> memo_;
  int n_ = 0;
};

// Polynomial in the Gaussian variables of one space, with parameter monomials in its terms.
class gpoly {
 public:
  struct key {
    param_mono p;
    std::string e;
    bool operator==(const key&) const = default;
  };
  struct key_hash {
    std::size_t operator()(const key& k) const { return std::hash<std::string>()(k.e) ^ (k.p * 0x9E3779B97F4A7C15ull); }
  };

  explicit gpoly(int nvars) : n_(nvars) {}
  static gpoly constant(int nvars, const rational& c);
  static gpoly variable(int nvars, int v);
  static gpoly parameter(int nvars, int k);

  void add(const key& k, const rational& c);
  std::size_t size() const { return terms_.size(); }
  int nvars() const { return n_; }
  const std::unordered_map<key, rational, key_hash>& terms() const { return terms_; }

  gpoly& operator+=(const gpoly& o);
  gpoly& operator-=(const gpoly& o);
  gpoly& operator*=(const rational& s);

 private:
  int n_;
  std::unordered_map<key, rational, key_hash> terms_;
};
gpoly operator+(gpoly a, const gpoly& b);
gpoly operator-(gpoly a, const gpoly& b);
gpoly operator*(const gpoly& a, const gpoly& b);
gpoly operator*(gpoly a, const rational& s);

param_poly expect(gauss_space& g, const gpoly& p);
// E[P Q] without forming the product: terms are grouped by parameter monomial and each pair of
// Gaussian monomials costs one (memoised) moment lookup.
param_poly expect_product(gauss_space& g, const gpoly& p, const gpoly& q);

}  // namespace icl
