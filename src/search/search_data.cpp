#include "search/search_data.h"

#include "base/suggest.h"
#include "render/glossary_view.h"

namespace kijun {

const std::vector<SearchField>& search_fields() {
  // "context": the title of the page a provision is on, so that a query naming the section and
  // the provision's own words ("Web会議 パスワード" for 6.2(2)① under 「6.2 ウェブ会議サービスの利用時の
  // 対策」) finds it; a low boost so that it only decides which documents match, hardly their order.
  static const std::vector<SearchField> fields = {
      {"id", 10}, {"citation", 8}, {"title", 5}, {"body", 1}, {"context", 0.2}};
  return fields;
}

namespace {
std::string kind_of(const Page& p) {
  switch (p.meta.type) {
    case PageType::kChecklist: return "checklist";
    case PageType::kExample: return "example";
    default: return "page";
  }
}
}  // namespace

void check_search_settings(const ContentLibrary& lib, const RequirementRegistry& registry, Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const auto& p : registry.all()) ids.push_back(p.id);
  for (const auto& rel : lib.config.search.related)
    for (const auto& id : rel.see)
      if (!registry.find(id))
        diags.error(rel.where, Message{"KJ572", "検索の関連条項「" + id + "」という要件IDはありません" + did_you_mean(id, ids),
                                       "unknown requirement ID '" + id + "' in search 'related'" + did_you_mean(id, ids)});
}

SearchBundle build_search_bundle(const ContentLibrary& lib, const RequirementRegistry& registry,
                                 const std::vector<std::string>& page_text, const GlossaryModel* glossary) {
  std::vector<SearchDocument> docs;
  // The store is looked up by ref, so its key order does not matter: a hashed/sorted map keeps
  // inserting linear (ordered_json searches its keys one by one).
  nlohmann::json store = nlohmann::json::object();
  auto add = [&](SearchDocument d, nlohmann::json shown) {
    shown["text"] = d.fields[3];  // the body; "context" is not shown
    store[d.ref] = std::move(shown);
    docs.push_back(std::move(d));
  };
  for (const auto& p : registry.all()) {
    const Page& page = lib.pages[p.page];
    // Headings are found by their words (title) and by the text under them that no provision holds.
    // The page's own provision (no anchor) has the page title as its title already.
    std::string context = p.anchor.empty() ? "" : page.display_title();
    SearchDocument d{
        p.id, {p.id, p.citation, p.is_heading ? p.text : "", p.is_heading ? p.body_text : p.full_text, context}, 1};
    add(std::move(d), {{"title", p.is_heading ? p.text : ""},
                       {"citation", p.citation},
                       {"id", p.id},
                       {"section", page.display_title()},
                       {"url", registry.href(p)},
                       {"kind", "provision"}});
  }
  for (int pi : lib.reading_order) {
    const Page& page = lib.pages[pi];
    // Standard pages are searched through their provisions; other pages by their whole text.
    bool whole = page.meta.type != PageType::kStandard || pi == 0;
    std::string body = whole ? page_text[pi] : page.meta.description;
    // Pages weigh a little less than provisions, so that a provision comes before a page that
    // merely quotes it (a checklist, an example).
    SearchDocument d{"page:" + page.url, {"", "", page.display_title(), body, ""}, 0.7};
    add(std::move(d), {{"title", page.display_title()},
                       {"citation", ""},
                       {"id", ""},
                       {"section", page.display_title()},
                       {"url", page.url},
                       {"kind", kind_of(page)}});
  }

  if (glossary) {
    // A glossary entry is found by its spellings (title) and its 解説 (body); it weighs less than
    // a provision, so that the provision the words come from stays first.
    const Glossary& g = *glossary->glossary;
    const std::string section = lib.pages[glossary->page].display_title();
    for (std::size_t e = 0; e < g.entries.size(); ++e) {
      const GlossaryEntry& entry = g.entries[e];
      std::string spellings;
      for (const auto& s : entry.spellings()) spellings += (spellings.empty() ? "" : " ") + s;
      SearchDocument d{"term:" + entry.anchor, {"", "", spellings, glossary->summary[e], section}, 0.6};
      add(std::move(d), {{"title", entry.term},
                         {"citation", ""},
                         {"id", ""},
                         {"section", section},
                         {"url", glossary->href(lib, static_cast<int>(e))},
                         {"kind", "glossary"}});
    }
  }

  std::vector<VariantGroup> variants;
  nlohmann::ordered_json variant_json = nlohmann::ordered_json::array();
  for (const auto& group : lib.config.search_variants) {
    variants.push_back({group[0], {group.begin() + 1, group.end()}});
    variant_json.push_back(group);
  }
  Tokenizer tokenizer(variants, lib.config.search.stop_words);
  SearchBundle bundle;
  bundle.index_json = lunr_index_text(search_fields(), docs, tokenizer, &bundle.stats);
  nlohmann::ordered_json synonyms = nlohmann::ordered_json::array();
  for (const auto& syn : lib.config.search.synonyms) synonyms.push_back({{"words", syn.words}, {"also", syn.also}});
  nlohmann::ordered_json related = nlohmann::ordered_json::array();
  for (const auto& rel : lib.config.search.related) related.push_back({{"words", rel.words}, {"see", rel.see}});
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const auto& f : search_fields()) fields.push_back(f.name);
  // The store and settings go through nlohmann; the index keeps lunr's exact serialization.
  std::string rest = nlohmann::ordered_json{
      {"docs", nlohmann::ordered_json(store)},
      {"variants", variant_json},
      {"stopwords", lib.config.search.stop_words},
      {"synonyms", synonyms},
      {"related", related},
      {"fields", fields}}.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  // Escape "</" so that no text can close the <script> element that loads this file inline.
  auto script_safe = [](std::string s) {
    for (std::size_t i = 0; (i = s.find("</", i)) != std::string::npos; i += 3) s.replace(i, 2, "<\\/");
    return s;
  };
  bundle.data_js =
      "window.KIJUN_SEARCH = {\"index\":" + script_safe(bundle.index_json) + "," + script_safe(rest.substr(1)) + ";\n";
  return bundle;
}

}  // namespace kijun
