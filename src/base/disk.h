#pragma once
// Reading the project's files. Every failure names the path, as a diagnostic.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/size_limit.h"

namespace kijun {

/// Reads a whole file that must be UTF-8 text. A leading BOM is dropped. `shown_path` is the
/// project-relative path used in diagnostics (bad bytes are located by line and column). A file
/// larger than `limit` is an error found before it is read.
std::optional<std::string> read_text_file(const std::filesystem::path& file, const std::string& shown_path,
                                          Diagnostics& diags, const SizeLimit* limit = nullptr);

/// Regular files directly in `dir` whose names end in `extension` (all when empty), sorted by name.
std::vector<std::string> list_files(const std::filesystem::path& dir, const std::string& extension = "");

/// Regular files below `dir`, as relative paths with '/', sorted; symbolic links are not followed.
std::vector<std::string> list_files_recursive(const std::filesystem::path& dir);

/// Symbolic links in `dir` (and below it when `recursive`), as relative paths with '/', sorted.
std::vector<std::string> list_symlinks(const std::filesystem::path& dir, bool recursive);

/// Reads a file's bytes; throws std::runtime_error naming the path on failure.
std::string read_bytes(const std::filesystem::path& file);

}  // namespace kijun
