#pragma once
// The `search:` settings of content/site.yaml beyond the variants: synonyms, related provisions
// and the stop words of natural questions. Read here, used by search/search_data (the index and the
// browser's search data).

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"
#include "content/yaml_source.h"

namespace kijun {

/// A query word of `words` also finds the places where a word of `also` stands (query side only).
struct SearchSynonym {
  std::vector<std::string> words;
  std::vector<std::string> also;
};

/// A query word of `words` suggests the provisions `see` (requirement IDs) as related results.
struct SearchRelated {
  std::vector<std::string> words;
  std::vector<std::string> see;
  SourceLocation where;  ///< where `see` is written, for unknown IDs
};

struct SearchSettings {
  std::vector<SearchSynonym> synonyms;
  std::vector<SearchRelated> related;
  /// Words that carry no meaning for search (particles, endings, interrogatives): separators at
  /// index and at query time.
  std::vector<std::string> stop_words;
};

/// Reads `synonyms`, `related` and `stopwords` of the `search:` map; problems are KJ57x errors.
SearchSettings parse_search_settings(const YamlSource& yaml, const YAML::Node& search, Diagnostics& diags);

}  // namespace kijun
