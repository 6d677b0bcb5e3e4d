#pragma once
// content/ as a tree of sections and pages, in reading order, with their site URLs.

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/diagnostic.h"
#include "content/front_matter.h"
#include "content/markdown.h"
#include "content/site_config.h"

namespace kijun {

class ParseCache;

/// One Markdown file of content/.
struct Page {
  std::string source_path;  ///< project-relative, e.g. content/03-important/01-selection.md
  std::string url;          ///< site-relative, e.g. important/selection.html
  PageMeta meta;
  bool is_section = false;    ///< a folder's _index.md (or the home page)
  int parent = -1;            ///< the section page above it; -1 for the home page
  std::vector<int> children;  ///< pages and sections of a section, in order
  std::unique_ptr<MarkdownDocument> doc;
  std::string body;         ///< the Markdown after the front matter, as written (for the lint pass)
  int body_first_line = 1;  ///< the line of the file `body` starts on
  /// Where the lint pass keeps the messages of this body when a cache (content/parse_cache.h)
  /// holds the file's parse: filled by the first lint of this text, reused by the next. Null without a cache.
  std::shared_ptr<std::optional<Diagnostics>> body_lint;

  /// "3.1 クラウドサービスの選定条件" or just the title.
  std::string display_title() const { return meta.number.empty() ? meta.title : meta.number + " " + meta.title; }
};

/// A page that could not be loaded. The requirement IDs its text seems to define are unavailable
/// rather than unknown: references to them are counted, not reported one by one.
struct UnavailablePage {
  std::string source_path;
  std::vector<std::string> ids;  ///< `{#ID}` markers and the front matter's `id:` found in its text
};

/// The file a backup copy was made of ("04-operation - コピー.md" -> "04-operation.md"), or nullopt
/// when `name` does not look like one (` - コピー`, `のコピー`, ` (1)`, `~`, `.bak`, `.orig`).
std::optional<std::string> backup_original(const std::string& name);

/// All pages of the site, loaded and parsed, not yet rendered.
struct ContentLibrary {
  SiteConfig config;
  std::vector<Page> pages;         ///< pages[0] is the home page (content/_index.md)
  std::vector<int> reading_order;  ///< home, then depth-first through sections
  std::vector<UnavailablePage> unavailable;  ///< pages (and pages under sections) left out by errors
  /// The `.md` files (relative to content/) that the load read whole and found without a NUL byte:
  /// the lint pass (KJ334) need not read them again.
  std::unordered_set<std::string> read_without_nul;

  /// The first page of `type` in reading order (e.g. the guide, linked from every page), or -1.
  int first_of(PageType type) const;

  /// Reads `content_dir` (relative to `project_root`). Problems are reported; pages with errors are left out.
  /// With a `cache` (the preview's), files parsed by the last load with the same text are not parsed again.
  static std::optional<ContentLibrary> load(const std::string& project_root, const std::string& content_dir,
                                            Diagnostics& diags, ParseCache* cache = nullptr);
};

/// The URL of a content file: numeric prefixes ("03-") stripped, .md -> .html, _index.md -> index.html.
std::string url_for(const std::string& relative_path, const std::string& slug = "");

/// A relative link from the page at `from_url` to `to_url` (both site-relative), e.g. "../a/b.html#x".
std::string relative_url(const std::string& from_url, const std::string& to_url);

/// "../" repeated once per folder of `url`: the path from that page back to the site root.
std::string root_prefix(const std::string& url);

}  // namespace kijun
