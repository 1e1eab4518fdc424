#include "experiments/probe_run_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>

#include "core/errors.hpp"

namespace icl {

std::optional<probe_run> journalled_probe_run(run_journal& journal, const std::string& key, const train::train_config& c,
                                              const std::vector<long>& steps, bool relative_icl, const std::string& what,
                                              experiment_outcome& out, std::string& failure) {
  const std::size_t P = steps.size();
  if (!journal.has(key)) {
    const bool trained = train_journalled(what, failure, [&] {
      journal.require_trainable(key);
      const auto res = train::train(c);
      std::vector<double> v;
      for (const auto& p : res.probes) v.insert(v.end(), {static_cast<double>(p.step), p.weights_score});
      const std::size_t tail = std::max<std::size_t>(1, res.curve.size() / 20);
      double icl = 0;
      for (std::size_t i = res.curve.size() - tail; i < res.curve.size(); ++i) icl += res.curve[i].icl_loss;
      v.push_back(icl / static_cast<double>(tail) / (relative_icl ? res.zero_loss : 1.0));
      v.push_back(static_cast<double>(res.parameters));
      journal.put(key, std::move(v));
      ++out.runs_trained;
    });
    if (!trained) return std::nullopt;
  } else {
    ++out.runs_resumed;
  }
  const auto& v = journal.get(key);
  if (v.size() != 2 * P + 2) throw usage_error("the run journal holds a run of another shape under key '" + key + "': rerun without --resume");
  probe_run r;
  for (std::size_t k = 0; k < P; ++k) {
    if (std::lround(v[2 * k]) != steps[k]) throw usage_error("the run journal's probe steps differ under key '" + key + "'");
    r.score.push_back(v[2 * k + 1]);
  }
  r.icl_end = v[2 * P];
  r.parameters = std::lround(v[2 * P + 1]);
  return r;
}

}  // namespace icl
