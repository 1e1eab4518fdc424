// The trained-model engine (docs/THEORY.md "Trained models"): seeded runs are bit-identical, a run
// stopped and resumed from its checkpoint equals the uninterrupted one, the attention cut makes a
// token's hidden state independent of the other tokens, the ridge probe recovers a planted linear map
// and fails on noise, the tasks are what they say, and a tiny run learns in context.
// torch brings glog, whose CHECK macros would silently replace doctest's: torch first, glog's
// macros undefined, then doctest.
#include "train/gpt_module.hpp"
#undef CHECK
#undef CHECK_EQ
#undef CHECK_NE
#undef CHECK_LT
#undef CHECK_LE
#undef CHECK_GT
#undef CHECK_GE
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <unistd.h>

#include "core/errors.hpp"
#include "sampling/rng.hpp"
#include "train/factor_task.hpp"
#include "train/linreg_task.hpp"
#include "train/plateau_length.hpp"
#include "train/ridge_probe.hpp"
#include "train/runtime.hpp"
#include "train/trainer.hpp"

using namespace icl::train;
namespace fs = std::filesystem;

namespace {

train_config tiny_linreg() {
  train_config c;
  c.task = "linreg";
  c.linreg.d = 3;
  c.linreg.examples = 8;
  c.model.layers = 2;
  c.model.heads = 2;
  c.model.width = 16;
  c.batch = 16;
  c.steps = 30;
  c.lr = 1e-3;
  c.probe.points = 3;
  c.probe.fit_prompts = 16;
  c.probe.test_prompts = 16;
  c.probe.layer = 1;
  return c;
}

train_config tiny_factor() {
  train_config c = tiny_linreg();
  c.task = "factor";
  c.factor.examples = 8;
  c.factor.embed_dim = 16;
  c.factor.mappings = 3;
  c.factor.factors = 3;
  return c;
}

std::vector<double> losses(const train_result& r) {
  std::vector<double> v;
  for (const auto& x : r.curve) v.push_back(x.loss);
  return v;
}

fs::path temp_dir(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("iclverify_unit_train_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  return p;
}

Eigen::MatrixXd gaussian(long rows, long cols, std::uint64_t seed) {
  icl::rng r(seed);
  Eigen::MatrixXd m(rows, cols);
  for (long i = 0; i < rows; ++i)
    for (long j = 0; j < cols; ++j) m(i, j) = r.normal();
  return m;
}

}  // namespace

TEST_CASE("the tasks: deterministic given the seed, and what they say") {
  linreg_config l;
  l.d = 4;
  l.examples = 12;
  const auto a = sample_linreg(l, 8, 42), b = sample_linreg(l, 8, 42), c = sample_linreg(l, 8, 43);
  CHECK(a.tokens == b.tokens);
  CHECK(a.tokens != c.tokens);
  // y is an exact linear function of x within a prompt (noise 0): least squares on 12 > 4 examples
  // leaves no residual; across two prompts (different w) it does.
  auto residual = [&](const std::vector<std::size_t>& prompts) {
    Eigen::MatrixXd X(static_cast<long>(12 * prompts.size()), 4);
    Eigen::VectorXd y(X.rows());
    long row = 0;
    for (auto p : prompts)
      for (std::size_t i = 0; i < 12; ++i, ++row) {
        for (long k = 0; k < 4; ++k) X(row, k) = a.x[(p * 12 + i) * 4 + static_cast<std::size_t>(k)];
        y(row) = a.y[p * 12 + i];
      }
    const Eigen::VectorXd w = X.colPivHouseholderQr().solve(y);
    return (X * w - y).norm() / y.norm();
  };
  CHECK(residual({0}) < 1e-5);
  CHECK(residual({0, 1}) > 0.05);
  // Tokens: x then (0, y), the label in the last coordinate.
  CHECK(a.tokens[4] == 0.0f);
  CHECK(a.tokens[5 + 4] == a.y[0]);
  CHECK(a.tokens[0] == a.x[0]);
  // The zero predictor's loss E[y²] = c·d for fixed and random Λ (E Exp(1) = 1), within sampling error.
  for (bool random : {false, true}) {
    l.random_cov = random;
    l.scale = 2;
    const auto big = sample_linreg(l, 4000, 7);
    double m = 0;
    for (float y : big.y) m += static_cast<double>(y) * y / static_cast<double>(big.y.size());
    CHECK(m == doctest::Approx(linreg_zero_loss(l)).epsilon(0.08));
  }

  factor_config f;
  f.mappings = 5;
  f.factors = 6;
  f.examples = 40;
  const factor_world w(f);
  const auto fa = w.sample(32, 5), fb = w.sample(32, 5);
  CHECK(fa.tokens == fb.tokens);
  CHECK(fa.label == fb.label);
  // Within a prompt the label is a function of the labelled factor's value (a fixed permutation):
  // equal values get equal labels, different values different labels.
  long pairs = 0;
  for (std::size_t p = 0; p < 32; ++p) {
    const auto g = static_cast<std::size_t>(fa.prompt_factor[p]);
    for (std::size_t i = 0; i < 40; ++i) {
      CHECK(fa.label[p * 40 + i] < factor_cardinality[g]);
      for (std::size_t j = 0; j < i; ++j) {
        const bool same = fa.item_factors[(p * 40 + i) * 6 + g] == fa.item_factors[(p * 40 + j) * 6 + g];
        CHECK(same == (fa.label[p * 40 + i] == fa.label[p * 40 + j]));
        ++pairs;
      }
    }
  }
  CHECK(pairs > 20000);
}

TEST_CASE("the ridge probe recovers a planted linear map and fails on noise") {
  const auto X = gaussian(600, 12, 1), Xt = gaussian(400, 12, 2), W = gaussian(12, 3, 3);
  const Eigen::MatrixXd Y = X * W + 0.01 * gaussian(600, 3, 4), Yt = Xt * W + 0.01 * gaussian(400, 3, 5);
  CHECK(ridge_relative_error(X, Y, Xt, Yt) < 1e-3);
  // Targets independent of the features: no better than predicting the mean (relative error ≈ 1).
  const Eigen::MatrixXd N = gaussian(600, 3, 6), Nt = gaussian(400, 3, 7);
  CHECK(ridge_relative_error(X, N, Xt, Nt) > 0.95);
  // Classes: features are the class centre plus noise -> near-perfect; labels at random -> chance (1/5).
  const auto centres = gaussian(5, 12, 8);
  std::vector<long> y(600), yt(400), rnd(600), rndt(400);
  icl::rng r(9);
  Eigen::MatrixXd C(600, 12), Ct(400, 12);
  for (long i = 0; i < 600; ++i) {
    y[i] = static_cast<long>(r.bits() % 5);
    rnd[i] = static_cast<long>(r.bits() % 5);
    C.row(i) = centres.row(y[i]) + 0.3 * X.row(i);
  }
  for (long i = 0; i < 400; ++i) {
    yt[i] = static_cast<long>(r.bits() % 5);
    rndt[i] = static_cast<long>(r.bits() % 5);
    Ct.row(i) = centres.row(yt[i]) + 0.3 * Xt.row(i);
  }
  CHECK(ridge_accuracy(C, y, Ct, yt, 5) > 0.95);
  CHECK(ridge_accuracy(C, rnd, Ct, rndt, 5) < 0.3);
}

TEST_CASE("plateau length: the step where the smoothed loss closes half the gap") {
  std::vector<long> s;
  std::vector<double> drop, flat;
  for (long i = 1; i <= 1000; ++i) {
    s.push_back(i);
    drop.push_back(5.0 - 4.0 / (1.0 + std::exp(-(i - 300) / 10.0)));
    flat.push_back(5.0);
  }
  const auto p = plateau_length(s, drop);
  CHECK(p.start == doctest::Approx(5.0).epsilon(1e-3));
  CHECK(p.end == doctest::Approx(1.0).epsilon(1e-3));
  CHECK(p.step >= 300);
  CHECK(p.step <= 312);  // the trailing mean over 20 points lags by about 10
  CHECK(plateau_length(s, flat).step == -1);
}

TEST_CASE("attention cut: a token's hidden state no longer depends on the other tokens") {
  configure_runtime(false);
  torch::manual_seed(3);
  model_config mc;
  mc.layers = 3;
  mc.heads = 2;
  mc.width = 16;
  mc.token_dim = 5;
  mc.out_dim = 1;
  mc.max_tokens = 10;
  gpt_model m(mc);
  torch::NoGradGuard g;
  const auto a = torch::randn({1, 10, 5});
  auto b = a.clone();
  b[0][2] += torch::randn({5});  // change an earlier token
  for (bool cut : {true, false}) {
    std::vector<torch::Tensor> ha, hb;
    m->forward(a, cut, &ha);
    m->forward(b, cut, &hb);
    for (std::size_t l = 1; l < ha.size(); ++l) {
      const double moved = (ha[l][0][6] - hb[l][0][6]).abs().max().item<double>();
      if (cut) CHECK(moved == 0.0);
      else CHECK(moved > 1e-5);
      // The changed token itself moves either way; a token before it never does (causal).
      CHECK((ha[l][0][2] - hb[l][0][2]).abs().max().item<double>() > 1e-5);
      CHECK((ha[l][0][1] - hb[l][0][1]).abs().max().item<double>() == 0.0);
    }
  }
}

TEST_CASE("determinism: the same seed gives bit-identical losses, another seed does not") {
  const auto c = tiny_linreg();
  const auto a = train(c), b = train(c);
  CHECK(losses(a) == losses(b));
  REQUIRE(a.probes.size() == b.probes.size());
  for (std::size_t i = 0; i < a.probes.size(); ++i) CHECK(a.probes[i].weights_score == b.probes[i].weights_score);
  auto c2 = c;
  c2.seed = 2;
  CHECK(losses(train(c2)) != losses(a));
  const auto f = tiny_factor();
  CHECK(losses(train(f)) == losses(train(f)));
}

TEST_CASE("lr warm-up: over one step it is no warm-up at all; over more it changes the first steps") {
  const auto c = tiny_linreg();
  auto w1 = c, w5 = c;
  w1.lr_warmup = 1;  // step k uses lr·min(1, (k + 1)/1) = lr
  w5.lr_warmup = 5;
  const auto a = losses(train(c)), b = losses(train(w1)), d = losses(train(w5));
  CHECK(a == b);
  REQUIRE(a.size() > 2);
  CHECK(d[0] == a[0]);  // the loss of step 1 is taken before its update
  CHECK(d[1] != a[1]);
  auto bad = c;
  bad.lr_warmup = -1;
  CHECK_THROWS_AS(train(bad), icl::usage_error);
}

TEST_CASE("resume: stopped at step 25, resumed from the checkpoint of step 20, equals the uninterrupted run") {
  auto warm = tiny_linreg();
  warm.lr_warmup = 30;  // the checkpoint of step 20 lies inside the warm-up
  for (auto c : {tiny_linreg(), tiny_factor(), warm}) {
    c.steps = 40;
    c.checkpoint_every = 10;
    c.probe.points = 6;
    const auto dir = temp_dir(c.task);
    c.checkpoint_dir = dir.string();
    const auto whole = train(c);
    fs::remove_all(dir);
    auto stopped = c;
    stopped.stop_at = 25;
    const auto part = train(stopped);
    CHECK_FALSE(part.finished);
    CHECK(part.steps_done == 25);
    auto resumed = c;
    resumed.resume = true;
    const auto rest = train(resumed);
    CHECK(rest.resumed_from == 20);
    CHECK(rest.finished);
    CHECK(losses(rest) == losses(whole));
    REQUIRE(rest.probes.size() == whole.probes.size());
    for (std::size_t i = 0; i < rest.probes.size(); ++i) {
      CHECK(rest.probes[i].step == whole.probes[i].step);
      CHECK(rest.probes[i].weights_score == whole.probes[i].weights_score);
      CHECK(rest.probes[i].icl_score == whole.probes[i].icl_score);
    }
    // Another setting refuses the checkpoint instead of silently mixing runs.
    auto other = resumed;
    other.lr = 2e-3;
    CHECK_THROWS_AS(train(other), icl::usage_error);
    auto other_warmup = resumed;  // with a warm-up where there was none, or another one
    other_warmup.lr_warmup = c.lr_warmup + 5;
    CHECK_THROWS_AS(train(other_warmup), icl::usage_error);
    fs::remove_all(dir);
  }
}

TEST_CASE("a tiny run learns in context: its loss ends well below the zero predictor's") {
  train_config c = tiny_linreg();
  c.linreg.d = 1;  // at d = 2 the plateau outlasts a test's budget (~1600 steps at this size)
  c.linreg.examples = 10;
  c.model.width = 32;
  c.batch = 32;
  c.steps = 500;
  c.lr = 3e-3;
  c.probe.points = 0;
  const auto r = train(c);
  double tail = 0;
  for (std::size_t i = r.curve.size() - 40; i < r.curve.size(); ++i) tail += r.curve[i].icl_loss / 40;
  MESSAGE("zero predictor ", r.zero_loss, ", in-context loss over the last 40 steps ", tail);
  CHECK(tail < 0.5 * r.zero_loss);
}
