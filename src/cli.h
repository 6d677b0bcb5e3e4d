#pragma once
// The command line: flags -> BuildOptions, usage text, exit codes (0 ok, 1 content errors, 2 usage).

#include <iosfwd>

namespace kijun {

inline constexpr int kExitOk = 0;
inline constexpr int kExitContentError = 1;
inline constexpr int kExitUsage = 2;

/// Runs `kijun` with the given arguments; returns the process exit code.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace kijun
