#pragma once
// The orchestrator: the only code that knows the order of the phases.
//   load    content/ (settings, front matter, Markdown) and the theme
//   resolve requirement IDs and references across all pages
//   render  every page through the theme, plus the generated pages and exports
//   write   into a staging folder, then swap it in for site/

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "render/edition_view.h"

namespace kijun {

/// What to build from where. Paths are relative to `project_root` (and shown so in messages).
struct BuildOptions {
  std::string project_root = ".";
  std::string content_dir = "content";
  std::string theme_dir = "themes/default";
  std::string out_dir = "site";
  std::string editions_dir = kEditionsDir;            ///< published edition records
  std::string lunr_js = "node_modules/lunr/lunr.js";  ///< copied into the site for search
  bool strict = false;                                ///< warnings fail the build too
  /// false: write nothing to disk; the finished site is returned in BuildResult::files instead
  /// (the same checks apply: unsafe or duplicate output paths are errors). For the preview.
  bool write = true;
};

/// Figures of one build.
struct BuildStats {
  std::size_t pages = 0, provisions = 0, references = 0, files = 0, bytes = 0;
  std::size_t glossary_entries = 0;          ///< entries of the 用語集
  std::size_t glossary_provision_links = 0;  ///< provisions its entries link to (definitions and uses)
  std::size_t term_links = 0;                ///< first uses of terms linked on the standard's pages
  std::size_t search_shards = 0;             ///< term and document shards of sharded search data (0: one file)
  /// Phases, wall time. The index (search_ms, with search_write_ms for posting its files) is built
  /// on its own thread while the pages (past those searched whole) and the generated pages render,
  /// so render_ms and search_ms overlap.
  double load_ms = 0, resolve_ms = 0, render_ms = 0, search_ms = 0, write_ms = 0, total_ms = 0;
  double search_write_ms = 0;
  double writer_ms = 0;  ///< the write queue's threads, storing files, summed (they overlap every phase after load)
  double lint_ms = 0;  ///< the lint pass (file names, NUL bytes, page bodies), part of load and resolve
};

/// The outcome of one build: every diagnostic, and whether site/ was replaced (or, with
/// `BuildOptions::write` false, whether the site in `files` is complete).
struct BuildResult {
  Diagnostics diagnostics;
  BuildStats stats;
  bool written = false;
  bool cancelled = false;  ///< SiteBuild::cancel() stopped it: nothing was written, and the messages are not all there
  /// With `BuildOptions::write` false and a successful build: every output file, static files and
  /// lunr.js included, site-relative '/'-separated path -> bytes. Empty otherwise.
  std::map<std::string, std::string> files;
};

class ParseCache;

/// Runs every phase. On any error (or warning under `strict`) the output folder is left untouched.
BuildResult build_site(const BuildOptions& options);

/// One build in two steps, for the preview: prepare() loads and resolves (phases 1 and 2), after
/// which single pages can be rendered at once on request, while finish() renders and writes the
/// whole site (phases 3 to 5). build_site() is prepare() then finish().
class SiteBuild {
 public:
  /// Phases 1 and 2. With a `cache`, the files parsed by its last build with the same text are not
  /// parsed again (the trees are lent: call give_back() when the build is done with).
  static std::unique_ptr<SiteBuild> prepare(const BuildOptions& options, ParseCache* cache = nullptr);
  ~SiteBuild();
  SiteBuild(const SiteBuild&) = delete;
  SiteBuild& operator=(const SiteBuild&) = delete;

  /// True when load and resolve found no error (nor, under `strict`, a warning): the pages can be rendered.
  bool ready() const;
  /// What load and resolve reported, and their figures.
  const Diagnostics& diagnostics() const;
  const BuildStats& stats() const;

  /// The content of the site file at `path` (site-relative, '/'-separated) when it is one that does
  /// not need the whole site: a content page, its checklist CSV, the navigation script, a static
  /// file of the theme, lunr.js. nullopt for any other path, when not ready(), or without a cache
  /// (prepare()'s). Each page is rendered once per build, whether first asked for here or by
  /// finish(); safe from any thread.
  std::optional<std::string> render_file(const std::string& path);

  /// Phases 3 to 5: the whole site (into site/, or into BuildResult::files). Call once.
  BuildResult finish();
  /// Asks a finish() under way (or to come) to stop as soon as it can: it skips the pages not yet
  /// rendered and what follows them, writes nothing and returns with `cancelled`. The search
  /// index, once started, is built to its end. Safe from any thread.
  void cancel();

  /// Gives the pages' trees back to `cache` (the one given to prepare()). Call after finish(),
  /// once no render_file() can run any more; the build renders nothing after it.
  void give_back(ParseCache& cache);

 private:
  SiteBuild();
  struct State;
  std::unique_ptr<State> s_;
};

/// `kijun check`: every check a build makes, writing nothing (the site is built in memory and
/// dropped). The preview calls it too. `written` tells whether the site would have been built.
BuildResult check_site(const BuildOptions& options);

/// Loads and resolves content/ and reads the published editions: the working text as an edition,
/// the records, and the comparisons between them. nullopt when content/ has errors.
std::optional<EditionSite> load_edition_site(const BuildOptions& options, Diagnostics& diags);

}  // namespace kijun
