#pragma once
// lunr.js, the browser's search engine, which the build copies into the site: only the real
// lunr.js of the version whose index format kijun writes is accepted.

#include <filesystem>
#include <string>

#include "base/diagnostic.h"

namespace kijun {

/// The lunr.js version whose serialized index kijun writes.
inline constexpr const char* kLunrVersion = "2.3.9";

/// Checks that `file` (shown as `shown_path`) is lunr.js kLunrVersion by its banner and its
/// `lunr.version` line; reports why not.
bool check_lunr_script(const std::filesystem::path& file, const std::string& shown_path, Diagnostics& diags);

}  // namespace kijun
