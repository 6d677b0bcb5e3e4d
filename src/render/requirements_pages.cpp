#include "render/requirements_pages.h"

#include <set>

#include "base/utf8.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

namespace {

// The rows of the provisions `indexes` (into registry.all()) as seen from `url`, in tables that
// start at each top-level provision (and at the first provision given).
data provision_tables(const SiteModel& site, const std::string& url, const std::vector<std::size_t>& indexes) {
  const std::vector<Provision>& all = site.registry.all();
  data chapters = data::type::list;
  data current;
  data rows = data::type::list;
  bool open = false;
  int last_page = -1;
  auto flush = [&] {
    if (!open) return;
    put(current, "rows", std::move(rows));
    append(chapters, std::move(current));
    rows = data::type::list;
    open = false;
  };
  for (std::size_t i : indexes) {
    const Provision& p = all[i];
    const std::string href = relative_url(url, site.registry.href(p));
    // A new table starts at each top-level provision (one without a parent).
    if (p.parent.empty() || !open) {
      flush();
      current = data();
      put(current, "title", p.citation == p.id ? p.text : p.citation + " " + p.text);
      put(current, "href", href);
      open = true;
      last_page = -1;
    }
    data row;
    put(row, "id", p.id);
    put(row, "citation", p.citation);
    put(row, "text", utf8::shorten(p.full_text, 120));
    put(row, "href", href);
    // The page is named on the first row of each run of rows from it, not on every row (the
    // template reads its title and link only there); the count of references, likewise, only
    // where there are some. At 76,000 rows the values not read were a fifth of the view's work.
    const bool new_page = p.page != last_page;
    put(row, "new_page", new_page);
    if (new_page) {
      put(row, "page_title", site.lib.pages[p.page].display_title());
      put(row, "page_href", relative_url(url, site.lib.pages[p.page].url));
    }
    last_page = p.page;
    const bool referenced = !p.referenced_from.empty();
    put(row, "referenced", referenced);
    if (referenced) put(row, "references", std::to_string(p.referenced_from.size()));
    put(row, "heading", p.is_heading);
    append(rows, std::move(row));
  }
  flush();
  return chapters;
}

data requirements_common(const SiteModel& site, const std::string& url) {
  data d = common_view(site, url, -1);
  put(d, "layout", "requirements");
  return d;
}

}  // namespace

bool requirements_split(const SiteModel& site) {
  return site.registry.all().size() > site.lib.config.requirements_split_above;
}

std::string requirements_chapter_name(const std::string& page_url) {
  std::string name = page_url;
  const std::string index = "index.html";
  if (name == index) return "home";
  if (name.size() > index.size() && name.compare(name.size() - index.size() - 1, std::string::npos, "/" + index) == 0)
    name.resize(name.size() - index.size() - 1);
  else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".html") == 0)
    name.resize(name.size() - 5);
  std::string safe;
  for (unsigned char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
    static const char hex[] = "0123456789abcdef";
    if (plain) safe += static_cast<char>(c);
    else if (c == '/') safe += '-';
    else safe += {hex[c >> 4], hex[c & 15]};
  }
  name = safe;
  // Never a name that a folder URL or a hidden file could be taken for.
  if (name.empty() || name[0] == '.') name = "_" + name;
  return name;
}

std::vector<RequirementsChapter> requirements_chapters(const SiteModel& site) {
  const ContentLibrary& lib = site.lib;
  // The chapter of each page: itself below the home page, else its ancestor there (the home page
  // is a chapter of its own for the provisions it holds).
  auto chapter_of = [&](int page) {
    while (page > 0 && lib.pages[page].parent > 0) page = lib.pages[page].parent;
    return page < 0 ? 0 : page;
  };
  std::vector<int> slot(lib.pages.size(), -1);  // chapter page -> index in `chapters`
  std::vector<RequirementsChapter> chapters;
  for (int pi : lib.reading_order) {
    const int c = chapter_of(pi);
    if (slot[c] >= 0) continue;
    slot[c] = static_cast<int>(chapters.size());
    chapters.push_back({c, "", {}});
  }
  const std::vector<Provision>& all = site.registry.all();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const int c = chapter_of(all[i].page);
    if (slot[c] < 0) {  // a page outside the reading order: its chapter comes last
      slot[c] = static_cast<int>(chapters.size());
      chapters.push_back({c, "", {}});
    }
    chapters[slot[c]].provisions.push_back(i);
  }
  std::vector<RequirementsChapter> kept;
  std::set<std::string> names;
  for (RequirementsChapter& c : chapters) {
    if (c.provisions.empty()) continue;
    const std::string base = requirements_chapter_name(lib.pages[c.page].url);
    std::string name = base;
    for (int n = 2; !names.insert(name).second; ++n) name = base + "-" + std::to_string(n);
    c.url = "requirements/" + name + ".html";
    kept.push_back(std::move(c));
  }
  return kept;
}

data requirements_view(const SiteModel& site, const std::string& url) {
  data d = requirements_common(site, url);
  put(d, "title", "要件一覧");
  std::vector<std::size_t> every(site.registry.all().size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
  put(d, "chapters", provision_tables(site, url, every));
  put(d, "count", std::to_string(every.size()));
  return d;
}

data requirements_overview_view(const SiteModel& site, const std::vector<RequirementsChapter>& chapters) {
  const std::string url = kRequirementsUrl;
  data d = requirements_common(site, url);
  put(d, "title", "要件一覧");
  data list = data::type::list;
  for (const RequirementsChapter& c : chapters) {
    const Page& page = site.lib.pages[c.page];
    data row = link_view(page.display_title(), relative_url(url, c.url));
    put(row, "count", std::to_string(c.provisions.size()));
    put(row, "page_href", relative_url(url, page.url));
    append(list, std::move(row));
  }
  put(d, "req_chapters", std::move(list));
  put(d, "chapter_count", std::to_string(chapters.size()));
  put(d, "count", std::to_string(site.registry.all().size()));
  return d;
}

data requirements_chapter_view(const SiteModel& site, const std::vector<RequirementsChapter>& chapters, std::size_t i) {
  const RequirementsChapter& c = chapters[i];
  const Page& page = site.lib.pages[c.page];
  data d = requirements_common(site, c.url);
  put(d, "title", "要件一覧 " + page.display_title());
  data chapter = link_view(page.display_title(), relative_url(c.url, page.url));
  put(d, "chapter", chapter);
  put(d, "chapters", provision_tables(site, c.url, c.provisions));
  put(d, "count", std::to_string(c.provisions.size()));
  put(d, "total", std::to_string(site.registry.all().size()));
  if (i > 0)
    put(d, "prev", link_view(site.lib.pages[chapters[i - 1].page].display_title(), relative_url(c.url, chapters[i - 1].url)));
  if (i + 1 < chapters.size())
    put(d, "next", link_view(site.lib.pages[chapters[i + 1].page].display_title(), relative_url(c.url, chapters[i + 1].url)));
  return d;
}

}  // namespace kijun
