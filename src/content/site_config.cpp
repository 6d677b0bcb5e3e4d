#include "content/site_config.h"

#include <set>

#include "base/japanese_date.h"
#include "base/url_policy.h"
#include "content/yaml_source.h"

namespace kijun {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A lower-case letter, then lower-case letters, digits and '_'.
bool is_fact_key(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '_')) return false;
  return true;
}

}  // namespace

std::optional<SiteConfig> parse_site_config(const std::string& path, std::string_view text, Diagnostics& diags) {
  YamlSource yaml(path, text, 0, YamlKind::kSiteSettings);
  auto root = yaml.load(text, diags);
  if (!root) return std::nullopt;
  if (!root->IsMap()) {
    diags.error({path, 1, 1}, Message{"KJ508", "site.yaml には「キー: 値」の行（title、organisation、edition など）を並べてください",
                                      "site settings must be 'key: value' lines (title, organisation, edition, ...)"});
    return std::nullopt;
  }
  const YAML::Node& r = *root;
  std::size_t errors_before = diags.error_count();
  static const std::vector<std::string> keys = {
      "title",       "organisation", "edition", "effective_date", "effective_date_iso",
      "description", "unsafe_html",  "search",  "examples", "draft", "shinkyu", "documents",
      "requirements_split_above", "short_link_resolver_above"};
  yaml.check_keys(r, keys, {"site.yaml ", "setting"}, diags);

  SiteConfig c;
  auto required = [&](const std::string& key, std::string& out) {
    if (auto v = yaml.get_string(r, key, diags)) {
      out = *v;
    } else if (!r[key].IsDefined()) {
      diags.error({path, 1, 1}, Message{"KJ530", "site.yaml に「" + key + "」の設定がありません",
                                        "missing setting '" + key + "'"});
    }
  };
  required("title", c.title);
  required("organisation", c.organisation);
  required("edition", c.edition);
  required("effective_date_iso", c.effective_date_iso);
  if (!c.effective_date_iso.empty()) {
    if (auto date = parse_iso_date(c.effective_date_iso)) {
      // The 和暦 is computed; one written by hand must agree with it.
      const std::string computed = wareki(*date);
      if (auto written = yaml.get_string(r, "effective_date", diags); written && *written != computed)
        diags.error(yaml.at(r["effective_date"]),
                    Message{"KJ601",
                            "'effective_date' の和暦「" + *written + "」が " + c.effective_date_iso +
                                " と合いません(正しくは「" + computed + "」)",
                            "'effective_date' " + *written + " does not match " + c.effective_date_iso + " (it is " +
                                computed + ")"});
      c.effective_date = computed;
    } else {
      diags.error(yaml.at(r["effective_date_iso"]),
                  Message{"KJ531", "「effective_date_iso」は 2025-04-01 のような日付にしてください",
                          "'effective_date_iso' must be a date like 2025-04-01"});
    }
  }
  if (auto v = yaml.get_bool(r, "draft", diags)) c.draft = *v;
  if (const YAML::Node sk = r["shinkyu"]; sk.IsDefined()) {
    if (!sk.IsMap() || !yaml.check_keys(sk, {"columns"}, {"「shinkyu」", "shinkyu setting"}, diags)) {
      if (!sk.IsMap()) diags.error(yaml.at(sk), Message{"KJ606", "'shinkyu' には 'columns: [改正後, 改正前]' を書きます",
                                                       "'shinkyu' must be a map with 'columns: [改正後, 改正前]'"});
    } else if (auto cols = yaml.get_string_list(sk, "columns", diags)) {
      if (*cols == std::vector<std::string>{"改正後", "改正前"})
        c.shinkyu_new_first = true;
      else if (*cols == std::vector<std::string>{"改正前", "改正後"})
        c.shinkyu_new_first = false;
      else
        diags.error(yaml.at(sk["columns"]), Message{"KJ606", "'columns' は [改正後, 改正前] か [改正前, 改正後] です",
                                                    "'columns' must be [改正後, 改正前] or [改正前, 改正後]"});
    }
  }
  if (auto v = yaml.get_string(r, "description", diags)) c.description = *v;
  // Numbers of provisions: 0 or more (0 splits or resolves whatever the count).
  auto count_setting = [&](const std::string& key, std::size_t& out) {
    auto v = yaml.get_integer(r, key, diags);
    if (!v) return;
    if (*v < 0)
      diags.error(yaml.at(r[key]), Message{"KJ590", "「" + key + "」には 0 以上の整数(要件の数)を書いてください",
                                           "'" + key + "' must be a number of provisions, 0 or more"});
    else
      out = static_cast<std::size_t>(*v);
  };
  count_setting("requirements_split_above", c.requirements_split_above);
  count_setting("short_link_resolver_above", c.short_link_resolver_above);
  if (auto v = yaml.get_bool(r, "unsafe_html", diags)) c.unsafe_html = *v;

  if (const YAML::Node search = r["search"]; search.IsDefined()) {
    if (!search.IsMap()) {
      diags.error(yaml.at(search), Message{"KJ532", "「search」の下には「variants:」などを書いてください",
                                           "'search' must be a map with 'variants' and the like"});
    } else if (yaml.check_keys(search, {"variants", "synonyms", "related", "stopwords", "shard_above", "shard_size_kb"}, {"「search」", "search setting"},
                               diags)) {
      c.search = parse_search_settings(yaml, search, diags);
      const YAML::Node variants = search["variants"];
      if (variants.IsDefined() && !variants.IsSequence()) {
        diags.error(yaml.at(variants),
                    Message{"KJ533", "「variants」には [ウェブ会議, Web会議] のような表記のグループを並べてください",
                            "'variants' must be a list of groups such as [ウェブ会議, Web会議]"});
      } else if (variants.IsDefined()) {
        for (const auto& group : variants) {
          std::vector<std::string> words;
          bool ok = group.IsSequence() && group.size() >= 2;
          if (ok)
            for (const auto& w : group) {
              if (!w.IsScalar() || w.Scalar().empty())
                ok = false;
              else
                words.push_back(w.Scalar());
            }
          if (!ok) {
            diags.error(yaml.at(group), Message{"KJ534", "検索の表記ゆれのグループには、二つ以上の表記を並べてください",
                                                "each search variant group must list two or more spellings"});
            continue;
          }
          c.search_variants.push_back(std::move(words));
        }
      }
    }
  }
  if (const YAML::Node examples = r["examples"]; examples.IsDefined()) {
    if (!examples.IsMap() || !yaml.check_keys(examples, {"facts"}, {"「examples」", "examples setting"}, diags)) {
      if (!examples.IsMap())
        diags.error(yaml.at(examples), Message{"KJ535", "「examples」の下には「facts:」を書いてください",
                                               "'examples' must be a map with 'facts'"});
    } else if (const YAML::Node facts = examples["facts"]; facts.IsDefined() && !facts.IsSequence()) {
      diags.error(yaml.at(facts), Message{"KJ536", "「facts」には「key」「label」「related」を持つ項目を並べてください",
                                          "'facts' must be a list of entries with 'key', 'label' and 'related'"});
    } else if (facts.IsDefined()) {
      for (const auto& f : facts) {
        if (!f.IsMap()) {
          diags.error(yaml.at(f), Message{"KJ537", "「facts」の各項目には「key」「label」「related」を書いてください",
                                          "each example fact needs 'key', 'label' and 'related'"});
          continue;
        }
        if (!yaml.check_keys(f, {"key", "label", "related"}, {"「facts」の項目", "example fact setting"}, diags)) continue;
        ExampleFact fact;
        fact.key = yaml.get_string(f, "key", diags).value_or("");
        fact.label = yaml.get_string(f, "label", diags).value_or("");
        fact.related = yaml.get_string_list(f, "related", diags).value_or(std::vector<std::string>{});
        fact.related_where = yaml.at(f["related"].IsDefined() ? f["related"] : f);
        if (!is_fact_key(fact.key)) {
          diags.error(yaml.at(f), Message{"KJ538", "「key」は半角の小文字・数字・「_」で書いてください",
                                          "an example fact needs a 'key' of lower-case letters, digits and '_'"});
          continue;
        }
        if (fact.label.empty())
          diags.error(yaml.at(f), Message{"KJ539", "「" + fact.key + "」に「label」（表示する名前）がありません",
                                          "example fact '" + fact.key + "' needs a 'label'"});
        for (const auto& other : c.example_facts)
          if (other.key == fact.key)
            diags.error(yaml.at(f), Message{"KJ540", "「" + fact.key + "」が二度書かれています",
                                            "example fact '" + fact.key + "' is listed twice"});
        c.example_facts.push_back(std::move(fact));
      }
    }
  }
  if (const YAML::Node docs = r["documents"]; docs.IsDefined() && !docs.IsNull()) {
    if (!docs.IsMap()) {
      diags.error(yaml.at(docs), Message{"KJ580", "「documents」には「文書の題名: https://…」の行を並べてください",
                                         "'documents' must be lines 'document title: https://…'"});
    } else {
      for (const auto& kv : docs) {
        std::string title = kv.first.IsScalar() ? kv.first.Scalar() : "";
        if (title.empty()) {
          diags.error(yaml.at(kv.first), Message{"KJ580", "「documents」の題名は文字で書いてください",
                                                 "a title in 'documents' must be text"});
          continue;
        }
        if (c.documents.count(title)) {
          diags.error(yaml.at(kv.first), Message{"KJ582", "「documents」に文書「" + title + "」が二度書かれています",
                                                 "document '" + title + "' is listed twice in 'documents'"});
          continue;
        }
        if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
          diags.error(yaml.at(kv.second.IsDefined() && !kv.second.IsNull() ? kv.second : kv.first),
                      Message{"KJ583", "文書「" + title + "」の URL がありません。https://… を書くか、行を消してください",
                              "document '" + title + "' needs a URL (https://…), or remove the line"});
          continue;
        }
        const std::string url = kv.second.Scalar();
        const std::string scheme = url_scheme(url);
        bool plain = true;  // no white space, control characters, quotes or angle brackets
        for (unsigned char ch : url)
          if (ch <= 0x20 || ch == 0x7F || ch == '"' || ch == '<' || ch == '>' || ch == '\\' || ch == '`') plain = false;
        const std::size_t host = url.find("://");
        if ((scheme != "http" && scheme != "https") || !plain || !is_allowed_url(url) || host == std::string::npos ||
            host + 3 >= url.size() || url[host + 3] == '/') {
          diags.error(yaml.at(kv.second),
                      Message{"KJ581", "文書「" + title + "」の URL「" + url + "」は使えません。http:// か https:// で始まる、空白を含まない URL にしてください",
                              "URL '" + url + "' of document '" + title + "' is not allowed: use an http:// or https:// URL without spaces"});
          continue;
        }
        c.documents[title] = url;
      }
    }
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return c;
}

const std::string* document_url(const SiteConfig& config, const std::string& title) {
  if (auto it = config.documents.find(title); it != config.documents.end()) return &it->second;
  if (std::size_t cut = title.find("「"); cut != std::string::npos && cut > 0)
    if (auto it = config.documents.find(title.substr(0, cut)); it != config.documents.end()) return &it->second;
  return nullptr;
}

std::vector<std::string> SiteConfig::example_keys() const {
  std::vector<std::string> keys;
  for (const auto& f : example_facts) keys.push_back(f.key);
  return keys;
}

std::string set_site_settings(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<std::string> lines;
  std::string line;
  for (char ch : text) {
    if (ch == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += ch;
    }
  }
  if (!line.empty()) lines.push_back(line);
  for (const auto& [key, value] : values) {
    bool found = false;
    for (auto& l : lines)
      if (l.rfind(key + ":", 0) == 0) {
        l = key + ": " + value;
        found = true;
      }
    if (!found && key != "draft" && key != "effective_date") lines.push_back(key + ": " + value);
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace kijun
