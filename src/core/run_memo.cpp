#include "core/run_memo.hpp"

#include <future>
#include <map>
#include <mutex>

#include "core/scalar.hpp"

namespace icl {

namespace {
std::mutex memo_mutex;
int memo_scopes = 0;
std::map<std::string, std::shared_future<std::shared_ptr<const void>>> memo_table;
}  // namespace

run_memo_scope::run_memo_scope() {
  std::lock_guard<std::mutex> lk(memo_mutex);
  ++memo_scopes;
}

run_memo_scope::~run_memo_scope() {
  std::lock_guard<std::mutex> lk(memo_mutex);
  if (--memo_scopes == 0) memo_table.clear();
}

std::shared_ptr<const void> run_memo_get(const std::string& key, const std::function<std::shared_ptr<const void>()>& make) {
  // The working precision is process-wide: a result at other digits is another result.
  const std::string k = std::to_string(mpfr_working_digits()) + '|' + key;
  std::promise<std::shared_ptr<const void>> mine;
  std::shared_future<std::shared_ptr<const void>> f;
  {
    std::lock_guard<std::mutex> lk(memo_mutex);
    if (memo_scopes == 0) return make();
    if (auto it = memo_table.find(k); it != memo_table.end()) {
      f = it->second;
    } else {
      memo_table.emplace(k, mine.get_future().share());
    }
  }
  if (f.valid()) return f.get();  // rethrows what the first caller threw
  try {
    auto r = make();
    mine.set_value(r);
    return r;
  } catch (...) {
    // A thrown failure is not kept: a later caller tries again. A result that reports its own
    // failure (a flow stopped by its wall-clock budget returns ok = false) is kept and shared, so
    // every claim on that flow is INCONCLUSIVE with the same reason.
    mine.set_exception(std::current_exception());
    std::lock_guard<std::mutex> lk(memo_mutex);
    memo_table.erase(k);
    throw;
  }
}

}  // namespace icl
