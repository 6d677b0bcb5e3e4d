#pragma once
// Checklist pages (type: checklist): numbered items built from GFM task items, with each item that
// is a reference showing the provision's own wording, ID and citation; and their CSV exports.

#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "diagnostic.h"
#include "page_view.h"

namespace kijun {

/// A file the build writes besides the pages (exports).
struct GeneratedFile {
  std::string path;     ///< site-relative
  std::string content;
  std::string source;   ///< what produced it, for messages
};

/// View data for the checklist on page `page`, set as `checklist` in the page's view.
kainjow::mustache::data checklist_view(const SiteModel& site, int page, Diagnostics& diags);

/// One CSV (UTF-8 with BOM) per checklist page.
std::vector<GeneratedFile> checklist_exports(const SiteModel& site);

}  // namespace kijun
