#include "experiments/experiment_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <type_traits>

#include "core/errors.hpp"
#include "model/problem.hpp"
#include "spec/toml_claim.hpp"

namespace icl {

namespace {

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

void reject_unknown(const std::string& file, const toml::table& t, const std::set<std::string>& known) {
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str()))) throw spec_error(file, line_of(v), std::string(k.str()), "unknown key");
}

std::string need_string(const std::string& file, const toml::table& t, const char* key, long table_line) {
  const auto* n = t.get(key);
  if (!n) throw spec_error(file, table_line, key, "missing");
  if (!n->is_string()) throw spec_error(file, line_of(*n), key, "must be a string");
  return n->as_string()->get();
}

double number(const std::string& file, const toml::node& n, const std::string& key) {
  if (n.is_integer()) return static_cast<double>(n.as_integer()->get());
  if (n.is_floating_point()) return n.as_floating_point()->get();
  throw spec_error(file, line_of(n), key, "must be a number");
}

double positive(const std::string& file, const toml::node& n, const std::string& key) {
  const double v = number(file, n, key);
  if (!(v > 0) || !std::isfinite(v)) throw spec_error(file, line_of(n), key, "must be a positive finite number");
  return v;
}

long integer_in(const std::string& file, const toml::node& n, const std::string& key, long lo, long hi) {
  if (!n.is_integer()) throw spec_error(file, line_of(n), key, "must be an integer");
  const long v = static_cast<long>(n.as_integer()->get());
  if (v < lo || v > hi)
    throw spec_error(file, line_of(n), key, "must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(v));
  return v;
}

const toml::array& need_array(const std::string& file, const toml::node& n, const std::string& key) {
  const auto* a = n.as_array();
  if (!a || a->empty()) throw spec_error(file, line_of(n), key, "must be a non-empty array");
  return *a;
}

// Family fu_weights_component: the factor task and model sizes (docs/THEORY.md §11.7). The ranges
// are those `iclverify train` accepts, checked here so a bad file fails before the first run.
void parse_fu_setup(const std::string& path, const toml::table& t, lsa_experiment_spec& s,
                    const std::set<std::string>& more_keys = {}) {
  std::set<std::string> known{"mappings_easy", "mappings_hard", "factors", "examples", "embed_dim", "layers", "heads", "width", "batch",
                              "lr", "steps", "probe_layer", "probe_points", "probe_prompts", "seeds", "level"};
  known.insert(more_keys.begin(), more_keys.end());
  reject_unknown(path, t, known);
  auto& f = s.fu;
  auto get_int = [&](const char* key, auto& field, long lo, long hi) {
    if (const auto* n = t.get(key)) field = static_cast<std::remove_reference_t<decltype(field)>>(integer_in(path, *n, key, lo, hi));
  };
  get_int("mappings_easy", f.mappings_easy, 1, 1000000);
  get_int("mappings_hard", f.mappings_hard, 1, 1000000);
  get_int("factors", f.factors, 1, 6);
  get_int("examples", f.examples, 2, 512);
  get_int("embed_dim", f.embed_dim, 1, 4096);
  get_int("layers", f.layers, 1, 64);
  get_int("heads", f.heads, 1, 64);
  get_int("width", f.width, 1, 4096);
  get_int("batch", f.batch, 1, 1 << 16);
  get_int("steps", f.steps, 1, 10000000);
  get_int("probe_layer", f.probe_layer, 0, 64);
  get_int("probe_points", f.probe_points, 1, 1000);
  get_int("probe_prompts", f.probe_prompts, 1, 1 << 16);
  f.steps_line = t.get("steps") ? line_of(*t.get("steps")) : s.line;
  f.probe_layer_line = t.get("probe_layer") ? line_of(*t.get("probe_layer")) : s.line;
  if (const auto* n = t.get("lr")) f.lr = positive(path, *n, "lr");
  if (f.mappings_hard <= f.mappings_easy)
    throw spec_error(path, t.get("mappings_hard") ? line_of(*t.get("mappings_hard")) : s.line, "mappings_hard",
                     "must exceed mappings_easy (" + std::to_string(f.mappings_easy) + "): the hard setting has more mappings");
  if (f.width % f.heads != 0)
    throw spec_error(path, t.get("width") ? line_of(*t.get("width")) : s.line, "width", "must be a multiple of heads");
  if (f.probe_layer > f.layers) throw spec_error(path, f.probe_layer_line, "probe_layer", "must lie in [0, layers]");
  if (const auto* n = t.get("seeds")) s.seeds = static_cast<int>(integer_in(path, *n, "seeds", 5, 1000));
  if (const auto* n = t.get("level")) {
    s.level = number(path, *n, "level");
    if (!(s.level > 0.5 && s.level < 1)) throw spec_error(path, line_of(*n), "level", "must lie in (0.5, 1)");
  }
}

// Seeds and level, shared by the families of §11.10 and §11.11 (bootstrap: read where a family allows it).
void parse_seed_settings(const std::string& path, const toml::table& t, lsa_experiment_spec& s) {
  if (const auto* n = t.get("seeds")) s.seeds = static_cast<int>(integer_in(path, *n, "seeds", 5, 1000));
  if (const auto* n = t.get("bootstrap")) s.bootstrap = static_cast<int>(integer_in(path, *n, "bootstrap", 100, 1000000));
  if (const auto* n = t.get("level")) {
    s.level = number(path, *n, "level");
    if (!(s.level > 0.5 && s.level < 1)) throw spec_error(path, line_of(*n), "level", "must lie in (0.5, 1)");
  }
}

// The model and optimiser keys both families of §11.10 and §11.11 share.
template <class Setup>
void parse_model_settings(const std::string& path, const toml::table& t, long table_line, Setup& f) {
  auto get_int = [&](const char* key, auto& field, long lo, long hi) {
    if (const auto* n = t.get(key)) field = static_cast<std::remove_reference_t<decltype(field)>>(integer_in(path, *n, key, lo, hi));
  };
  get_int("layers", f.layers, 1, 64);
  get_int("heads", f.heads, 1, 64);
  get_int("width", f.width, 1, 4096);
  get_int("batch", f.batch, 1, 1 << 16);
  get_int("steps", f.steps, 1, 10000000);
  if (const auto* n = t.get("lr")) f.lr = positive(path, *n, "lr");
  if (f.width % f.heads != 0) throw spec_error(path, t.get("width") ? line_of(*t.get("width")) : table_line, "width", "must be a multiple of heads");
}

// Family fu_linreg_dscan (docs/THEORY.md §11.10).
void parse_dscan_setup(const std::string& path, const toml::table& t, lsa_experiment_spec& s) {
  reject_unknown(path, t, {"dims", "examples", "layers", "heads", "width", "batch", "lr", "steps", "probe_layer", "probe_points",
                           "probe_prompts", "seeds", "level", "weights_loss", "weights_loss_dims", "weights_loss_seeds"});
  auto& f = s.dscan;
  if (const auto* n = t.get("dims")) {
    f.dims.clear();
    for (const auto& v : need_array(path, *n, "dims")) {
      f.dims.push_back(integer_in(path, v, "dims", 1, 4096));
      if (f.dims.size() > 1 && f.dims.back() <= f.dims[f.dims.size() - 2])
        throw spec_error(path, line_of(v), "dims", "must be strictly increasing");
    }
    if (f.dims.size() < 3) throw spec_error(path, line_of(*n), "dims", "a rank correlation needs at least 3 dimensions");
  }
  auto get_int = [&](const char* key, int& field, long lo, long hi) {
    if (const auto* n = t.get(key)) field = static_cast<int>(integer_in(path, *n, key, lo, hi));
  };
  get_int("examples", f.examples, 1, 100000);
  get_int("probe_layer", f.probe_layer, 0, 64);
  get_int("probe_points", f.probe_points, 1, 1000);
  get_int("probe_prompts", f.probe_prompts, 1, 1 << 16);
  parse_model_settings(path, t, s.line, f);
  if (f.probe_layer > f.layers)
    throw spec_error(path, t.get("probe_layer") ? line_of(*t.get("probe_layer")) : s.line, "probe_layer", "must lie in [0, layers]");
  parse_seed_settings(path, t, s);
  // Claim (c): both keys or neither.
  const auto* wl = t.get("weights_loss");
  const auto* wd = t.get("weights_loss_dims");
  if (!wl != !wd)
    throw spec_error(path, line_of(wl ? *wl : *wd), wl ? "weights_loss_dims" : "weights_loss",
                     "claim (c) needs both weights_loss and weights_loss_dims");
  if (wl) {
    f.weights_loss = positive(path, *wl, "weights_loss");
    for (const auto& v : need_array(path, *wd, "weights_loss_dims")) {
      f.weights_loss_dims.push_back(integer_in(path, v, "weights_loss_dims", 1, 4096));
      if (std::find(f.dims.begin(), f.dims.end(), f.weights_loss_dims.back()) == f.dims.end())
        throw spec_error(path, line_of(v), "weights_loss_dims", "each must be one of dims (its baseline is the scan's run)");
    }
    if (f.weights_loss_dims.size() != 2 || f.weights_loss_dims[0] >= f.weights_loss_dims[1])
      throw spec_error(path, line_of(*wd), "weights_loss_dims", "must be two increasing dims: the healthy setting, then the impaired one");
  }
  if (const auto* n = t.get("weights_loss_seeds")) {
    if (!wl) throw spec_error(path, line_of(*n), "weights_loss_seeds", "only with weights_loss and weights_loss_dims");
    f.weights_loss_seeds = static_cast<int>(integer_in(path, *n, "weights_loss_seeds", 5, s.seeds));
  }
}

// Family zfb_gpt2_covariance (docs/THEORY.md §11.11).
void parse_zfb_gpt2_setup(const std::string& path, const toml::table& t, lsa_experiment_spec& s) {
  reject_unknown(path, t, {"d", "examples", "max_examples", "scales", "layers", "heads", "width", "batch", "lr", "steps",
                           "lr_warmup", "test_prompts", "prompt_blocks", "lsa_tolerance", "fail_margin", "seeds", "level"});
  auto& f = s.zfb;
  auto get_int = [&](const char* key, int& field, long lo, long hi) {
    if (const auto* n = t.get(key)) field = static_cast<int>(integer_in(path, *n, key, lo, hi));
  };
  auto line = [&](const char* key) { return t.get(key) ? line_of(*t.get(key)) : s.line; };
  get_int("d", f.d, 1, 4096);
  get_int("examples", f.examples, 1, 100000);
  get_int("max_examples", f.max_examples, 1, 100000);
  get_int("test_prompts", f.test_prompts, 1, 1 << 20);
  get_int("prompt_blocks", f.prompt_blocks, 2, 1000);
  parse_model_settings(path, t, s.line, f);
  if (const auto* n = t.get("lr_warmup")) f.lr_warmup = integer_in(path, *n, "lr_warmup", 0, f.steps);
  if (f.max_examples <= f.examples)
    throw spec_error(path, line("max_examples"), "max_examples", "must exceed examples: the test reaches beyond the training length");
  if (f.examples < 2 * f.d + 1)
    throw spec_error(path, line("examples"), "examples", "must be at least 2d + 1: the verdicts average over M in [2d, N - 1]");
  if (f.test_prompts % f.prompt_blocks != 0)
    throw spec_error(path, line("test_prompts"), "test_prompts", "must be a multiple of prompt_blocks");
  if (const auto* n = t.get("scales")) {
    f.scales.clear();
    for (const auto& v : need_array(path, *n, "scales")) f.scales.push_back(positive(path, v, "scales"));
    if (f.scales.size() != 3 || f.scales[0] != 1 || !(f.scales[1] > 1) || !(f.scales[2] > f.scales[1]))
      throw spec_error(path, line_of(*n), "scales", "must be three scales [1, c_mid, c_max] with 1 < c_mid < c_max");
  }
  if (const auto* n = t.get("lsa_tolerance")) f.lsa_tolerance = positive(path, *n, "lsa_tolerance");
  if (const auto* n = t.get("fail_margin")) {
    f.fail_margin = positive(path, *n, "fail_margin");
    if (f.fail_margin >= 1) throw spec_error(path, line_of(*n), "fail_margin", "must lie in (0, 1): a share of the zero estimator's error");
  }
  s.level = 0.9;  // ZFB's bands are 90 %
  parse_seed_settings(path, t, s);
}

// Families fu_plateau_scan and fu_plateau_remedies (docs/THEORY.md §11.8, §11.9): the keys of
// fu_weights_component plus the held-out curve, the escape level and the remedies.
void parse_fu_plateau_setup(const std::string& path, const toml::table& t, lsa_experiment_spec& s) {
  const bool scan = s.family == "fu_plateau_scan";
  const std::set<std::string> common{"held_out_every", "held_out_prompts", "escape_loss", "bootstrap"};
  std::set<std::string> more = common;
  if (scan) more.insert("mappings");
  else more.insert({"warmup_steps", "mix_fraction", "weights_loss", "context_loss", "margin"});
  parse_fu_setup(path, t, s, more);
  auto& p = s.plateau;
  auto line = [&](const char* key) { return t.get(key) ? line_of(*t.get(key)) : s.line; };
  if (const auto* n = t.get("held_out_every")) p.held_out_every = integer_in(path, *n, "held_out_every", 1, 1000000);
  if (const auto* n = t.get("held_out_prompts")) p.held_out_prompts = static_cast<int>(integer_in(path, *n, "held_out_prompts", 1, 1 << 16));
  if (const auto* n = t.get("escape_loss")) p.escape_loss = positive(path, *n, "escape_loss");
  if (const auto* n = t.get("bootstrap")) s.bootstrap = static_cast<int>(integer_in(path, *n, "bootstrap", 100, 1000000));
  // At least 50 points on the curve, so that the trailing mean (n/50 points, §11.4) is defined.
  if (s.fu.steps / p.held_out_every < 50)
    throw spec_error(path, line("held_out_every"), "held_out_every", "steps / held_out_every must be at least 50 (points of the held-out curve)");
  if (scan) {
    for (const char* k : {"mappings_easy", "mappings_hard"})
      if (t.get(k)) throw spec_error(path, line(k), k, "not used by fu_plateau_scan: its difficulties are `mappings`");
    if (const auto* n = t.get("mappings")) {
      p.mappings.clear();
      for (const auto& v : need_array(path, *n, "mappings")) {
        p.mappings.push_back(integer_in(path, v, "mappings", 1, 1000000));
        if (p.mappings.size() > 1 && p.mappings.back() <= p.mappings[p.mappings.size() - 2])
          throw spec_error(path, line_of(v), "mappings", "must be strictly increasing");
      }
      if (p.mappings.size() < 2) throw spec_error(path, line_of(*n), "mappings", "the scan needs at least two difficulties");
    }
    return;
  }
  if (const auto* n = t.get("warmup_steps")) {
    p.warmup_steps = integer_in(path, *n, "warmup_steps", 1, 10000000);
    if (p.warmup_steps >= s.fu.steps) throw spec_error(path, line_of(*n), "warmup_steps", "must be below steps");
  }
  if (const auto* n = t.get("mix_fraction")) {
    p.mix_fraction = positive(path, *n, "mix_fraction");
    if (p.mix_fraction >= 1) throw spec_error(path, line_of(*n), "mix_fraction", "must lie in (0, 1)");
    if (std::lround(p.mix_fraction * s.fu.batch) < 1 || std::lround(p.mix_fraction * s.fu.batch) >= s.fu.batch)
      throw spec_error(path, line_of(*n), "mix_fraction", "round(mix_fraction × batch) must lie in [1, batch - 1]");
  }
  if (const auto* n = t.get("weights_loss")) p.weights_loss = positive(path, *n, "weights_loss");
  if (const auto* n = t.get("context_loss")) p.context_loss = positive(path, *n, "context_loss");
  if (const auto* n = t.get("margin")) {
    p.margin = positive(path, *n, "margin");
    if (p.margin >= 1) throw spec_error(path, line_of(*n), "margin", "must lie in (0, 1): a fraction of the baseline's plateau length");
  }
}

}  // namespace

lsa_experiment_spec parse_experiment_text(const std::string& text, const std::string& path) {
  const toml::table root = parse_toml(text, path);
  lsa_experiment_spec s;
  s.file = path;
  reject_unknown(path, root, {"id", "family", "source", "statement", "plant", "setup", "findings", "finding"});
  s.id = need_string(path, root, "id", 1);
  s.family = need_string(path, root, "family", 1);
  static const std::set<std::string> families{"zfb_lsa_training", "fu_weights_component", "fu_linreg_dscan", "zfb_gpt2_covariance", "fu_plateau_scan", "fu_plateau_remedies"};
  if (!families.count(s.family))
    throw spec_error(path, line_of(*root.get("family")), "family",
                     "unknown experiment family '" + s.family +
                         "' (known: zfb_lsa_training | fu_weights_component | fu_linreg_dscan | zfb_gpt2_covariance | fu_plateau_scan | fu_plateau_remedies)");
  const bool fu = s.family == "fu_weights_component";
  const bool scan = s.family == "fu_plateau_scan", remedies = s.family == "fu_plateau_remedies";
  // The plants and verdict keys of the families of §11.8–§11.11.
  static const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> more{
      {"fu_linreg_dscan", {{"none", "improves-with-d", "weights-loss-helps-small-d"}, {"a", "b", "c"}}},
      {"zfb_gpt2_covariance", {{"none", "fixed-tolerates-large-c"}, {"a", "b", "c", "d", "e", "f"}}},
      {"fu_plateau_scan", {{"none", "shorter-when-below"}, {"a", "b"}}},
      {"fu_plateau_remedies", {{"none", "context-loss-shortens"}, {"a", "b", "c", "d"}}}};
  const auto extra = more.find(s.family);
  auto listed = [](const std::set<std::string>& x) {
    std::string o;
    for (const auto& k : x) o += (o.empty() ? "" : " | ") + k;
    return o;
  };
  s.source = need_string(path, root, "source", 1);
  s.statement = need_string(path, root, "statement", 1);
  if (const auto* p = root.get("plant")) {
    s.plant = need_string(path, root, "plant", 1);
    s.plant_line = line_of(*p);
    static const std::set<std::string> plants{"none", "limit-lambda-inverse", "noise-exponent-one", "time-factor-two"};
    static const std::set<std::string> fu_plants{"none", "rises-on-hard"};
    if (extra != more.end()) {
      if (!extra->second.first.count(s.plant))
        throw spec_error(path, s.plant_line, "plant",
                         "unknown plant '" + s.plant + "' for family " + s.family + " (" + listed(extra->second.first) + ")");
    } else if (fu ? !fu_plants.count(s.plant) : !plants.count(s.plant))
      throw spec_error(path, s.plant_line, "plant",
                       "unknown plant '" + s.plant + "' for family " + s.family +
                           (fu         ? " (none | rises-on-hard)"
                            : scan     ? " (none | shorter-when-below)"
                            : remedies ? " (none | context-loss-shortens)"
                                       : " (none | limit-lambda-inverse | noise-exponent-one | time-factor-two)"));
  }
  if (const auto* f = root.get("findings")) {
    for (const auto& v : need_array(path, *f, "findings")) {
      if (!v.is_string()) throw spec_error(path, line_of(v), "findings", "must be an array of verdict keys (strings)");
      const std::string k = v.as_string()->get();
      static const std::set<std::string> keys{"a", "b", "c", "d", "e", "f"}, fu_keys{"a", "b"};
      if (extra != more.end()) {
        if (!extra->second.second.count(k))
          throw spec_error(path, line_of(v), "findings", "unknown verdict '" + k + "' (" + listed(extra->second.second) + ")");
      } else if (fu ? !fu_keys.count(k) : !keys.count(k))
        throw spec_error(path, line_of(v), "findings", "unknown verdict '" + k + (fu ? "' (a | b)" : "' (a | b | c | d | e | f)"));
      s.findings.push_back(k);
    }
    if (s.plant != "none") throw spec_error(path, line_of(*f), "findings", "a falsification file (plant) takes no findings");
    if (!root.get("finding")) throw spec_error(path, line_of(*f), "finding", "missing: say in one line what was found");
    s.finding = need_string(path, root, "finding", 1);
  }
  const auto* setup_node = root.get("setup");
  if (!setup_node || !setup_node->is_table()) throw spec_error(path, setup_node ? line_of(*setup_node) : 1, "setup", "missing table [setup]");
  const toml::table& t = *setup_node->as_table();
  s.line = line_of(*setup_node);
  if (fu) {
    parse_fu_setup(path, t, s);
    return s;
  }
  if (s.family == "fu_linreg_dscan") {
    parse_dscan_setup(path, t, s);
    return s;
  }
  if (s.family == "zfb_gpt2_covariance") {
    parse_zfb_gpt2_setup(path, t, s);
    return s;
  }
  if (scan || remedies) {
    parse_fu_plateau_setup(path, t, s);
    return s;
  }
  reject_unknown(path, t, {"lambda", "N", "sigma", "t_final", "lr", "batch", "lr_ref", "batch_ref", "seeds", "checkpoints",
                           "adam_lr", "bootstrap", "level"});
  const auto* lam = t.get("lambda");
  if (!lam) throw spec_error(path, s.line, "lambda", "missing (the diagonal of Lambda, e.g. [1, 0.5, 2])");
  for (const auto& v : need_array(path, *lam, "lambda")) {
    s.lambda.push_back(positive(path, v, "lambda"));
    s.lambda_text.push_back(decimal_of(s.lambda.back()));
  }
  if (s.lambda.size() < 1 || s.lambda.size() > 8) throw spec_error(path, line_of(*lam), "lambda", "d = its length must lie in [1, 8]");
  if (const auto* n = t.get("N")) s.N = integer_in(path, *n, "N", 1, 100000);
  s.sigma_line = s.lr_line = s.line;
  if (const auto* n = t.get("sigma")) {
    s.sigma = decimal_of(positive(path, *n, "sigma"));
    s.sigma_line = line_of(*n);
  }
  if (const auto* n = t.get("t_final")) s.t_final = positive(path, *n, "t_final");
  const auto* lr = t.get("lr");
  if (!lr) throw spec_error(path, s.line, "lr", "missing (SGD step sizes, e.g. [0.01, 0.02])");
  s.lr_line = line_of(*lr);
  for (const auto& v : need_array(path, *lr, "lr")) {
    s.lr.push_back(positive(path, v, "lr"));
    if (s.lr.back() > 1) throw spec_error(path, line_of(v), "lr", "a step above 1 is far outside gradient descent following the flow");
    if (s.t_final / s.lr.back() > 2e6) throw spec_error(path, line_of(v), "lr", "t_final / lr exceeds 2e6 steps");
  }
  const auto* b = t.get("batch");
  if (!b) throw spec_error(path, s.line, "batch", "missing (batch sizes, e.g. [16, 64, 256])");
  for (const auto& v : need_array(path, *b, "batch")) s.batch.push_back(integer_in(path, v, "batch", 1, 1 << 20));
  std::sort(s.lr.begin(), s.lr.end());
  std::sort(s.batch.begin(), s.batch.end());
  s.lr_ref = s.lr.front();
  s.batch_ref = s.batch.back();
  if (const auto* n = t.get("lr_ref")) {
    s.lr_ref = positive(path, *n, "lr_ref");
    if (std::find(s.lr.begin(), s.lr.end(), s.lr_ref) == s.lr.end()) throw spec_error(path, line_of(*n), "lr_ref", "must be one of lr");
  }
  if (const auto* n = t.get("batch_ref")) {
    s.batch_ref = integer_in(path, *n, "batch_ref", 1, 1 << 20);
    if (std::find(s.batch.begin(), s.batch.end(), s.batch_ref) == s.batch.end())
      throw spec_error(path, line_of(*n), "batch_ref", "must be one of batch");
  }
  if (const auto* n = t.get("seeds")) s.seeds = static_cast<int>(integer_in(path, *n, "seeds", 5, 1000));
  if (const auto* n = t.get("checkpoints")) s.checkpoints = static_cast<int>(integer_in(path, *n, "checkpoints", 2, 1000));
  if (const auto* n = t.get("adam_lr")) s.adam_lr = positive(path, *n, "adam_lr");
  if (const auto* n = t.get("bootstrap")) s.bootstrap = static_cast<int>(integer_in(path, *n, "bootstrap", 100, 1000000));
  if (const auto* n = t.get("level")) {
    s.level = number(path, *n, "level");
    if (!(s.level > 0.5 && s.level < 1)) throw spec_error(path, line_of(*n), "level", "must lie in (0.5, 1)");
  }
  // The slope fits need two points on each axis they are taken along.
  if (s.batch.size() < 2 && (s.plant == "noise-exponent-one" || s.plant == "none"))
    throw spec_error(path, line_of(*b), "batch", "the scaling with B needs at least two batch sizes");
  return s;
}

lsa_experiment_spec load_experiment_file(const std::string& path) { return parse_experiment_text(read_spec_file(path), path); }

std::vector<std::string> experiment_files(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".toml") out.push_back(e.path().string());
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else {
      throw usage_error("no such experiment file or folder: " + p);
    }
  }
  if (out.empty()) throw usage_error("no experiment files (*.toml) given");
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace icl
