// The GPT-2-style transformer as a libtorch module (docs/THEORY.md "Trained models"). This header
// includes torch: it is included by src/train/*.cpp only, never by the command line (each file that
// includes torch/torch.h costs ~25 s and 1 GB to compile).
#pragma once
#include <torch/torch.h>

#include <vector>

#include "train/model_config.hpp"

namespace icl::train {

// One pre-LayerNorm block: h + A(LN1(h)), then h + MLP(LN2(h)). With `cut`, the attention module's
// output A(u) is replaced by its input u = LN1(h) (as Fu et al.'s released code does), so the block
// is a function of the token's own state only.
struct gpt_blockImpl : torch::nn::Module {
  gpt_blockImpl(int width, int heads);
  torch::Tensor forward(const torch::Tensor& h, const torch::Tensor& causal_mask, bool cut);
  int heads;
  torch::nn::LayerNorm ln1{nullptr}, ln2{nullptr};
  torch::nn::Linear qkv{nullptr}, proj{nullptr}, fc{nullptr}, fc_out{nullptr};
};
TORCH_MODULE(gpt_block);

struct gpt_modelImpl : torch::nn::Module {
  explicit gpt_modelImpl(const model_config& c);
  // tokens [B, T, token_dim] -> outputs [B, T, out_dim]. `hidden`, when given, receives the residual
  // stream after the read-in and positions (index 0) and after each block ℓ = 1..L (index ℓ).
  torch::Tensor forward(const torch::Tensor& tokens, bool cut = false, std::vector<torch::Tensor>* hidden = nullptr);
  model_config config;
  torch::nn::Linear read_in{nullptr}, read_out{nullptr};
  torch::nn::Embedding positions{nullptr};
  torch::nn::ModuleList blocks;
  torch::nn::LayerNorm ln_f{nullptr};
  torch::Tensor causal;  // [max_tokens, max_tokens], true above the diagonal
};
TORCH_MODULE(gpt_model);

}  // namespace icl::train
