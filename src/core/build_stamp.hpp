// The commit the running binary was built from (short hash, or "unknown" outside a git checkout).
// Written at every build by cmake/commit_stamp.cmake into one generated file, so reports carry the
// commit of the code that made them without a reconfigure.
#pragma once

namespace icl {

const char* build_commit();

}  // namespace icl
