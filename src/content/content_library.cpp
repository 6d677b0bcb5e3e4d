#include "content/content_library.h"

#include "content/parse_cache.h"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "base/disk.h"
#include "base/parallel.h"
#include "content/content_lint.h"

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

bool ends_with(std::string_view s, std::string_view tail) { return s.size() >= tail.size() && s.ends_with(tail); }

// The requirement IDs a file's raw bytes seem to define: `{#ID}` markers and a front matter `id:`.
// Reads no more than a page may hold (the file may be an oversized page, refused with KJ910).
std::vector<std::string> ids_in_file(const fs::path& file) {
  std::vector<std::string> ids;
  std::ifstream in(file, std::ios::binary);
  std::string text(kPageSizeLimit.bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  for (std::size_t i = text.find("{#"); i != std::string::npos; i = text.find("{#", i + 2)) {
    // Only a `}` within 80 bytes closes it: looking further would make the scan quadratic.
    std::size_t close = std::string_view(text).substr(i, 81).find('}');
    if (close == std::string::npos) continue;
    close += i;
    std::string id = text.substr(i + 2, close - i - 2);
    if (is_requirement_id(id)) ids.push_back(id);
  }
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    if (line.starts_with("id:")) {
      std::string id(line.substr(3));
      id.erase(0, id.find_first_not_of(" \t\"'"));
      id.erase(id.find_last_not_of(" \t\r\"'") + 1);
      if (is_requirement_id(id)) ids.push_back(id);
      break;
    }
    pos = end + 1;
  }
  return ids;
}

}  // namespace

std::optional<std::string> backup_original(const std::string& name) {
  std::string stem = name, ext;
  for (const char* tail : {"~", ".bak", ".orig"})
    if (ends_with(stem, tail) && stem.size() > std::string_view(tail).size()) {
      std::string original = stem.substr(0, stem.size() - std::string_view(tail).size());
      if (ends_with(original, ".md")) return original;  // 04-operation.md~, 04-operation.md.bak
      if (ends_with(name, ".md")) break;
      return original;  // a folder: 03-important.bak
    }
  if (ends_with(stem, ".md")) {
    stem.resize(stem.size() - 3);
    ext = ".md";
  }
  for (const char* tail : {"~", ".bak", ".orig"})  // 04-operation~.md, 04-operation.bak.md
    if (ends_with(stem, tail) && stem.size() > std::string_view(tail).size())
      return stem.substr(0, stem.size() - std::string_view(tail).size()) + ext;
  // " (1)", "(2)", "（1）", then " - コピー" / "のコピー" (Windows Explorer), in any combination.
  std::string base = stem;
  auto strip_number = [&] {
    for (const auto& [open, close] : {std::pair<std::string, std::string>{"(", ")"}, {"（", "）"}}) {
      if (!ends_with(base, close)) continue;
      std::size_t at = base.rfind(open);
      if (at == std::string::npos || at == 0) continue;
      std::string digits = base.substr(at + open.size(), base.size() - close.size() - at - open.size());
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
      base.resize(at);
      while (ends_with(base, " ")) base.pop_back();
      return true;
    }
    return false;
  };
  bool copy = strip_number();
  for (const char* tail : {" - コピー", "のコピー", " - Copy", " copy"})
    if (ends_with(base, tail) && base.size() > std::string_view(tail).size()) {
      base.resize(base.size() - std::string_view(tail).size());
      copy = true;
      break;
    }
  if (!copy || base.empty()) return std::nullopt;
  return base + ext;
}

namespace {

// A YAML double-quoted scalar holding `text`.
std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

struct Loader {
  const std::string& project_root;
  const std::string& content_dir;
  ContentLibrary& lib;
  Diagnostics& diags;
  MarkdownOptions md_options;
  struct UrlOwner {
    std::string path;
    std::optional<SourceLocation> slug;  // where its `slug:` is written, if it has one
  };
  std::map<std::string, UrlOwner> url_owner;  // url -> the page that has it
  std::vector<std::string> example_keys;         // the facts an example page may record
  ParseCache* cache = nullptr;                   // the parses of the last load, or none
  // Every .md file under content/, read and parsed on every core before the walk (which decides,
  // in order, what becomes of each): by path relative to content/. The walk copies what it needs
  // and takes the tree, so that a cache can keep the rest for the next load.
  std::map<std::string, std::unique_ptr<ParsedFile>> prepared;

  void prepare_all() {
    std::vector<std::pair<const std::string, std::unique_ptr<ParsedFile>>*> todo;
    for (const std::string& rel : list_files_recursive(fs::path(project_root) / content_dir))
      if (rel.ends_with(".md")) todo.push_back(&*prepared.emplace(rel, nullptr).first);
    std::vector<std::unique_ptr<ParsedFile>> read(todo.size());
    std::vector<char> without_nul(todo.size(), 0);
    parallel_for(todo.size(), [&](std::size_t i) {
      const std::string& rel = todo[i]->first;
      const fs::path path = fs::path(project_root) / content_dir / rel;
      if (cache) {
        // A file whose bytes are those the cache parsed (and read, with its checks) last time keeps that parse.
        std::error_code ec;
        if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) <= kPageSizeLimit.bytes && !ec) {
          try {
            const std::string bytes = read_bytes(path);
            if (auto hit = cache->take(rel, bytes)) {
              todo[i]->second = std::move(hit);
              without_nul[i] = bytes.find('\0') == std::string::npos;
              return;
            }
          } catch (const std::exception&) {
            // read again below, which says what is wrong
          }
        }
      }
      auto p = std::make_unique<ParsedFile>();
      p->text = read_text_file(path, content_dir + "/" + rel, p->front, &kPageSizeLimit);
      without_nul[i] = p->text && p->text->find('\0') == std::string::npos;
      read[i] = std::move(p);
    });
    for (std::size_t i = 0; i < todo.size(); ++i)
      if (without_nul[i]) lib.read_without_nul.insert(todo[i]->first);
    parallel_for(todo.size(), [&](std::size_t i) {
      if (!read[i]) return;
      ParsedFile& p = *read[i];
      const std::string shown = content_dir + "/" + todo[i]->first;
      if (p.text) p.file = parse_source_file(shown, *p.text, p.front, example_keys);
      // The lint pass reads the tree as parsed, here, instead of parsing the body again.
      if (p.file)
        p.doc = std::make_unique<MarkdownDocument>(MarkdownDocument::parse(
            shown, p.file->body, p.file->body_first_line, md_options, p.body, [&](cmark_node* root) {
              *p.body_lint = lint_body({shown, p.file->body, p.file->body_first_line, p.file->meta}, root);
            }));
      todo[i]->second = std::move(read[i]);
    });
  }

  // `default_title`: for a section's _index.md that does not exist, the page it stands for (a
  // title and nothing else) instead of an error.
  std::optional<int> load_page(const std::string& rel, bool is_section, int parent,
                               const std::string* default_title = nullptr) {
    std::string shown = content_dir + "/" + rel;
    std::error_code ec;
    std::optional<std::string> text;
    std::optional<SourceFile> file;
    ParsedFile* ready = nullptr;
    if (default_title && !fs::exists(fs::path(project_root) / content_dir / rel, ec)) {
      text = "---\ntitle: " + yaml_quoted(*default_title) + "\n---\n";
    } else if (auto it = prepared.find(rel); it != prepared.end()) {
      ready = it->second.get();
      diags.merge(Diagnostics(ready->front));
      if (!ready->text || !ready->file) return unavailable(rel, is_section);
      file = ready->file;
    } else {
      text = read_text_file(fs::path(project_root) / content_dir / rel, shown, diags, &kPageSizeLimit);
    }
    if (!ready) {
      if (!text) return unavailable(rel, is_section);
      file = parse_source_file(shown, *text, diags, example_keys);
    }
    if (!file) return unavailable(rel, is_section);
    Page page;
    page.source_path = shown;
    page.meta = std::move(file->meta);
    page.is_section = is_section;
    page.parent = parent;
    page.url = url_for(rel, page.meta.slug);
    auto [it, fresh] = url_owner.emplace(page.url, UrlOwner{shown, page.meta.slug.empty() ? std::nullopt
                                                                                   : std::optional(page.meta.slug_location)});
    if (!fresh) {
      // At the `slug:` that makes the URL clash: this page's, else the earlier page's, else the file.
      if (!page.meta.slug.empty() || !it->second.slug)
        diags.error(page.meta.slug.empty() ? SourceLocation{shown, 1, 1} : page.meta.slug_location,
                    Message{"KJ305", "ページの URL「" + page.url + "」は " + it->second.path + " がすでに使っています",
                            "page URL '" + page.url + "' is already used by " + it->second.path});
      else
        diags.error(*it->second.slug, Message{"KJ305", "ページの URL「" + page.url + "」は " + shown + " も使います",
                                              "page URL '" + page.url + "' is used by " + shown + " too"});
      return unavailable(rel, is_section);
    }
    if (ready) {
      diags.merge(Diagnostics(ready->body));
      page.doc = std::move(ready->doc);
      page.body_lint = ready->body_lint;
    } else {
      page.doc = std::make_unique<MarkdownDocument>(
          MarkdownDocument::parse(shown, file->body, file->body_first_line, md_options, diags));
    }
    if (ready && !cache) {
      // The file's text is the loader's to give (a cache would keep it to compare the next load's
      // bytes with): its body is taken in place, not copied into a string of its own.
      const std::size_t from = static_cast<std::size_t>(file->body.data() - ready->text->data()), size = file->body.size();
      page.body = std::move(*ready->text);
      page.body.erase(0, from);
      page.body.resize(size);
      ready->text.reset();
    } else {
      page.body = std::string(file->body);
    }
    page.body_first_line = file->body_first_line;
    lib.pages.push_back(std::move(page));
    return static_cast<int>(lib.pages.size() - 1);
  }

  // Records a page left out by an error, and for a section every page under it, which is left out too.
  std::optional<int> unavailable(const std::string& rel, bool is_section) {
    const fs::path root = fs::path(project_root) / content_dir;
    lib.unavailable.push_back({content_dir + "/" + rel, ids_in_file(root / rel)});
    if (!is_section) return std::nullopt;
    std::error_code ec;
    const fs::path folder = (root / rel).parent_path();
    auto it = fs::recursive_directory_iterator(folder, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code e2;
      if (it->is_symlink(e2) || !it->is_regular_file(e2) || it->path().extension() != ".md") continue;
      if (it->path() == root / rel) continue;
      auto below = fs::relative(it->path(), root, e2).generic_string();
      lib.unavailable.push_back({content_dir + "/" + below, ids_in_file(it->path())});
    }
    return std::nullopt;
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
      const bool folder = e.is_directory(e2);
      if (auto original = backup_original(name); original && (folder || name.ends_with(".md"))) {
        // Loaded, a copy would define every ID of its original a second time.
        diags.error({content_dir + "/" + child, 1, 1},
                    Message{"KJ320",
                            "バックアップの写しのようです（元は " + *original +
                                "）。要らなければ消し、残すなら content/ の外に移してください",
                            "looks like a backup copy of " + *original +
                                ": remove it or move it out of content/"});
        continue;
      }
      if (auto original = backup_original(name)) {
        diags.warning({content_dir + "/" + child, 1, 1},
                      Message{"KJ321",
                              "バックアップのファイルのようです（元は " + *original +
                                  "）。読みませんが、要らなければ消してください",
                              "looks like a backup file of " + *original + " (not read): remove it"});
        continue;
      }
      if (folder)
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
        // A folder without _index.md is a section titled by its name (without its order prefix).
        const std::string title = strip_order_prefix(fs::path(e.rel).filename().string());
        if (!fs::exists(fs::path(project_root) / content_dir / (e.rel + "/_index.md"), e2))
          diags.warning({content_dir + "/" + e.rel, 1, 1},
                        Message{"KJ306", "このフォルダーに _index.md（節の最初のページ）がありません。フォルダー名「" + title +
                                             "」を題名にした本文のないページにします",
                                "section folder has no _index.md (its landing page): it gets a page titled '" + title +
                                    "' and no text"});
        if (auto p = load_page(e.rel + "/_index.md", true, section, &title)) {
          children.push_back(*p);
          load_folder(e.rel, *p);
        }
      } else if (auto p = load_page(e.rel, false, section)) {
        children.push_back(*p);
      }
    }
    // Order: each page's number is its `weight`, or else the number its name starts with ("03-" is
    // 3; no number sorts last); smaller first, then by name. So `weight: 100` moves a page to the end
    // and `weight: 2` puts it between 02- and 03- (after 02-, the names breaking the tie).
    auto key = [&](int i) {
      const Page& p = lib.pages[i];
      std::string name = p.source_path;
      if (p.is_section) name = name.substr(0, name.size() - std::string("/_index.md").size());
      name = fs::path(name).filename().string();
      long number = LONG_MAX;
      if (p.meta.weight) {
        number = *p.meta.weight;
      } else if (!name.empty() && name[0] >= '0' && name[0] <= '9') {
        number = 0;
        for (std::size_t k = 0; k < name.size() && name[k] >= '0' && name[k] <= '9' && number < 1000000000; ++k)
          number = number * 10 + (name[k] - '0');
      }
      return std::make_pair(number, name);
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
  // Drop the folders both share, then climb out of the rest of from_url's folder (written in one
  // string: a page's links and navigation make about a hundred of these).
  const std::size_t dir_end = from_url.rfind('/') + 1;  // 0 without a folder
  std::size_t common = 0;
  for (std::size_t i = 0; i < dir_end && i < to_url.size() && from_url[i] == to_url[i]; ++i)
    if (from_url[i] == '/') common = i + 1;
  std::size_t ups = 0;
  for (std::size_t i = common; i < dir_end; ++i) ups += from_url[i] == '/';
  std::string out;
  out.reserve(ups * 3 + (to_url.size() - common));
  for (; ups > 0; --ups) out += "../";
  out.append(to_url, common);
  return out;
}

std::optional<ContentLibrary> ContentLibrary::load(const std::string& project_root, const std::string& content_dir,
                                                   Diagnostics& diags, ParseCache* cache) {
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
  auto config_text = read_text_file(dir / kSiteConfigFile, config_path, diags, &kSiteConfigSizeLimit);
  if (!config_text) return std::nullopt;
  auto config = parse_site_config(config_path, *config_text, diags);
  if (!config) return std::nullopt;
  lib.config = std::move(*config);

  Loader loader{project_root, content_dir, lib, diags, {lib.config.unsafe_html}, {}, lib.config.example_keys(), cache, {}};
  if (cache) {
    // What every file's parse depends on besides its own text.
    std::string settings = lib.config.unsafe_html ? "unsafe_html\n" : "safe\n";
    for (const std::string& key : loader.example_keys) settings += key + "\n";
    cache->begin(settings);
  }
  // Without content/_index.md the home page is the site's title alone.
  if (!fs::exists(dir / "_index.md", ec))
    diags.warning({content_dir + "/_index.md", 1, 1},
                  Message{"KJ308", "ホームページ content/_index.md がありません。サイト名だけのホームページにします",
                          "no home page content/_index.md: the home page is the site's title alone"});
  loader.prepare_all();
  auto home = loader.load_page("_index.md", true, -1, &lib.config.title);
  if (!home) {
    if (cache) cache->store(std::move(loader.prepared));
    return std::nullopt;
  }
  loader.load_folder("", *home);
  loader.order(*home);
  if (cache) cache->store(std::move(loader.prepared));
  return lib;
}

int ContentLibrary::first_of(PageType type) const {
  for (int i : reading_order)
    if (pages[i].meta.type == type) return i;
  return -1;
}

}  // namespace kijun
