#include "render/checklist.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "content/markdown.h"
#include "render/ledger.h"
#include "render/package_view.h"
#include "render/view_data.h"
#include "requirements/requirement_export.h"
#include "base/utf8.h"

namespace kijun {

using kainjow::mustache::data;

namespace {

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = trim(std::string_view(text).substr(pos, end - pos));
    if (!line.empty()) lines.push_back(std::move(line));
    pos = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// Opening minus closing parentheses, ASCII and full-width.
int paren_delta(std::string_view s) {
  int d = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = utf8::next(s, i);
    if (c == U'(' || c == U'(') ++d;
    if (c == U')' || c == U')') --d;
  }
  return d;
}

// The leading lines whose parentheses balance: an explanation that opens 「(例:」 and is closed
// only inside a nested provision (which a checklist lists on its own, or not at all) is cut off.
std::vector<std::string> balanced_prefix(const std::vector<std::string>& lines) {
  int depth = 0;
  std::size_t keep = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    depth = std::max(0, depth + paren_delta(lines[i]));
    if (depth == 0) keep = i + 1;
  }
  return {lines.begin(), lines.begin() + static_cast<long>(keep)};
}

std::string without_enumerator(const Provision& p, std::string_view text) {
  if (!p.enumerator.empty() && text.substr(0, p.enumerator.size()) == p.enumerator)
    text.remove_prefix(p.enumerator.size());
  return trim(text);
}

// A stable key for the browser's storage: FNV-1a of the text.
std::string text_key(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "t%08x", h);
  return buf;
}

bool is_form_heading(const std::string& heading) { return heading.find("記入欄") != std::string::npos; }

// Whether what is left of an item's text, once its references are taken out, is only separators.
bool only_separators(std::string_view s) {
  static const std::vector<std::string_view> seps = {" ", "\n", "\t", "、", ",", "/", "/", "・", " "};
  while (!s.empty()) {
    bool found = false;
    for (auto sep : seps)
      if (s.substr(0, sep.size()) == sep) {
        s.remove_prefix(sep.size());
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

void erase_first(std::string& s, const std::string& what) {
  if (what.empty()) return;
  if (auto at = s.find(what); at != std::string::npos) s.erase(at, what.size());
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// A free-text item's wording. References at its end (`… を確認した [[CS-6.3-3]]`, also in
// parentheses) name the provisions it stands for and are left out, as the 要件 column shows them;
// any other reference without its own text reads as its citation.
std::string free_text(std::string text, const std::vector<const Reference*>& refs, const SiteModel& site) {
  auto ends_with = [](const std::string& s, const std::string& tail) {
    return !tail.empty() && s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  auto trim_tail = [](std::string& s) {
    static const std::vector<std::string> tails = {" ", "\n", "、", ",", "・"};
    for (bool again = true; again;) {
      again = false;
      for (const auto& t : tails)
        if (s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0) {
          s.resize(s.size() - t.size());
          again = true;
        }
    }
  };
  trim_tail(text);
  for (auto it = refs.rbegin(); it != refs.rend(); ++it) {
    const Provision* p = site.registry.find((*it)->target);
    bool cut = false;
    for (const std::string& label : {(*it)->target, p ? p->citation : std::string()}) {
      for (const auto& [open, close] :
           std::vector<std::pair<std::string, std::string>>{{"", ""}, {"(", ")"}, {"(", ")"}})
        if (!label.empty() && ends_with(text, open + label + close)) {
          text.resize(text.size() - (open + label + close).size());
          cut = true;
          break;
        }
      if (cut) break;
    }
    if (!cut) break;
    trim_tail(text);
  }
  for (const Reference* r : refs)
    if (const Provision* p = site.registry.find(r->target)) replace_all(text, r->target, p->citation);
  return trim(text);
}

// A task item's plain text with the reference syntax read as its words: `[[ID|text]]` -> text,
// `[[doc:title]]` -> title, `[[ID]]` -> ID. (The parser takes the item's text before it splits out
// the references; once they are split, the text holds these words already and nothing changes.)
std::string reference_words(const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  for (const ReferenceMatch& m : find_references(text)) {
    out += text.substr(pos, m.begin - pos);
    std::string target = trim(m.target);
    if (m.text)
      out += *m.text;
    else if (target.rfind("doc:", 0) == 0)
      out += trim(target.substr(4));
    else
      out += target;
    pos = m.end;
  }
  return out + text.substr(pos);
}

data provision_link(const SiteModel& site, const Provision& p, const std::string& from_url) {
  data d;
  put(d, "id", p.id);
  put(d, "citation", p.citation);
  put(d, "href", relative_url(from_url, site.registry.href(p)));
  put(d, "title", p.citation + " " + utf8::shorten(p.full_text, 200));
  return d;
}

}  // namespace

ProvisionWording provision_wording(const Provision& p) {
  ProvisionWording w;
  if (p.is_heading) {
    // A heading (or a whole page): its title, then the paragraph under it.
    std::string title = without_enumerator(p, p.text);
    auto body = balanced_prefix(split_lines(p.body_text));
    if (body.empty()) {
      w.text = title;
      return w;
    }
    w.lead = title;
    w.text = body.front();
    w.detail = join({body.begin() + 1, body.end()}, "\n");
    return w;
  }
  w.text = without_enumerator(p, p.text);
  std::string_view full = p.full_text;
  if (full.substr(0, p.text.size()) == p.text) {
    full.remove_prefix(p.text.size());
    w.detail = join(balanced_prefix(split_lines(std::string(full))), "\n");
  }
  return w;
}

Checklist build_checklist(const SiteModel& site, int page_index, Diagnostics& diags) {
  const Page& page = site.lib.pages[page_index];
  const MarkdownDocument& doc = *page.doc;
  Checklist cl;
  cl.title = page.meta.title;
  cl.intro = split_lines(doc.intro_text);

  if (doc.tasks.empty())
    diags.error({page.source_path, 1, 1},
                Message{"KJ311",
                        "チェックリストには「- [ ] [[CS-3.3-1-a-1]]」（要件の文をそのまま使う）か「- [ ] 文」の項目を書いてください",
                        "a checklist page needs task items: '- [ ] [[CS-3.3-1-a-1]]' (the provision's own wording) or "
                        "'- [ ] text'"});

  std::size_t heading_cursor = 0;
  std::map<std::string, const ChecklistItem*> first_of_provision;
  std::map<std::string, SourceLocation> where_of_provision;
  std::set<std::string> keys;
  std::set<int> seen_pages;
  bool open = false;
  std::string open_heading;
  for (const TaskItem& t : doc.tasks) {
    if (!open || t.heading != open_heading) {
      ChecklistGroup g;
      g.title = t.heading;
      g.form = is_form_heading(t.heading);
      // The heading's anchor: the next heading on the page with this text.
      for (std::size_t h = heading_cursor; !t.heading.empty() && h < doc.headings.size(); ++h)
        if (doc.headings[h].text == t.heading) {
          g.anchor = doc.headings[h].anchor;
          heading_cursor = h + 1;
          break;
        }
      cl.groups.push_back(std::move(g));
      open = true;
      open_heading = t.heading;
    }
    ChecklistGroup& group = cl.groups.back();
    ChecklistItem item;
    item.number = ++cl.item_count;
    item.where = t.where;
    item.form = group.form;
    if (t.checked)
      diags.warning(t.where, Message{"KJ312",
                                     "この項目にはチェックが入っています。チェックリストは空で始めます（「- [ ]」と書きます）。"
                                     "チェックは職員が画面で入れます",
                                     "this item is ticked in the source; checklists start empty (write '- [ ]'), staff "
                                     "tick them on the page"});

    // Which references the item holds, and whether it is nothing but references.
    const std::string plain = reference_words(t.text);
    std::string rest = plain;
    bool only_refs = !t.references.empty();
    std::vector<const Reference*> unlabelled;  // [[ID]] without its own text, resolved
    for (int ri : t.references) {
      const Reference& r = doc.references[ri];
      if (r.external_document || r.text) {
        only_refs = false;
        if (r.external_document) continue;
      }
      const Provision* p = site.registry.find(r.target);
      if (!p) {
        item.missing.push_back(r.target);
        erase_first(rest, r.target);
        continue;
      }
      if (std::find(item.provisions.begin(), item.provisions.end(), p) == item.provisions.end())
        item.provisions.push_back(p);
      if (!r.text) {
        // The label is the ID until the registry gives it the citation; either way it reads as the citation.
        erase_first(rest, rest.find(r.target) != std::string::npos ? r.target : p->citation);
        unlabelled.push_back(&r);
      }
    }
    only_refs = only_refs && only_separators(rest);

    if (only_refs && !item.provisions.empty() && item.missing.empty()) {
      // `- [ ] [[ID]]`: the standard's own wording. Several IDs with the same wording (the 台帳
      // items of 5.2(1) and 5.2(2)) show it once.
      item.transcluded = true;
      std::vector<ProvisionWording> words;
      for (const Provision* p : item.provisions) {
        auto w = provision_wording(*p);
        bool same = std::any_of(words.begin(), words.end(),
                                [&](const ProvisionWording& x) { return x.lead == w.lead && x.text == w.text; });
        if (!same) words.push_back(w);
      }
      if (words.size() == 1) {
        item.lead = words.front().lead;
        item.text = words.front().text;
        item.detail = words.front().detail;
      } else {
        std::vector<std::string> texts;
        for (const auto& w : words) texts.push_back(w.lead.empty() ? w.text : w.lead + ":" + w.text);
        item.text = join(texts, "\n");
      }
    } else {
      item.text = free_text(plain, unlabelled, site);
    }
    if (item.text.empty() && item.missing.empty())
      diags.error(t.where, Message{"KJ313", "このチェック項目には文がありません", "this checklist item has no text"});

    // A provision listed twice in one checklist is most likely a slip.
    for (const Provision* p : item.provisions) {
      if (!item.transcluded) continue;
      if (auto seen = where_of_provision.find(p->id); seen != where_of_provision.end())
        diags.warning(t.where, Message{"KJ314",
                                       "「" + p->id + "」はこのチェックリストの項目にすでにあります（" +
                                           seen->second.path + ":" + std::to_string(seen->second.line) + "）",
                                       "'" + p->id + "' is already an item of this checklist (" + seen->second.path +
                                           ":" + std::to_string(seen->second.line) + ")"});
      else
        where_of_provision[p->id] = t.where;
    }
    for (const Provision* p : item.provisions)
      if (seen_pages.insert(p->page).second) cl.source_pages.push_back(p->page);

    std::string key =
        item.provisions.size() == 1 && item.transcluded ? item.provisions.front()->id : text_key(item.text);
    std::string unique = key;
    for (int n = 2; !keys.insert(unique).second; ++n) unique = key + "-" + std::to_string(n);
    item.key = unique;
    (item.form ? cl.field_count : cl.answer_count)++;
    group.items.push_back(std::move(item));
  }
  return cl;
}

std::string checklist_csv_url(const std::string& page_url) {
  std::string url = page_url;
  if (url.size() >= 5 && url.compare(url.size() - 5, 5, ".html") == 0) url.resize(url.size() - 5);
  return url + ".csv";
}

data checklist_view(const SiteModel& site, int page_index, const Checklist& cl, const ChecklistViewOptions& options) {
  const Page& page = site.lib.pages[page_index];
  const std::string& from = options.from_url.empty() ? page.url : options.from_url;
  data d;
  put(d, "storage_key", "kijun-checklist:" + page.url);
  put(d, "page_url", page.url);
  put(d, "id_prefix", options.id_prefix);
  put(d, "package_href", relative_url(from, kPackageUrl));
  data intro = data::type::list;
  for (const auto& para : cl.intro) append(intro, data("text", para));
  put(d, "intro", std::move(intro));

  data sources = data::type::list;
  for (int sp : cl.source_pages) {
    data s;
    put(s, "title", site.lib.pages[sp].display_title());
    put(s, "href", relative_url(from, site.lib.pages[sp].url));
    put(s, "first", sp == cl.source_pages.front());
    append(sources, std::move(s));
  }
  put(d, "sources", std::move(sources));
  put(d, "has_sources", !cl.source_pages.empty());

  // Consecutive groups of one kind share a table: answers (はい・いいえ・該当なし) or a form to fill in.
  data tables = data::type::list;
  data groups = data::type::list;
  bool table_form = false;
  bool any = false;
  auto flush = [&] {
    if (!any) return;
    data t;
    put(t, "form", table_form);
    put(t, "groups", std::move(groups));
    append(tables, std::move(t));
    groups = data::type::list;
    any = false;
  };
  for (const auto& g : cl.groups) {
    if (any && g.form != table_form) flush();
    table_form = g.form;
    any = true;
    data gd;
    // Set even when empty: a section looks a missing name up in the enclosing views.
    if (!g.title.empty()) put(gd, "title", g.title);
    else put(gd, "title", false);
    if (!g.anchor.empty()) put(gd, "anchor", g.anchor);
    put(gd, "form", g.form);
    data items = data::type::list;
    for (const auto& it : g.items) {
      data i;
      put(i, "number", std::to_string(it.number));
      put(i, "key", it.key);
      put(i, "form", it.form);
      put(i, "transcluded", it.transcluded);
      data provisions = data::type::list;
      for (const Provision* p : it.provisions) append(provisions, provision_link(site, *p, from));
      if (std::string field = it.form ? ledger_field(ledger_position(site.registry, it.provisions)) : "";
          !field.empty())
        put(i, "ledger", field);
      put(i, "provisions", std::move(provisions));
      data missing = data::type::list;
      for (const auto& id : it.missing) append(missing, data("id", id));
      put(i, "missing", std::move(missing));
      put(i, "has_requirements", !it.provisions.empty() || !it.missing.empty());
      if (!it.lead.empty()) put(i, "lead", it.lead);
      put(i, "text", it.text);
      if (!it.detail.empty()) put(i, "detail", it.detail);
      append(items, std::move(i));
    }
    put(gd, "items", std::move(items));
    append(groups, std::move(gd));
  }
  flush();
  put(d, "tables", std::move(tables));
  put(d, "item_count", std::to_string(cl.item_count));
  put(d, "answer_count", std::to_string(cl.answer_count));
  put(d, "field_count", std::to_string(cl.field_count));
  put(d, "has_fields", cl.field_count > 0);
  std::string csv = checklist_csv_url(page.url);
  put(d, "csv_href", relative_url(from, csv));
  return d;
}

std::string checklist_csv(const SiteModel& site, const Checklist& cl) {
  (void)site;
  std::string out = "\xEF\xBB\xBF";
  auto row = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  row({"No.", "区分", "要件ID", "引用", "確認項目", "補足", "回答(はい・いいえ・該当なし)または記入内容", "備考"});
  for (const auto& g : cl.groups)
    for (const auto& it : g.items) {
      std::vector<std::string> ids, cites;
      for (const Provision* p : it.provisions) {
        ids.push_back(p->id);
        cites.push_back(p->citation);
      }
      for (const auto& id : it.missing) ids.push_back(id);
      row({std::to_string(it.number), g.title, join(ids, "\n"), join(cites, "\n"),
           it.lead.empty() ? it.text : it.lead + "\n" + it.text, it.detail, "", ""});
    }
  return out;
}

}  // namespace kijun
