#pragma once
// The command line: flags -> BuildOptions, usage text, exit codes (0 ok, 1 content errors, 2 usage).

#include <iosfwd>
#include <string>
#include <string_view>

namespace kijun {

struct BuildStats;

inline constexpr int kExitOk = 0;
inline constexpr int kExitContentError = 1;
inline constexpr int kExitUsage = 2;

/// Runs `kijun` with the given arguments; returns the process exit code.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

/// What `kijun build --timings` prints after "kijun: ": the phases' times, the writing threads'
/// busy time, and the files and bytes written.
std::string phase_times(const BuildStats& stats);
/// Reads those figures back from a line of that output (what kijun_bench does with the build it
/// runs as a program); false when `line` holds none.
bool parse_phase_times(std::string_view line, BuildStats& stats);

}  // namespace kijun
