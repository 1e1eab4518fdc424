// The flow-time ↔ training-step table of docs/THEORY.md §8.6 as Markdown, for the plateau pages.
#pragma once
#include <string>
#include <vector>

namespace icl {

// One row per convention (loss with or without ½, attention with or without 1/N), with the factor
// for each prompt length in Ns.
std::string time_conversion_markdown(const std::vector<long>& Ns);

}  // namespace icl
