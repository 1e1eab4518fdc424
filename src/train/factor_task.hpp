// Fu et al.'s synthetic classification task (docs/THEORY.md "Trained models"): items with 6 discrete
// factors of cardinalities 10, 10, 10, 8, 4, 15. The paper embeds each item by a VAE code of its image;
// here an item's embedding is a fixed random code: the sum over factors of a fixed random vector per
// (factor, value), plus fresh Gaussian noise at every draw. A prompt picks one of the first `factors`
// factors f and one of m pre-sampled mappings of f (a random permutation of f's values) and labels
// each item by the permuted value of its factor f. Tokens: item token (embedding, 0), label token
// (0, one-hot of the label over 15 classes).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "train/task_batch.hpp"

namespace icl::train {

inline constexpr std::array<int, 6> factor_cardinality{10, 10, 10, 8, 4, 15};
inline constexpr int factor_classes = 15;  // the largest cardinality: the read-out's width

struct factor_config {
  int mappings = 1;      // m
  int factors = 6;       // how many factors a prompt may label (the first ones)
  int examples = 20;     // items per prompt
  int embed_dim = 32;    // width of an item's code
  double noise = 0.1;    // standard deviation of the per-draw noise, per coordinate
  std::uint64_t world_seed = 7;  // the fixed embeddings and mappings
};

void validate(const factor_config& c);

// The fixed part of the task: embeddings and mappings, drawn once from world_seed.
class factor_world {
 public:
  explicit factor_world(const factor_config& c);
  const factor_config& config() const { return c_; }
  std::size_t token_dim() const { return static_cast<std::size_t>(c_.embed_dim + factor_classes); }
  // A batch determined by `seed` alone.
  task_batch sample(std::size_t batch, std::uint64_t seed) const;

 private:
  factor_config c_;
  std::vector<std::vector<std::vector<float>>> code_;          // [factor][value][embed_dim]
  std::vector<std::vector<std::vector<int>>> maps_;            // [factor][mapping][value]
};

}  // namespace icl::train
