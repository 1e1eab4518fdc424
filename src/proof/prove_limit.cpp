#include "proof/prove_limit.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

#include "core/errors.hpp"
#include "proof/limit_tail.hpp"
#include "proof/model_of.hpp"
#include "proof/validated_flow.hpp"

namespace icl {

using namespace proof;

void require_provable(const lambda_spec& s) {
  if (s.kind != lambda_spec::form::matrix) return;
  for (int i = 0; i < s.d; ++i)
    for (int j = 0; j < s.d; ++j)
      if (i != j && !arb_is_zero(ball::decimal(s.entries[i * s.d + j]).get()))
        throw usage_error("lambda '" + s.text + "': prove needs a diagonal covariance (its eigenvalues enclosed "
                          "exactly); entry (" + std::to_string(i + 1) + "," + std::to_string(j + 1) + ") is not 0");
}

namespace {

// Λ's diagonal as the spec defines it, each entry enclosed (§3.9: the initial data as balls).
std::vector<ball> lambda_balls(const lambda_spec& s) {
  const int d = s.d;
  std::vector<ball> lam(d);
  switch (s.kind) {
    case lambda_spec::form::diagonal:
      for (int i = 0; i < d; ++i) lam[i] = ball::decimal(s.entries[i]);
      break;
    case lambda_spec::form::matrix:
      for (int i = 0; i < d; ++i) lam[i] = ball::decimal(s.entries[i * d + i]);
      break;
    case lambda_spec::form::linspace:
    case lambda_spec::form::geomspace: {
      const ball a = ball::decimal(s.entries[0]), b = ball::decimal(s.entries[1]);
      for (int i = 0; i < d; ++i) {
        const ball f = d == 1 ? ball(0) : ball(i) / ball(d - 1);
        lam[i] = s.kind == lambda_spec::form::linspace ? a + (b - a) * f : a * pow(b / a, f);
      }
      break;
    }
  }
  return lam;
}

std::string dyadic_string(const ball& t) { return t.to_string(20); }

}  // namespace

namespace proof {

model_instance model_of(const proof_instance& in) {
  require_provable(in.lambda);
  const int d = in.lambda.d;
  model_instance m;
  // The model (§3.3): a_i = λ_i², g_i = (1 + 1/N)λ_i + T/N.
  const std::vector<ball> lam = lambda_balls(in.lambda);
  m.trace = ball(0);
  for (const auto& l : lam) m.trace = m.trace + l;
  const ball n(in.model_n_plus_1 ? in.N + 1 : in.N);
  for (int i = 0; i < d; ++i) {
    if (!lam[i].positive()) throw usage_error("lambda '" + in.lambda.text + "': prove needs positive eigenvalues");
    m.f.a.push_back(lam[i] * lam[i]);
    m.f.g.push_back((ball(1) + ball(1) / n) * lam[i] + m.trace / n);
  }
  // ZFB's start (§3.1) with ΘΘᵀ = I/√d: u = σ, U = σ I/√d; σ = "auto" is 1/(√d max g_i)^{1/2}.
  ball sigma;
  if (in.sigma == "auto") {
    ball gmax = m.f.g[0];
    for (const auto& g : m.f.g) gmax = max(gmax, g);
    sigma = ball(1) / sqrt(sqrt(ball(d)) * gmax);
  } else {
    sigma = ball::decimal(in.sigma);
  }
  m.x0.assign(d + 1, ball());
  m.x0[0] = sigma;
  for (int i = 0; i < d; ++i) m.x0[1 + i] = sigma / sqrt(ball(d));
  return m;
}

}  // namespace proof

proof_outcome prove_limit(const proof_instance& in) {
  require_provable(in.lambda);
  const auto start = std::chrono::steady_clock::now();
  proof_outcome out;
  out.bits = static_cast<long>(std::ceil(in.working_digits * std::log2(10.0))) + 8;
  ball_precision prec(out.bits);
  out.order = in.order > 0 ? in.order : std::max(8, static_cast<int>(std::lround(0.75 * in.working_digits)));
  const int d = in.lambda.d;

  const model_instance model = model_of(in);
  const diagonal_flow& f = model.f;
  const ball& trace = model.trace;
  const std::vector<ball>& x0 = model.x0;
  // The conserved level (§3.4), from the initial box: the narrowest enclosure there is.
  ball c = x0[0] * x0[0];
  for (int i = 0; i < d; ++i) c = c - x0[1 + i] * x0[1 + i];
  out.level = c.to_string(8);

  validated_flow flow(f, x0, out.order);
  // The budget is CPU time of this process (one core): on a shared machine wall time measures the load.
  const std::clock_t cpu0 = std::clock();
  auto elapsed = [&] { return static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC; };
  std::string why;
  for (;;) {
    const tail_proof tail = prove_tail(f, c, flow.x());
    if (tail.ok) {
      out.converged = true;
      out.kappa = tail.kappa.to_string(8);
      out.rho = tail.rho.to_string(8);
      // 10 digits beyond the precision: the decimal rounding of the string stays below the radius.
      for (const auto& e : tail.limit) {
        out.limit.push_back(e.to_string(in.working_digits + 10));
        out.radius = std::max(out.radius, e.rad_double());
      }
      // The loss at the limit, the model's own reduced loss over the limit's box (§3.3):
      // ½u² Σ g_i a_i U_i² − u Σ a_i U_i + ½ tr Λ; interval evaluation encloses its value there.
      const ball& u = tail.limit[0];
      ball quad(0), lin(0);
      for (int i = 0; i < d; ++i) {
        const ball& Ui = tail.limit[1 + i];
        quad = quad + f.g[i] * f.a[i] * Ui * Ui;
        lin = lin + f.a[i] * Ui;
      }
      out.loss_limit = (u * u * quad / ball(2) - u * lin + trace / ball(2)).to_string(in.working_digits + 10);
      break;
    }
    why = tail.why;
    if (elapsed() > in.max_seconds) {
      out.why = "time budget spent before the tail was proved (last: " + why + ")";
      break;
    }
    if (in.max_steps > 0 && flow.steps() >= in.max_steps) {
      out.why = "step budget spent before the tail was proved (last: " + why + ")";
      break;
    }
    if (flow.t().mid_double() > in.t_max) {
      out.why = "integrated to t_max without proving the tail (last: " + why + ")";
      break;
    }
    if (!flow.step(why)) {
      out.why = why;
      break;
    }
    if (!flow.x()[0].finite() || flow.width() > 1) {
      out.why = "the enclosure blew up at t = " + flow.t().to_string(10);
      break;
    }
  }
  auto frob2 = [d](const std::vector<ball>& x) {
    ball s(0);
    for (int i = 0; i < d; ++i) s = s + x[1 + i] * x[1 + i];
    return s;
  };
  const int text_digits = in.working_digits + 10;
  out.u_0 = x0[0].to_string(text_digits);
  out.frob2_U_0 = frob2(x0).to_string(text_digits);
  out.u_T = flow.x()[0].to_string(text_digits);
  out.frob2_U_T = frob2(flow.x()).to_string(text_digits);
  out.t_end = dyadic_string(flow.t());
  out.width_T = flow.width();
  out.steps = flow.steps();
  out.seconds = elapsed();
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace icl
