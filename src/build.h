#pragma once
// The orchestrator: the only code that knows the order of the phases.
//   load    content/ (settings, front matter, Markdown) and the theme
//   resolve requirement IDs and references across all pages
//   render  every page through the theme, plus the generated pages and exports
//   write   into a staging folder, then swap it in for site/

#include <iosfwd>
#include <string>

#include "base/diagnostic.h"

namespace kijun {

/// What to build from where. Paths are relative to `project_root` (and shown so in messages).
struct BuildOptions {
  std::string project_root = ".";
  std::string content_dir = "content";
  std::string theme_dir = "themes/default";
  std::string out_dir = "site";
  std::string lunr_js = "node_modules/lunr/lunr.js";  ///< copied into the site for search
  bool strict = false;                                ///< warnings fail the build too
};

/// Figures of one build.
struct BuildStats {
  std::size_t pages = 0, provisions = 0, references = 0, files = 0, bytes = 0;
  double load_ms = 0, resolve_ms = 0, render_ms = 0, search_ms = 0, write_ms = 0, total_ms = 0;
};

/// The outcome of one build: every diagnostic, and whether site/ was replaced.
struct BuildResult {
  Diagnostics diagnostics;
  BuildStats stats;
  bool written = false;
};

/// Runs every phase. On any error (or warning under `strict`) the output folder is left untouched.
BuildResult build_site(const BuildOptions& options);

}  // namespace kijun
