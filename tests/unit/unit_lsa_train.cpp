// The trained linear self-attention layer (src/train, libtorch) and the experiment runner
// (src/experiments): the torch forward pass is the core's literal product, the autograd gradient is
// the hand-written one, training is deterministic, a malformed experiment file is refused with
// file:line:key, and planted wrong predictions are NOT REPRODUCED on a tiny grid.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "core/errors.hpp"
#include "experiments/experiment_file.hpp"
#include "experiments/lsa_experiment.hpp"
#include "sampling/forward.hpp"
#include "train/lsa_training.hpp"

using namespace icl;

namespace {

mat<double> random_mat(int r, int c, std::mt19937_64& g) {
  std::normal_distribution<double> n;
  mat<double> m(r, c);
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) m(i, j) = n(g);
  return m;
}
vec<double> random_vec(int r, std::mt19937_64& g) { return random_mat(r, 1, g); }

// The gradient of ℓ = ½ mean_b r_b², r_b = ŷ_b − target_b, ŷ_b = pᵀ G_b v_b with p the last row of
// W^PV, G_b = E_b E_bᵀ / n and v_b = W^KQ z_b (z_b the query column): ∂ŷ/∂W^PV = e_{d+1}(G v)ᵀ and
// ∂ŷ/∂W^KQ = (G p) z_bᵀ, by hand and independently of the torch code.
void hand_gradient(const mat<double>& pv, const mat<double>& kq, const lsa_batch& b, mat<double>& g_pv, mat<double>& g_kq,
                   double& loss) {
  const int d = static_cast<int>(b.X[0].rows());
  const int n = static_cast<int>(b.X[0].cols());
  g_pv = mat<double>::Zero(d + 1, d + 1);
  g_kq = mat<double>::Zero(d + 1, d + 1);
  loss = 0;
  const double B = static_cast<double>(b.X.size());
  for (std::size_t k = 0; k < b.X.size(); ++k) {
    mat<double> E(d + 1, n + 1);
    E.topLeftCorner(d, n) = b.X[k];
    E.block(d, 0, 1, n) = b.y[k].transpose();
    E.col(n).head(d) = b.xq[k];
    E(d, n) = 0;
    const mat<double> G = E * E.transpose() / n;
    const vec<double> z = E.col(n);
    const vec<double> p = pv.row(d).transpose();
    const vec<double> v = kq * z;
    const double r = p.dot(G * v) - b.target[k];
    loss += 0.5 * r * r / B;
    g_pv.row(d) += (r / B) * (G * v).transpose();
    g_kq += (r / B) * (G * p) * z.transpose();
  }
}

const char* tiny_setup = R"([setup]
lambda = [1.0, 0.5]
N = 10
sigma = 0.3
t_final = 20
lr = [0.04, 0.08]
batch = [32, 128, 512]
seeds = 10
checkpoints = 10
)";

experiment_outcome run_tiny(const std::string& plant, run_journal& j) {
  const std::string text = "id = \"tiny\"\nfamily = \"zfb_lsa_training\"\nsource = \"test\"\nstatement = \"test\"\nplant = \"" + plant +
                           "\"\n" + tiny_setup;
  return run_lsa_experiment(parse_experiment_text(text, "tiny.toml"), j, {});
}

const experiment_verdict& verdict(const experiment_outcome& o, const std::string& key) {
  for (const auto& v : o.verdicts)
    if (v.key == key) return v;
  FAIL("no verdict " << key);
  return o.verdicts.front();
}

}  // namespace

TEST_CASE("the torch forward pass is the core's literal product") {
  std::mt19937_64 g(7);
  for (int d : {1, 2, 4}) {
    const int n = 6;
    const mat<double> pv = random_mat(d + 1, d + 1, g), kq = random_mat(d + 1, d + 1, g), X = random_mat(d, n, g);
    const vec<double> y = random_vec(n, g), xq = random_vec(d, g);
    const double core = lsa_predict<double>(pv, kq, X, y, xq);
    const double torch = lsa_torch_predict(pv, kq, X, y, xq);
    CHECK(std::abs(torch - core) <= 1e-12 * (1 + std::abs(core)));
  }
}

TEST_CASE("the autograd gradient on a fixed batch is the hand-written gradient") {
  std::mt19937_64 g(11);
  const int d = 3, n = 5;
  lsa_batch b;
  for (int k = 0; k < 4; ++k) {
    b.X.push_back(random_mat(d, n, g));
    b.y.push_back(random_vec(n, g));
    b.xq.push_back(random_vec(d, g));
    b.target.push_back(random_vec(1, g)(0));
  }
  const mat<double> pv = random_mat(d + 1, d + 1, g), kq = random_mat(d + 1, d + 1, g);
  mat<double> tp, tk, hp, hk;
  double hl = 0;
  const double tl = lsa_torch_loss_grad(pv, kq, b, tp, tk);
  hand_gradient(pv, kq, b, hp, hk, hl);
  CHECK(std::abs(tl - hl) <= 1e-12 * hl);
  CHECK((tp - hp).norm() <= 1e-12 * hp.norm());
  CHECK((tk - hk).norm() <= 1e-12 * hk.norm());
  // Rows 1..d of W^PV and column d+1 of W^KQ cannot reach the prediction (docs/THEORY.md §2.1).
  CHECK(tp.topRows(d).norm() == 0);
  CHECK(tk.col(d).norm() == 0);
  CHECK(hk.norm() > 0);
}

TEST_CASE("one SGD step moves the balance |p|^2 - |W^KQ|^2 by exactly lr^2 (|g_p|^2 - |g_KQ|^2)") {
  // docs/THEORY.md "Training the linear layer", item 3: <p, g_p> = <W^KQ, g_KQ> on every batch.
  std::mt19937_64 g(5);
  const int d = 3, n = 7;
  lsa_batch b;
  for (int k = 0; k < 6; ++k) {
    b.X.push_back(random_mat(d, n, g));
    b.y.push_back(random_vec(n, g));
    b.xq.push_back(random_vec(d, g));
    b.target.push_back(random_vec(1, g)(0));
  }
  const mat<double> pv = random_mat(d + 1, d + 1, g), kq = random_mat(d + 1, d + 1, g);
  mat<double> gp, gk;
  lsa_torch_loss_grad(pv, kq, b, gp, gk);
  const double lr = 0.05;
  auto balance = [&](const mat<double>& a, const mat<double>& k) { return a.row(d).squaredNorm() - k.squaredNorm(); };
  const double change = balance(pv - lr * gp, kq - lr * gk) - balance(pv, kq);
  const double predicted = lr * lr * (gp.row(d).squaredNorm() - gk.squaredNorm());
  CHECK(std::abs(change - predicted) <= 1e-12 * (std::abs(predicted) + kq.squaredNorm()));
  // ... and it is not the first-order change one would get without the identity.
  CHECK(std::abs(lr * gp.row(d).dot(pv.row(d))) > 1e3 * std::abs(change - predicted));
}

TEST_CASE("training is deterministic per seed and moves with the seed") {
  lsa_train_config c;
  c.lambda = mat<double>::Identity(2, 2);
  c.N = 8;
  c.lr = 0.05;
  c.batch = 16;
  c.checkpoints = {0, 5, 20};
  mat<double> pv = mat<double>::Zero(3, 3), kq = mat<double>::Zero(3, 3);
  pv(2, 2) = 0.2;
  kq.topLeftCorner(2, 2) = 0.2 * mat<double>::Identity(2, 2) / std::sqrt(2.0);
  c.seed = 3;
  const auto a = train_lsa(c, pv, kq), b = train_lsa(c, pv, kq);
  c.seed = 4;
  const auto other = train_lsa(c, pv, kq);
  REQUIRE(a.size() == 3);
  CHECK(a[0].w_pv == pv);
  CHECK(a[2].w_pv == b[2].w_pv);
  CHECK(a[2].w_kq == b[2].w_kq);
  CHECK(a[2].w_kq != other[2].w_kq);
  CHECK(a[2].w_pv(2, 2) > pv(2, 2));  // u grows from a small start (docs/THEORY.md §3.2: du/dt > 0 there)
}

TEST_CASE("a malformed experiment file is refused with file, line and key") {
  auto err = [](const std::string& text) {
    try {
      parse_experiment_text(text, "bad.toml");
    } catch (const spec_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string head = "id = \"x\"\nfamily = \"zfb_lsa_training\"\nsource = \"s\"\nstatement = \"s\"\n";
  CHECK(err(head + "[setup]\nlambda = [1]\nlr = [0.1, 0.2]\nbatch = [8, 16]\nbogus = 1\n").rfind("bad.toml:9: key 'bogus'", 0) == 0);
  CHECK(err(head + "[setup]\nlambda = [1, -2]\nlr = [0.1]\nbatch = [8, 16]\n").rfind("bad.toml:6: key 'lambda'", 0) == 0);
  CHECK(err(head + "[setup]\nlambda = [1]\nlr = \"fast\"\nbatch = [8, 16]\n").rfind("bad.toml:7: key 'lr'", 0) == 0);
  CHECK(err(head + "[setup]\nlambda = [1]\nlr = [0.1]\nbatch = [8, 16]\nseeds = 2\n").rfind("bad.toml:9: key 'seeds'", 0) == 0);
  CHECK(err("id = \"x\"\nfamily = \"gpt2\"\n").rfind("bad.toml:2: key 'family'", 0) == 0);
  CHECK(err(head + "plant = \"wrong-gamma\"\n[setup]\nlambda = [1]\nlr = [0.1]\nbatch = [8]\n").rfind("bad.toml:5: key 'plant'", 0) == 0);
  // Theorem 4.1's hypothesis fails at this sigma: refused before any training.
  const auto big = parse_experiment_text(head + "[setup]\nlambda = [1, 1]\nsigma = 3\nlr = [0.1, 0.2]\nbatch = [8, 16]\n", "big.toml");
  CHECK_THROWS_WITH_AS(validate_lsa_experiment(big), doctest::Contains("big.toml:7: key 'sigma'"), spec_error);
}

TEST_CASE("tiny grid: the claims hold and the planted falsehoods are NOT REPRODUCED") {
  const auto journal_path = (std::filesystem::temp_directory_path() / "iclverify_unit_lsa_runs.jsonl").string();
  run_journal j(journal_path, false);
  const auto none = run_tiny("none", j);
  for (const auto& v : none.verdicts) MESSAGE(v.key << " " << v.verdict << " " << v.reason);
  // The predictor follows the flow and reaches Gamma^-1 (the weights themselves drift along the
  // minimiser set: a finding recorded in theorems/experiments/zfb_lsa_training.toml, not asserted here).
  CHECK(verdict(none, "e").verdict == "CONFIRMED");
  CHECK(verdict(none, "f").verdict == "CONFIRMED");
  CHECK(verdict(none, "c").verdict == "CONFIRMED");  // the B exponent; lr's (d) is too wide at this size
  CHECK(verdict(none, "d").verdict != "NOT REPRODUCED");
  const auto lam = run_tiny("limit-lambda-inverse", j);
  CHECK(lam.runs_trained == 0);  // the plant touches only the prediction: the same runs, from the journal
  CHECK(verdict(lam, "f").verdict == "NOT REPRODUCED");
  const auto two = run_tiny("time-factor-two", j);
  CHECK(verdict(two, "e").verdict == "NOT REPRODUCED");
  const auto one = run_tiny("noise-exponent-one", j);
  CHECK(verdict(one, "c").verdict == "NOT REPRODUCED");
  // A resumed journal holds every run: nothing is trained again.
  run_journal again(journal_path, true);
  CHECK(again.size() == j.size());
  const auto replay = run_tiny("none", again);  // from the reopened file alone
  CHECK(replay.runs_trained == 0);
  REQUIRE(replay.verdicts.size() == none.verdicts.size());
  for (std::size_t i = 0; i < none.verdicts.size(); ++i) {
    CHECK(replay.verdicts[i].verdict == none.verdicts[i].verdict);
    CHECK(replay.verdicts[i].effect == none.verdicts[i].effect);  // bit for bit: the journal keeps full precision
  }
  std::remove(journal_path.c_str());
}

TEST_CASE("the run journal refuses a damaged record instead of reading it as a number") {
  const auto p = (std::filesystem::temp_directory_path() / "iclverify_unit_damaged_runs.jsonl").string();
  auto write = [&](const std::string& text) {
    std::FILE* f = std::fopen(p.c_str(), "w");
    REQUIRE(f);
    std::fputs(text.c_str(), f);
    std::fclose(f);
  };
  const std::string good = "{\"key\": \"a\", \"values\": \"1 nan 2.5e-3\"}\n";
  write(good + "{\"key\": \"b\", \"values\": \"1 2x\"}\n");
  CHECK_THROWS_WITH_AS(run_journal(p, true), doctest::Contains(":2: key 'values': '2x' is not a number"), usage_error);
  write(good + "{\"key\": \"b\"}\n");
  CHECK_THROWS_WITH_AS(run_journal(p, true), doctest::Contains(":2: a run record without key 'values'"), usage_error);
  write("garbage\n" + good);
  CHECK_THROWS_WITH_AS(run_journal(p, true), doctest::Contains(":1: not a complete JSON record"), usage_error);
  // A torn tail (no newline) is what a kill leaves: cut, and the complete records are read.
  write(good + "{\"key\": \"b\", \"val");
  run_journal j(p, true);
  CHECK(j.size() == 1);
  CHECK(std::isnan(j.get("a")[1]));
  CHECK(j.get("a")[2] == 2.5e-3);
  std::remove(p.c_str());
}

TEST_CASE("run shards: by the key alone, each configuration's seeds alternating between the workers") {
  const std::string a = "fu-dscan d=2 n=16 L=2 seed=", tail = " wl=0.1";
  for (const int n : {2, 3}) {
    std::vector<int> count(static_cast<std::size_t>(n), 0);
    for (int seed = 1; seed <= 12; ++seed) {
      const int w = run_shard(a + std::to_string(seed) + tail, n);
      REQUIRE(w >= 0);
      REQUIRE(w < n);
      ++count[static_cast<std::size_t>(w)];
      CHECK(run_shard(a + std::to_string(seed) + tail, n) == w);  // the key alone decides
      if (seed > 1) CHECK(w == (run_shard(a + std::to_string(seed - 1) + tail, n) + 1) % n);
    }
    for (const int k : count) CHECK(k == 12 / n);
  }
  // A key without a seed is placed by its hash alone, the same way every time.
  for (const int n : {2, 5}) {
    const int w = run_shard("no seed here", n);
    CHECK(w >= 0);
    CHECK(w < n);
    CHECK(run_shard("no seed here", n) == w);
  }
  // A worker trains its own runs and refuses the others' (a family that stops at its first
  // untrained run is worker 0's whole).
  const auto p = (std::filesystem::temp_directory_path() / "iclverify_unit_shard.jsonl").string();
  run_journal j(p, false);
  j.set_shard(1, 2);
  const std::string mine = run_shard(a + "1", 2) == 1 ? a + "1" : a + "2", theirs = mine == a + "1" ? a + "2" : a + "1";
  CHECK_NOTHROW(j.require_trainable(mine));
  CHECK_THROWS_WITH(j.require_trainable(theirs), doctest::Contains("left to worker 1 of 2"));
  CHECK_THROWS_WITH(j.require_trainable(mine, false), doctest::Contains("left to worker 1 of 2"));
  std::remove(p.c_str());
}

