#pragma once
// Web-meeting examples (type: example): their recorded facts, and the comparison page generated
// from the front matter of all examples.

#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "diagnostic.h"
#include "page_view.h"

namespace kijun {

/// A page the build generates from the content (not from one Markdown file).
struct GeneratedPage {
  std::string url;                  ///< site-relative
  std::string layout;               ///< theme template
  kainjow::mustache::data view;
  std::string source;               ///< what produced it, for messages
};

/// View data for the example on page `page`, set as `example` in the page's view.
kainjow::mustache::data example_view(const SiteModel& site, int page);

/// The comparison page(s) of all examples.
std::vector<GeneratedPage> example_pages(const SiteModel& site, Diagnostics& diags);

}  // namespace kijun
