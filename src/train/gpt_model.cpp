#include <cmath>
#include <limits>
#include <string>

#include "core/errors.hpp"
#include "train/gpt_module.hpp"

namespace icl::train {

void validate(const model_config& c) {
  if (c.layers < 1 || c.layers > 64) throw usage_error("--layers: must be an integer in [1, 64]");
  if (c.heads < 1 || c.heads > 64) throw usage_error("--heads: must be an integer in [1, 64]");
  if (c.width < 1 || c.width > 8192) throw usage_error("--width: must be an integer in [1, 8192]");
  if (c.width % c.heads != 0) throw usage_error("--width: must be a multiple of --heads");
}

namespace {
// GPT-2's initialisation: weights N(0, 0.02²), biases 0 (LayerNorm keeps its 1 and 0).
void init_linear(torch::nn::Linear& l) {
  torch::NoGradGuard g;
  l->weight.normal_(0.0, 0.02);
  l->bias.zero_();
}
}  // namespace

gpt_blockImpl::gpt_blockImpl(int width, int heads) : heads(heads) {
  ln1 = register_module("ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
  ln2 = register_module("ln2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
  qkv = register_module("qkv", torch::nn::Linear(width, 3 * width));
  proj = register_module("proj", torch::nn::Linear(width, width));
  fc = register_module("fc", torch::nn::Linear(width, 4 * width));
  fc_out = register_module("fc_out", torch::nn::Linear(4 * width, width));
  for (auto* l : {&qkv, &proj, &fc, &fc_out}) init_linear(*l);
}

torch::Tensor gpt_blockImpl::forward(const torch::Tensor& h, const torch::Tensor& causal_mask, bool cut) {
  const auto u = ln1(h);
  torch::Tensor a;
  if (cut) {
    a = u;
  } else {
    const auto B = h.size(0), T = h.size(1), W = h.size(2), hd = W / heads;
    auto q_k_v = qkv(u).view({B, T, 3, heads, hd}).permute({2, 0, 3, 1, 4});  // [3, B, H, T, hd]
    const auto q = q_k_v[0], k = q_k_v[1], v = q_k_v[2];
    auto s = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(static_cast<double>(hd)));
    s = s.masked_fill(causal_mask.slice(0, 0, T).slice(1, 0, T), -std::numeric_limits<float>::infinity());
    const auto o = torch::matmul(torch::softmax(s, -1), v);  // [B, H, T, hd]
    a = proj(o.transpose(1, 2).reshape({B, T, W}));
  }
  const auto h1 = h + a;
  return h1 + fc_out(torch::gelu(fc(ln2(h1))));
}

gpt_modelImpl::gpt_modelImpl(const model_config& c) : config(c) {
  validate(c);
  read_in = register_module("read_in", torch::nn::Linear(c.token_dim, c.width));
  positions = register_module("positions", torch::nn::Embedding(c.max_tokens, c.width));
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int l = 0; l < c.layers; ++l) blocks->push_back(gpt_block(c.width, c.heads));
  ln_f = register_module("ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.width})));
  read_out = register_module("read_out", torch::nn::Linear(c.width, c.out_dim));
  init_linear(read_in);
  init_linear(read_out);
  torch::NoGradGuard g;
  positions->weight.normal_(0.0, 0.02);
  // True above the diagonal: a token never sees a later one.
  causal = register_buffer("causal", torch::ones({c.max_tokens, c.max_tokens}, torch::kBool).triu(1));
}

torch::Tensor gpt_modelImpl::forward(const torch::Tensor& tokens, bool cut, std::vector<torch::Tensor>* hidden) {
  const auto T = tokens.size(1);
  if (T > config.max_tokens) throw usage_error("a prompt of " + std::to_string(T) + " tokens is longer than the model's " +
                                               std::to_string(config.max_tokens) + " positions");
  auto h = read_in(tokens) + positions->weight.slice(0, 0, T);
  if (hidden) hidden->push_back(h);
  for (const auto& m : *blocks) {
    h = m->as<gpt_blockImpl>()->forward(h, causal, cut);
    if (hidden) hidden->push_back(h);
  }
  return read_out(ln_f(h));
}

}  // namespace icl::train
