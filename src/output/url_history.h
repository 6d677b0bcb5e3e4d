#pragma once
// The URLs a site has published: `aliases:` (earlier URLs of a page, which get redirect pages) and
// the list of page URLs a build leaves in the output folder, the memory that tells the next build
// which published pages are gone.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "content/content_library.h"

namespace kijun {

/// The file in the output folder listing every page and alias URL a build published.
inline constexpr const char* kPageListFile = ".kijun-pages";

/// Its text: one "url<TAB>source path" line per page and alias, sorted by URL.
std::string page_list(const ContentLibrary& lib);

/// An alias that will get a redirect page.
struct Alias {
  std::string url;  ///< site-relative, e.g. important/old-name.html
  int page = -1;    ///< the page it leads to
};

/// Checks every page's `aliases:` — a relative URL of the site ending in .html (KJ130), not the URL
/// of a page or of any file the build writes (`written`, site-relative paths; KJ131), not an alias
/// of two pages (KJ132) — each at its line. Returns the valid ones, in reading order.
std::vector<Alias> check_aliases(const ContentLibrary& lib, const std::set<std::string>& written, Diagnostics& diags);

/// KJ820: the pages that the previous build listed in `out_dir` (shown as `shown_out`) and that are
/// now neither a page nor an alias. Nothing when the folder holds no list.
void check_removed_pages(const std::filesystem::path& out_dir, const std::string& shown_out, const ContentLibrary& lib,
                         Diagnostics& diags);

}  // namespace kijun
