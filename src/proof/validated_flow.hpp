// A validated Taylor integrator for the diagonal reduced flow (docs/THEORY.md §3.9): from a box of
// initial data it encloses, at each step's end, the exact solutions from every point of the box.
// Internal to src/proof.
#pragma once
#include <string>
#include <vector>

#include "proof/diagonal_flow.hpp"

namespace icl::proof {

class validated_flow {
 public:
  // order: Taylor order K. The remainder of each step is held below 2^-bits of each component.
  validated_flow(const diagonal_flow& f, std::vector<ball> x0, int order);

  // One step; false (with the reason) when no step size could be validated.
  bool step(std::string& why);

  const std::vector<ball>& x() const { return x_; }
  const ball& t() const { return t_; }
  long steps() const { return steps_; }
  double width() const;  // the largest radius of the enclosure

 private:
  // B ⊇ {solutions from X on [0, h]}: a box with X + [0, h]·f(B) inside its interior (§3.9).
  bool a_priori(const ball& h, std::vector<ball>& B) const;
  // An upper bound of exp(hM) w for the arrowhead Metzler majorant M (diag, border) and w >= 0.
  std::vector<ball> spread(const std::vector<ball>& diag, const std::vector<ball>& border, const ball& h,
                           const std::vector<ball>& w) const;

  const diagonal_flow& f_;
  std::vector<ball> x_;
  ball t_;
  int K_;
  double h_next_ = 0;  // 0: choose from the Taylor coefficients
  long steps_ = 0;
};

}  // namespace icl::proof
