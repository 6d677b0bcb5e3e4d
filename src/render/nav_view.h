#pragma once
// The navigation's view data: each page's compact navigation, the whole tree (nav.js and the 目次
// page), and the layer that lets sibling pages share one compact navigation.

#include <string>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "render/page_view.h"

namespace kijun {

/// The compact navigation of the page at `from_url`, marking the path to page `current` (-1: none):
/// the top-level chapters, and the children of each page on that path only (its ancestors' and its
/// own), so a page carries its ancestors, their siblings, its own siblings and children, never the
/// whole tree. `full`: every page's children (the whole tree).
kainjow::mustache::data nav_list(const SiteModel& site, int current, const std::string& from_url, bool full);

/// The whole navigation tree, links relative to the site's root, nothing marked current: the view
/// of the `nav_tree` partial, rendered once per build.
kainjow::mustache::data nav_tree_view(const SiteModel& site);

/// assets/js/nav.js: `window.KIJUN_NAV` = the whole tree's HTML; kijun.js puts it in place of
/// each page's compact navigation, with links made relative to the page.
std::string nav_script(const std::string& tree_html);

/// The view object {"nav": compact navigation} of content pages, rendered as a layer under each
/// page's own view (Theme::render's `under`). Pages without children that share a parent and a
/// folder have the same navigation but for the node marked current (their links are relative to
/// the same folder), so for the next such page only that node's flags change: at 10,000 pages the
/// navigation is built about 500 times instead of 10,000, its 70 or so nodes each time.
/// Not thread-safe: one per thread at work.
class NavLayer {
 public:
  explicit NavLayer(const SiteModel& site) : site_(site) {}
  /// The layer of content page `current`, equal to {"nav": nav_list(site, current, its URL, false)};
  /// valid until the next call.
  const kainjow::mustache::data& for_page(int current);

 private:
  void mark(int page, bool on);
  const SiteModel& site_;
  kainjow::mustache::data layer_;
  int current_ = -1;  // the page marked current in layer_; -1 when layer_ is not shared
  int parent_ = -1;
  std::string folder_;
  std::vector<std::pair<int, kainjow::mustache::data*>> siblings_;  // current_'s parent's children's nodes
};

}  // namespace kijun
