#include "content/site_config.h"


#include "content/yaml_source.h"

namespace kijun {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 2025-04-01: four digits, '-', two digits, '-', two digits.
bool is_iso_date(const std::string& s) {
  if (s.size() != 10) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i == 4 || i == 7 ? s[i] != '-' : !is_digit(s[i])) return false;
  return true;
}

// A lower-case letter, then lower-case letters, digits and '_'.
bool is_fact_key(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '_')) return false;
  return true;
}

}  // namespace

std::optional<SiteConfig> parse_site_config(const std::string& path, std::string_view text, Diagnostics& diags) {
  YamlSource yaml(path, text, 0);
  auto root = yaml.load(text, diags);
  if (!root) return std::nullopt;
  if (!root->IsMap()) {
    diags.error({path, 1, 1}, "site settings must be 'key: value' lines (title, organisation, edition, ...)");
    return std::nullopt;
  }
  const YAML::Node& r = *root;
  std::size_t errors_before = diags.error_count();
  static const std::vector<std::string> keys = {
      "title",       "organisation", "edition", "effective_date", "effective_date_iso",
      "description", "unsafe_html",  "search",  "examples"};
  yaml.check_keys(r, keys, "setting", diags);

  SiteConfig c;
  auto required = [&](const std::string& key, std::string& out) {
    if (auto v = yaml.get_string(r, key, diags)) {
      out = *v;
    } else if (!r[key].IsDefined()) {
      diags.error({path, 1, 1}, "missing setting '" + key + "'");
    }
  };
  required("title", c.title);
  required("organisation", c.organisation);
  required("edition", c.edition);
  required("effective_date", c.effective_date);
  required("effective_date_iso", c.effective_date_iso);
  if (!c.effective_date_iso.empty() && !is_iso_date(c.effective_date_iso))
    diags.error(yaml.at(r["effective_date_iso"]), "'effective_date_iso' must be a date like 2025-04-01");
  if (auto v = yaml.get_string(r, "description", diags)) c.description = *v;
  if (auto v = yaml.get_bool(r, "unsafe_html", diags)) c.unsafe_html = *v;

  if (const YAML::Node search = r["search"]; search.IsDefined()) {
    if (!search.IsMap()) {
      diags.error(yaml.at(search), "'search' must be a map with 'variants'");
    } else if (yaml.check_keys(search, {"variants"}, "search setting", diags)) {
      const YAML::Node variants = search["variants"];
      if (variants.IsDefined() && !variants.IsSequence()) {
        diags.error(yaml.at(variants), "'variants' must be a list of groups such as [ウェブ会議, Web会議]");
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
            diags.error(yaml.at(group), "each search variant group must list two or more spellings");
            continue;
          }
          c.search_variants.push_back(std::move(words));
        }
      }
    }
  }
  if (const YAML::Node examples = r["examples"]; examples.IsDefined()) {
    if (!examples.IsMap() || !yaml.check_keys(examples, {"facts"}, "examples setting", diags)) {
      if (!examples.IsMap()) diags.error(yaml.at(examples), "'examples' must be a map with 'facts'");
    } else if (const YAML::Node facts = examples["facts"]; facts.IsDefined() && !facts.IsSequence()) {
      diags.error(yaml.at(facts), "'facts' must be a list of entries with 'key', 'label' and 'related'");
    } else if (facts.IsDefined()) {
      for (const auto& f : facts) {
        if (!f.IsMap()) {
          diags.error(yaml.at(f), "each example fact needs 'key', 'label' and 'related'");
          continue;
        }
        if (!yaml.check_keys(f, {"key", "label", "related"}, "example fact setting", diags)) continue;
        ExampleFact fact;
        fact.key = yaml.get_string(f, "key", diags).value_or("");
        fact.label = yaml.get_string(f, "label", diags).value_or("");
        fact.related = yaml.get_string_list(f, "related", diags).value_or(std::vector<std::string>{});
        fact.related_where = yaml.at(f["related"].IsDefined() ? f["related"] : f);
        if (!is_fact_key(fact.key)) {
          diags.error(yaml.at(f), "an example fact needs a 'key' of lower-case letters, digits and '_'");
          continue;
        }
        if (fact.label.empty()) diags.error(yaml.at(f), "example fact '" + fact.key + "' needs a 'label'");
        for (const auto& other : c.example_facts)
          if (other.key == fact.key) diags.error(yaml.at(f), "example fact '" + fact.key + "' is listed twice");
        c.example_facts.push_back(std::move(fact));
      }
    }
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return c;
}

std::vector<std::string> SiteConfig::example_keys() const {
  std::vector<std::string> keys;
  for (const auto& f : example_facts) keys.push_back(f.key);
  return keys;
}

}  // namespace kijun
