#pragma once
// 要件一覧 (requirements.html): every provision of the standard in one table. A site with more
// provisions than site.yaml's `requirements_split_above` gets instead an overview of its chapters
// there and one page per chapter (requirements/<chapter>.html) with that chapter's provisions, in
// the same table: one page of 76,000 rows would be 65 MB.

#include <cstddef>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "render/page_view.h"

namespace kijun {

inline constexpr const char* kRequirementsUrl = "requirements.html";

/// One top-level chapter of the standard that holds provisions, as a page of a split 要件一覧.
struct RequirementsChapter {
  int page = -1;                        ///< the chapter's page: a child of the home page, or the home page itself
  std::string url;                      ///< requirements/<name>.html
  std::vector<std::size_t> provisions;  ///< indexes into RequirementRegistry::all(), in document order
};

/// True when the site has more provisions than `requirements_split_above`: the 要件一覧 is split.
bool requirements_split(const SiteModel& site);

/// The name of a chapter's page of the 要件一覧, from the URL of the chapter's page: "important/index.html"
/// -> "important", "basics.html" -> "basics", the home page "index.html" -> "home"; a '/' becomes '-' and
/// each byte other than ASCII letters, digits, '-', '_' and '.' its two hex digits ("要件" -> "e8a681e4bbb6").
std::string requirements_chapter_name(const std::string& page_url);

/// The chapters that hold provisions, in reading order, each provision in the chapter of its page.
/// Names are unique: a name already taken gets "-2", "-3", ... in reading order.
std::vector<RequirementsChapter> requirements_chapters(const SiteModel& site);

/// 要件一覧 on one page (`url`): every provision, in tables that start at each top-level provision.
kainjow::mustache::data requirements_view(const SiteModel& site, const std::string& url);

/// The overview at requirements.html of a split 要件一覧: one row per chapter with its provision count.
kainjow::mustache::data requirements_overview_view(const SiteModel& site, const std::vector<RequirementsChapter>& chapters);

/// The page of chapter `i` of a split 要件一覧: its provisions, as requirements_view shows them.
kainjow::mustache::data requirements_chapter_view(const SiteModel& site, const std::vector<RequirementsChapter>& chapters,
                                                  std::size_t i);

}  // namespace kijun
