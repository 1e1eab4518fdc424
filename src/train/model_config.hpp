// The size of a GPT-2-style model (docs/THEORY.md "Trained models"); plain C++ for the command line.
#pragma once

namespace icl::train {

struct model_config {
  int layers = 4, heads = 4, width = 64;
  int max_tokens = 0;     // learned positions; set from the task (2 × examples) when 0
  int token_dim = 0, out_dim = 0;  // set from the task
};

void validate(const model_config& c);  // throws usage_error naming the option

}  // namespace icl::train
