#include "render/glossary_view.h"

#include <algorithm>
#include <map>

#include "base/html.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "content/markdown.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

namespace {

// The romaji of a 五十音 row, for its anchor.
std::string row_anchor(const std::string& row) {
  static const std::map<std::string, std::string> names = {{"あ", "a"},  {"か", "ka"}, {"さ", "sa"}, {"た", "ta"},
                                                           {"な", "na"}, {"は", "ha"}, {"ま", "ma"}, {"や", "ya"},
                                                           {"ら", "ra"}, {"わ", "wa"}};
  auto it = names.find(row);
  return "gyo-" + (it == names.end() ? std::string("other") : it->second);
}

// The text of a provision the way the glossary looks for terms in it: headings by their words and
// the text under them that no provision holds, other provisions by all their own text.
std::string searched_text(const Provision& p) {
  return p.is_heading ? p.text + "\n" + p.body_text : p.full_text;
}

// An entry's 解説 through cmark-gfm, [[ID]] as links.
std::string explanation_html(const SiteModel& site, int page, const GlossaryEntry& e, Diagnostics& diags) {
  MarkdownOptions options{site.lib.config.unsafe_html};
  MarkdownDocument doc = MarkdownDocument::parse(e.explanation_where.path, e.explanation, e.explanation_where.line,
                                                 options, diags);
  doc.label_references([&](const Reference& r) {
    const Provision* p = site.registry.find(r.target);
    return p ? p->citation : r.target;
  });
  std::string html = doc.render(render_hooks(site, page, diags));
  while (!html.empty() && html.back() == '\n') html.pop_back();
  return html;
}

}  // namespace

std::string GlossaryModel::href(const ContentLibrary& lib, int entry) const {
  return lib.pages[page].url + "#" + glossary->entries[entry].anchor;
}

std::size_t GlossaryModel::provision_links() const {
  std::size_t n = 0;
  for (std::size_t e = 0; e < used_in.size(); ++e)
    n += used_in[e].size() + (glossary->entries[e].defined_in.empty() ? 0 : 1);
  return n;
}

bool links_terms(const ContentLibrary& lib, int page) {
  return page > 0 && lib.pages[page].meta.type == PageType::kStandard;
}

std::optional<GlossaryModel> plan_glossary(const ContentLibrary& lib, const RequirementRegistry& registry,
                                           Diagnostics& diags) {
  std::optional<GlossaryModel> model;
  for (std::size_t i = 0; i < lib.pages.size(); ++i) {
    const Page& p = lib.pages[i];
    if (p.meta.type != PageType::kGlossary || !p.meta.glossary) continue;
    if (model) {
      const Page& first = lib.pages[model->page];
      diags.error({p.source_path, 1, 1},
                  Message{"KJ738", "用語集(type: glossary)は一つだけにしてください(" + first.source_path + " にもあります)",
                          "only one glossary page (type: glossary) is allowed; " + first.source_path + " is one already"});
      continue;
    }
    model.emplace();
    model->page = static_cast<int>(i);
    model->glossary = p.meta.glossary;
  }
  if (!model) return model;
  const Glossary& g = *model->glossary;
  std::vector<std::string> ids;
  for (const auto& p : registry.all()) ids.push_back(p.id);
  auto known = [&](const std::string& id, const SourceLocation& where, const std::string& what_ja,
                   const std::string& what_en) {
    if (registry.find(id)) return;
    if (registry.unavailable(id)) {
      diags.add_unchecked_reference();
      return;
    }
    diags.error(where, Message{"KJ739", what_ja + "の要件ID「" + id + "」はありません" + did_you_mean_ja(id, ids),
                               "unknown requirement ID '" + id + "' in " + what_en + did_you_mean(id, ids)});
  };
  for (const auto& e : g.entries) {
    if (!e.defined_in.empty())
      known(e.defined_in, e.defined_in_where, "用語「" + e.term + "」の 'defined_in' ", "'defined_in' of glossary term '" + e.term + "'");
    for (const auto& r : e.references)
      known(r.id, r.where, "用語「" + e.term + "」の解説", "the explanation of glossary term '" + e.term + "'");
  }

  model->matcher = TermMatcher(g);
  model->used_in.assign(g.entries.size(), {});
  for (const auto& p : registry.all()) {
    std::vector<bool> seen(g.entries.size(), false);
    for (const auto& m : model->matcher.find_all(searched_text(p))) {
      if (seen[m.entry]) continue;
      seen[m.entry] = true;
      if (g.entries[m.entry].defined_in != p.id) model->used_in[m.entry].push_back(p.id);
    }
  }
  for (std::size_t e = 0; e < g.entries.size(); ++e) {
    const GlossaryEntry& entry = g.entries[e];
    if (model->used_in[e].empty() && entry.defined_in.empty())
      diags.warning(entry.where, Message{"KJ740", "用語「" + entry.term + "」(別の表記も)は基準の本文に出てきません。表記を確かめてください",
                                         "glossary term '" + entry.term + "' (or another spelling) does not occur in the standard"});
    // The plain 解説: its Markdown rendered without the site's hooks, tags removed.
    Diagnostics quiet;
    MarkdownDocument doc = MarkdownDocument::parse(entry.explanation_where.path, entry.explanation, 1, {}, quiet);
    doc.label_references([&](const Reference& r) {
      const Provision* p = registry.find(r.target);
      return p ? p->citation : r.target;
    });
    std::string text = strip_tags(doc.render({}));
    std::string flat;
    for (char c : text) {
      if (c == '\n') {
        if (!flat.empty() && flat.back() != ' ') flat += ' ';
      } else {
        flat += c;
      }
    }
    while (!flat.empty() && flat.back() == ' ') flat.pop_back();
    model->summary.push_back(flat);
  }
  return model;
}

int link_glossary_terms(const SiteModel& site, Page& page) {
  const GlossaryModel* gm = site.glossary;
  if (!gm || gm->matcher.empty() || !page.doc) return 0;
  const Glossary& g = *gm->glossary;
  const std::string from = page.url;
  return page.doc->wrap_first_spans(
      [gm](std::string_view text) {
        std::vector<MarkdownDocument::TextSpan> spans;
        for (const auto& m : gm->matcher.find_all(text)) spans.push_back({m.begin, m.end, m.entry});
        return spans;
      },
      [&](int e) {
        std::string title = "用語集: " + g.entries[e].term + " — " + utf8::shorten(gm->summary[e], 120);
        return MarkdownDocument::SpanTags{"<a class=\"term\" href=\"" +
                                              escape_html(relative_url(from, gm->href(site.lib, e))) + "\" title=\"" +
                                              escape_html(title) + "\">",
                                          "</a>"};
      });
}

data glossary_view(const SiteModel& site, int page_index, Diagnostics& diags) {
  data d;
  const GlossaryModel* gm = site.glossary;
  if (!gm || gm->page != page_index) return d;
  const Glossary& g = *gm->glossary;
  const std::string from = site.lib.pages[page_index].url;

  std::vector<int> order(g.entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return reading_before(g.entries[a].reading, g.entries[b].reading); });

  auto cite = [&](const Provision& p) {
    data c;
    put(c, "citation", p.citation);
    put(c, "id", p.id);
    put(c, "href", relative_url(from, site.registry.href(p)));
    put(c, "title", provision_label(p, 120));
    return c;
  };

  data groups = data::type::list, rows = data::type::list;
  std::string current;
  data group, entries = data::type::list;
  bool open = false;
  auto flush = [&] {
    if (!open) return;
    put(group, "entries", std::move(entries));
    append(groups, std::move(group));
    entries = data::type::list;
    open = false;
  };
  for (int e : order) {
    const GlossaryEntry& entry = g.entries[e];
    std::string row = gojuon_row(entry.reading);
    if (!open || row != current) {
      flush();
      current = row;
      group = data();
      put(group, "row", row + "行");
      put(group, "anchor", row_anchor(row));
      rows << link_view(row, "#" + row_anchor(row));
      open = true;
    }
    data v;
    put(v, "anchor", entry.anchor);
    put(v, "term", entry.term);
    put(v, "reading", entry.reading);
    std::string also;
    for (const auto& a : entry.also) also += (also.empty() ? "" : "、") + a;
    put(v, "also", also);
    put(v, "has_also", !entry.also.empty());
    put(v, "explanation_html", explanation_html(site, page_index, entry, diags));
    if (const Provision* def = entry.defined_in.empty() ? nullptr : site.registry.find(entry.defined_in)) {
      data dv = cite(*def);
      put(dv, "text", utf8::shorten(def->full_text, 200));
      put(v, "definition", std::move(dv));
    }
    data used = data::type::list;
    for (const auto& id : gm->used_in[e])
      if (const Provision* p = site.registry.find(id)) append(used, cite(*p));
    put(v, "used", std::move(used));
    put(v, "has_used", !gm->used_in[e].empty());
    put(v, "used_count", std::to_string(gm->used_in[e].size()));
    append(entries, std::move(v));
  }
  flush();
  put(d, "groups", std::move(groups));
  put(d, "rows", std::move(rows));
  put(d, "count", std::to_string(g.entries.size()));
  return d;
}

}  // namespace kijun
