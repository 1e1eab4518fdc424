// Reads the expression-claim keys of a theorem file (observable, relation, predict, [define]) and
// maps an expression error to the file's line and column.
#include "spec/expression_claim_toml.hpp"

#include <algorithm>
#include <tuple>

#include "core/errors.hpp"

namespace icl {

namespace {

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

// The file position of column `col` (1-based) of the string value n: exact for one-line strings
// without escapes; in a multi-line string the line is counted from the newlines before it.
std::pair<long, long> file_position(const toml::node& n, const std::string& text, int col) {
  const auto& src = n.source();
  const bool multi = src.end.line != src.begin.line;
  long line = static_cast<long>(src.begin.line);
  long base = static_cast<long>(src.begin.column) + 1;  // past the opening quote
  if (multi) {
    // TOML drops a newline right after the opening """: then the text has one line fewer than
    // the value spans, and it starts on the next line.
    const auto text_lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    const bool trimmed = src.end.line - src.begin.line + 1 > text_lines;
    base = static_cast<long>(src.begin.column) + 3;
    if (trimmed) ++line, base = 1;
  }
  const std::size_t upto = std::min<std::size_t>(static_cast<std::size_t>(std::max(col - 1, 0)), text.size());
  std::size_t last_newline = std::string::npos;
  for (std::size_t i = 0; i < upto; ++i)
    if (text[i] == '\n') ++line, last_newline = i;
  if (last_newline == std::string::npos) return {line, base + static_cast<long>(upto)};
  return {line, static_cast<long>(upto - last_newline)};
}

expression parse_at(const std::string& file, const toml::node& n, const std::string& key, const expression_scope& scope) {
  if (!n.is_string()) throw spec_error(file, line_of(n), key, "must be a string holding an expression");
  const std::string text = n.as_string()->get();
  try {
    return parse_expression(text, scope);
  } catch (const expression_error& e) {
    const auto [line, column] = file_position(n, text, e.column);
    throw spec_error(file, line, column, key, std::string(e.what()) + " (at '" + e.token + "')");
  }
}

}  // namespace

std::shared_ptr<const expression_claim> expression_claim_from_table(const toml::table& root, const std::string& file,
                                                                    bool wanted) {
  const char* keys[] = {"observable", "relation", "predict", "define"};
  if (!wanted) {
    for (const char* k : keys)
      if (const auto* n = root.get(k))
        throw spec_error(file, line_of(*n), k, "belongs to expression claims only (check = \"expression\")");
    return nullptr;
  }
  auto c = std::make_shared<expression_claim>();
  const auto* obs = root.get("observable");
  if (!obs || !obs->is_string())
    throw spec_error(file, obs ? line_of(*obs) : 1, "observable",
                     obs ? "must be a string" : "missing: an expression claim names what it measures (iclverify list observables)");
  c->observable = obs->as_string()->get();
  c->observable_line = line_of(*obs);
  c->relation_line = c->observable_line;
  if (const auto* r = root.get("relation")) {
    c->relation_line = line_of(*r);
    if (!r->is_string()) throw spec_error(file, line_of(*r), "relation", "must be a string");
    try {
      c->rel = parse_relation(r->as_string()->get());
    } catch (const std::exception& e) {
      throw spec_error(file, line_of(*r), "relation", e.what());
    }
  }
  expression_scope scope = default_scope();
  if (!along(c->rel)) scope.names.erase("t");  // t exists only along a trajectory
  if (const auto* def = root.get("define")) {
    if (!def->is_table()) throw spec_error(file, line_of(*def), "define", "must be a table of name = \"expression\"");
    std::vector<std::tuple<long, long, std::string>> order;  // file order: a definition reads earlier ones
    for (const auto& [k, v] : *def->as_table())
      order.push_back({line_of(v), static_cast<long>(v.source().begin.column), std::string(k.str())});
    std::sort(order.begin(), order.end());
    for (const auto& [line, column, name] : order) {
      const std::string key = "define." + name;
      if (scope.names.count(name) || scope.vectors.count(name))
        throw spec_error(file, line, key, "'" + name + "' is already a name of the instance");
      const toml::node& n = *def->as_table()->get(name);
      expression e = parse_at(file, n, key, scope);
      scope.names[name] = e.root.kind;
      c->defines.push_back({name, std::move(e)});
    }
  }
  const auto* pr = root.get("predict");
  if (!pr) throw spec_error(file, 1, "predict", "missing: the predicted value as an expression");
  c->predict = parse_at(file, *pr, "predict", scope);
  c->predict_line = line_of(*pr);
  // What a prediction reads through its definitions counts as read by it (instance checks).
  for (auto it = c->defines.rbegin(); it != c->defines.rend(); ++it)
    if (c->predict.uses.count(it->first)) {
      c->predict.uses.insert(it->second.uses.begin(), it->second.uses.end());
      c->predict.irrational = c->predict.irrational || it->second.irrational;
    }
  return c;
}

}  // namespace icl
