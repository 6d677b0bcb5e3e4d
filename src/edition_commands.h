#pragma once
// `kijun edition publish` and `kijun diff`: publishing the working text as an edition, and the
// 新旧対照表 in the terminal.

#include <iosfwd>
#include <string>
#include <vector>

namespace kijun {

/// `kijun edition publish 第1.2版 --effective 2026-04-01 --reason "…"` (args after "edition").
int run_edition_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `kijun diff [--from E] [--to E] [--format text|json]`: exit 0 no change, 1 change, 2 trouble.
int run_diff_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kijun
