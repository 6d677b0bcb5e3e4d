#pragma once
// What search sees: one document per provision and per page, the Lunr index built from them,
// and the display store the results page shows (citation, ID, section, URL, exact indexed text).

#include <string>

#include <nlohmann/json.hpp>

#include "content/content_library.h"
#include "requirements/requirement_registry.h"
#include "search/search_index.h"

namespace kijun {

struct GlossaryModel;

/// The index and its display store, ready to be written.
struct SearchBundle {
  std::string index_json;  ///< the serialized lunr index (search-index.json)
  std::string data_js;     ///< window.KIJUN_SEARCH = {index, docs, variants, stopwords, synonyms, related, fields} (search-data.js)
  LunrIndexStats stats;
};

/// The fields every search document has, with their boosts (ID and title outrank body).
const std::vector<SearchField>& search_fields();

/// Reports related provisions in the `search:` settings whose requirement IDs do not exist (KJ572).
void check_search_settings(const ContentLibrary& lib, const RequirementRegistry& registry, Diagnostics& diags);

/// Builds the documents, the index and the store. `page_text` gives each page's plain text.
/// Each entry of the glossary, when given, is a document of its own (kind "glossary").
SearchBundle build_search_bundle(const ContentLibrary& lib, const RequirementRegistry& registry,
                                 const std::vector<std::string>& page_text, const GlossaryModel* glossary = nullptr);

}  // namespace kijun
