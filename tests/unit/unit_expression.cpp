// The prediction-expression language: parsing and kind errors with their columns, and evaluation in
// every scalar type against values worked out by hand (each test says how).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>

#include "claims/expression_check.hpp"
#include "core/errors.hpp"
#include "core/rational.hpp"
#include "spec/expression.hpp"
#include "spec/theorem_file.hpp"
#include "theory/expression_eval.hpp"

using namespace icl;

namespace {

expression parsed(const std::string& text) { return parse_expression(text, default_scope()); }

// The column and message of the error a text raises (column 0: none raised).
std::pair<int, std::string> error_of(const std::string& text) {
  try {
    (void)parsed(text);
  } catch (const expression_error& e) {
    return {e.column, e.what()};
  }
  return {0, ""};
}

// Λ = diag(1/2, 2), N = 4, M = 2: by hand, tr Λ = 5/2, Γ = (5/4)Λ + (5/8)I = diag(5/4, 25/8).
template <class T> expr_env<T> env_d2(const T& half, const T& two) {
  expr_env<T> e;
  e.scalars["d"] = T(2);
  e.scalars["N"] = T(4);
  e.scalars["M"] = T(2);
  mat<T> L = mat<T>::Zero(2, 2);
  L(0, 0) = half;
  L(1, 1) = two;
  e.matrices["Lambda"] = L;
  e.matrices["I"] = mat<T>::Identity(2, 2);
  e.lambda = L.diagonal();
  return e;
}
expr_env<rational> exact_env() { return env_d2<rational>(rational(1, 2), rational(2)); }

rational exact(const std::string& text) { return evaluate(parsed(text), exact_env()).s; }

}  // namespace

TEST_CASE("kinds: scalars and matrices are told apart at parse time") {
  CHECK(parsed("tr(Lambda)").root.kind == expr_kind::scalar);
  CHECK(parsed("inv(Lambda)*2").root.kind == expr_kind::matrix);
  CHECK(parsed("Lambda^2 - Lambda*Lambda").root.kind == expr_kind::matrix);
  CHECK(parsed("sum(i, lambda[i])").root.kind == expr_kind::scalar);
  CHECK_FALSE(parsed("tr(inv(Lambda))/N^2").irrational);
  CHECK(parsed("sqrt(d)").irrational);
  CHECK(parsed("frob(Lambda)").irrational);
  CHECK(parsed("2*pi").irrational);
}

TEST_CASE("errors name the column and the offending token") {
  // "Lambda + 1": a matrix plus a scalar, reported at the '+' (column 8).
  auto [col, msg] = error_of("Lambda + 1");
  CHECK(col == 8);
  CHECK(msg.find("cannot add a d×d matrix and a scalar") != std::string::npos);
  std::tie(col, msg) = error_of("tr(Lambda) + lamda");
  CHECK(col == 14);
  CHECK(msg.find("unknown name 'lamda'") != std::string::npos);
  std::tie(col, msg) = error_of("tr(Lambda");
  CHECK(col == 10);
  CHECK(msg.find("expected ')'") != std::string::npos);
  std::tie(col, msg) = error_of("1 +* 2");
  CHECK(col == 4);
  std::tie(col, msg) = error_of("2 3");
  CHECK(col == 3);
  CHECK(msg.find("unexpected token") != std::string::npos);
  std::tie(col, msg) = error_of("tr(2)");
  CHECK(col == 4);
  CHECK(msg.find("tr takes a d×d matrix, not a scalar") != std::string::npos);
  std::tie(col, msg) = error_of("min(1)");
  CHECK(col == 1);
  CHECK(msg.find("min takes 2 arguments, not 1") != std::string::npos);
  std::tie(col, msg) = error_of("Lambda^0.5");
  CHECK(col == 7);
  std::tie(col, msg) = error_of("1/Lambda");
  CHECK(col == 2);
  std::tie(col, msg) = error_of("lambda + 1");
  CHECK(col == 1);
  CHECK(msg.find("index it") != std::string::npos);
  std::tie(col, msg) = error_of("3 * Λ");
  CHECK(col == 5);
  CHECK(msg.find("unexpected character") != std::string::npos);
  std::tie(col, msg) = error_of("sum(d, 1)");
  CHECK(col == 5);
  std::tie(col, msg) = error_of("1.2.3");
  CHECK(col == 1);
  std::tie(col, msg) = error_of("");
  CHECK(col == 1);
  std::tie(col, msg) = error_of("sqrt");
  CHECK(msg.find("is a function") != std::string::npos);
  std::tie(col, msg) = error_of(std::string(300, '(') + "1" + std::string(300, ')'));
  CHECK(msg.find("nested too deeply") != std::string::npos);
}

TEST_CASE("exact evaluation over the rationals") {
  // tr Γ⁻¹ = 4/5 + 8/25 = 28/25.
  CHECK(exact("tr(inv((1 + 1/N)*Lambda + tr(Lambda)/N*I))") == rational(28, 25));
  CHECK(exact("sum(i, lambda[i])") == rational(5, 2));
  CHECK(exact("sum(i, 1, 4, i^2)") == rational(30));
  CHECK(exact("2^-2") == rational(1, 4));
  CHECK(exact("-2^2") == rational(-4));  // unary minus binds looser than ^
  CHECK(exact("2^3^2") == rational(512));  // right-associative
  CHECK(exact("det(Lambda)") == rational(1));
  CHECK(exact("tr(Lambda^-1)") == rational(5, 2));  // 2 + 1/2
  CHECK(exact("Lambda[2, 2] - lambda[1]") == rational(3, 2));
  CHECK(exact("min(1/3, 1/4) + max(1/3, 1/4)") == rational(7, 12));
  CHECK(exact("tr(transpose(Lambda) * diag(Lambda))") == rational(17, 4));
  CHECK(exact("1.5e-1") == rational(3, 20));
  CHECK(exact("abs(-3/7)") == rational(3, 7));
  CHECK_THROWS_AS(exact("sqrt(4)"), expression_error);  // no irrational operation over Q
  CHECK_THROWS_AS(exact("2^(1/2)"), expression_error);
  CHECK_THROWS_AS(exact("1/(N - 4)"), expression_error);
  CHECK_THROWS_AS(exact("lambda[3]"), expression_error);
  CHECK_THROWS_AS(exact("sigma"), expression_error);  // not given for this instance
  CHECK_THROWS_AS(exact("tr(inv(Lambda - 1/2*I))"), expression_error);  // singular
}

TEST_CASE("floating types agree with the exact value to their precision") {
  const std::string text = "sum(i, 1/((1 + 1/N)*lambda[i] + tr(Lambda)/N)^2)";  // 16/25 + 64/625 = 464/625
  const rational q = exact(text);
  CHECK(q == rational(464, 625));
  const double dv = evaluate(parsed(text), env_d2<double>(0.5, 2.0)).s;
  CHECK(std::abs(dv - 464.0 / 625.0) <= 4 * eps<double>());
  set_mpfr_digits(60);
  const mpfr mv = evaluate(parsed(text), env_d2<mpfr>(mpfr("0.5"), mpfr(2))).s;
  CHECK(digits_of_agreement(mpfr(mv - mpfr(464) / 625), mpfr(1)) >= 60);
  // Irrational: (464/625)^(1/4) in MPFR against the same number raised back to the 4th power.
  const mpfr r4 = evaluate(parsed("(" + text + ")^(1/4)"), env_d2<mpfr>(mpfr("0.5"), mpfr(2))).s;
  CHECK(digits_of_agreement(mpfr(r4 * r4 * r4 * r4 - mpfr(464) / 625), mpfr(1)) >= 59);
  const float128 f = evaluate(parsed("eig_max(Lambda) - eig_min(Lambda)"), env_d2<float128>(float128(0.5), float128(2))).s;
  CHECK(abs(f - float128(1.5)) <= 8 * eps<float128>());
}

TEST_CASE("definitions: a later one reads an earlier one") {
  expression_scope s = default_scope();
  const expression g = parse_expression("(1 + 1/N)*Lambda + tr(Lambda)/N*I", s);
  s.names["Gamma"] = g.root.kind;
  const expression p = parse_expression("tr(inv(Gamma))", s);
  auto env = exact_env();
  env.defines.push_back({"Gamma", &g});
  CHECK(evaluate(p, env).s == rational(28, 25));
}

TEST_CASE("theorem files: expression errors at file:line:column, nothing run") {
  const std::string head = "id = \"t\"\nsource = \"s\"\nstatement = \"s\"\ncheck = \"expression\"\nobservable = \"flow.u_limit\"\n";
  const std::string inst = "[[instance]]\nname = \"a\"\nlambda = \"1,2\"\nN = 3\n";
  const auto msg = [&](const std::string& body) {
    try {
      (void)parse_theorem_text(head + body + inst, "f.toml");
    } catch (const usage_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  // Line 6; the value starts at column 11 ('"'), so character 8 of the text is column 19.
  CHECK(msg("predict = \"Lambda + 1\"\n").find("f.toml:6:19: key 'predict': cannot add") == 0);
  CHECK(msg("predict = \"tr(Lambda) * bogus\"\n").find("f.toml:6:25: key 'predict': unknown name 'bogus'") == 0);
  CHECK(msg("[define]\nG = \"Lambda + \"\npredict = \"1\"\n").find("f.toml:7:15: key 'define.G'") == 0);
  CHECK(msg("predict = \"t\"\n").find("unknown name 't'") != std::string::npos);  // t only along a path
  CHECK(msg("predict = \"1\"\nplant = \"gamma-n-plus-1\"\n").find("key 'plant'") != std::string::npos);
  CHECK(msg("relation = \"equals\"\npredict = \"1\"\n").find("key 'relation'") != std::string::npos);
  CHECK(msg("").find("key 'predict': missing") != std::string::npos);
  const auto c = parse_theorem_text(head + "predict = \"sum(i, lambda[i])\"\n" + inst, "f.toml");
  REQUIRE(c.expr);
  CHECK(c.expr->predict.uses.count("lambda") == 1);
}

namespace {
// One instance of an expression claim on the exact minimum loss (d = 1, Λ = 2, N = 3: by hand,
// Γ = (4/3)·2 + 2/3 = 10/3 and L* = 1 − ½·4·(3/10) = 2/5), judged in T.
template <class T> check_result judged(const std::string& predict, const std::string& relation = "equal") {
  const std::string text = "id = \"t\"\nsource = \"s\"\nstatement = \"s\"\ncheck = \"expression\"\n"
                           "observable = \"exact.loss_min\"\nrelation = \"" + relation + "\"\npredict = \"" + predict +
                           "\"\n[[instance]]\nname = \"a\"\nlambda = \"2\"\nN = 3\n";
  const claim_spec c = parse_theorem_text(text, "f.toml");
  validate_expression_claim(c);
  return check_expression<T>(c, c.instances[0], check_context{});
}
}  // namespace

TEST_CASE("verdicts: exact, near misses, bounds and undefined predictions") {
  CHECK(judged<double>("2/5").v == verdict::pass);  // exact over the rationals
  CHECK(judged<double>("2/5 + 1e-30").v == verdict::fail);
  CHECK(judged<double>("2/5", "le").v == verdict::pass);
  CHECK(judged<double>("2/5*(1 - 1e-30)", "le").v == verdict::fail);
  CHECK(judged<double>("2/5*(1 + 1e-30)", "ge").v == verdict::fail);
  // Irrational predictions are judged in T against the exact value rounded once.
  set_mpfr_digits(50);
  CHECK(judged<mpfr>("sqrt(4/25)").v == verdict::pass);
  CHECK(judged<mpfr>("sqrt(4/25)*(1 + 1e-35)").v == verdict::fail);
  CHECK(judged<mpfr>("sqrt(4/25)*(1 - 1e-35)", "le").v == verdict::fail);
  // A power with a non-integer exponent has no exact value: it goes to T, not to an error.
  CHECK(judged<double>("(4/25)^(1/2)").v == verdict::pass);
  // NaN (a square root of −1 in double) is no agreement: INCONCLUSIVE, never PASS.
  const check_result nan = judged<double>("(-1)^0.5");
  CHECK(nan.v == verdict::inconclusive);
  CHECK(nan.brief.find("not a finite number") != std::string::npos);
  CHECK(judged<double>("exp(1000) - exp(1000)").v == verdict::inconclusive);
  CHECK(judged<double>("exp(1000) - exp(1000)", "le").v == verdict::inconclusive);
}
