// The training loop of docs/THEORY.md "Trained models". Batches are a function of (seed, step) alone
// and the model is initialised from the seed, so the run is deterministic on one thread and a resumed
// run draws exactly the batches the uninterrupted one would have: a checkpoint needs only the model,
// the optimiser state, the step and the curves so far (there is no other random state to save).
#include "train/trainer.hpp"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "core/errors.hpp"
#include "sampling/rng.hpp"
#include "train/runtime.hpp"
#include "train/torch_task.hpp"

namespace icl::train {

namespace fs = std::filesystem;

void validate(const train_config& c) {
  if (c.task != "linreg" && c.task != "factor") throw usage_error("--task: must be linreg or factor, got '" + c.task + "'");
  if (c.task == "linreg") validate(c.linreg);
  else validate(c.factor);
  model_config m = c.model;
  validate(m);
  if (c.optimizer != "adam" && c.optimizer != "sgd")
    throw usage_error("--optimizer: must be adam or sgd, got '" + c.optimizer + "'");
  if (!(c.lr > 0) || !std::isfinite(c.lr)) throw usage_error("--lr: must be a positive number");
  if (c.lr_warmup < 0) throw usage_error("--lr-warmup: must be >= 0");
  if (c.batch < 1 || c.batch > 1000000) throw usage_error("--batch: must be an integer in [1, 1000000]");
  if (c.steps < 1) throw usage_error("--steps: must be a positive integer");
  if (c.checkpoint_every < 1) throw usage_error("--checkpoint-every: must be a positive integer");
  if (c.resume && c.checkpoint_dir.empty()) throw usage_error("--resume: needs --checkpoint-dir");
  if (c.probe.layer < 0 || c.probe.layer > c.model.layers)
    throw usage_error("--probe-layer: must be in [0, --layers] = [0, " + std::to_string(c.model.layers) + "]");
  if (c.probe.points < 0) throw usage_error("--probe-points: must be >= 0");
  if (c.probe.fit_prompts < 1 || c.probe.test_prompts < 1) throw usage_error("--probe-prompts: must be positive");
  if (!(c.probe.ridge > 0)) throw usage_error("--probe-ridge: must be a positive number");
  if (!c.eval_tasks.empty()) {
    if (c.task != "linreg") throw usage_error("eval tasks: only for --task linreg");
    if (c.eval_prompts < 1) throw usage_error("eval tasks: eval_prompts must be positive");
    const int positions = c.model.max_tokens > 0 ? c.model.max_tokens : 2 * c.linreg.examples;
    for (const auto& t : c.eval_tasks) {
      validate(t);
      if (t.d != c.linreg.d) throw usage_error("eval tasks: d must equal the training d");
      if (2 * t.examples > positions)
        throw usage_error("eval tasks: " + std::to_string(t.examples) + " examples need " + std::to_string(2 * t.examples) +
                          " positions, the model has " + std::to_string(positions));
    }
  }
  const auto& r = c.remedy;
  if (r.warmup_steps < 0) throw usage_error("--warmup-steps: must be >= 0");
  if (!(r.mix_fraction >= 0 && r.mix_fraction < 1)) throw usage_error("--mix-fraction: must lie in [0, 1)");
  if (r.easy_mappings < 1 || r.easy_mappings > 1000000) throw usage_error("--easy-mappings: must be an integer in [1, 1000000]");
  if (!(r.weights_loss >= 0) || !std::isfinite(r.weights_loss)) throw usage_error("--weights-loss: must be a number >= 0");
  if (!(r.context_loss >= 0) || !std::isfinite(r.context_loss)) throw usage_error("--context-loss: must be a number >= 0");
  const bool any = r.warmup_steps > 0 || r.mix_fraction > 0 || r.context_loss > 0;
  if (any && c.task != "factor") throw usage_error("--warmup-steps, --mix-fraction, --context-loss: factor task only");
  if (c.held_out.every < 0) throw usage_error("--held-out-every: must be >= 0");
  if (c.held_out.prompts < 1) throw usage_error("--held-out-prompts: must be positive");
}

std::vector<long> probe_steps(const train_config& c) {
  std::set<long> s;
  if (c.probe.points <= 0) return {};
  s.insert(0);
  for (int k = 1; k <= c.probe.points; ++k)
    s.insert(std::lround(std::pow(static_cast<double>(c.steps), static_cast<double>(k) / c.probe.points)));
  return {s.begin(), s.end()};
}

namespace {

// fsync of a file or a folder; a failure is an error, since the checkpoint's durability rests on it.
void sync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) throw std::runtime_error("cannot fsync " + path);
}

model_config model_of(const train_config& c) {
  model_config m = c.model;
  if (c.task == "linreg") {
    m.token_dim = c.linreg.d + 1;
    m.out_dim = 1;
    if (m.max_tokens == 0) m.max_tokens = 2 * c.linreg.examples;
  } else {
    m.token_dim = c.factor.embed_dim + factor_classes;
    m.out_dim = factor_classes;
    if (m.max_tokens == 0) m.max_tokens = 2 * c.factor.examples;
  }
  return m;
}

// Everything that must match for a checkpoint to be resumed (not the step count, the checkpoint
// interval or the probe schedule... the probe schedule is in: its rows are in the checkpoint).
std::string fingerprint(const train_config& c) {
  const auto& l = c.linreg;
  const auto& f = c.factor;
  const auto& m = c.model;
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "v1 task=%s d=%d n=%d rc=%d c=%.17g noise=%.17g | m=%d k=%d n=%d e=%d s=%.17g ws=%llu | L=%d H=%d W=%d P=%d | "
                "%s lr=%.17g batch=%d seed=%llu steps=%ld | probe %d %d %d %d %.17g",
                c.task.c_str(), l.d, l.examples, l.random_cov ? 1 : 0, l.scale, l.noise, f.mappings, f.factors, f.examples,
                f.embed_dim, f.noise, static_cast<unsigned long long>(f.world_seed), m.layers, m.heads, m.width,
                m.max_tokens, c.optimizer.c_str(), c.lr, c.batch, static_cast<unsigned long long>(c.seed), c.steps,
                c.probe.layer, c.probe.points, c.probe.fit_prompts, c.probe.test_prompts, c.probe.ridge);
  const auto& r = c.remedy;
  char rem[256];
  std::snprintf(rem, sizeof rem, " | remedy W=%ld mix=%.17g me=%d wl=%.17g cl=%.17g | held-out %ld %d", r.warmup_steps,
                r.mix_fraction, r.easy_mappings, r.weights_loss, r.context_loss, c.held_out.every, c.held_out.prompts);
  // Appended only when set, so that the checkpoints of runs without it stay resumable.
  return std::string(buf) + rem + (c.lr_warmup > 0 ? " | lr-warmup " + std::to_string(c.lr_warmup) : std::string());
}

// Appends b's prompts to a (same task, same widths).
void append_prompts(task_batch& a, const task_batch& b) {
  a.batch += b.batch;
  a.tokens.insert(a.tokens.end(), b.tokens.begin(), b.tokens.end());
  a.y.insert(a.y.end(), b.y.begin(), b.y.end());
  a.label.insert(a.label.end(), b.label.begin(), b.label.end());
  a.x.insert(a.x.end(), b.x.begin(), b.x.end());
  a.item_factors.insert(a.item_factors.end(), b.item_factors.begin(), b.item_factors.end());
  a.prompt_factor.insert(a.prompt_factor.end(), b.prompt_factor.begin(), b.prompt_factor.end());
}

// The batch sampler of a run: a fixed world for the factor task (and its easy twin for warm-up and
// mixing, §11.9), and seeds by purpose and index.
struct sampler {
  explicit sampler(const train_config& c) : c(c) {
    if (c.task != "factor") return;
    world = std::make_unique<factor_world>(c.factor);
    if (c.remedy.warmup_steps > 0 || c.remedy.mix_fraction > 0) {
      factor_config e = c.factor;
      e.mappings = c.remedy.easy_mappings;
      easy = std::make_unique<factor_world>(e);
    }
  }
  task_batch draw(std::size_t batch, std::uint64_t seed) const {
    return world ? world->sample(batch, seed) : sample_linreg(c.linreg, batch, seed);
  }
  // Warm-up draws its easy batch from the stream the task's batch of that step would use; a mixed
  // batch takes its first batch − k prompts from that stream (so they equal the first prompts of the
  // unmixed run's batch) and its k easy prompts from a stream of their own.
  task_batch training(long step) const {
    const std::size_t B = static_cast<std::size_t>(c.batch);
    const std::uint64_t seed = rng::substream(c.seed, static_cast<std::uint64_t>(step));
    if (easy && step < c.remedy.warmup_steps) return easy->sample(B, seed);
    const std::size_t k = easy ? static_cast<std::size_t>(std::lround(c.remedy.mix_fraction * static_cast<double>(B))) : 0;
    if (k == 0) return draw(B, seed);
    task_batch b = draw(B - k, seed);
    append_prompts(b, easy->sample(k, rng::substream(c.seed ^ 0x3a1ced0e5a5ull, static_cast<std::uint64_t>(step))));
    return b;
  }
  // Held-out data for the probes: streams no training step uses.
  task_batch held_out(int which, int prompts) const {
    return draw(static_cast<std::size_t>(prompts), rng::substream(c.seed ^ 0x5eed0f4e1d07ull, static_cast<std::uint64_t>(which)));
  }
  const train_config& c;
  std::unique_ptr<factor_world> world, easy;
};

// The remedies' extra heads (§11.9) on the final LayerNorm's output at the item tokens. Factor task:
// one linear map to the 57 logits of the item's own 6 factor values (cross-entropy per factor, mean
// over the factors), one to the `factors` logits of the factor the prompt labels (cross-entropy at
// every item). Linear regression (§11.10): one linear map to x itself, squared error averaged over
// prompts, positions and coordinates (x ~ N(0, Λ), so with Λ = I the zero map scores 1).
struct extra_headsImpl : torch::nn::Module {
  extra_headsImpl(int width, int weights_out, int factors, bool regress, bool weights_head, bool context_head) : regress(regress) {
    torch::NoGradGuard g;
    if (weights_head) {
      weights = register_module("weights", torch::nn::Linear(width, weights_out));
      weights->weight.normal_(0.0, 0.02);
      weights->bias.zero_();
    }
    if (context_head) {
      context = register_module("context", torch::nn::Linear(width, factors));
      context->weight.normal_(0.0, 0.02);
      context->bias.zero_();
    }
  }
  // The weighted sum of the heads' losses; z is [B, n, width] at the item tokens.
  torch::Tensor loss(const torch::Tensor& z, const task_batch& b, const remedy_config& r) {
    const long B = static_cast<long>(b.batch), n = static_cast<long>(b.examples);
    auto total = torch::zeros({}, z.options());
    if (weights && regress) {
      const long d = weights->options.out_features();
      const auto x = torch::from_blob(const_cast<float*>(b.x.data()), {B, n, d}, torch::kFloat);
      total = total + r.weights_loss * (weights(z) - x).pow(2).mean();
    } else if (weights) {
      const auto logits = weights(z);
      const auto own = torch::from_blob(const_cast<long*>(b.item_factors.data()), {B, n, 6}, torch::kLong);
      auto sum = torch::zeros({}, z.options());
      long at = 0;
      for (int g = 0; g < 6; ++g) {
        const long k = factor_cardinality[static_cast<std::size_t>(g)];
        const auto lg = torch::log_softmax(logits.slice(2, at, at + k), 2);
        sum = sum - lg.gather(2, own.select(2, g).unsqueeze(2)).mean();
        at += k;
      }
      total = total + r.weights_loss * sum / 6.0;
    }
    if (context) {
      const auto f = torch::from_blob(const_cast<long*>(b.prompt_factor.data()), {B, 1, 1}, torch::kLong).expand({B, n, 1});
      total = total - r.context_loss * torch::log_softmax(context(z), 2).gather(2, f).mean();
    }
    return total;
  }
  bool regress;
  torch::nn::Linear weights{nullptr}, context{nullptr};
};
TORCH_MODULE(extra_heads);

std::unique_ptr<torch::optim::Optimizer> make_optimizer(gpt_model& m, const train_config& c, const extra_heads* heads = nullptr) {
  auto params = m->parameters();
  if (heads)
    for (const auto& p : (*heads)->parameters()) params.push_back(p);
  if (c.optimizer == "sgd") return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(c.lr));
  return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(c.lr));
}

// The extra heads of c's remedies, or none; created after the model (see remedy_config).
std::unique_ptr<extra_heads> make_heads(const train_config& c) {
  if (!(c.remedy.weights_loss > 0) && !(c.remedy.context_loss > 0)) return nullptr;
  const bool regress = c.task == "linreg";
  int values = 0;
  for (const int k : factor_cardinality) values += k;
  return std::make_unique<extra_heads>(c.model.width, regress ? c.linreg.d : values, c.factor.factors, regress, c.remedy.weights_loss > 0,
                                       c.remedy.context_loss > 0);
}

torch::Tensor table(const std::vector<std::vector<double>>& rows, long cols) {
  auto t = torch::zeros({static_cast<long>(rows.size()), cols}, torch::kDouble);
  auto a = t.accessor<double, 2>();
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (long j = 0; j < cols; ++j) a[static_cast<long>(i)][j] = rows[i][static_cast<std::size_t>(j)];
  return t;
}

void save_checkpoint(const std::string& dir, const train_config& c, gpt_model& m, torch::optim::Optimizer& opt, long step,
                     const train_result& r, extra_heads* heads) {
  torch::serialize::OutputArchive a, am, ao;
  m->save(am);
  if (heads) {
    torch::serialize::OutputArchive ah;
    (*heads)->save(ah);
    a.write("extra_heads", ah);
  }
  {
    std::vector<std::vector<double>> hv, ev;
    for (const auto& x : r.held_out) hv.push_back({static_cast<double>(x.step), x.loss, x.icl_loss});
    for (const double x : r.extra_loss) ev.push_back({x});
    a.write("held_out", table(hv, 3));
    a.write("extra_loss", table(ev, 1));
  }
  opt.save(ao);
  a.write("model", am);
  a.write("optimizer", ao);
  a.write("fingerprint", c10::IValue(fingerprint(c)));
  a.write("step", torch::tensor({static_cast<double>(step)}, torch::kDouble));
  std::vector<std::vector<double>> cv, pv, qv;
  for (const auto& x : r.curve) cv.push_back({static_cast<double>(x.step), x.loss, x.icl_loss});
  for (const auto& x : r.probes) pv.push_back({static_cast<double>(x.step), x.weights_score, x.context_score, x.icl_score});
  for (const auto& x : r.positions) qv.push_back({static_cast<double>(x.step), static_cast<double>(x.position), x.value});
  a.write("curve", table(cv, 3));
  a.write("probes", table(pv, 4));
  a.write("positions", table(qv, 3));
  const std::string path = (fs::path(dir) / "checkpoint.pt").string(), tmp = path + ".tmp";
  a.save_to(tmp);
  // Atomic and durable: the data reach the disk before the rename, and the rename before we go on,
  // so a kill or a power cut leaves the previous checkpoint or this one, never an empty file.
  sync_path(tmp);
  fs::rename(tmp, path);
  sync_path(dir);
}

long load_checkpoint(const std::string& dir, const train_config& c, gpt_model& m, torch::optim::Optimizer& opt,
                     train_result& r, extra_heads* heads) {
  const std::string path = (fs::path(dir) / "checkpoint.pt").string();
  if (!fs::exists(path)) return -1;
  torch::serialize::InputArchive a, am, ao;
  try {
    a.load_from(path);
  } catch (const std::exception& e) {
    throw usage_error("--resume: cannot read " + path + ": " + std::string(e.what()).substr(0, 200));
  }
  c10::IValue fp;
  a.read("fingerprint", fp);
  if (fp.toStringRef() != fingerprint(c))
    throw usage_error("--resume: " + path + " was written by a run with other settings (" + fp.toStringRef() +
                      "); this run is (" + fingerprint(c) + ")");
  a.read("model", am);
  a.read("optimizer", ao);
  m->load(am);
  if (heads) {
    torch::serialize::InputArchive ah;
    a.read("extra_heads", ah);
    (*heads)->load(ah);
  }
  opt.load(ao);
  {
    torch::Tensor hv, ev;
    a.read("held_out", hv);
    a.read("extra_loss", ev);
    auto ha = hv.accessor<double, 2>();
    for (long i = 0; i < hv.size(0); ++i) r.held_out.push_back({std::lround(ha[i][0]), ha[i][1], ha[i][2]});
    auto ea = ev.accessor<double, 2>();
    for (long i = 0; i < ev.size(0); ++i) r.extra_loss.push_back(ea[i][0]);
  }
  torch::Tensor st, cv, pv, qv;
  a.read("step", st);
  a.read("curve", cv);
  a.read("probes", pv);
  a.read("positions", qv);
  auto ca = cv.accessor<double, 2>();
  for (long i = 0; i < cv.size(0); ++i) r.curve.push_back({std::lround(ca[i][0]), ca[i][1], ca[i][2]});
  auto pa = pv.accessor<double, 2>();
  for (long i = 0; i < pv.size(0); ++i) r.probes.push_back({std::lround(pa[i][0]), pa[i][1], pa[i][2], pa[i][3]});
  auto qa = qv.accessor<double, 2>();
  for (long i = 0; i < qv.size(0); ++i) r.positions.push_back({std::lround(qa[i][0]), std::lround(qa[i][1]), qa[i][2]});
  return std::lround(st[0].item<double>());
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

train_result train(const train_config& c0) {
  validate(c0);
  train_config c = c0;
  c.model = model_of(c0);
  train_result r;
  r.blas_warning = configure_runtime(true).warning;
  const bool factor = c.task == "factor";
  r.zero_loss = factor ? std::log(static_cast<double>(factor_classes)) : linreg_zero_loss(c.linreg);
  if (!c.checkpoint_dir.empty()) fs::create_directories(c.checkpoint_dir);

  torch::manual_seed(c.seed);
  gpt_model m(c.model);
  for (const auto& p : m->parameters()) r.parameters += p.numel();
  const auto heads = make_heads(c);
  auto opt = make_optimizer(m, c, heads.get());
  const sampler s(c);

  long step = 0;  // steps done
  if (c.resume) {
    const long done = load_checkpoint(c.checkpoint_dir, c, m, *opt, r, heads.get());
    if (done >= 0) step = r.resumed_from = done;
  }
  const auto probe_at = probe_steps(c);
  const task_batch fit = s.held_out(0, c.probe.fit_prompts), test = s.held_out(1, c.probe.test_prompts);
  const long n = factor ? c.factor.examples : c.linreg.examples;
  const auto t0 = std::chrono::steady_clock::now();
  auto last_line = t0;
  const long start_step = step;
  auto probe_if_due = [&](long at) {
    if (std::binary_search(probe_at.begin(), probe_at.end(), at)) {
      m->eval();
      r.probes.push_back(evaluate_probes(m, c, fit, test, at, r.positions));
      m->train();
    }
  };
  // The held-out curve (§11.9): the task's own prompts from a stream no training step or probe uses.
  const task_batch held = c.held_out.every > 0 ? s.held_out(2, c.held_out.prompts) : task_batch{};
  auto held_out_if_due = [&](long at) {
    if (c.held_out.every <= 0 || at % c.held_out.every != 0) return;
    torch::NoGradGuard g;
    m->eval();
    const auto per = per_example_loss(m->forward(tokens_tensor(held)), held, factor);
    r.held_out.push_back({at, per.mean().item<double>(), per.slice(1, n / 2, n).mean().item<double>()});
    m->train();
  };
  if (step == 0) {
    probe_if_due(0);
    held_out_if_due(0);
  }
  while (step < c.steps) {
    const task_batch b = s.training(step);
    opt->zero_grad();
    std::vector<torch::Tensor> hidden;
    const auto per = per_example_loss(m->forward(tokens_tensor(b), false, heads ? &hidden : nullptr), b, factor);
    const auto loss = per.mean();
    torch::Tensor total = loss;
    if (heads) {
      // The extra heads read the final LayerNorm's output at the item tokens (even positions).
      const auto z = m->ln_f(hidden.back()).slice(1, 0, 2 * n, 2);
      const auto extra = (*heads)->loss(z, b, c.remedy);
      total = loss + extra;
      r.extra_loss.push_back(extra.item<double>());
    }
    total.backward();
    if (c.lr_warmup > 0) {  // linear warm-up of the learning rate (§11.11): step k uses lr·min(1, (k + 1)/W)
      const double f = std::min(1.0, static_cast<double>(step + 1) / static_cast<double>(c.lr_warmup));
      for (auto& g : opt->param_groups()) g.options().set_lr(c.lr * f);
    }
    opt->step();
    ++step;
    r.curve.push_back({step, loss.item<double>(), per.slice(1, n / 2, n).mean().item<double>()});
    probe_if_due(step);
    held_out_if_due(step);
    if (!c.checkpoint_dir.empty() && (step % c.checkpoint_every == 0 || step == c.steps))
      save_checkpoint(c.checkpoint_dir, c, m, *opt, step, r, heads.get());
    const auto now = std::chrono::steady_clock::now();
    if (c.progress && (now - last_line > std::chrono::milliseconds(500) || step == c.steps)) {
      const double el = std::chrono::duration<double>(now - t0).count(), rate = (step - start_step) / std::max(el, 1e-9);
      std::fprintf(stderr, "\r  step %ld/%ld  loss %.4g (zero predictor %.4g)  %.1f steps/s  ETA %.0f s   ", step, c.steps,
                   r.curve.back().loss, r.zero_loss, rate, (c.steps - step) / std::max(rate, 1e-9));
      last_line = now;
    }
    if (c.stop_at >= 0 && step >= c.stop_at) break;
  }
  if (c.progress) std::fprintf(stderr, "\n");
  r.steps_done = step;
  r.finished = step >= c.steps;
  if (r.finished && !c.eval_tasks.empty()) {  // THEORY §11.11: the trained model on test prompts
    m->eval();
    for (std::size_t k = 0; k < c.eval_tasks.size(); ++k)
      r.eval_errors.push_back(squared_errors(
          m, sample_linreg(c.eval_tasks[k], static_cast<std::size_t>(c.eval_prompts), rng::substream(c.eval_seed, k)), 256));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

forward_outputs forward_from_checkpoint(const train_config& c0, const std::vector<float>& tokens) {
  validate(c0);
  train_config c = c0;
  c.model = model_of(c0);
  configure_runtime(true);
  torch::manual_seed(c.seed);
  gpt_model m(c.model);
  const auto heads = make_heads(c);
  auto opt = make_optimizer(m, c, heads.get());
  train_result ignored;
  forward_outputs f;
  f.step = load_checkpoint(c.checkpoint_dir, c, m, *opt, ignored, heads.get());
  if (f.step < 0) throw usage_error("--forward-check: no checkpoint in " + c.checkpoint_dir);
  const long T = c.model.max_tokens, D = c.model.token_dim, per = T * D;
  if (tokens.empty() || static_cast<long>(tokens.size()) % per != 0)
    throw usage_error("--forward-check: the file holds " + std::to_string(tokens.size()) +
                      " floats, not a multiple of tokens × width = " + std::to_string(per));
  const long B = static_cast<long>(tokens.size()) / per;
  torch::NoGradGuard g;
  m->eval();
  const auto x = torch::from_blob(const_cast<float*>(tokens.data()), {B, T, D}, torch::kFloat).clone();
  for (bool cut : {false, true}) {
    const auto y = m->forward(x, cut).contiguous();
    (cut ? f.cut : f.on).assign(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
  }
  return f;
}

task_batch training_batch(const train_config& c0, long step) {
  validate(c0);
  return sampler(c0).training(step);
}

bench_result bench_steps(const train_config& c0, int steps) {
  validate(c0);
  train_config c = c0;
  c.model = model_of(c0);
  configure_runtime(true);
  torch::manual_seed(c.seed);
  gpt_model m(c.model);
  auto opt = make_optimizer(m, c);
  const sampler s(c);
  const task_batch b = s.training(0);
  const auto tokens = tokens_tensor(b);
  const bool factor = c.task == "factor";
  bench_result r;
  for (const auto& p : m->parameters()) r.parameters += p.numel();
  for (int i = -3; i < steps; ++i) {  // three warm-up steps
    const auto w0 = std::chrono::steady_clock::now();
    const double c0s = cpu_seconds();
    opt->zero_grad();
    const auto loss = per_example_loss(m->forward(tokens), b, factor).mean();
    loss.backward();
    opt->step();
    const double cpu = cpu_seconds() - c0s;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    if (i >= 0) {
      r.wall.push_back(wall);
      r.cpu.push_back(cpu);
    }
  }
  return r;
}

}  // namespace icl::train
