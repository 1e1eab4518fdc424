// Results shared by the instances of one catalog run (measured in bench/README.md): several claims ask for
// the same deterministic computation (the rates claim and its six planted falsehoods train the same
// fifteen flows; Lemmas A.3, A.5 and 5.4 integrate the same flow), and each was paying for it again.
// A key names everything the result depends on; the first caller computes, concurrent callers of
// the same key wait for it, and the table is emptied when the run ends, so outside a run (or with
// the key spelled differently) nothing changes but the time.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <typeinfo>

namespace icl {

// While at least one scope is alive (run_claims holds one), memoised() shares results; at the end
// of the last scope the table is cleared.
class run_memo_scope {
 public:
  run_memo_scope();
  ~run_memo_scope();
  run_memo_scope(const run_memo_scope&) = delete;
  run_memo_scope& operator=(const run_memo_scope&) = delete;
};

// The shared result for key, computed by make() on the first call; make() alone without a scope.
std::shared_ptr<const void> run_memo_get(const std::string& key, const std::function<std::shared_ptr<const void>()>& make);

template <class R, class F> R memoised(const std::string& key, F&& make) {
  auto p = run_memo_get(std::string(typeid(R).name()) + '|' + key,
                        [&]() -> std::shared_ptr<const void> { return std::make_shared<const R>(make()); });
  return *std::static_pointer_cast<const R>(p);
}

}  // namespace icl
