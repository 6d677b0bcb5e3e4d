#pragma once
// A Mustache theme: templates/*.mustache (one per layout), templates/partials/*.mustache, static/.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"

namespace kijun {

/// The deepest nesting of sections while a page renders (the real theme needs about ten).
inline constexpr int kMaxTemplateNesting = 200;

/// The theme's templates, parsed and checked once at load; renders view data into pages.
class Theme {
 public:
  /// Loads every template and partial under `dir` (given relative to `project_root` for messages).
  static std::optional<Theme> load(const std::string& project_root, const std::string& dir, Diagnostics& diags);

  /// The same from texts in memory (name -> template text), as if read from `dir`: for tests and fuzzing.
  static std::optional<Theme> from_texts(const std::string& dir, const std::map<std::string, std::string>& templates,
                                         const std::map<std::string, std::string>& partials, Diagnostics& diags);

  bool has_template(const std::string& name) const { return templates_.count(name) > 0; }
  /// Where a template would live, for messages.
  std::string template_path(const std::string& name) const;

  /// Renders layout `name`. Template errors (including missing partials) become diagnostics that name
  /// `for_page`; returns nullopt then. HTML over kOutputSizeLimit is KJ913 with `too_big` as its
  /// message when given (a generated page names itself), the general one otherwise. `under`, when
  /// given, is view data below `view`, as if merged into it where `view` has no such name (data that
  /// many pages share, kept once). Safe to call from several threads at once.
  std::optional<std::string> render(const std::string& name, const kainjow::mustache::data& view,
                                    const std::string& for_page, Diagnostics& diags,
                                    const std::optional<Message>& too_big = std::nullopt,
                                    const kainjow::mustache::data* under = nullptr) const;

  /// Renders partial `name` alone with `view` (e.g. the whole navigation tree, once per build).
  std::optional<std::string> render_partial(const std::string& name, const kainjow::mustache::data& view,
                                            const std::string& for_page, Diagnostics& diags) const;
  bool has_partial(const std::string& name) const { return partials_.count(name) > 0; }

  /// Files under static/: path relative to static/ -> path on disk.
  const std::vector<std::pair<std::string, std::string>>& static_files() const { return static_files_; }

 private:
  /// Checks one template or partial (KJ402) and keeps it.
  void add_source(const std::string& name, const std::string& rel_path, std::string text, bool partial,
                  Diagnostics& diags);
  /// Checks the partial cycles and compiles every layout template; false when an error was reported since `errors_before`.
  bool finish(std::size_t errors_before, Diagnostics& diags);
  /// Reports partials that include themselves, directly or through others, outside any {{#section}}.
  void check_partial_cycles(Diagnostics& diags) const;
  struct Compiled {
    std::string text;  // as written, for messages
    // Parsed at its first use (a build needs only some of the templates), with its partials
    // written in (see expand_partials in theme.cpp). Rendering only reads the parsed tree, so one
    // object serves every page and every thread (kainjow's render is not declared const).
    mutable kainjow::mustache::mustache tmpl;
    std::unique_ptr<std::once_flag> parsed = std::make_unique<std::once_flag>();
    // The size of the page it rendered last, to make room for the next (any thread's, any page's).
    std::unique_ptr<std::atomic<std::size_t>> last_size = std::make_unique<std::atomic<std::size_t>>(0);
  };
  std::optional<std::string> render_compiled(const Compiled& c, const std::string& path,
                                             const kainjow::mustache::data& view, const std::string& for_page,
                                             Diagnostics& diags, const std::optional<Message>& too_big,
                                             const kainjow::mustache::data* under) const;
  std::string dir_;
  std::map<std::string, Compiled> templates_;
  // Partials rendered alone (render_partial), each compiled at its first use: most never are.
  mutable std::map<std::string, std::unique_ptr<Compiled>> partial_templates_;
  std::unique_ptr<std::mutex> partial_templates_mutex_ = std::make_unique<std::mutex>();
  std::map<std::string, kainjow::mustache::data> partials_;  // text, for partials left to render time
  // Faults already reported (code and template): a theme fault is reported once, not once per page.
  bool first_report(const std::string& key) const;
  mutable std::set<std::string> reported_;
  std::unique_ptr<std::mutex> reported_mutex_ = std::make_unique<std::mutex>();
  std::vector<std::pair<std::string, std::string>> static_files_;
};

/// Converts kainjow's "… at 12" byte offset in `text` into a location in `path`.
SourceLocation mustache_error_location(const std::string& path, const std::string& text, const std::string& message);

}  // namespace kijun
