#include "render/guide_view.h"

#include "base/html.h"
#include "content/markdown.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

std::string guide_step_anchor(const std::string& step_id) { return "step-" + step_id; }

namespace {

// A guide text through cmark-gfm, with its [[ID]]s as links; a single paragraph loses its <p>
// when `inline_only`.
std::string fragment_html(const SiteModel& site, int page, const GuideText& t, bool inline_only, Diagnostics& diags) {
  if (t.empty()) return "";
  MarkdownOptions options{site.lib.config.unsafe_html};
  MarkdownDocument doc = MarkdownDocument::parse(t.where.path, t.text, t.where.line, options, diags);
  doc.label_references([&](const Reference& r) {
    const Provision* p = site.registry.find(r.target);
    return p ? p->citation : r.target;
  });
  std::string html = doc.render(render_hooks(site, page, diags));
  while (!html.empty() && html.back() == '\n') html.pop_back();
  if (inline_only && html.rfind("<p>", 0) == 0 && html.size() >= 7 && html.ends_with("</p>") &&
      html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 7);
  return html;
}

}  // namespace

data guide_view(const SiteModel& site, int page_index, Diagnostics& diags) {
  const Page& page = site.lib.pages[page_index];
  data d;
  if (!page.meta.guide) return d;
  const Guide& guide = *page.meta.guide;

  GuideTargets targets;
  for (const auto& p : site.registry.all()) targets.ids.push_back(p.id);
  targets.unavailable = [&site](const std::string& id) { return site.registry.unavailable(id); };
  // Checklists are named by their path inside content/ (the folder of the home page's _index.md).
  const std::string& home = site.lib.pages[0].source_path;
  const std::string content_prefix = home.substr(0, home.rfind('/') + 1);
  for (const auto& p : site.lib.pages)
    if (p.meta.type == PageType::kChecklist && !p.is_section)
      targets.checklists.push_back(p.source_path.substr(content_prefix.size()));
  check_guide_links(guide, targets, diags);

  data steps = data::type::list;
  for (std::size_t i = 0; i < guide.steps.size(); ++i) {
    const GuideStep& s = guide.steps[i];
    data v;
    put(v, "id", s.id);
    put(v, "anchor", guide_step_anchor(s.id));
    put(v, "is_start", i == 0);
    put(v, "is_result", s.is_result);
    put(v, "title_html", fragment_html(site, page_index, s.title, true, diags));
    put(v, "note_html", fragment_html(site, page_index, s.note, false, diags));
    put(v, "has_note", !s.note.empty());
    data answers = data::type::list;
    for (const auto& a : s.answers) {
      data av;
      put(av, "label", a.label);
      put(av, "next", a.next);
      put(av, "href", "#" + guide_step_anchor(a.next));
      append(answers, std::move(av));
    }
    put(v, "answers", std::move(answers));
    if (s.is_result) {
      data rows = data::type::list;
      auto row = [&](const char* label, const GuideText& t) {
        if (t.empty()) return;
        data r;
        put(r, "label", label);
        put(r, "html", fragment_html(site, page_index, t, false, diags));
        append(rows, std::move(r));
      };
      row("適用される章", s.chapter);
      row("許可権限者", s.approver);
      row("申請手続き", s.procedure);
      row("実施する対策", s.measures);
      put(v, "rows", std::move(rows));
      data checklists = data::type::list;
      std::string urls;
      for (const auto& c : s.checklists)
        for (const auto& p : site.lib.pages)
          if (p.source_path == content_prefix + c) {
            append(checklists, link_view(p.meta.title, relative_url(page.url, p.url)));
            urls += (urls.empty() ? "" : " ") + relative_url(page.url, p.url);
          }
      put(v, "checklists", std::move(checklists));
      put(v, "has_checklists", !s.checklists.empty());
      put(v, "checklist_urls", urls);
      std::string sign_off;
      for (const auto& who : s.sign_off) sign_off += (sign_off.empty() ? "" : "|") + who;
      put(v, "sign_off", sign_off);
      put(v, "classification", s.classification);
    }
    append(steps, std::move(v));
  }
  put(d, "steps", std::move(steps));
  put(d, "start", guide.steps.empty() ? "" : guide.steps.front().id);
  put(d, "start_anchor", guide.steps.empty() ? "" : guide_step_anchor(guide.steps.front().id));
  return d;
}

}  // namespace kijun
