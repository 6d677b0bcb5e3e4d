#include "render/example.h"

#include <map>

#include "content/front_matter.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

std::vector<std::string> example_values(const Page& page, const std::string& key) {
  const auto& ex = page.meta.example;
  if (!ex.is_object() || !ex.contains(key)) return {};
  const auto& v = ex.at(key);
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const auto& x : v)
      if (x.is_string()) out.push_back(x.get<std::string>());
  } else if (v.is_string()) {
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string comparison_url(const ContentLibrary& lib, int section) {
  std::string url = lib.pages[section].url;
  return url.substr(0, url.rfind('/') + 1) + "comparison.html";
}

namespace {

data related_links(const SiteModel& site, const ExampleFact& fact, const std::string& from_url) {
  data list = data::type::list;
  for (const auto& id : fact.related) {
    const Provision* p = site.registry.find(id);
    if (!p) continue;
    data r;
    put(r, "id", p->id);
    put(r, "citation", p->citation);
    put(r, "href", relative_url(from_url, site.registry.href(*p)));
    put(r, "title", p->citation + " " + utf8::shorten(p->full_text, 200));
    append(list, std::move(r));
  }
  return list;
}

data values_view(const std::vector<std::string>& values) {
  data d;
  data list = data::type::list;
  for (const auto& v : values) append(list, data("value", v));
  put(d, "values", std::move(list));
  put(d, "is_list", values.size() > 1);
  put(d, "is_set", !values.empty());
  if (values.size() == 1) put(d, "value", values.front());
  return d;
}

// The examples of the site grouped by the section above them, in reading order.
std::vector<std::pair<int, std::vector<int>>> examples_by_section(const ContentLibrary& lib) {
  std::vector<std::pair<int, std::vector<int>>> out;
  for (int pi : lib.reading_order) {
    const Page& p = lib.pages[pi];
    if (p.meta.type != PageType::kExample || p.is_section || p.parent < 0) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& s) { return s.first == p.parent; });
    if (it == out.end())
      out.push_back({p.parent, {pi}});
    else
      it->second.push_back(pi);
  }
  return out;
}

}  // namespace

data example_view(const SiteModel& site, int page_index) {
  const Page& page = site.lib.pages[page_index];
  data d;
  data facts = data::type::list;
  for (const auto& f : site.lib.config.example_facts) {
    auto values = example_values(page, f.key);
    if (values.empty()) continue;
    data row = values_view(values);
    put(row, "key", f.key);
    put(row, "label", f.label);
    data related = related_links(site, f, page.url);
    put(row, "has_related", related.is_non_empty_list());
    put(row, "related", std::move(related));
    append(facts, std::move(row));
  }
  put(d, "has_facts", facts.is_non_empty_list());
  put(d, "facts", std::move(facts));
  if (page.parent >= 0) {
    put(d, "comparison_href", relative_url(page.url, comparison_url(site.lib, page.parent)));
    put(d, "comparison_title", kComparisonTitle);
  }
  return d;
}

std::vector<GeneratedPage> example_pages(const SiteModel& site, Diagnostics& diags) {
  std::vector<GeneratedPage> pages;
  const ContentLibrary& lib = site.lib;
  // Each fact's provisions must exist (an unknown one would silently vanish from the table) — when
  // there are examples to compare: content without any does not use the facts of site.yaml.
  std::vector<std::string> ids;
  for (const auto& p : site.registry.all()) ids.push_back(p.id);
  const bool has_examples = !examples_by_section(lib).empty();
  for (const auto& f : has_examples ? lib.config.example_facts : std::vector<ExampleFact>{})
    for (const auto& id : f.related)
      if (site.registry.unavailable(id))
        diags.add_unchecked_reference();
      else if (!site.registry.find(id))
        diags.error(f.related_where,
                    Message{"KJ204",
                            "事例の項目「" + f.key + "」の要件ID「" + id + "」はどこにもありません" + did_you_mean_ja(id, ids),
                            "unknown requirement ID '" + id + "' in example fact '" + f.key + "'" +
                                did_you_mean(id, ids)});
  for (const auto& [section, examples] : examples_by_section(lib)) {
    const Page& sec = lib.pages[section];
    std::string url = comparison_url(lib, section);
    bool taken = false;
    for (const auto& p : lib.pages)
      if (p.url == url) {
        diags.error({p.source_path, 1, 1},
                    Message{"KJ310",
                            "ページの URL「" + url + "」は " + sec.source_path +
                                " の事例の比較表に使います。このページのファイル名を変えるか「slug」を設定してください",
                            "page URL '" + url + "' is needed for the comparison of the web-meeting examples in " +
                                sec.source_path + "; rename this page or set its 'slug'"});
        taken = true;
      }
    if (taken) continue;

    data view = common_view(site, url, section);
    data pg;
    std::string title = kComparisonTitle;
    put(pg, "title", title);
    put(pg, "display_title", title);
    put(view, "page", pg);
    put(view, "is_comparison", true);

    put(view, "breadcrumbs", breadcrumbs_view(site, section, url));
    put(view, "has_breadcrumbs", true);
    put(view, "section", link_view(sec.display_title(), relative_url(url, sec.url)));

    data columns = data::type::list;
    for (int e : examples) {
      const Page& ep = lib.pages[e];
      data c = link_view(ep.display_title(), relative_url(url, ep.url));
      put(c, "number", ep.meta.number);
      put(c, "name", ep.meta.title);
      append(columns, std::move(c));
    }
    put(view, "columns", std::move(columns));
    put(view, "column_count", std::to_string(examples.size()));

    data rows = data::type::list;
    for (const auto& f : site.lib.config.example_facts) {
      bool any = false;
      data cells = data::type::list;
      for (int e : examples) {
        auto values = example_values(lib.pages[e], f.key);
        any = any || !values.empty();
        data cell = values_view(values);
        put(cell, "column", lib.pages[e].display_title());  // the example's name, shown beside the value on phones
        append(cells, std::move(cell));
      }
      if (!any) continue;
      data row;
      put(row, "key", f.key);
      put(row, "label", f.label);
      put(row, "cells", std::move(cells));
      data related = related_links(site, f, url);
      put(row, "has_related", related.is_non_empty_list());
      put(row, "related", std::move(related));
      append(rows, std::move(row));
    }
    put(view, "rows", std::move(rows));
    pages.push_back({url, "comparison", std::move(view), sec.source_path});
  }
  return pages;
}

}  // namespace kijun
