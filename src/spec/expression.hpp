// Predictions written as expressions in theorem files (docs/THEORY.md §9; README, "Checking your own
// conjecture"). The text is parsed once, at load, into a tree whose every node knows whether it is a
// scalar or a d×d matrix; errors name the column and the offending token before anything runs. The
// tree is evaluated later, per instance and per scalar type, by theory/expression_eval.
//
// Grammar (precedence low to high; ^ is right-associative, unary minus binds looser than ^):
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := '-' unary | power
//   power   := postfix ('^' unary)?
//   postfix := primary ('[' expr (',' expr)? ']')?
//   primary := NUMBER | NAME | NAME '(' args ')' | '(' expr ')'
#pragma once
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace icl {

enum class expr_kind { scalar, matrix };

struct expr_node {
  enum class op { number, name, index, neg, add, sub, mul, div, pow, call, sum };
  op o = op::number;
  std::string text;  // literal, name, function name, or the bound index of a sum
  std::vector<expr_node> args;
  int column = 1;    // 1-based, in the expression text
  expr_kind kind = expr_kind::scalar;
};

// A parse or type error: the column (1-based) and the offending token.
struct expression_error : std::runtime_error {
  expression_error(int column, std::string token, const std::string& what)
      : std::runtime_error(what), column(column), token(std::move(token)) {}
  int column;
  std::string token;
};

// The names an expression may use, with their kinds. Instance quantities are listed by
// expression_names(); a theorem file's [define] table adds its own (each itself an expression).
struct expression_scope {
  std::map<std::string, expr_kind> names;
  std::set<std::string> vectors;  // indexable only: lambda[i]
};

struct expression {
  std::string text;
  expr_node root;
  bool irrational = false;         // uses sqrt, exp, log, frob, eig_min/eig_max: no exact value
  std::set<std::string> uses;      // instance names and definitions it reads
};

// The instance quantities every expression can read (name → description), in a stable order.
std::vector<std::pair<std::string, std::string>> expression_names();
// The functions, each with its signature and meaning.
std::vector<std::pair<std::string, std::string>> expression_functions();
expression_scope default_scope();

// Parses and type-checks; throws expression_error.
expression parse_expression(const std::string& text, const expression_scope& scope);

}  // namespace icl
