#include "content/front_matter.h"

#include <cctype>

#include "base/suggest.h"
#include "base/utf8.h"
#include "content/yaml_source.h"

namespace kijun {

std::string_view to_string(PageType t) {
  switch (t) {
    case PageType::kStandard: return "standard";
    case PageType::kPage: return "page";
    case PageType::kChecklist: return "checklist";
    case PageType::kExample: return "example";
    case PageType::kGuide: return "guide";
    case PageType::kGlossary: return "glossary";
  }
  return "standard";
}

const std::vector<std::string>& front_matter_keys() {
  static const std::vector<std::string> keys = {"title", "number",      "id",   "weight",
                                                "type",  "description", "slug", "aliases", "example", "guide",
                                                "glossary"};
  return keys;
}

namespace {

// Where the front matter's YAML and the body lie in the file.
struct Split {
  std::size_t yaml_begin = 0, yaml_end = 0, body_begin = 0;
  int body_first_line = 1;
};

bool is_fence(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  return line == "---";
}

std::optional<Split> split(const std::string& path, std::string_view text, Diagnostics& diags) {
  std::size_t first_end = text.find('\n');
  if (!is_fence(text.substr(0, first_end))) {
    diags.error({path, 1, 1},
                Message{"KJ101", "フロントマターがありません。ページは「---」の行で始め、少なくとも「title:」を書いてください",
                        "missing front matter: a page starts with a line '---', then at least 'title:'"});
    return std::nullopt;
  }
  Split s;
  s.yaml_begin = first_end == std::string_view::npos ? text.size() : first_end + 1;
  int line = 2;
  for (std::size_t pos = s.yaml_begin; pos < text.size(); ++line) {
    std::size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (is_fence(l)) {
      s.yaml_end = pos;
      s.body_begin = end == std::string_view::npos ? text.size() : end + 1;
      s.body_first_line = line + 1;
      return s;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  // Where the settings seem to end: the first line that cannot be a setting (Markdown text, a
  // heading after a blank line). Without one, the page's first line.
  SourceLocation where{path, 1, 1};
  bool blank_before = false;
  int n = 2;
  for (std::size_t pos = s.yaml_begin; pos < text.size(); ++n) {
    std::size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    std::size_t key = 0;
    while (key < l.size() && (std::isalnum(static_cast<unsigned char>(l[key])) || l[key] == '_')) ++key;
    const bool setting = l.empty() || l[0] == ' ' || l[0] == '\t' || l.starts_with("- ") || l == "-" ||
                         (l[0] == '#' && !(blank_before && l.size() > 2 && l[1] == ' ' &&
                                           static_cast<unsigned char>(l[2]) >= 0x80)) ||
                         (key > 0 && key < l.size() && l[key] == ':');
    if (!setting) {
      where = {path, n, 1};
      break;
    }
    blank_before = l.empty();
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  diags.error(where, where.line == 1
                         ? Message{"KJ102", "フロントマターが閉じていません。その終わりに「---」の行を加えてください",
                                   "front matter is not closed: add a line '---' after it"}
                         : Message{"KJ102",
                                   "フロントマターが閉じていません。この行の前に「---」の行を加えてください（ここからが本文のようです）",
                                   "front matter is not closed: add a line '---' before this line (the text seems "
                                   "to start here)"});
  return std::nullopt;
}

std::optional<PageType> page_type(std::string_view name) {
  for (auto t : {PageType::kStandard, PageType::kPage, PageType::kChecklist, PageType::kExample, PageType::kGuide, PageType::kGlossary})
    if (to_string(t) == name) return t;
  return std::nullopt;
}

}  // namespace

std::optional<SourceFile> parse_source_file(const std::string& path, std::string_view text, Diagnostics& diags,
                                            const std::vector<std::string>& example_keys) {
  auto s = split(path, text, diags);
  if (!s) return std::nullopt;
  YamlSource yaml(path, text, s->yaml_begin);
  auto root = yaml.load(text.substr(s->yaml_begin, s->yaml_end - s->yaml_begin), diags);
  if (!root) return std::nullopt;
  if (!root->IsMap()) {
    diags.error(root->IsNull() ? SourceLocation{path, 1, 1} : yaml.at(*root),
                Message{"KJ108", "フロントマターは「キー: 値」の行を並べ、少なくとも「title」を書いてください",
                        "front matter must be a list of 'key: value' lines with at least 'title'"});
    return std::nullopt;
  }

  const YAML::Node& r = *root;
  std::size_t errors_before = diags.error_count();
  yaml.check_keys(r, front_matter_keys(), {"フロントマター", "front matter key"}, diags);

  SourceFile file;
  file.body = text.substr(s->body_begin);
  file.body_first_line = s->body_first_line;
  PageMeta& m = file.meta;

  if (auto title = yaml.get_string(r, "title", diags)) m.title = *title;
  if (m.title.empty() && diags.error_count() == errors_before)
    diags.error({path, 1, 1}, Message{"KJ120", "フロントマターに「title」（ページの題名）がありません",
                                      "front matter has no 'title'"});
  if (auto v = yaml.get_string(r, "number", diags)) {
    m.number = *v;
    m.number_location = yaml.at(r["number"]);
  }
  if (auto v = yaml.get_string(r, "id", diags)) {
    m.id = *v;
    m.id_location = yaml.at(r["id"]);
  }
  m.weight = yaml.get_integer(r, "weight", diags);
  if (auto v = yaml.get_string(r, "description", diags)) m.description = *v;
  if (auto v = yaml.get_string(r, "slug", diags)) {
    m.slug = *v;
    m.slug_location = yaml.at(r["slug"]);
    // The slug is the last part of a URL: letters, digits, '-' and '_' (and Japanese), nothing a URL escapes.
    bool ok = !m.slug.empty();
    for (std::size_t i = 0; ok && i < m.slug.size();) {
      const char32_t c = utf8::next(m.slug, i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           (c >= 0x3041 && c != 0x3000 && c != 0xFEFF && c != 0xFFFD);
    }
    if (!ok)
      diags.error(m.slug_location,
                  Message{"KJ133", "slug「" + m.slug + "」は使えません。英数字と - _ だけで書いてください（.html や / は付けません）",
                          "slug '" + m.slug + "' is not allowed: use letters, digits, - and _ only (no .html, no /)"});
  }
  if (auto v = yaml.get_string_list(r, "aliases", diags)) {
    m.aliases = *v;
    const YAML::Node list = r["aliases"];
    for (std::size_t k = 0; k < m.aliases.size(); ++k)
      m.alias_locations.push_back(list.IsSequence() ? yaml.at(list[k]) : yaml.at(list));
  }
  if (auto v = yaml.get_string(r, "type", diags)) {
    static const std::vector<std::string> names = {"standard", "page", "checklist", "example", "guide", "glossary"};
    if (auto t = page_type(*v)) {
      m.type = *t;
    } else {
      diags.error(yaml.at(r["type"]),
                  Message{"KJ121",
                          "ページの種類「" + *v + "」はありません" + did_you_mean_ja(*v, names) +
                              "。standard、page、checklist、example、guide、glossary のいずれかにしてください",
                          "unknown page type '" + *v + "'" + did_you_mean(*v, names) +
                              "; use standard, page, checklist, example, guide or glossary"});
    }
  }
  if (YAML::Node ex = r["example"]; ex.IsDefined()) {
    m.example_location = yaml.at(ex);
    if (m.type != PageType::kExample) {
      diags.error(yaml.at(ex), Message{"KJ122", "「example」は「type: example」のページにだけ書けます",
                                       "'example' is only allowed on pages of type: example"});
    } else if (!ex.IsMap()) {
      diags.error(yaml.at(ex), Message{"KJ123", "「example」には「e2e_encryption: …」のような「キー: 値」の行を並べてください",
                                       "'example' must be a map of facts such as 'e2e_encryption: ...'"});
    } else if (yaml.check_keys(ex, example_keys, {"example ", "example fact"}, diags)) {
      m.example = nlohmann::ordered_json::object();
      for (const auto& key : example_keys) {
        if (!ex[key].IsDefined()) continue;
        if (key == "functions") {
          if (auto list = yaml.get_string_list(ex, key, diags)) m.example[key] = *list;
        } else if (auto value = yaml.get_string(ex, key, diags)) {
          m.example[key] = *value;
        }
      }
    }
  }
  if (YAML::Node g = r["guide"]; g.IsDefined()) {
    if (m.type != PageType::kGuide) {
      diags.error(yaml.at(g), Message{"KJ701", "'guide' は type: guide のページにだけ書けます",
                                      "'guide' is only allowed on pages of type: guide"});
    } else {
      Guide guide = parse_guide(yaml, g, diags);
      check_guide_structure(guide, diags);
      m.guide = std::make_shared<const Guide>(std::move(guide));
    }
  } else if (m.type == PageType::kGuide) {
    diags.error({path, 1, 1}, Message{"KJ701", "type: guide のページには、質問と結果を並べた 'guide:' が必要です",
                                      "a page of type: guide needs a 'guide' map of its questions and results"});
  }
  if (YAML::Node g = r["glossary"]; g.IsDefined()) {
    if (m.type != PageType::kGlossary) {
      diags.error(yaml.at(g), Message{"KJ730", "'glossary' は type: glossary のページにだけ書けます",
                                      "'glossary' is only allowed on pages of type: glossary"});
    } else {
      m.glossary = std::make_shared<const Glossary>(parse_glossary(yaml, g, diags));
    }
  } else if (m.type == PageType::kGlossary) {
    diags.error({path, 1, 1}, Message{"KJ730", "type: glossary のページには、用語を並べた 'glossary:' が必要です",
                                      "a page of type: glossary needs a 'glossary' list of its terms"});
  }
  if (m.type == PageType::kExample && m.example.is_null() && !r["example"].IsDefined())
    diags.error({path, 1, 1}, Message{"KJ124", "「type: example」のページには、その事例の内容を「example:」に書いてください",
                                      "a page of type: example needs an 'example' map of its facts"});

  if (diags.error_count() != errors_before) return std::nullopt;
  return file;
}

}  // namespace kijun
