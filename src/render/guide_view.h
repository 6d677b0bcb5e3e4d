#pragma once
// The 利用の流れ page (type: guide): every step of the guide on one page, each as an anchor, so
// that it works without JavaScript and from file://; guide.js runs it in place.

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"
#include "render/page_view.h"

namespace kijun {

/// Checks the guide's links (requirement IDs, checklist pages) and returns its view data, set as
/// `guide` in the page's view.
kainjow::mustache::data guide_view(const SiteModel& site, int page, Diagnostics& diags);

/// The anchor of a step on the guide page.
std::string guide_step_anchor(const std::string& step_id);

}  // namespace kijun
