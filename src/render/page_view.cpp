#include "render/page_view.h"

#include "render/edition_view.h"
#include "render/glossary_view.h"
#include "render/requirements_pages.h"
#include "render/example.h"
#include "render/nav_view.h"
#include "render/short_links.h"
#include "render/view_data.h"
#include "base/html.h"
#include "base/utf8.h"

namespace kijun {

using kainjow::mustache::data;

data link_view(const std::string& title, const std::string& href) {
  data d;
  put(d, "title", title);
  put(d, "href", href);
  return d;
}

data breadcrumbs_view(const SiteModel& site, int deepest, const std::string& from_url) {
  std::vector<int> chain;
  for (int a = deepest; a >= 0; a = site.lib.pages[a].parent) chain.insert(chain.begin(), a);
  data crumbs = data::type::list;
  for (int a : chain)
    crumbs << link_view(a == 0 ? "ホーム" : site.lib.pages[a].display_title(),
                        relative_url(from_url, site.lib.pages[a].url));
  return crumbs;
}

std::string provision_label(const Provision& p, std::size_t max_chars) {
  std::string_view text = p.text;
  if (!p.enumerator.empty() && text.substr(0, p.enumerator.size()) == p.enumerator)
    text.remove_prefix(p.enumerator.size());
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return p.citation + " " + utf8::shorten(text, max_chars);
}

data common_view(const SiteModel& site, const std::string& url, int current, bool with_nav) {
  const SiteConfig& c = site.lib.config;
  data d;
  data s;
  put(s, "title", c.title);
  put(s, "organisation", c.organisation);
  const EditionSite* es = site.editions;
  put(s, "edition", es ? es->shown_name : c.edition);
  put(s, "effective_date", es ? es->shown_effective : c.effective_date);
  put(s, "effective_date_iso", es ? es->shown_effective_iso : c.effective_date_iso);
  put(s, "description", c.description);
  put(s, "draft", c.draft);
  put(d, "site", s);
  put(d, "history_href", relative_url(url, site.lib.pages[0].url) + "#kj-history");
  if (es)
    if (const Comparison* dc = es->draft_comparison()) put(d, "draft_shinkyu_href", relative_url(url, dc->url));
  std::string root = root_prefix(url);
  put(d, "root", root);
  put(d, "home_href", relative_url(url, site.lib.pages[0].url));
  put(d, "search_href", relative_url(url, "search.html"));
  put(d, "requirements_href", relative_url(url, kRequirementsUrl));
  put(d, "generator", std::string("kijun ") + KIJUN_VERSION);
  // The guide (利用の流れ), linked from the header and the home page when the site has one.
  if (site.guide >= 0) {
    const Page& guide = site.lib.pages[site.guide];
    put(d, "guide_href", relative_url(url, guide.url));
    put(d, "guide_title", guide.meta.title);
  }
  // The 用語集, linked from the header and the home page like the guide.
  if (site.glossary) {
    const Page& glossary = site.lib.pages[site.glossary->page];
    put(d, "glossary_href", relative_url(url, glossary.url));
    put(d, "glossary_title", glossary.meta.title);
  }
  if (with_nav) put(d, "nav", nav_list(site, current, url, false));
  put(d, "contents_href", relative_url(url, kContentsUrl));
  return d;
}

std::string layout_for(const ContentLibrary& lib, int page) {
  const Page& p = lib.pages[page];
  if (page == 0) return "home";
  switch (p.meta.type) {
    case PageType::kChecklist: return "checklist";
    case PageType::kExample: return "example";
    case PageType::kGuide: return "guide";
    case PageType::kGlossary: return "glossary";
    case PageType::kPage: return "page";
    case PageType::kStandard: return p.is_section ? "section" : "standard";
  }
  return "standard";
}

RenderHooks render_hooks(const SiteModel& site, int page, Diagnostics& diags) {
  RenderHooks hooks;
  const std::string from = site.lib.pages[page].url;
  hooks.reference = [&site, from](const Reference& r) {
    RenderHooks::Link l;
    const Provision* p = site.registry.find(r.target);
    if (!p) return RenderHooks::Link{"<span class=\"kj-ref kj-ref-missing\">", "</span>", r.target};
    // A bare citation (3.1(8)③) never breaks inside; a reference with its own words wraps as text.
    l.open = std::string("<a class=\"kj-ref") + (r.text ? "" : " kj-nobr") + "\" href=\"" + escape_html(relative_url(from, site.registry.href(*p))) + "\" title=\"" +
             escape_html(p->citation + " " + utf8::shorten(p->full_text, 200)) + "\">";
    l.close = "</a>";
    l.text = p->citation;
    return l;
  };
  // A document with a URL in site.yaml's `documents:` becomes an external link; others stay a citation.
  hooks.document = [&site](const Reference& r) -> std::optional<RenderHooks::Link> {
    const std::string* url = document_url(site.lib.config, r.target);
    if (!url) return std::nullopt;
    return RenderHooks::Link{"<a class=\"kj-doc kj-doc-link\" href=\"" + escape_html(*url) +
                                 "\" rel=\"external noopener noreferrer\" title=\"外部の文書(別のサイトが開きます)\"><cite>",
                             "</cite></a>", ""};
  };
  hooks.provision_open = [&site, page, from](const Marker& m) {
    const Provision* p = site.registry.find(m.id);
    if (!p || p->page != page) return std::string();
    std::string short_link = relative_url(from, short_link_url(site, p->id));
    std::string amended;
    if (site.editions)
      if (auto it = site.editions->badges.find(p->id); it != site.editions->badges.end())
        for (const auto& b : it->second)
          amended += "<span class=\"kj-ui kj-badge kj-amended\"><a href=\"" + escape_html(relative_url(from, b.href)) +
                     "\">" + escape_html(b.label) + "</a></span>";
    return amended + "<span class=\"kj-ui kj-badge\"><a class=\"kj-permalink\" href=\"#" + escape_html(p->id) +
           "\" data-short=\"" + escape_html(short_link) + "\" title=\"この要件へのリンク(クリックでコピー)\">" +
           "<span class=\"kj-id\">" + escape_html(p->id) + "</span> <span class=\"kj-cite\">" +
           escape_html(p->citation) + "</span></a></span>";
  };
  hooks.provision_close = [&site, page, from](const Marker& m) {
    const Provision* p = site.registry.find(m.id);
    if (!p || p->page != page || p->referenced_from.empty()) return std::string();
    // A count that opens the list: a long 参照元 list would double the length of a page.
    std::string html = "<details class=\"kj-ui kj-refby\"><summary><span class=\"kj-refby-label\">参照元</span> " +
                       std::to_string(p->referenced_from.size()) + "件</summary><ul>";
    for (const auto& site_ref : p->referenced_from) {
      const Page& rp = site.lib.pages[site_ref.page];
      const Provision* from_p = site_ref.from_id.empty() ? nullptr : site.registry.find(site_ref.from_id);
      std::string target = rp.url + (site_ref.anchor.empty() ? "" : "#" + site_ref.anchor);
      std::string label = from_p ? provision_label(*from_p, 40) : rp.display_title();
      if (site_ref.checklist_item > 0) label = rp.meta.title + " No." + std::to_string(site_ref.checklist_item);
      html += "<li><a href=\"" + escape_html(relative_url(from, target)) + "\">" + escape_html(label) + "</a></li>";
    }
    return html + "</ul></details>";
  };
  hooks.file_link = [&site, &diags, from, page](const FileLink& l) -> std::optional<std::string> {
    // content/a/b.md + ../c.md#x -> the URL of that page, relative to this one.
    std::string dest = l.destination.substr(0, l.destination.find('#'));
    std::string frag =
        l.destination.find('#') == std::string::npos ? "" : l.destination.substr(l.destination.find('#'));
    std::string dir = site.lib.pages[page].source_path;
    dir = dir.substr(0, dir.rfind('/') + 1);
    std::string joined = dir + dest;
    std::vector<std::string> parts;
    std::string part;
    for (char c : joined + "/") {
      if (c != '/') {
        part += c;
        continue;
      }
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".")
        parts.push_back(part);
      part.clear();
    }
    std::string norm;
    for (const auto& p : parts) norm += (norm.empty() ? "" : "/") + p;
    for (const auto& p : site.lib.pages)
      if (p.source_path == norm) return relative_url(from, p.url) + frag;
    diags.error(l.where, Message{"KJ304", "リンク先「" + l.destination + "」はページではありません",
                                 "link to a Markdown file that is not a page: '" + l.destination + "'"});
    return std::nullopt;
  };
  return hooks;
}

data content_page_view(const SiteModel& site, int page, const std::string& body_html) {
  const Page& p = site.lib.pages[page];
  data d = common_view(site, p.url, page, false);
  data pg;
  put(pg, "title", p.meta.title);
  // Mustache shows a section for an empty string: leave out what the page does not have.
  if (!p.meta.number.empty()) put(pg, "number", p.meta.number);
  put(pg, "display_title", p.display_title());
  if (!p.meta.id.empty()) put(pg, "id", p.meta.id);
  put(pg, "description", p.meta.description);
  put(pg, "content", body_html);
  put(pg, "source_path", p.source_path);
  if (const Provision* own = p.meta.id.empty() ? nullptr : site.registry.find(p.meta.id)) {
    put(pg, "citation", own->citation);
    put(pg, "short_link", relative_url(p.url, short_link_url(site, own->id)));
  }
  put(d, "page", std::move(pg));
  put(d, "is_" + layout_for(site.lib, page), true);

  data toc = data::type::list;
  bool any = false;
  for (const auto& h : p.doc->headings) {
    if (h.level > 3) continue;
    data item = link_view(h.text, "#" + h.anchor);
    put(item, "sub", h.level == 3);
    append(toc, std::move(item));
    any = true;
  }
  put(d, "toc", std::move(toc));
  put(d, "has_toc", any);

  put(d, "breadcrumbs", breadcrumbs_view(site, p.parent, p.url));
  put(d, "has_breadcrumbs", p.parent >= 0);

  const auto& order = site.lib.reading_order;
  auto pos = std::find(order.begin(), order.end(), page) - order.begin();
  if (pos > 0)
    put(d, "prev", link_view(site.lib.pages[order[pos - 1]].display_title(),
                            relative_url(p.url, site.lib.pages[order[pos - 1]].url)));
  if (pos + 1 < static_cast<long>(order.size()))
    put(d, "next", link_view(site.lib.pages[order[pos + 1]].display_title(),
                            relative_url(p.url, site.lib.pages[order[pos + 1]].url)));

  data children = data::type::list;
  for (int c : p.children) {
    data item = link_view(site.lib.pages[c].display_title(), relative_url(p.url, site.lib.pages[c].url));
    put(item, "description", site.lib.pages[c].meta.description);
    append(children, std::move(item));
  }
  // A section of web-meeting examples also lists the comparison generated from them.
  bool has_examples = std::any_of(p.children.begin(), p.children.end(),
                                  [&](int c) { return site.lib.pages[c].meta.type == PageType::kExample; });
  if (has_examples) children << link_view(kComparisonTitle, relative_url(p.url, comparison_url(site.lib, page)));
  put(d, "children", std::move(children));
  put(d, "has_children", !p.children.empty());
  return d;
}

data alias_view(const SiteModel& site, int page, const std::string& alias_url) {
  const Page& p = site.lib.pages[page];
  data d;
  data s;
  put(s, "title", site.lib.config.title);
  put(d, "site", s);
  put(d, "title", p.display_title());
  put(d, "target", relative_url(alias_url, p.url));
  put(d, "root", root_prefix(alias_url));
  return d;
}

data search_view(const SiteModel& site, const std::string& url) {
  data d = common_view(site, url, -1);
  put(d, "layout", "search");
  put(d, "title", "検索");
  put(d, "is_search", true);
  return d;
}

data contents_view(const SiteModel& site, const std::string& tree_html) {
  data d = common_view(site, kContentsUrl, -1);
  put(d, "title", std::string("目次"));
  put(d, "tree", tree_html);
  return d;
}

}  // namespace kijun
