#include "render/edition_view.h"

#include "base/html.h"
#include "requirements/edition_text.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

const Comparison* EditionSite::draft_comparison() const {
  for (const auto& c : comparisons)
    if (c.draft) return &c;
  return nullptr;
}

std::string archived_url(const EditionRecord& r, const std::string& page_url) {
  return "editions/" + r.slug() + "/" + page_url;
}

EditionSite plan_editions(const ContentLibrary& lib, const RequirementRegistry& registry,
                          std::vector<EditionRecord> records, bool with_working) {
  EditionSite es;
  es.records = std::move(records);
  es.draft = lib.config.draft;
  const EditionRecord* last = es.records.empty() ? nullptr : &es.records.back();
  if (with_working || (last && last->has_text)) es.working = working_edition(lib, registry);
  if (es.draft && last) {
    es.shown_name = last->name;
    es.shown_effective = wareki(last->effective);
    es.shown_effective_iso = iso_date(last->effective);
  } else {
    es.shown_name = lib.config.edition;
    es.shown_effective = lib.config.effective_date;
    es.shown_effective_iso = lib.config.effective_date_iso;
  }
  for (std::size_t i = 1; i < es.records.size(); ++i) {
    const EditionRecord &a = es.records[i - 1], &b = es.records[i];
    if (!a.has_text || !b.has_text) continue;
    Comparison c;
    c.diff = diff_editions(a, b);
    c.url = shinkyu_url(a.slug(), b.slug());
    c.effective = wareki(b.effective);
    c.effective_iso = iso_date(b.effective);
    es.comparisons.push_back(std::move(c));
  }
  if (last && last->has_text) {
    Comparison c;
    c.diff = diff_editions(*last, es.working);
    c.diff.to = es.working.name != last->name ? es.working.name + "(改正案)" : "改正案";
    c.url = shinkyu_url(last->slug(), "draft");
    c.draft = true;
    if (!c.diff.empty()) es.comparisons.push_back(std::move(c));
  }
  for (auto& c : es.comparisons) {
    const std::string stem = c.url.substr(0, c.url.size() - 5);
    c.csv_url = stem + ".csv";
    c.print_css_url = stem + ".print.css";
  }
  // Badges: the changes of the newest published edition, and those of the draft.
  const Comparison* newest = nullptr;
  for (const auto& c : es.comparisons)
    if (!c.draft) newest = &c;
  for (const Comparison* c : {newest, es.draft_comparison()}) {
    if (!c) continue;
    const std::string who = c->draft ? "改正案" : c->diff.to;
    for (const auto& row : c->diff.rows)
      if (row.after.present)
        es.badges[row.id].push_back({who + "で" + change_label(row.kinds.front()), c->url + "#" + row.id});
  }
  for (std::size_t i = 0; i < es.records.size(); ++i)
    if (es.records[i].has_text && (es.draft || es.records[i].name != lib.config.edition)) es.archived.push_back(i);
  return es;
}

data history_view(const EditionSite& es, const std::string& from_url) {
  data rows = data::type::list;
  for (std::size_t i = 0; i < es.records.size(); ++i) {
    const EditionRecord& r = es.records[i];
    data row;
    put(row, "effective", wareki(r.effective));
    put(row, "effective_iso", iso_date(r.effective));
    put(row, "name", r.name);
    put(row, "text", r.history_text());
    for (const auto& c : es.comparisons)
      if (!c.draft && c.diff.to == r.name) put(row, "shinkyu_href", relative_url(from_url, c.url));
    for (std::size_t a : es.archived)
      if (a == i) put(row, "archive_href", relative_url(from_url, archived_url(r, "index.html")));
    rows << row;
  }
  data d;
  put(d, "rows", rows);
  put(d, "has_rows", !es.records.empty());
  if (const Comparison* c = es.draft_comparison()) {
    put(d, "draft_href", relative_url(from_url, c->url));
    put(d, "draft_title", shinkyu_title(c->diff));
  }
  return d;
}

std::vector<ArchivedPage> archived_pages(const SiteModel& site, const EditionRecord& r) {
  std::vector<ArchivedPage> out;
  auto base = [&](const std::string& url, const std::string& title) {
    data d = common_view(site, url, -1);
    data pg;
    put(pg, "title", title);
    put(pg, "display_title", title);
    put(d, "page", pg);
    put(d, "layout", "edition");
    put(d, "edition_name", r.name);
    put(d, "edition_effective", wareki(r.effective));
    put(d, "edition_effective_iso", iso_date(r.effective));
    put(d, "edition_index_href", relative_url(url, archived_url(r, "index.html")));
    return d;
  };
  // Index: the pages of the edition.
  {
    const std::string url = archived_url(r, "index.html");
    data d = base(url, r.name + " の本文");
    data pages = data::type::list;
    for (const auto& p : r.pages)
      pages << link_view(p.number.empty() ? p.title : p.number + " " + p.title,
                         relative_url(url, archived_url(r, p.url)));
    put(d, "pages", pages);
    put(d, "is_index", true);
    put(d, "current_href", relative_url(url, site.lib.pages[0].url));
    out.push_back({url, std::move(d)});
  }
  std::map<std::string, int> depth;
  for (const auto& p : r.provisions) depth[p.id] = p.parent.empty() ? 0 : depth[p.parent] + 1;
  for (const auto& pg : r.pages) {
    const std::string url = archived_url(r, pg.url);
    data d = base(url, pg.number.empty() ? pg.title : pg.number + " " + pg.title);
    put(d, "page_id", pg.id);
    data provs = data::type::list;
    for (const auto& p : r.provisions) {
      if (p.page != pg.url) continue;
      data v;
      put(v, "id", p.id);
      put(v, "citation", p.citation);
      put(v, "heading", p.heading);
      put(v, "page_heading", p.id == pg.id);
      put(v, "text", p.text);
      put(v, "body", p.body);
      put(v, "depth", std::to_string(depth[p.id]));
      if (const Provision* now = site.registry.find(p.id))
        put(v, "current_href", relative_url(url, site.registry.href(*now)));
      provs << v;
    }
    put(d, "provisions", provs);
    const Page* current = nullptr;
    for (const auto& cp : site.lib.pages)
      if (!pg.id.empty() && cp.meta.id == pg.id) current = &cp;
    put(d, "current_href", relative_url(url, current ? current->url : site.lib.pages[0].url));
    out.push_back({url, std::move(d)});
  }
  return out;
}

}  // namespace kijun
