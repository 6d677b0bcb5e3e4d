#pragma once
// The 用語集 page (type: glossary) and the links to it: which provisions define and use each term
// (computed from the standard's text, not written by hand), the first use of each term on every
// page of the standard linked to its entry, and the page itself in 五十音 order.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"
#include "content/glossary.h"
#include "render/page_view.h"

namespace kijun {

/// The glossary of the site, with what the build computed about it.
struct GlossaryModel {
  int page = -1;  ///< index of the glossary page
  std::shared_ptr<const Glossary> glossary;
  TermMatcher matcher;
  /// Per entry: the IDs of the provisions whose text uses the term (any spelling), in the order
  /// of the standard; the defining provision (defined_in) is not repeated here.
  std::vector<std::vector<std::string>> used_in;
  /// Per entry: the 解説 as plain text (for link titles and search).
  std::vector<std::string> summary;

  /// The site-relative URL of an entry on the glossary page, with its anchor.
  std::string href(const ContentLibrary& lib, int entry) const;
  /// How many provision links the page lists (definitions and uses).
  std::size_t provision_links() const;
};

/// Finds the glossary page (one per site: a second is an error), checks the IDs its entries name
/// (defined_in, [[ID]] in 解説) and finds where each term is used. nullopt when the site has no
/// glossary. A term that the standard never uses is a warning.
std::optional<GlossaryModel> plan_glossary(const ContentLibrary& lib, const RequirementRegistry& registry,
                                           Diagnostics& diags);

/// True for pages whose text links its terms to the glossary: the pages of the standard.
bool links_terms(const ContentLibrary& lib, int page);

/// Wraps the first use of each term on page `page` in a link to its entry; returns how many.
int link_glossary_terms(const SiteModel& site, Page& page);

/// View data of the glossary page, set as `glossary` in the page's view.
kainjow::mustache::data glossary_view(const SiteModel& site, int page, Diagnostics& diags);

}  // namespace kijun
