#include "cli/commands.hpp"

int main(int argc, char** argv) { return icl::run_cli(argc, argv); }
