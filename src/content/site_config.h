#pragma once
// The site settings file at the root of content/ (content/site.yaml).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "content/search_settings.h"

namespace kijun {

/// One fact that the web-meeting examples record (a key of their `example:` map): its label in the
/// comparison table, and the provisions it answers.
struct ExampleFact {
  std::string key;
  std::string label;
  std::vector<std::string> related;
  SourceLocation related_where;  ///< where `related` is written, for unknown IDs
};

/// The defaults of `requirements_split_above` and `short_link_resolver_above` (the real standard
/// has about 200 provisions; a 要件一覧 row is about 900 bytes, a short-link page one file each).
inline constexpr std::size_t kDefaultRequirementsSplitAbove = 3000;
inline constexpr std::size_t kDefaultShortLinkResolverAbove = 20000;

/// Site-wide settings that editors keep in content/site.yaml.
struct SiteConfig {
  std::string title;               ///< クラウドサービス利用基準
  std::string organisation;        ///< 北九州市
  std::string edition;             ///< 第1.1版
  std::string effective_date;      ///< 令和7年4月1日 (computed from effective_date_iso when not written)
  std::string effective_date_iso;  ///< 2025-04-01
  /// content/ is an amendment in preparation (改正案): the site names the last published edition
  /// and shows a 「改正案」 banner.
  bool draft = false;
  /// Column order of the 新旧対照表: true for 改正後 | 改正前 (the default), false for 改正前 | 改正後.
  bool shinkyu_new_first = true;
  std::string description;
  bool unsafe_html = false;  ///< let raw HTML in Markdown through (off by default)
  /// Spellings that search treats as one word: the first of each group is canonical.
  std::vector<std::vector<std::string>> search_variants;
  /// `search:` synonyms, related provisions and stop words.
  SearchSettings search;
  /// `documents:` — external documents named by `[[doc:title]]`, title -> http(s) URL.
  std::map<std::string, std::string> documents;
  /// `examples: facts:` — the facts an example page may record, in display order.
  std::vector<ExampleFact> example_facts;
  /// `requirements_split_above:` — with more provisions than this, requirements.html lists the
  /// chapters and each chapter's provisions get a page of their own (requirements/<chapter>.html).
  std::size_t requirements_split_above = kDefaultRequirementsSplitAbove;
  /// `short_link_resolver_above:` — with more provisions than this, the short links are one
  /// resolver page (r/index.html#ID) instead of one r/<ID>.html page per provision.
  std::size_t short_link_resolver_above = kDefaultShortLinkResolverAbove;

  /// The keys of example_facts, in order: what an `example:` map may hold.
  std::vector<std::string> example_keys() const;
};

/// The URL site.yaml's `documents:` gives the document of a `[[doc:title]]`: the title itself, or
/// failing that the name before a 「 (`北九州市情報セキュリティ対策基準「8.1.業務委託」` is a part of
/// 北九州市情報セキュリティ対策基準). nullptr when it has none.
const std::string* document_url(const SiteConfig& config, const std::string& title);

/// Name of the settings file inside the content folder.
inline constexpr const char* kSiteConfigFile = "site.yaml";

/// Parses the settings text; `path` is used in diagnostics. nullopt on any error.
std::optional<SiteConfig> parse_site_config(const std::string& path, std::string_view text, Diagnostics& diags);

/// The settings text with the given top-level keys set (lines replaced in place, comments and
/// everything else kept; keys not yet written are added at the end, except 'draft' and
/// 'effective_date', which are only replaced).
std::string set_site_settings(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace kijun
