#include "render/package_view.h"

#include <algorithm>

#include "content/markdown.h"
#include "render/ledger.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

std::string guide_plain_text(const SiteModel& site, const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  for (const ReferenceMatch& m : find_references(text)) {
    out += text.substr(pos, m.begin - pos);
    if (m.text) {
      out += *m.text;
    } else if (m.target.rfind("doc:", 0) == 0) {
      out += m.target.substr(4);
    } else {
      const Provision* p = site.registry.find(m.target);
      out += p ? p->citation : m.target;
    }
    pos = m.end;
  }
  out += text.substr(pos);
  // Markdown emphasis is not wanted in a form.
  out.erase(std::remove(out.begin(), out.end(), '*'), out.end());
  return out;
}

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

}  // namespace

data package_view(const SiteModel& site, const std::vector<PackageChecklist>& checklists, Diagnostics& diags) {
  const std::string url = kPackageUrl;
  data d = common_view(site, url, -1);
  put(d, "layout", std::string("package"));
  put(d, "title", std::string("申請パッケージ"));
  data pkg;

  // Checklists are named in the guide by their path inside content/ (the folder of the home page).
  const std::string& home = site.lib.pages[0].source_path;
  const std::string content_prefix = home.substr(0, home.rfind('/') + 1);
  auto checklist_url = [&](const std::string& content_path) -> std::string {
    for (const auto& p : site.lib.pages)
      if (p.source_path == content_prefix + content_path && p.meta.type == PageType::kChecklist) return p.url;
    return "";
  };

  data list = data::type::list;
  for (std::size_t i = 0; i < checklists.size(); ++i) {
    const Page& page = site.lib.pages[checklists[i].page];
    data c;
    put(c, "url", page.url);
    put(c, "title", page.meta.title);
    put(c, "href", relative_url(url, page.url));
    put(c, "number", std::to_string(i + 1));
    ChecklistViewOptions options{url, "c" + std::to_string(i + 1) + "-"};
    put(c, "checklist", checklist_view(site, checklists[i].page, *checklists[i].checklist, options));
    append(list, std::move(c));
  }
  put(pkg, "checklists", std::move(list));

  data cases = data::type::list;
  std::vector<std::string> classifications;
  const Provision* any_ledger = nullptr;
  std::vector<const Provision*> ledgers;
  // The cases: every result of the 利用の流れ, in the guide's order.
  if (site.guide >= 0 && site.lib.pages[site.guide].meta.guide) {
    const Page& page = site.lib.pages[site.guide];
    put(pkg, "guide_href", relative_url(url, page.url));
    for (const GuideStep& s : page.meta.guide->steps) {
      if (!s.is_result) continue;
      data c;
      put(c, "id", s.id);
      put(c, "title", guide_plain_text(site, s.title.text));
      put(c, "approver", guide_plain_text(site, s.approver.text));
      put(c, "sign_off", join(s.sign_off, "|"));
      put(c, "classification", s.classification);
      std::vector<std::string> urls;
      for (const auto& path : s.checklists)
        if (auto u = checklist_url(path); !u.empty()) urls.push_back(u);
      put(c, "checklists", join(urls, " "));
      if (const Provision* ledger = ledger_of_result(site.registry, s)) {
        put(c, "ledger", ledger->citation);
        if (std::find(ledgers.begin(), ledgers.end(), ledger) == ledgers.end()) ledgers.push_back(ledger);
        if (!any_ledger) any_ledger = ledger;
      }
      if (!s.classification.empty() &&
          std::find(classifications.begin(), classifications.end(), s.classification) == classifications.end())
        classifications.push_back(s.classification);
      append(cases, std::move(c));
    }
  }
  put(pkg, "cases", std::move(cases));
  for (const Provision* ledger : ledgers)
    if (std::size_t n = child_provisions(site.registry, ledger->id).size(); n != kLedgerFields.size())
      diags.warning(ledger->where,
                    Message{"KJ750",
                            "台帳の項目（" + ledger->citation + "）が " + std::to_string(n) + " 個あります。申請パッケージの記録は (ア)〜(ケ) の " +
                                std::to_string(kLedgerFields.size()) +
                                " 個に対応しています。項目と記録の対応（src/render/ledger.h の kLedgerFields）を直してください",
                            "the 台帳 list " + ledger->citation + " has " + std::to_string(n) +
                                " items; the application package's record knows the " +
                                std::to_string(kLedgerFields.size()) +
                                " items (ア)–(ケ): update the mapping (kLedgerFields in src/render/ledger.h)"});
  data cls = data::type::list;
  for (const auto& c : classifications) cls << data("text", c);
  put(pkg, "classifications", cls);

  // The 台帳 items (ア)–(ケ): their wording from the standard, each with the record field it is kept in.
  data rows = data::type::list;
  if (any_ledger) {
    auto items = child_provisions(site.registry, any_ledger->id);
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::string field = ledger_field(static_cast<int>(i));
      if (field.empty()) field = "item-" + std::to_string(i + 1);
      std::string text = items[i]->text;
      if (!items[i]->enumerator.empty() && text.rfind(items[i]->enumerator, 0) == 0)
        text = text.substr(items[i]->enumerator.size());
      while (!text.empty() && text.front() == ' ') text.erase(0, 1);
      data r;
      put(r, "enumerator", items[i]->enumerator);
      put(r, "text", text);
      put(r, "field", field);
      // Kept in the record's own fields (filled at the top of the form), shown here as they are.
      put(r, "record", field == "service" || field == "provider" || field == "classification" || field == "applicant");
      append(rows, std::move(r));
    }
  }
  put(pkg, "ledger_rows", std::move(rows));
  put(pkg, "has_ledger", any_ledger != nullptr);
  // The checklist index: the section that holds the checklists.
  if (!checklists.empty())
    if (int parent = site.lib.pages[checklists.front().page].parent; parent > 0)
      put(pkg, "checklists_href", relative_url(url, site.lib.pages[parent].url));
  put(d, "package", std::move(pkg));
  return d;
}

}  // namespace kijun
