#include "model/task.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "core/rational.hpp"

namespace icl {

task_spec parse_task_spec(const std::string& text, int d) {
  task_spec t;
  t.text = text;
  const auto fail = [&](const std::string& why) { return usage_error("task '" + text + "': " + why); };
  const auto number = [&](const std::string& v, bool positive) {
    if (!is_exact_number(v)) throw fail("'" + v + "' is not a number (decimal or p/q)");
    if (positive ? parse_rational(v) <= 0 : parse_rational(v) < 0)
      throw fail("'" + v + "' must be " + (positive ? "> 0" : ">= 0"));
    return v;
  };
  const auto any_number = [&](const std::string& v) {
    if (!is_exact_number(v)) throw fail("'" + v + "' is not a number (decimal or p/q)");
    return v;
  };
  const auto parts = split(text, '+');
  if (parts.empty()) throw fail("empty");
  const auto head = split(parts[0], ':');
  if (head[0] == "gaussian") t.kind = task_spec::form::gaussian;
  else if (head[0] == "fixed") t.kind = task_spec::form::fixed;
  else if (head[0] == "rademacher") t.kind = task_spec::form::rademacher;
  else if (head[0] == "sparse") t.kind = task_spec::form::sparse;
  else throw fail("must start with gaussian, fixed:w1,.., rademacher or sparse:K");
  if (head.size() > 2) throw fail("one ':' after the task kind");
  if (t.kind == task_spec::form::rademacher && head.size() != 1) throw fail("rademacher takes no arguments");
  if (t.kind == task_spec::form::sparse) {
    if (head.size() != 2 || head[1].empty() || head[1].find_first_not_of("0123456789") != std::string::npos ||
        head[1].size() > 4 || std::stoi(head[1]) < 1 || std::stoi(head[1]) > d)
      throw fail("sparse needs an integer K in [1, d = " + std::to_string(d) + "]: sparse:K");
    t.sparse_k = std::stoi(head[1]);
  } else if (head.size() == 2) {
    for (const auto& v : split(head[1], ','))
      t.w.push_back(t.kind == task_spec::form::gaussian ? number(v, true) : any_number(v));
    if (static_cast<int>(t.w.size()) != d)
      throw fail("needs " + std::to_string(d) + " entries (the dimension of lambda), got " + std::to_string(t.w.size()));
  } else if (t.kind == task_spec::form::fixed) {
    throw fail("fixed needs its vector: fixed:w1,..,wd");
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto kv = split(parts[i], ':');
    if (kv.size() != 2) throw fail("modifier '" + parts[i] + "' must be NAME:VALUE");
    if (kv[0] == "square") {
      t.square = any_number(kv[1]);
    } else if (kv[0] == "noise") {
      t.noise = number(kv[1], false);
    } else if (kv[0] == "query-noise") {
      t.query_noise = number(kv[1], false);
    } else {
      throw fail("unknown modifier '" + kv[0] + "' (square, noise, query-noise)");
    }
  }
  return t;
}

}  // namespace icl
