#pragma once
namespace icl {
// The `iclverify` command line; returns the process exit status (0 ok, 1 a claim FAILed or was
// INCONCLUSIVE, 2 usage or spec error).
int run_cli(int argc, char** argv);
}  // namespace icl
