#pragma once
// Web-meeting examples (type: example): their recorded facts, and the comparison page generated
// from the front matter of all examples.

#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"
#include "render/page_view.h"

namespace kijun {

/// A page the build generates from the content (not from one Markdown file).
struct GeneratedPage {
  std::string url;     ///< site-relative
  std::string layout;  ///< theme template
  kainjow::mustache::data view;
  std::string source;  ///< what produced it, for messages
};

/// The values of fact `key` on an example page: one for a scalar, several for a list, none if unset.
std::vector<std::string> example_values(const Page& page, const std::string& key);

/// Title of the generated comparison page.
inline constexpr const char* kComparisonTitle = "ウェブ会議の開催例の比較";

/// The URL of the comparison page for the examples in section `section` (a folder's _index page).
std::string comparison_url(const ContentLibrary& lib, int section);

/// View data for the example on page `page`, set as `example` in the page's view.
kainjow::mustache::data example_view(const SiteModel& site, int page);

/// The comparison page(s) of all examples (and a check that every provision named by the example facts
/// of the site settings exists): one per section that holds examples, with one column per
/// example and one row per fact.
std::vector<GeneratedPage> example_pages(const SiteModel& site, Diagnostics& diags);

}  // namespace kijun
