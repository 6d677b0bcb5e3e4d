#pragma once
// The `search:` settings of content/site.yaml beyond the variants: synonyms, related provisions
// and the stop words of natural questions. Read here, used by search/search_data (the index and the
// browser's search data).

#include <cstddef>
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
  /// Past this many search documents (provisions, pages, glossary entries) the browser's search
  /// data is written in shards that a query loads as it needs them; 0: never.
  std::size_t shard_above = kDefaultShardAbove;
  static constexpr std::size_t kDefaultShardAbove = 5000;
  /// About how large one shard of sharded search data is, in KB.
  std::size_t shard_size_kb = kDefaultShardSizeKb;
  static constexpr std::size_t kDefaultShardSizeKb = 512;
};

/// Reads `synonyms`, `related`, `stopwords`, `shard_above` and `shard_size_kb` of the `search:`
/// map; problems are KJ57x errors (KJ585 for the two numbers).
SearchSettings parse_search_settings(const YamlSource& yaml, const YAML::Node& search, Diagnostics& diags);

}  // namespace kijun
