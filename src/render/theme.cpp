#include "render/theme.h"

#include <filesystem>
#include <regex>

#include "base/disk.h"

namespace kijun {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

namespace {

// Looks partials up only among the theme's partials, and remembers the names that are missing.
class StrictContext : public kainjow::mustache::context<std::string> {
 public:
  StrictContext(const data* view, const std::map<std::string, data>& partials)
      : kainjow::mustache::context<std::string>(view), partials_(partials) {}
  const data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it != partials_.end()) return &it->second;
    missing.insert(name);
    return &empty_;
  }
  mutable std::set<std::string> missing;

 private:
  const std::map<std::string, data>& partials_;
  data empty_{std::string()};
};

std::string strip_offset(const std::string& message) {
  static const std::regex at(R"( at \d+$)");
  return std::regex_replace(message, at, "");
}

}  // namespace

SourceLocation mustache_error_location(const std::string& path, const std::string& text, const std::string& message) {
  static const std::regex at(R"( at (\d+)$)");
  std::smatch m;
  if (std::regex_search(message, m, at)) return locate(path, text, std::stoul(m[1]));
  return {path, 1, 1};
}

std::string Theme::template_path(const std::string& name) const { return dir_ + "/templates/" + name + ".mustache"; }

std::optional<Theme> Theme::load(const std::string& project_root, const std::string& dir, Diagnostics& diags) {
  Theme theme;
  theme.dir_ = dir;
  fs::path root = fs::path(project_root) / dir;
  std::size_t errors_before = diags.error_count();
  if (!fs::is_directory(root / "templates")) {
    diags.error({dir + "/templates", 1, 1}, "theme folder has no templates/ folder");
    return std::nullopt;
  }
  auto load_folder = [&](const fs::path& folder, const std::string& rel, bool partial) {
    if (!fs::is_directory(folder)) return;
    for (const auto& file : list_files(folder, ".mustache")) {
      std::string name = fs::path(file).stem().string();
      std::string rel_path = rel + "/" + file;
      auto text = read_text_file(folder / file, rel_path, diags);
      if (!text) continue;
      mustache tmpl(*text);
      if (!tmpl.is_valid()) {
        diags.error(mustache_error_location(rel_path, *text, tmpl.error_message()),
                    "template error: " + strip_offset(tmpl.error_message()));
        continue;
      }
      if (partial)
        theme.partials_.emplace(name, data(*text));
      else
        theme.templates_.emplace(name, *text);
    }
  };
  load_folder(root / "templates", dir + "/templates", false);
  load_folder(root / "templates" / "partials", dir + "/templates/partials", true);
  fs::path static_dir = root / "static";
  if (fs::is_directory(static_dir))
    for (const auto& file : list_files_recursive(static_dir))
      theme.static_files_.emplace_back(file, (static_dir / file).string());
  if (diags.error_count() != errors_before) return std::nullopt;
  return theme;
}

std::optional<std::string> Theme::render(const std::string& name, const data& view, const std::string& for_page,
                                         Diagnostics& diags) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    diags.error({for_page, 1, 1}, "the theme has no template '" + name + "' (expected " + template_path(name) + ")");
    return std::nullopt;
  }
  mustache tmpl(it->second);
  StrictContext ctx(&view, partials_);
  std::string out = tmpl.render(ctx);
  if (!ctx.missing.empty()) {
    for (const auto& p : ctx.missing)
      diags.error(mustache_error_location(template_path(name), it->second, ""),
                  "missing partial '" + p + "' (expected " + dir_ + "/templates/partials/" + p + ".mustache)");
    return std::nullopt;
  }
  if (!tmpl.is_valid()) {
    diags.error({template_path(name), 1, 1},
                "template error while rendering " + for_page + ": " + strip_offset(tmpl.error_message()));
    return std::nullopt;
  }
  return out;
}

}  // namespace kijun
