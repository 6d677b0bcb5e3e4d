#pragma once
// Every provision of the standard by its requirement ID: where it is defined, its citation label
// (「3.1(8)③」), its parent, its text, and every place that references it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/content_library.h"
#include "base/diagnostic.h"

namespace kijun {

/// A place that references a provision.
struct ReferenceSite {
  int page = -1;           ///< index into ContentLibrary::pages
  int reference = -1;      ///< index into that page's references
  std::string from_id;     ///< the provision the reference stands in ("" when none)
  std::string anchor;      ///< anchor on the referencing page to link back to
  int checklist_item = 0;  ///< 1-based row of a checklist page the reference stands in, or 0
};

/// One enumerated provision (or section heading) of the standard.
struct Provision {
  std::string id;
  SourceLocation where;
  int page = -1;
  int marker = -1;          ///< index into the page's markers; -1 for the page's own ID (front matter)
  std::string parent;       ///< parent provision's ID, "" at the top
  std::string enumerator;   ///< "(8)", "③", "(ア)", "・", or "" (section headings)
  std::string citation;     ///< "3.1(8)③"
  std::string text;         ///< first line or paragraph, plain (page-level: the page title)
  std::string full_text;    ///< all its own text, without nested provisions, plain
  std::string body_text;    ///< headings and pages: the text under the heading that no provision holds
  std::string url;          ///< site-relative page URL
  std::string anchor;       ///< anchor on that page ("" for a whole page)
  bool is_heading = false;  ///< a section or heading provision rather than a sentence or item
  std::vector<ReferenceSite> referenced_from;
};

/// All provisions of the site, in document order.
class RequirementRegistry {
 public:
  /// Collects every definition from the loaded pages and resolves every reference.
  /// Reports duplicates (naming both places) and unknown references (with the nearest ID).
  /// Also gives every `[[ID]]` without its own text the target's citation as its text.
  static RequirementRegistry build(ContentLibrary& lib, Diagnostics& diags);

  const Provision* find(const std::string& id) const;
  const std::vector<Provision>& all() const { return provisions_; }
  /// The provision defined by marker `marker` of page `page` (-1 for the page's own ID).
  const Provision* at(int page, int marker) const;
  /// The URL of a provision relative to the site root, with its anchor.
  std::string href(const Provision& p) const { return p.anchor.empty() ? p.url : p.url + "#" + p.anchor; }

  /// True when `id` is (or lies under) an ID of a page that could not be loaded.
  bool unavailable(const std::string& id) const;

 private:
  std::vector<UnavailablePage> unavailable_;
  std::vector<Provision> provisions_;
  // (page, marker) in one key: the page in the high half, the marker (-1 for the page's own ID) + 1 in the low.
  static std::uint64_t place_key(int page, int marker) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(page)) << 32) | static_cast<std::uint32_t>(marker + 1);
  }
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::uint64_t, std::size_t> by_place_;
};

/// The enumerator at the start of a provision's text: "(8)", "③", "(ア)", "・", or "".
std::string leading_enumerator(std::string_view text);

/// Builds a citation label from a section number and the enumerators below it, e.g. "3.1", {"(8)", "③"}
/// -> "3.1(8)③". A "・" bullet is written with its ordinal: {"(ア)", "・"} with ordinal 2 -> "(ア)・2".
std::string citation_label(const std::string& section_number, const std::vector<std::string>& enumerators,
                           int bullet_ordinal);

}  // namespace kijun
