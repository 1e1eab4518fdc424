#include "model/problem.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "core/instantiate.hpp"

namespace icl {

namespace {

void check_decimal(const std::string& v, const std::string& text) {
  const std::string problem = decimal_problem(v);
  if (!problem.empty()) throw usage_error("lambda '" + text + "': " + problem);
}

lambda_spec from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw usage_error("lambda '" + path + "': not a list, linspace:, geomspace: or readable file");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    auto h = line.find('#');
    if (h != std::string::npos) line.resize(h);
    std::istringstream ls(line);
    std::vector<std::string> row;
    std::string tok;
    while (ls >> tok) row.push_back(tok);
    if (!row.empty()) rows.push_back(row);
  }
  if (rows.size() == 1) {
    lambda_spec s;
    s.kind = lambda_spec::form::diagonal;
    s.entries = rows[0];
    s.d = static_cast<int>(rows[0].size());
    s.text = path;
    for (auto& v : s.entries) check_decimal(v, path);
    return s;
  }
  return matrix_lambda_spec(rows, path);
}

}  // namespace

std::string decimal_of(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

lambda_spec matrix_lambda_spec(const std::vector<std::vector<std::string>>& rows, std::string text) {
  lambda_spec s;
  s.kind = lambda_spec::form::matrix;
  s.d = static_cast<int>(rows.size());
  s.text = std::move(text);
  if (s.d == 0) throw usage_error("lambda '" + s.text + "': empty matrix");
  for (const auto& r : rows) {
    if (static_cast<int>(r.size()) != s.d)
      throw usage_error("lambda '" + s.text + "': matrix is not square (" + std::to_string(s.d) +
                        " rows, a row of " + std::to_string(r.size()) + ")");
    for (const auto& v : r) {
      check_decimal(v, s.text);
      s.entries.push_back(v);
    }
  }
  return s;
}

lambda_spec parse_lambda_spec(const std::string& text) {
  lambda_spec s;
  s.text = text;
  auto parts = split(text, ':');
  if (parts.size() == 4 && (parts[0] == "linspace" || parts[0] == "geomspace")) {
    s.kind = parts[0] == "linspace" ? lambda_spec::form::linspace : lambda_spec::form::geomspace;
    check_decimal(parts[1], text);
    check_decimal(parts[2], text);
    int d = 0;
    auto r = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), d);
    if (r.ec != std::errc() || r.ptr != parts[3].data() + parts[3].size() || d < 1 || d > 400)
      throw usage_error("lambda '" + text + "': dimension must be an integer in [1, 400]");
    s.d = d;
    s.entries = {parts[1], parts[2]};
    return s;
  }
  if (text.find(',') != std::string::npos || (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) &&
                                              !std::ifstream(text))) {
    s.kind = lambda_spec::form::diagonal;
    for (auto& v : split(text, ',')) {
      v = trim(v);
      check_decimal(v, text);
      s.entries.push_back(v);
    }
    s.d = static_cast<int>(s.entries.size());
    return s;
  }
  return from_file(text);
}

template <class T> mat<T> problem<T>::gamma() const {
  mat<T> g = (T(1) + inv_gamma_n()) * lambda;
  for (int i = 0; i < d; ++i) g(i, i) += trace * inv_gamma_n();
  return g;
}

template <class T> void plant_model_gamma_N(problem<T>& p, long n) {
  p.gamma_N = n;
  for (int i = 0; i < p.gamma_eig.size(); ++i) p.gamma_eig(i) = (T(1) + p.inv_gamma_n()) * p.evals(i) + p.trace * p.inv_gamma_n();
}

template <class T> problem<T> make_problem(const lambda_spec& spec, long N) {
  using std::isfinite;
  if (N < 1) throw usage_error("N must be >= 1, got " + std::to_string(N));
  if (spec.d < 1) throw usage_error("lambda '" + spec.text + "': no entries");
  problem<T> p;
  p.d = spec.d;
  p.N = N;
  const int d = spec.d;
  p.lambda = mat<T>::Zero(d, d);
  switch (spec.kind) {
    case lambda_spec::form::diagonal:
      for (int i = 0; i < d; ++i) p.lambda(i, i) = parse<T>(spec.entries[i]);
      break;
    case lambda_spec::form::linspace:
    case lambda_spec::form::geomspace: {
      T a = parse<T>(spec.entries[0]), b = parse<T>(spec.entries[1]);
      for (int i = 0; i < d; ++i) {
        T f = d == 1 ? T(0) : T(i) / T(d - 1);
        using std::pow;
        p.lambda(i, i) = spec.kind == lambda_spec::form::linspace ? a + (b - a) * f : a * pow(b / a, f);
      }
      break;
    }
    case lambda_spec::form::matrix:
      for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j) p.lambda(i, j) = parse<T>(spec.entries[i * d + j]);
      break;
  }
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) {
      if (!isfinite(p.lambda(i, j)))
        throw usage_error("lambda '" + spec.text + "': entry (" + std::to_string(i + 1) + "," +
                          std::to_string(j + 1) + ") is not finite");
      if (p.lambda(i, j) != p.lambda(j, i))
        throw usage_error("lambda '" + spec.text + "': not symmetric at (" + std::to_string(i + 1) + "," +
                          std::to_string(j + 1) + ")");
      if (i != j && p.lambda(i, j) != T(0)) p.diagonal = false;
    }
  if (p.diagonal) {
    p.evals = p.lambda.diagonal();
    p.evecs = mat<T>::Identity(d, d);
  } else {
    Eigen::SelfAdjointEigenSolver<mat<T>> es(p.lambda);
    if (es.info() != Eigen::Success) throw usage_error("lambda '" + spec.text + "': eigen-decomposition failed");
    p.evals = es.eigenvalues();
    p.evecs = es.eigenvectors();
  }
  for (int i = 0; i < d; ++i)
    if (!(p.evals(i) > T(0)))
      throw usage_error("lambda '" + spec.text + "': not positive definite (eigenvalue " +
                        full(p.evals(i)) + ")");
  p.trace = p.lambda.trace();
  p.gamma_eig.resize(d);
  for (int i = 0; i < d; ++i) p.gamma_eig(i) = (T(1) + p.inv_gamma_n()) * p.evals(i) + p.trace * p.inv_gamma_n();
  return p;
}

problem<rational> make_exact_problem(const lambda_spec& spec, long N) {
  if (N < 1) throw usage_error("N must be >= 1, got " + std::to_string(N));
  if (spec.d < 1) throw usage_error("lambda '" + spec.text + "': no entries");
  const int d = spec.d;
  const auto exact = [&](const std::string& v) {
    try {
      return parse_rational(v);
    } catch (const std::exception&) {
      throw usage_error("lambda '" + spec.text + "': '" + v + "' is not an exact decimal or p/q");
    }
  };
  problem<rational> p;
  p.d = d;
  p.N = N;
  p.lambda = mat<rational>::Zero(d, d);
  switch (spec.kind) {
    case lambda_spec::form::diagonal:
      for (int i = 0; i < d; ++i) p.lambda(i, i) = exact(spec.entries[i]);
      break;
    case lambda_spec::form::linspace: {
      const rational a = exact(spec.entries[0]), b = exact(spec.entries[1]);
      for (int i = 0; i < d; ++i) p.lambda(i, i) = d == 1 ? a : a + (b - a) * rational(i) / rational(d - 1);
      break;
    }
    case lambda_spec::form::geomspace:
      throw usage_error("lambda '" + spec.text + "': geomspace has irrational entries; the exact layer needs rationals");
    case lambda_spec::form::matrix:
      for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j) p.lambda(i, j) = exact(spec.entries[i * d + j]);
      break;
  }
  // Positive definite iff every pivot of symmetric elimination is positive (exact here).
  mat<rational> a = p.lambda;
  for (int k = 0; k < d; ++k)
    for (int j = 0; j < d; ++j)
      if (a(k, j) != a(j, k))
        throw usage_error("lambda '" + spec.text + "': not symmetric at (" + std::to_string(k + 1) + "," +
                          std::to_string(j + 1) + ")");
  for (int k = 0; k < d; ++k) {
    if (!(a(k, k) > 0))
      throw usage_error("lambda '" + spec.text + "': not positive definite (pivot " + std::to_string(k + 1) + " is " +
                        to_string(a(k, k)) + ")");
    for (int i = k + 1; i < d; ++i) {
      const rational f = a(i, k) / a(k, k);
      for (int j = k; j < d; ++j) a(i, j) -= f * a(k, j);
    }
  }
  p.trace = p.lambda.trace();
  p.diagonal = true;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      if (i != j && p.lambda(i, j) != 0) p.diagonal = false;
  if (p.diagonal) {
    p.evals = p.lambda.diagonal();
    p.evecs = mat<rational>::Identity(d, d);
    p.gamma_eig = p.gamma().diagonal();
  }
  return p;
}

template struct problem<rational>;

#define ICL_INST(T) \
  template struct problem<T>; \
  template problem<T> make_problem<T>(const lambda_spec&, long); \
  template void plant_model_gamma_N<T>(problem<T>&, long);
ICL_FOR_EACH_SCALAR(ICL_INST)

}  // namespace icl
