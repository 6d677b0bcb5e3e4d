#pragma once
// What search sees: one document per provision and per page, the Lunr index built from them,
// and the display store the results page shows (citation, ID, section, URL, exact indexed text).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/content_library.h"
#include "requirements/requirement_registry.h"
#include "search/search_index.h"

namespace kijun {

struct GlossaryModel;

/// One file of sharded search data: its site-relative path and its text.
struct SearchFile {
  std::string path;
  std::string content;
};

/// The index and its display store, ready to be written. A site with more documents than
/// `search.shard_above` (site.yaml) gets its search data in shards instead, so that a query loads
/// only what it needs: `data_js` is then a small head (settings, the term dictionary) and the
/// index and the store are in assets/js/search/ (see search-shards.js for their shape).
struct SearchBundle {
  std::string index_json;  ///< the serialized lunr index (search-index.json); empty when sharded
  std::string data_js;     ///< window.KIJUN_SEARCH = {index, docs, variants, stopwords, synonyms, related, fields} (search-data.js)
  bool sharded = false;
  std::size_t term_shards = 0, doc_shards = 0;
  /// The shard files, when no sink was given to build_search_bundle.
  std::vector<SearchFile> shards;
  LunrIndexStats stats;
};

/// Where sharded search data is written; a shard holds about search.shard_size_kb (site.yaml).
inline constexpr const char* kSearchShardDir = "assets/js/search/";
/// The document shard of a ref: FNV-1a (32 bit) of its UTF-8 bytes with ASCII letters upper-cased,
/// modulo the number of shards (search-shards.js computes the same).
std::size_t search_doc_shard(std::string_view ref, std::size_t shards);

/// The fields every search document has, with their boosts (ID and title outrank body).
const std::vector<SearchField>& search_fields();

/// Reports related provisions in the `search:` settings whose requirement IDs do not exist (KJ572).
void check_search_settings(const ContentLibrary& lib, const RequirementRegistry& registry, Diagnostics& diags);

/// Whether search reads the whole text of page `page` (its `page_text`); the standard's pages are
/// searched through their provisions instead, so their text is not needed.
bool searches_whole_text(const ContentLibrary& lib, int page);

/// Builds the documents, the index and the store. `page_text` gives each page's plain text (only
/// that of the pages searches_whole_text() names is read; it is moved into the documents, so pass
/// it with std::move when it is not needed after).
/// Each entry of the glossary, when given, is a document of its own (kind "glossary").
/// Sharded, each shard file goes to `sink` as soon as it is done (none stays in memory), or into
/// the bundle's `shards` without a sink.
SearchBundle build_search_bundle(const ContentLibrary& lib, const RequirementRegistry& registry,
                                 std::vector<std::string> page_text, const GlossaryModel* glossary = nullptr,
                                 const std::function<void(SearchFile&&)>& sink = {});

}  // namespace kijun
