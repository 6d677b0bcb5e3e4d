#include "search/search_data.h"

#include <algorithm>

#include "base/html.h"
#include "base/parallel.h"
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

std::size_t search_doc_shard(std::string_view ref, std::size_t shards) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : ref) {
    if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
    h = (h ^ c) * 16777619u;
  }
  return shards ? h % shards : 0;
}

namespace {

// Escapes "</" so that no text can close the <script> element that loads a file.
std::string script_safe(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  append_script_safe(out, s);
  return out;
}

std::string dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// A shard script: KIJUN_SEARCH_PART(kind, number, data), which search-shards.js receives. Its
// head, then the data made safe for a script, then its tail.
std::string part_script_head(const char* kind, std::size_t n) {
  return "KIJUN_SEARCH_PART(\"" + std::string(kind) + "\"," + std::to_string(n) + ",";
}
constexpr const char* kPartScriptTail = ");\n";
std::string part_script(const char* kind, std::size_t n, std::string_view json) {
  std::string out = part_script_head(kind, n);
  out.reserve(out.size() + json.size() + 3);
  append_script_safe(out, json);
  out += kPartScriptTail;
  return out;
}

// What the results page shows of a document, besides its text.
struct Shown {
  std::string title, citation, id, section, url, kind;
};

// The document as the results page reads it: a JSON object with its text, the keys in byte order
// (as nlohmann::json, a std::map, printed it).
void append_shown(std::string& out, const Shown& s, std::string_view text) {
  const std::pair<const char*, std::string_view> members[] = {
      {"{\"citation\":", s.citation}, {",\"id\":", s.id},        {",\"kind\":", s.kind}, {",\"section\":", s.section},
      {",\"text\":", text},           {",\"title\":", s.title}, {",\"url\":", s.url}};
  for (const auto& [key, value] : members) {
    out += key;
    append_json_string(out, value);
  }
  out.push_back('}');
}

}  // namespace

bool searches_whole_text(const ContentLibrary& lib, int page) {
  // Standard pages are searched through their provisions; other pages (and the home page) by
  // their whole text.
  return lib.pages[page].meta.type != PageType::kStandard || page == 0;
}

SearchBundle build_search_bundle(const ContentLibrary& lib, const RequirementRegistry& registry,
                                 std::vector<std::string> page_text, const GlossaryModel* glossary,
                                 const std::function<void(SearchFile&&)>& sink) {
  std::vector<SearchDocument> docs;
  // Per document: what the results page shows, besides its text (the body field; "context" is
  // not shown), which joins it when it is written.
  std::vector<Shown> shown_of;
  auto add = [&](SearchDocument d, Shown shown) {
    shown_of.push_back(std::move(shown));
    docs.push_back(std::move(d));
  };
  auto append_shown_with_text = [&](std::string& out, std::size_t d) {
    append_shown(out, shown_of[d], docs[d].fields[3]);
  };
  // The provisions first, in order: their texts are copied on every core.
  const std::vector<Provision>& provisions = registry.all();
  docs.resize(provisions.size());
  shown_of.resize(provisions.size());
  parallel_for(provisions.size(), [&](std::size_t i) {
    const Provision& p = provisions[i];
    const Page& page = lib.pages[p.page];
    // Headings are found by their words (title) and by the text under them that no provision holds.
    // The page's own provision (no anchor) has the page title as its title already.
    std::string context = p.anchor.empty() ? "" : page.display_title();
    docs[i] = SearchDocument{
        p.id, {p.id, p.citation, p.is_heading ? p.text : "", p.is_heading ? p.body_text : p.full_text, context}, 1};
    shown_of[i] = Shown{p.is_heading ? p.text : "", p.citation, p.id, page.display_title(), registry.href(p), "provision"};
  });
  for (int pi : lib.reading_order) {
    const Page& page = lib.pages[pi];
    std::string body = searches_whole_text(lib, pi) ? std::move(page_text[pi]) : page.meta.description;
    // Pages weigh a little less than provisions, so that a provision comes before a page that
    // merely quotes it (a checklist, an example).
    SearchDocument d{"page:" + page.url, {"", "", page.display_title(), body, ""}, 0.7};
    add(std::move(d), {page.display_title(), "", "", page.display_title(), page.url, kind_of(page)});
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
      add(std::move(d), {entry.term, "", "", section, glossary->href(lib, static_cast<int>(e)), "glossary"});
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
  nlohmann::ordered_json synonyms = nlohmann::ordered_json::array();
  for (const auto& syn : lib.config.search.synonyms) synonyms.push_back({{"words", syn.words}, {"also", syn.also}});
  nlohmann::ordered_json related = nlohmann::ordered_json::array();
  for (const auto& rel : lib.config.search.related) related.push_back({{"words", rel.words}, {"see", rel.see}});
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const auto& f : search_fields()) fields.push_back(f.name);
  const nlohmann::ordered_json settings = {{"variants", variant_json},
                                           {"stopwords", lib.config.search.stop_words},
                                           {"synonyms", synonyms},
                                           {"related", related},
                                           {"fields", fields}};

  const std::size_t shard_above = lib.config.search.shard_above;
  if (shard_above == 0 || docs.size() <= shard_above) {
    // One index, one store. The store is looked up by ref, so its key order does not matter: a
    // sorted map keeps inserting linear (ordered_json searches its keys one by one).
    bundle.index_json = lunr_index_text(search_fields(), docs, tokenizer, &bundle.stats);
    // The store, keyed by ref in byte order (as a JSON object on std::map prints), each document
    // printed by nlohmann; then the settings. The index keeps lunr's exact serialization.
    std::vector<std::size_t> by_ref(docs.size());
    for (std::size_t d = 0; d < docs.size(); ++d) by_ref[d] = d;
    std::sort(by_ref.begin(), by_ref.end(), [&](std::size_t x, std::size_t y) { return docs[x].ref < docs[y].ref; });
    std::string rest = "\"docs\":{";
    for (std::size_t i = 0; i < by_ref.size(); ++i) {
      if (i > 0) rest.push_back(',');
      const std::size_t d = by_ref[i];
      append_json_string(rest, docs[d].ref);
      rest.push_back(':');
      append_shown_with_text(rest, d);
    }
    rest += "},";
    rest += dump(settings).substr(1);
    bundle.data_js = "window.KIJUN_SEARCH = {\"index\":" + script_safe(bundle.index_json) + "," + script_safe(rest) + ";\n";
    return bundle;
  }

  // Sharded: term shards of the index, document shards of the store, the IDs and citations for
  // jumps, and a head with the settings and the term dictionary.
  bundle.sharded = true;
  auto emit = [&](std::string path, std::string content) {
    SearchFile f{kSearchShardDir + path, std::move(content)};
    if (sink)
      sink(std::move(f));
    else
      bundle.shards.push_back(std::move(f));
  };
  const std::size_t shard_bytes = lib.config.search.shard_size_kb * 1024;
  // The documents first (their texts are then no longer needed by the store), by hash of ref into
  // as many shards as their size asks for (estimated: text plus what is shown besides it). A
  // query needs the documents of its best hits, which lie anywhere: document shards are a
  // sixteenth of the size of index shards, so that it loads little more than those documents.
  const std::size_t doc_shard_bytes = std::max<std::size_t>(4096, shard_bytes / 16);
  {
    std::size_t store_bytes = 0;
    for (const SearchDocument& d : docs) store_bytes += d.fields[3].size() + d.ref.size() + 200;
    bundle.doc_shards = std::max<std::size_t>(1, (store_bytes + doc_shard_bytes - 1) / doc_shard_bytes);
    // Each shard's documents, in document order. The shards are printed on every core, a block at
    // a time, and go to the sink in order: the store is never in memory whole.
    std::vector<std::vector<std::uint32_t>> members(bundle.doc_shards);
    for (std::size_t d = 0; d < docs.size(); ++d)
      members[search_doc_shard(docs[d].ref, bundle.doc_shards)].push_back(static_cast<std::uint32_t>(d));
    const std::size_t block = 32 * worker_count();
    std::vector<std::string> script(block);
    for (std::size_t first = 0; first < bundle.doc_shards; first += block) {
      const std::size_t count = std::min(block, bundle.doc_shards - first);
      parallel_for(count, [&](std::size_t i) {
        std::string shard = "{";
        for (std::uint32_t d : members[first + i]) {
          if (shard.size() > 1) shard.push_back(',');
          append_json_string(shard, docs[d].ref);
          shard.push_back(':');
          append_shown_with_text(shard, d);
        }
        shard.push_back('}');
        script[i] = part_script("d", first + i, shard);
      });
      for (std::size_t i = 0; i < count; ++i) emit("d-" + std::to_string(first + i) + ".js", std::move(script[i]));
    }
  }
  {
    // The documents with an ID, in document order: [ref, citation, url] each.
    std::string ids = "[";
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const Shown& shown = shown_of[d];
      if (shown.id.empty()) continue;
      if (ids.size() > 1) ids.push_back(',');
      ids.push_back('[');
      append_json_string(ids, docs[d].ref);
      ids.push_back(',');
      append_json_string(ids, shown.citation);
      ids.push_back(',');
      append_json_string(ids, shown.url);
      ids.push_back(']');
    }
    ids.push_back(']');
    shown_of = {};
    emit("ids.js", part_script("ids", 0, ids));
  }
  {
    // The term shards name documents by number: refs.js gives their refs, in document order.
    std::string refs = "[";
    for (std::size_t d = 0; d < docs.size(); ++d) {
      if (d > 0) refs.push_back(',');
      append_json_string(refs, docs[d].ref);
    }
    refs.push_back(']');
    emit("refs.js", part_script("refs", 0, refs));
  }
  // Each term shard comes as its script, as part_script("t", n, entries) writes it.
  const ShardScript term_script{[](std::size_t n) { return part_script_head("t", n); }, kPartScriptTail};
  const LunrShards index = lunr_index_shards(
      search_fields(), std::move(docs), tokenizer, shard_bytes,
      [&](std::size_t n, std::string&& script) { emit("t-" + std::to_string(n) + ".js", std::move(script)); },
      &bundle.stats, &term_script);
  bundle.term_shards = index.first.size();

  nlohmann::ordered_json head = {{"version", "2.3.9"},
                                 {"fields", index.fields},
                                 {"terms", index.terms},
                                 {"first", index.first},
                                 {"docShards", bundle.doc_shards},
                                 {"path", kSearchShardDir}};
  nlohmann::ordered_json rest = {{"sharded", head}, {"docs", nlohmann::ordered_json::object()}};
  for (const auto& [k, v] : settings.items()) rest[k] = v;
  bundle.data_js = "window.KIJUN_SEARCH = " + script_safe(dump(rest)) + ";\n";
  return bundle;
}

}  // namespace kijun
