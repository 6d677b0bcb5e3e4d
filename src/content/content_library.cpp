#include "content/content_library.h"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <map>

#include "base/disk.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

std::string strip_order_prefix(const std::string& name) {
  // "01-terms" -> "terms": leading digits, then '-' or '_'.
  std::size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  if (digits == 0 || digits >= name.size() || (name[digits] != '-' && name[digits] != '_')) return name;
  std::string stripped = name.substr(digits + 1);
  return stripped.empty() ? name : stripped;
}

struct Loader {
  const std::string& project_root;
  const std::string& content_dir;
  ContentLibrary& lib;
  Diagnostics& diags;
  MarkdownOptions md_options;
  std::map<std::string, std::string> url_owner;  // url -> source path
  std::vector<std::string> example_keys;         // the facts an example page may record

  std::optional<int> load_page(const std::string& rel, bool is_section, int parent) {
    std::string shown = content_dir + "/" + rel;
    auto text = read_text_file(fs::path(project_root) / content_dir / rel, shown, diags);
    if (!text) return std::nullopt;
    auto file = parse_source_file(shown, *text, diags, example_keys);
    if (!file) return std::nullopt;
    Page page;
    page.source_path = shown;
    page.meta = std::move(file->meta);
    page.is_section = is_section;
    page.parent = parent;
    page.url = url_for(rel, page.meta.slug);
    auto [it, fresh] = url_owner.emplace(page.url, shown);
    if (!fresh) {
      diags.error({shown, 1, 1}, Message{"KJ305", "ページの URL「" + page.url + "」は " + it->second + " がすでに使っています",
                                         "page URL '" + page.url + "' is already used by " + it->second});
      return std::nullopt;
    }
    page.doc = std::make_unique<MarkdownDocument>(
        MarkdownDocument::parse(shown, file->body, file->body_first_line, md_options, diags));
    lib.pages.push_back(std::move(page));
    return static_cast<int>(lib.pages.size() - 1);
  }

  // Loads the folder `rel` ("" for content/ itself) whose section page is `section`.
  void load_folder(const std::string& rel, int section) {
    fs::path dir = fs::path(project_root) / content_dir / rel;
    struct Entry {
      std::string rel;
      bool folder;
    };
    std::vector<Entry> entries;
    std::error_code ec, e2;
    auto it = fs::directory_iterator(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::string child = rel.empty() ? name : rel + "/" + name;
      if (e.is_symlink(e2)) {
        diags.warning({content_dir + "/" + child, 1, 1},
                      Message{"KJ309", "シンボリックリンクは読みません。内容は content/ の中に置いてください",
                              "symbolic link ignored: content must lie inside content/"});
        continue;
      }
      if (e.is_directory(e2))
        entries.push_back({child, true});
      else if (name.size() > 3 && name.ends_with(".md") && name != "_index.md")
        entries.push_back({child, false});
    }
    if (ec) {
      // Unreadable, or removed while it was read (as `git checkout` does): say which folder.
      std::string shown = rel.empty() ? content_dir : content_dir + "/" + rel;
      diags.error({shown, 1, 1}, Message{"KJ802", "フォルダー " + shown + " を読めません: " + ec.message(),
                                         "cannot read folder " + shown + ": " + ec.message()});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.rel < b.rel; });
    std::vector<int> children;
    for (const auto& e : entries) {
      if (e.folder) {
        std::string index = e.rel + "/_index.md";
        if (!fs::exists(fs::path(project_root) / content_dir / index, e2)) {
          diags.error({content_dir + "/" + e.rel, 1, 1},
                      Message{"KJ306", "このフォルダーに _index.md（節の最初のページ）がありません",
                              "section folder has no _index.md (its landing page)"});
          continue;
        }
        if (auto p = load_page(index, true, section)) {
          children.push_back(*p);
          load_folder(e.rel, *p);
        }
      } else if (auto p = load_page(e.rel, false, section)) {
        children.push_back(*p);
      }
    }
    // Order: explicit weight first (ascending), then the file or folder name (prefixes such as 03-).
    auto key = [&](int i) {
      const Page& p = lib.pages[i];
      std::string name = p.source_path;
      if (p.is_section) name = name.substr(0, name.size() - std::string("/_index.md").size());
      return std::make_pair(p.meta.weight.value_or(LONG_MAX), fs::path(name).filename().string());
    };
    std::stable_sort(children.begin(), children.end(), [&](int a, int b) { return key(a) < key(b); });
    lib.pages[section].children = std::move(children);
  }

  void order(int page) {
    lib.reading_order.push_back(page);
    for (int c : lib.pages[page].children) order(c);
  }
};

}  // namespace

std::string url_for(const std::string& relative_path, const std::string& slug) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : relative_path + "/") {
    if (c == '/') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  std::string url;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) url += strip_order_prefix(parts[i]) + "/";
  std::string file = parts.empty() ? "" : parts.back();
  if (file == "_index.md") return url + "index.html";
  std::string stem = file.size() > 3 ? file.substr(0, file.size() - 3) : file;
  return url + (slug.empty() ? strip_order_prefix(stem) : slug) + ".html";
}

std::string root_prefix(const std::string& url) {
  std::string prefix;
  for (char c : url)
    if (c == '/') prefix += "../";
  return prefix;
}

std::string relative_url(const std::string& from_url, const std::string& to_url) {
  std::string from_dir = from_url.substr(0, from_url.rfind('/') + 1);
  // Drop the folders both share, then climb out of the rest.
  std::size_t common = 0;
  for (std::size_t i = 0; i < from_dir.size() && i < to_url.size() && from_dir[i] == to_url[i]; ++i)
    if (from_dir[i] == '/') common = i + 1;
  return root_prefix(from_dir.substr(common)) + to_url.substr(common);
}

std::optional<ContentLibrary> ContentLibrary::load(const std::string& project_root, const std::string& content_dir,
                                                   Diagnostics& diags) {
  ContentLibrary lib;
  fs::path dir = fs::path(project_root) / content_dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error({content_dir, 1, 1}, Message{"KJ307", "content フォルダーが見つかりません", "content folder not found"});
    return std::nullopt;
  }
  std::string config_path = content_dir + "/" + kSiteConfigFile;
  if (!fs::exists(dir / kSiteConfigFile, ec)) {
    diags.error({config_path, 1, 1},
                Message{"KJ501", "サイトの設定ファイル site.yaml（title、organisation、edition、effective_date）がありません",
                        "missing site settings file (title, organisation, edition, effective_date)"});
    return std::nullopt;
  }
  auto config_text = read_text_file(dir / kSiteConfigFile, config_path, diags);
  if (!config_text) return std::nullopt;
  auto config = parse_site_config(config_path, *config_text, diags);
  if (!config) return std::nullopt;
  lib.config = std::move(*config);

  Loader loader{project_root, content_dir, lib, diags, {lib.config.unsafe_html}, {}, lib.config.example_keys()};
  if (!fs::exists(dir / "_index.md", ec)) {
    diags.error({content_dir + "/_index.md", 1, 1}, Message{"KJ308", "ホームページがありません。content/_index.md を作ってください",
                                                          "missing home page: create content/_index.md"});
    return std::nullopt;
  }
  auto home = loader.load_page("_index.md", true, -1);
  if (!home) return std::nullopt;
  loader.load_folder("", *home);
  loader.order(*home);
  return lib;
}

}  // namespace kijun
