#include "requirements/requirement_export.h"

#include <nlohmann/json.hpp>

#include "base/parallel.h"

namespace kijun {

namespace {
// The IDs a provision's own text references, in order, without repeats.
std::vector<std::string> references_of(const ContentLibrary& lib, const Provision& p) {
  std::vector<std::string> out;
  const Page& page = lib.pages[p.page];
  for (const auto& r : page.doc->references) {
    if (r.external_document) continue;
    bool inside = p.marker >= 0 ? r.enclosing_marker == p.marker : r.enclosing_marker < 0;
    if (inside && std::find(out.begin(), out.end(), r.target) == out.end()) out.push_back(r.target);
  }
  return out;
}

std::vector<std::string> referenced_by(const ContentLibrary& lib, const Provision& p) {
  std::vector<std::string> out;
  for (const auto& s : p.referenced_from) {
    std::string from = s.from_id.empty() ? lib.pages[s.page].url : s.from_id;
    if (std::find(out.begin(), out.end(), from) == out.end()) out.push_back(from);
  }
  return out;
}
}  // namespace

std::string requirements_json(const ContentLibrary& lib, const RequirementRegistry& registry) {
  // Printed as nlohmann's dump(1) prints the whole document, one requirement at a time (the tree
  // of 76,000 requirements alone took 170 MB): each entry's own dump(1), indented two spaces more,
  // the entries on every core.
  auto str = [](const std::string& v) { return nlohmann::ordered_json(v).dump(); };
  std::string out = "{\n \"title\": " + str(lib.config.title) + ",\n \"edition\": " + str(lib.config.edition) +
                    ",\n \"effective_date\": " + str(lib.config.effective_date_iso) + ",\n \"requirements\": [";
  const auto& all = registry.all();
  for (std::string& part : parallel_chunks(all.size(), [&](std::string& o, std::size_t i) {
         const Provision& p = all[i];
         nlohmann::ordered_json r;
         r["id"] = p.id;
         r["citation"] = p.citation;
         r["parent"] = p.parent.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.parent);
         r["page"] = p.url;
         r["anchor"] = p.anchor;
         r["text"] = p.full_text;
         r["references"] = references_of(lib, p);
         r["referenced_by"] = referenced_by(lib, p);
         o += i == 0 ? "\n  " : ",\n  ";
         const std::string entry = r.dump(1);
         for (std::size_t from = 0;;) {
           const std::size_t nl = entry.find('\n', from);
           if (nl == std::string::npos) {
             o.append(entry, from);
             break;
           }
           o.append(entry, from, nl + 1 - from);
           o += "  ";
           from = nl + 1;
         }
       }))
    out += part;
  out += all.empty() ? "]\n}\n" : "\n ]\n}\n";
  return out;
}

bool starts_like_formula(std::string_view value) {
  if (value.empty()) return false;
  if (std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos) return true;
  // Full-width ＝ ＋ － ＠, which Japanese Excel also reads as the start of a formula.
  for (std::string_view wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"})
    if (value.substr(0, wide.size()) == wide) return true;
  return false;
}

std::string csv_field(const std::string& value) {
  // A cell that a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, -1+1, @SUM) gets a
  // leading apostrophe inside quotes, as OWASP recommends, so that it is shown as text.
  bool formula = starts_like_formula(value);
  if (!formula && value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = formula ? "\"'" : "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string requirements_csv(const ContentLibrary& lib, const RequirementRegistry& registry) {
  std::string out = "\xEF\xBB\xBF";
  auto row = [](std::string& o, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) o.push_back(',');
      o += csv_field(cells[i]);
    }
    o += "\r\n";
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
    return s;
  };
  row(out, {"ID", "引用", "親要件", "ページ", "アンカー", "本文", "参照先", "参照元", "参照元の数"});
  const auto& all = registry.all();
  for (std::string& part : parallel_chunks(all.size(), [&](std::string& o, std::size_t i) {
         const Provision& p = all[i];
         row(o, {p.id, p.citation, p.parent, p.url, p.anchor, p.full_text, join(references_of(lib, p)),
                 join(referenced_by(lib, p)), std::to_string(p.referenced_from.size())});
       }))
    out += part;
  return out;
}

}  // namespace kijun
