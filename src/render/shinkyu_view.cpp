#include "render/shinkyu_view.h"

#include <nlohmann/json.hpp>

#include "base/html.h"
#include "requirements/requirement_export.h"

namespace kijun {

using kainjow::mustache::data;

namespace {

// The enumerator (double-underlined when renumbered), then the text with its changed runs underlined.
std::string side_html(const DiffSide& s) {
  std::string h;
  if (!s.enumerator.empty() && s.enumerator != "・")
    h += std::string("<span class=\"kj-sk-enum") + (s.enumerator_changed ? " kj-sk-renum" : "") + "\">" +
         escape_html(s.enumerator) + "</span> ";
  for (const auto& span : s.spans) {
    std::string t = escape_html(span.text);
    std::string br;
    for (char c : t) br += c == '\n' ? std::string("<br>") : std::string(1, c);
    h += span.changed ? "<span class=\"kj-sk-chg\">" + br + "</span>" : br;
  }
  return h;
}

data cell_view(const SiteModel& site, const DiffSide& s, bool moved, bool current_side) {
  data d;
  d.set("present", s.present);
  d.set("citation", s.citation);
  d.set("html", side_html(s));
  d.set("moved", moved);
  d.set("place", s.place);
  (void)site;
  (void)current_side;
  return d;
}

bool has(const DiffRow& r, ChangeKind k) { return std::find(r.kinds.begin(), r.kinds.end(), k) != r.kinds.end(); }

std::string changed_runs(const DiffSide& s) {
  std::string out;
  for (const auto& span : s.spans)
    if (span.changed) out += (out.empty() ? "" : " / ") + span.text;
  return out;
}

}  // namespace

std::string shinkyu_url(const std::string& from_slug, const std::string& to_slug) {
  return "shinkyu/" + from_slug + "-" + to_slug + ".html";
}

std::string shinkyu_title(const EditionDiff& diff) { return "新旧対照表(" + diff.from + " → " + diff.to + ")"; }

std::string marked_text(const DiffSide& s, const std::string& open, const std::string& close) {
  std::string t;
  if (!s.enumerator.empty() && s.enumerator != "・") t += s.enumerator_changed ? open + s.enumerator + close : s.enumerator;
  for (const auto& span : s.spans) t += span.changed ? open + span.text + close : span.text;
  return t;
}

data shinkyu_view(const SiteModel& site, const Comparison& c, bool new_first) {
  data d = common_view(site, c.url, -1);
  data pg;
  pg.set("title", shinkyu_title(c.diff));
  d.set("page", pg);
  d.set("from", c.diff.from);
  d.set("to", c.diff.to);
  d.set("effective", c.effective);
  d.set("effective_iso", c.effective_iso);
  d.set("draft", c.draft);
  d.set("csv_href", relative_url(c.url, c.csv_url));
  d.set("count", std::to_string(c.diff.rows.size()));
  d.set("empty", c.diff.rows.empty());
  data heads = data::type::list;
  heads << data("label", new_first ? "改正後" : "改正前") << data("label", new_first ? "改正前" : "改正後");
  d.set("heads", heads);
  data rows = data::type::list;
  for (const auto& r : c.diff.rows) {
    data row;
    row.set("id", r.id);
    row.set("omitted_before", r.omitted_before);
    row.set("remarks", r.remarks());
    const bool moved = has(r, ChangeKind::kMoved);
    data first = cell_view(site, new_first ? r.after : r.before, moved, new_first);
    data second = cell_view(site, new_first ? r.before : r.after, moved, !new_first);
    data cells = data::type::list;
    cells << first << second;
    row.set("cells", cells);
    if (const Provision* p = site.registry.find(r.id)) row.set("current_href", relative_url(c.url, site.registry.href(*p)));
    rows << row;
  }
  d.set("rows", rows);
  d.set("omitted_after", c.diff.omitted_after);
  // The running header of the printed table, as a CSS string.
  std::string header = site.lib.config.title + " 新旧対照表 " + c.diff.from + " → " + c.diff.to +
                       (c.effective.empty() ? "" : " 施行日 " + c.effective);
  std::string css = "\"";
  for (char ch : header) {
    if (ch == '"' || ch == '\\' || ch == '<' || ch == '>') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%x ", static_cast<unsigned char>(ch));
      css += buf;
    } else {
      css += ch;
    }
  }
  d.set("print_header_css", css + "\"");
  d.set("print_header", header);
  return d;
}

std::string shinkyu_csv(const EditionDiff& diff) {
  std::string out = "\xEF\xBB\xBF";
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  row({"ID", "備考", "改正後の引用", "改正後の場所", "改正後", "改正後の変更箇所", "改正前の引用", "改正前の場所", "改正前",
       "改正前の変更箇所"});
  for (const auto& r : diff.rows)
    row({r.id, r.remarks(), r.after.citation, r.after.place, r.after.present ? marked_text(r.after, "", "") : "",
         changed_runs(r.after), r.before.citation, r.before.place, r.before.present ? marked_text(r.before, "", "") : "",
         changed_runs(r.before)});
  return out;
}

std::string shinkyu_text(const EditionDiff& diff) {
  std::string out = shinkyu_title(diff) + ": " + std::to_string(diff.rows.size()) + "件の変更\n";
  for (const auto& r : diff.rows) {
    if (r.omitted_before) out += "  (略)\n";
    out += "\n" + r.id + "  [" + r.remarks() + "]\n";
    auto line = [&](const char* label, const DiffSide& s, const char* open, const char* close) {
      out += std::string("  ") + label + " ";
      if (!s.present) {
        out += "(なし)\n";
        return;
      }
      out += s.citation + " (" + s.place + ")\n    " + marked_text(s, open, close) + "\n";
    };
    line("改正後", r.after, "{+", "+}");
    line("改正前", r.before, "[-", "-]");
  }
  if (diff.omitted_after) out += "  (略)\n";
  return out;
}

std::string shinkyu_json(const EditionDiff& diff) {
  nlohmann::ordered_json doc;
  doc["from"] = diff.from;
  doc["to"] = diff.to;
  auto& rows = doc["rows"] = nlohmann::ordered_json::array();
  auto side = [](const DiffSide& s) {
    if (!s.present) return nlohmann::ordered_json(nullptr);
    nlohmann::ordered_json j;
    j["citation"] = s.citation;
    j["enumerator"] = s.enumerator;
    j["enumerator_changed"] = s.enumerator_changed;
    j["page"] = s.page_url;
    j["place"] = s.place;
    auto& spans = j["spans"] = nlohmann::ordered_json::array();
    for (const auto& sp : s.spans) spans.push_back({{"text", sp.text}, {"changed", sp.changed}});
    return j;
  };
  for (const auto& r : diff.rows) {
    nlohmann::ordered_json j;
    j["id"] = r.id;
    auto& kinds = j["remarks"] = nlohmann::ordered_json::array();
    for (auto k : r.kinds) kinds.push_back(change_label(k));
    j["omitted_before"] = r.omitted_before;
    j["after"] = side(r.after);
    j["before"] = side(r.before);
    rows.push_back(std::move(j));
  }
  doc["omitted_after"] = diff.omitted_after;
  return doc.dump(1) + "\n";
}

}  // namespace kijun
