#include "spec/sweep_spec.hpp"

#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "spec/toml_claim.hpp"

namespace icl {

namespace {

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

std::string value_label(const toml::node& v, std::size_t index) {
  if (v.is_string()) return v.as_string()->get();
  if (v.is_integer()) return std::to_string(v.as_integer()->get());
  if (v.is_floating_point()) {
    std::ostringstream os;
    os << v.as_floating_point()->get();
    return os.str();
  }
  return "#" + std::to_string(index + 1);  // a matrix: its position in the list
}

}  // namespace

claim_spec load_sweep(const std::string& path) {
  const toml::table root = parse_toml(read_spec_file(path), path);
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    if (key != "id" && key != "source" && key != "statement" && key != "check" && key != "digits_margin" &&
        key != "grid" && key != "fixed")
      throw spec_error(path, line_of(v), key, "unknown key (sweep files take id, source, statement, check, "
                                              "digits_margin, [grid] and [fixed])");
  }
  const auto* grid = root.get_as<toml::table>("grid");
  if (!grid || grid->empty())
    throw spec_error(path, root.get("grid") ? line_of(*root.get("grid")) : 1, "grid",
                     "needs a [grid] table of keys with lists of values");
  std::vector<std::pair<std::string, const toml::array*>> axes;
  std::size_t total = 1;
  for (const auto& [k, v] : *grid) {
    const auto* arr = v.as_array();
    if (!arr || arr->empty()) throw spec_error(path, line_of(v), std::string(k.str()), "must be a non-empty list of values");
    if (k.str() == "name") throw spec_error(path, line_of(v), "name", "instances are named after their grid point");
    axes.push_back({std::string(k.str()), arr});
    total *= arr->size();
    if (total > 100000) throw spec_error(path, line_of(v), std::string(k.str()), "the grid exceeds 100000 instances");
  }
  const auto* fixed = root.get_as<toml::table>("fixed");
  if (root.get("fixed") && !fixed) throw spec_error(path, line_of(*root.get("fixed")), "fixed", "must be a table");

  toml::table gen;
  gen.insert("id", std::string("sweep"));
  gen.insert("source", std::string("sweep file ") + path);
  gen.insert("statement", std::string("a grid of instances"));
  for (const char* k : {"id", "source", "statement", "check", "digits_margin"})
    if (const auto* n = root.get(k)) gen.insert_or_assign(k, *n);
  toml::array instances;
  for (std::size_t i = 0; i < total; ++i) {
    toml::table in;
    std::string name;
    std::size_t rest = i;
    std::vector<std::size_t> at(axes.size());
    for (std::size_t a = axes.size(); a-- > 0;) {  // last key fastest
      at[a] = rest % axes[a].second->size();
      rest /= axes[a].second->size();
    }
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const auto& v = *axes[a].second->get(at[a]);
      in.insert(axes[a].first, v);
      name += (name.empty() ? "" : ",") + axes[a].first + "=" + value_label(v, at[a]);
    }
    if (fixed)
      for (const auto& [k, v] : *fixed) {
        if (in.contains(k)) throw spec_error(path, line_of(v), std::string(k.str()), "given in both [grid] and [fixed]");
        in.insert(k, v);
      }
    in.insert("name", name);
    instances.push_back(std::move(in));
  }
  gen.insert("instance", std::move(instances));
  try {
    claim_spec c = claim_from_table(gen, path);
    c.file = path;
    return c;
  } catch (const spec_error& e) {
    // Generated nodes carry no position: point at the key's line in [grid] or [fixed], else at [grid].
    const toml::node* at = grid->get(e.key);
    if (!at && fixed) at = fixed->get(e.key);
    throw spec_error(path, line_of(at ? *at : *root.get("grid")), e.key, e.reason);
  }
}

}  // namespace icl
