#include "model/init.hpp"

#include <charconv>
#include <cmath>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "core/instantiate.hpp"

namespace icl {

namespace {
std::uint64_t parse_seed(const std::string& s, const std::string& what) {
  std::uint64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
    throw usage_error(what + ": seed '" + s + "' is not a non-negative integer");
  return v;
}
std::uint64_t splitmix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
}  // namespace

theta_spec parse_theta_spec(const std::string& s) {
  theta_spec t;
  if (s == "identity") return t;
  if (s.rfind("random:", 0) == 0) {
    t.identity = false;
    t.seed = parse_seed(s.substr(7), "--theta");
    return t;
  }
  throw usage_error("--theta must be 'identity' or 'random:SEED', got '" + s + "'");
}

init_spec parse_init_spec(const std::string& s, init_spec base) {
  if (s == "paper") {
    base.paper = true;
    return base;
  }
  if (s.rfind("random:", 0) == 0) {
    base.paper = false;
    base.seed = parse_seed(s.substr(7), "--init");
    return base;
  }
  throw usage_error("--init must be 'paper' or 'random:SEED', got '" + s + "'");
}

// xoshiro256** seeded through splitmix64: small, fast, identical on every platform.
normal_stream::normal_stream(std::uint64_t seed) {
  for (auto& s : state_) s = splitmix(seed);
}
std::uint64_t normal_stream::next_u64() {
  auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}
double normal_stream::next() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // Uniforms in (0, 1) with 53 random bits.
  double u1 = (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
  double u2 = (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
  double r = std::sqrt(-2.0 * std::log(u1));
  double a = 2.0 * M_PI * u2;
  spare_ = r * std::sin(a);
  has_spare_ = true;
  return r * std::cos(a);
}

template <class T> mat<T> theta_gram(int d, const theta_spec& s) {
  using std::sqrt;
  mat<T> g;
  if (s.identity) {
    g = mat<T>::Identity(d, d) / sqrt(T(d));
  } else {
    normal_stream ns(s.seed);
    mat<T> th(d, d);
    for (int j = 0; j < d; ++j)
      for (int i = 0; i < d; ++i) th(i, j) = T(ns.next());
    g = th * th.transpose();
    g /= g.norm();
  }
  return g;
}

template <class T> mat<T> theta_gram(const problem<T>& p, const theta_spec& s) {
  const mat<T> g = theta_gram<T>(p.d, s);
  if ((g * p.lambda).norm() == T(0)) throw usage_error("Theta Lambda = 0: the initialisation cannot move");
  return g;
}

bool sigma_is_valid(const std::string& s) {
  if (s == "auto") return true;
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    return used == s.size() && v > 0 && std::isfinite(v);
  } catch (...) {
    return false;
  }
}

template <class T> T sigma_value(const problem<T>& p, const std::string& s) {
  using std::sqrt;
  if (!sigma_is_valid(s)) throw usage_error("sigma must be a positive number or auto, got '" + s + "'" + decimal_note(s));
  if (s == "auto") return T(1) / sqrt(sqrt(T(p.d)) * p.gamma_eig.maxCoeff());
  return parse<T>(s);
}

template <class T> reduced_params<T> paper_init(const problem<T>& p, const T& sigma, const theta_spec& s) {
  if (!(sigma > T(0))) throw usage_error("sigma must be > 0");
  return {sigma, sigma * theta_gram(p, s)};
}

template <class T> full_params<T> random_init(int d, const T& sigma, std::uint64_t seed) {
  if (!(sigma > T(0))) throw usage_error("sigma must be > 0");
  normal_stream ns(seed);
  full_params<T> th;
  th.a.resize(d);
  th.c.resize(d);
  th.C.resize(d, d);
  for (int i = 0; i < d; ++i) th.a(i) = sigma * T(ns.next());
  th.b = sigma * T(ns.next());
  for (int j = 0; j < d; ++j)
    for (int i = 0; i < d; ++i) th.C(i, j) = sigma * T(ns.next());
  for (int i = 0; i < d; ++i) th.c(i) = sigma * T(ns.next());
  return th;
}

#define ICL_INST(T)                                                                   \
  template mat<T> theta_gram<T>(const problem<T>&, const theta_spec&);                \
  template mat<T> theta_gram<T>(int, const theta_spec&);                \
  template T sigma_value<T>(const problem<T>&, const std::string&);                   \
  template reduced_params<T> paper_init<T>(const problem<T>&, const T&, const theta_spec&); \
  template full_params<T> random_init<T>(int, const T&, std::uint64_t);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
