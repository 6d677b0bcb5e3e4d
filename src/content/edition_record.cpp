#include "content/edition_record.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "base/disk.h"
#include "base/json_string.h"
#include "content/published_record.h"
#include "content/yaml_source.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUnknown = "不明";

const std::vector<std::string> kRecordKeys = {
    "edition", "title", "organisation", "effective_date_iso", "effective_date", "decided_date_iso",
    "decided_date", "notified_date_iso", "notified_date", "reason", "text_recorded", "pages", "provisions"};
const std::vector<std::string> kPageKeys = {"url", "number", "title", "id"};
const std::vector<std::string> kProvisionKeys = {"order",   "id",   "citation", "enumerator", "parent",
                                                 "heading", "text", "body",     "page"};

// A date written twice, in ISO and in 和暦: the ISO date rules, the 和暦 must agree with it.
// `required`: the ISO date may not be unknown.
bool read_date(const YamlSource& yaml, const YAML::Node& r, const std::string& key, bool required,
               std::optional<Date>& out, Diagnostics& diags) {
  const std::string iso_key = key + "_iso";
  const YAML::Node iso = r[iso_key];
  if (!iso.IsDefined() || iso.IsNull()) {
    if (required) {
      diags.error(yaml.at(iso.IsDefined() ? iso : r),
                  Message{"KJ620", "版の記録に '" + iso_key + "'(日付 例: 2025-04-01)がありません",
                          "the edition record needs '" + iso_key + "' (a date like 2025-04-01)"});
      return false;
    }
    if (auto w = yaml.get_string(r, key, diags); w && *w != kUnknown)
      diags.error(yaml.at(r[key]), Message{"KJ601",
                                           "'" + key + "' は '" + iso_key + "' がないときは「不明」と書きます",
                                           "'" + key + "' must be 不明 when '" + iso_key + "' is not known"});
    out.reset();
    return true;
  }
  auto text = yaml.get_string(r, iso_key, diags);
  auto date = text ? parse_iso_date(*text) : std::nullopt;
  if (!date) {
    diags.error(yaml.at(iso), Message{"KJ604", "'" + iso_key + "' は 2025-04-01 のような実在する日付で書きます",
                                      "'" + iso_key + "' must be a real date like 2025-04-01"});
    return false;
  }
  if (auto w = yaml.get_string(r, key, diags); w && *w != wareki(*date)) {
    diags.error(yaml.at(r[key]), Message{"KJ601",
                                         "'" + key + "' の和暦「" + *w + "」が " + *text + " と合いません(正しくは「" +
                                             wareki(*date) + "」)",
                                         "'" + key + "' " + *w + " does not match " + *text + " (it is " +
                                             wareki(*date) + ")"});
    return false;
  }
  out = date;
  return true;
}

// A string field of a list entry; "" when absent.
std::string field(const YamlSource& yaml, const YAML::Node& map, const std::string& key, Diagnostics& diags) {
  return yaml.get_string(map, key, diags).value_or("");
}

std::string flow_map(const std::vector<std::pair<std::string, std::string>>& fields,
                     const std::vector<std::pair<std::string, long>>& numbers = {}) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e << YAML::BeginMap;
  for (const auto& [k, v] : numbers) e << YAML::Key << k << YAML::Value << v;
  for (const auto& [k, v] : fields) e << YAML::Key << k << YAML::Value << v;
  e << YAML::EndMap;
  return e.c_str();
}

std::string scalar(const std::string& v) {
  YAML::Emitter e;
  e << v;
  return e.c_str();
}

}  // namespace

std::string edition_slug(const std::string& name) {
  static const std::regex shape(R"(第([0-9]+(?:\.[0-9]+)*)版)");
  std::smatch m;
  return std::regex_match(name, m, shape) ? m[1].str() : "";
}

std::string EditionRecord::slug() const { return edition_slug(name); }

std::string EditionRecord::history_text() const {
  std::string dates;
  if (decided) dates = wareki(*decided) + "決裁";
  if (notified)
    dates += (dates.empty() ? wareki(*notified) : "、" + wareki_short(*notified, decided ? *decided : *notified)) +
             "通知";
  return dates.empty() ? reason : reason + "(" + dates + ")";
}

const EditionProvision* EditionRecord::find(const std::string& id) const {
  for (const auto& p : provisions)
    if (p.id == id) return &p;
  return nullptr;
}

const EditionPage* EditionRecord::page(const std::string& url) const {
  for (const auto& p : pages)
    if (p.url == url) return &p;
  return nullptr;
}

std::optional<EditionRecord> parse_edition_record(const std::string& path, const std::string& text,
                                                  Diagnostics& diags) {
  // A record as `kijun edition publish` wrote it is read without yaml-cpp; anything else, and every
  // mistake, by yaml-cpp, with its messages.
  if (auto rec = read_published_record(path, text)) return rec;
  return parse_edition_record_yaml(path, text, diags);
}

std::optional<EditionRecord> parse_edition_record_yaml(const std::string& path, const std::string& text,
                                                       Diagnostics& diags) {
  YamlSource yaml(path, text, 0, YamlKind::kEditionRecord);
  auto root = yaml.load(text, diags);
  if (!root) return std::nullopt;
  const std::size_t errors_before = diags.error_count();
  const YAML::Node& r = *root;
  if (!r.IsMap()) {
    diags.error({path, 1, 1}, Message{"KJ620", "版の記録は 'edition: 第1.1版' のような「キー: 値」の形で書きます",
                                      "an edition record is a map of 'key: value' lines (edition, ...)"});
    return std::nullopt;
  }
  yaml.check_keys(r, kRecordKeys, {"版の記録", "edition record key"}, diags);
  EditionRecord rec;
  rec.file = path;
  rec.name = field(yaml, r, "edition", diags);
  if (edition_slug(rec.name).empty())
    diags.error(yaml.at(r["edition"].IsDefined() ? r["edition"] : r),
                Message{"KJ602", "版の名前は「第1.2版」の形で書きます", "an edition is named like 第1.2版"});
  std::optional<Date> effective;
  if (read_date(yaml, r, "effective_date", true, effective, diags) && effective) rec.effective = *effective;
  read_date(yaml, r, "decided_date", false, rec.decided, diags);
  read_date(yaml, r, "notified_date", false, rec.notified, diags);
  rec.reason = field(yaml, r, "reason", diags);
  rec.title = field(yaml, r, "title", diags);
  rec.organisation = field(yaml, r, "organisation", diags);
  rec.has_text = yaml.get_bool(r, "text_recorded", diags).value_or(true);
  if (const YAML::Node pages = r["pages"]; pages.IsDefined() && pages.IsSequence()) {
    for (const auto& p : pages) {
      if (!p.IsMap() || !yaml.check_keys(p, kPageKeys, {"版の記録のページ", "edition page key"}, diags)) continue;
      rec.pages.push_back(
          {field(yaml, p, "url", diags), field(yaml, p, "number", diags), field(yaml, p, "title", diags),
           field(yaml, p, "id", diags)});
    }
  }
  if (const YAML::Node provisions = r["provisions"]; provisions.IsDefined() && provisions.IsSequence()) {
    for (const auto& p : provisions) {
      if (!p.IsMap() || !yaml.check_keys(p, kProvisionKeys, {"版の記録の要件", "edition provision key"}, diags)) continue;
      EditionProvision e;
      e.order = static_cast<int>(yaml.get_integer(p, "order", diags).value_or(rec.provisions.size() + 1));
      e.id = field(yaml, p, "id", diags);
      e.citation = field(yaml, p, "citation", diags);
      e.enumerator = field(yaml, p, "enumerator", diags);
      e.parent = field(yaml, p, "parent", diags);
      e.heading = yaml.get_bool(p, "heading", diags).value_or(false);
      e.text = field(yaml, p, "text", diags);
      e.body = field(yaml, p, "body", diags);
      e.page = field(yaml, p, "page", diags);
      if (e.id.empty())
        diags.error(yaml.at(p), Message{"KJ620", "版の記録の要件に 'id' がありません",
                                        "a provision of the edition record has no 'id'"});
      else if (rec.find(e.id))
        diags.error(yaml.at(p), Message{"KJ620", "版の記録に要件 '" + e.id + "' が2回あります",
                                        "provision '" + e.id + "' is recorded twice"});
      rec.provisions.push_back(std::move(e));
    }
  } else if (rec.has_text) {
    diags.error(yaml.at(r), Message{"KJ620",
                                    "版の記録に 'provisions'(要件の一覧)がありません。本文が不明な版には "
                                    "'text_recorded: false' と書きます",
                                    "the edition record has no 'provisions'; write 'text_recorded: false' for an "
                                    "edition whose text is not known"});
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return rec;
}

std::vector<EditionRecord> load_editions(const std::string& project_root, const std::string& editions_dir,
                                         Diagnostics& diags) {
  std::vector<EditionRecord> out;
  const fs::path dir = fs::path(project_root) / editions_dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& name : list_files(dir, ".yaml")) {
    const std::string shown = editions_dir + "/" + name;
    auto text = read_text_file(dir / name, shown, diags);
    if (!text) continue;
    auto rec = parse_edition_record(shown, *text, diags);
    if (!rec) continue;
    if (name != rec->slug() + ".yaml") {
      diags.error({shown, 1, 1}, Message{"KJ602", rec->name + " の記録のファイル名は " + rec->slug() + ".yaml です",
                                         "the record of " + rec->name + " must be named " + rec->slug() + ".yaml"});
      continue;
    }
    out.push_back(std::move(*rec));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const EditionRecord& a, const EditionRecord& b) { return a.effective < b.effective; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].effective == out[i - 1].effective)
      diags.error({out[i].file, 1, 1},
                  Message{"KJ605", out[i].name + " と " + out[i - 1].name + " の施行日が同じです",
                          out[i].name + " and " + out[i - 1].name + " take effect on the same day"});
  return out;
}

std::string edition_record_yaml(const EditionRecord& r) {
  auto date_lines = [](const std::string& key, const std::optional<Date>& d) {
    return key + "_iso: " + (d ? iso_date(*d) : std::string("~")) + "\n" + key + ": " + (d ? wareki(*d) : kUnknown) +
           "\n";
  };
  std::string y;
  y += "# " + r.organisation + "「" + r.title + "」" + r.name +
       ": the edition as published, written by 'kijun edition publish'. Frozen: do not edit.\n";
  y += "edition: " + scalar(r.name) + "\n";
  y += "title: " + scalar(r.title) + "\n";
  y += "organisation: " + scalar(r.organisation) + "\n";
  y += date_lines("effective_date", r.effective);
  y += date_lines("decided_date", r.decided);
  y += date_lines("notified_date", r.notified);
  y += "reason: " + scalar(r.reason) + "\n";
  if (!r.has_text) return y + "text_recorded: false\n";
  y += "pages:\n";
  for (const auto& p : r.pages)
    y += "  - " + flow_map({{"url", p.url}, {"number", p.number}, {"title", p.title}, {"id", p.id}}) + "\n";
  y += "provisions:\n";
  for (const auto& p : r.provisions) {
    std::vector<std::pair<std::string, std::string>> f = {
        {"id", p.id}, {"citation", p.citation}, {"enumerator", p.enumerator}, {"parent", p.parent}};
    if (p.heading) f.push_back({"heading", "true"});
    f.push_back({"text", p.text});
    if (!p.body.empty()) f.push_back({"body", p.body});
    f.push_back({"page", p.page});
    y += "  - " + flow_map(f, {{"order", p.order}}) + "\n";
  }
  return y;
}

namespace {

// JSON exactly as nlohmann's dump(1) writes it, written directly: building the nlohmann tree of
// 1.1.yaml and dumping it took 0.7 ms of every build. Strings as append_json_string writes them
// (every record is valid UTF-8, which read_text_file checks, so nothing is replaced).

// The members of one object, each on a line of its own at `indent` spaces.
class JsonObject {
 public:
  JsonObject(std::string& out, int indent) : out_(out), indent_(indent) { out_ += "{"; }
  void key(const char* k) {
    out_ += first_ ? "\n" : ",\n";
    first_ = false;
    out_.append(static_cast<std::size_t>(indent_), ' ');
    append_json_string(out_, k);
    out_ += ": ";
  }
  void text(const char* k, std::string_view v) {
    key(k);
    append_json_string(out_, v);
  }
  void raw(const char* k, std::string_view v) {
    key(k);
    out_ += v;
  }
  void close() {
    if (!first_) {
      out_ += "\n";
      out_.append(static_cast<std::size_t>(indent_ - 1), ' ');
    }
    out_ += "}";
  }

 private:
  std::string& out_;
  int indent_;
  bool first_ = true;
};

// An array of objects at level 1, each written by `item(object)`.
template <typename T, typename Item>
void json_array(std::string& out, const std::vector<T>& items, Item item) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    JsonObject o(out, 3);
    item(o, items[i]);
    o.close();
  }
  out += "\n ]";
}

}  // namespace

std::string edition_record_json(const EditionRecord& r) {
  std::string out;
  out.reserve(1024 + r.provisions.size() * 512);
  JsonObject j(out, 1);
  auto date = [&](const std::string& key, const std::optional<Date>& d) {
    const std::string iso = key + "_iso";
    if (d) {
      j.text(iso.c_str(), iso_date(*d));
      j.text(key.c_str(), wareki(*d));
    } else {
      j.raw(iso.c_str(), "null");
      j.text(key.c_str(), kUnknown);
    }
  };
  j.text("edition", r.name);
  j.text("title", r.title);
  j.text("organisation", r.organisation);
  date("effective_date", r.effective);
  date("decided_date", r.decided);
  date("notified_date", r.notified);
  j.text("reason", r.reason);
  j.raw("text_recorded", r.has_text ? "true" : "false");
  j.key("pages");
  json_array(out, r.pages, [](JsonObject& o, const EditionPage& p) {
    o.text("url", p.url);
    o.text("number", p.number);
    o.text("title", p.title);
    o.text("id", p.id);
  });
  j.key("provisions");
  json_array(out, r.provisions, [](JsonObject& o, const EditionProvision& p) {
    o.raw("order", std::to_string(p.order));
    o.text("id", p.id);
    o.text("citation", p.citation);
    o.text("enumerator", p.enumerator);
    o.text("parent", p.parent);
    o.raw("heading", p.heading ? "true" : "false");
    o.text("text", p.text);
    o.text("body", p.body);
    o.text("page", p.page);
  });
  j.close();
  return out + "\n";
}

}  // namespace kijun
