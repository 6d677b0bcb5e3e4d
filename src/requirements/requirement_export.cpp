#include "requirements/requirement_export.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/parallel.h"
#include "base/json_string.h"

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
  // Printed as nlohmann's dump(1) prints the whole document (the tree of 76,000 requirements alone
  // took 170 MB), one requirement at a time and on every core: each entry's members indented
  // three spaces, the items of its lists four.
  auto str = [](const std::string& v) { return nlohmann::ordered_json(v).dump(); };
  std::string out = "{\n \"title\": " + str(lib.config.title) + ",\n \"edition\": " + str(lib.config.edition) +
                    ",\n \"effective_date\": " + str(lib.config.effective_date_iso) + ",\n \"requirements\": [";
  auto list = [](std::string& o, const std::vector<std::string>& items) {
    if (items.empty()) {
      o += "[]";
      return;
    }
    o.push_back('[');
    for (std::size_t k = 0; k < items.size(); ++k) {
      o += k == 0 ? "\n    " : ",\n    ";
      append_json_string(o, items[k]);
    }
    o += "\n   ]";
  };
  const auto& all = registry.all();
  append_parts(out, parallel_chunks(all.size(), [&](std::string& o, std::size_t i) {
         const Provision& p = all[i];
         o += i == 0 ? "\n  {\n   \"id\": " : ",\n  {\n   \"id\": ";
         append_json_string(o, p.id);
         o += ",\n   \"citation\": ";
         append_json_string(o, p.citation);
         o += ",\n   \"parent\": ";
         if (p.parent.empty())
           o += "null";
         else
           append_json_string(o, p.parent);
         o += ",\n   \"page\": ";
         append_json_string(o, p.url);
         o += ",\n   \"anchor\": ";
         append_json_string(o, p.anchor);
         o += ",\n   \"text\": ";
         append_json_string(o, p.full_text);
         o += ",\n   \"references\": ";
         list(o, references_of(lib, p));
         o += ",\n   \"referenced_by\": ";
         list(o, referenced_by(lib, p));
         o += "\n  }";
       }));
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

void append_csv_field(std::string& out, std::string_view value) {
  // A cell that a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, -1+1, @SUM) gets a
  // leading apostrophe inside quotes, as OWASP recommends, so that it is shown as text.
  const bool formula = starts_like_formula(value);
  // One pass over the bytes (find_first_of searches the four characters once per byte).
  const bool plain = std::none_of(value.begin(), value.end(),
                                  [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (!formula && plain) {
    out += value;
    return;
  }
  out += formula ? "\"'" : "\"";
  for (std::size_t from = 0;;) {
    const std::size_t quote = value.find('"', from);
    if (quote == std::string_view::npos) {
      out += value.substr(from);
      break;
    }
    out += value.substr(from, quote + 1 - from);
    out.push_back('"');
    from = quote + 1;
  }
  out.push_back('"');
}

std::string csv_field(const std::string& value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

std::string requirements_csv(const ContentLibrary& lib, const RequirementRegistry& registry) {
  std::string out = "\xEF\xBB\xBF";
  auto row = [](std::string& o, std::initializer_list<std::string_view> cells) {
    bool first = true;
    for (std::string_view cell : cells) {
      if (!first) o.push_back(',');
      first = false;
      append_csv_field(o, cell);
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
  append_parts(out, parallel_chunks(all.size(), [&](std::string& o, std::size_t i) {
         const Provision& p = all[i];
         row(o, {p.id, p.citation, p.parent, p.url, p.anchor, p.full_text, join(references_of(lib, p)),
                 join(referenced_by(lib, p)), std::to_string(p.referenced_from.size())});
       }));
  return out;
}

}  // namespace kijun
