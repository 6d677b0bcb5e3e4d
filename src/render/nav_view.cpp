#include "render/nav_view.h"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/html.h"
#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

namespace {

// The navigation below `page`, marking the path to `current` (see nav_list).
data nav_node(const SiteModel& site, int page, int current, const std::string& from_url, bool full) {
  const Page& p = site.lib.pages[page];
  data d = link_view(p.display_title(), relative_url(from_url, p.url));
  put(d, "current", page == current);
  bool on_path = false;
  for (int a = current; a >= 0; a = site.lib.pages[a].parent)
    if (a == page) on_path = true;
  put(d, "open", on_path);
  const bool expand = (full || on_path) && !p.children.empty();
  data children = data::type::list;
  if (expand)
    for (int c : p.children) append(children, nav_node(site, c, current, from_url, full));
  put(d, "has_children", expand);
  put(d, "children", std::move(children));
  return d;
}

// The folder of a URL with its slash ("ch3/sec22/"; "" at the root): all that relative_url() reads
// of the URL it links from.
std::string_view folder_of(const std::string& url) {
  return std::string_view(url).substr(0, url.rfind('/') + 1);  // npos + 1 == 0
}

}  // namespace

data nav_list(const SiteModel& site, int current, const std::string& from_url, bool full) {
  data nav = data::type::list;
  for (int c : site.lib.pages[0].children) append(nav, nav_node(site, c, current, from_url, full));
  return nav;
}

data nav_tree_view(const SiteModel& site) {
  data d;
  put(d, "nav", nav_list(site, -1, "index.html", true));
  return d;
}

std::string nav_script(const std::string& tree_html) {
  // A JSON string is a JavaScript string literal; "</" is escaped as everywhere in kijun's scripts.
  const std::string literal = nlohmann::json(tree_html).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "window.KIJUN_NAV = ";
  out.reserve(out.size() + literal.size() + literal.size() / 8 + 3);
  append_script_safe(out, literal);
  out += ";\n";
  return out;
}

const data& NavLayer::for_page(int current) {
  const std::vector<Page>& pages = site_.lib.pages;
  const Page& p = pages[current];
  const bool shares = p.children.empty() && p.parent >= 0;
  if (shares && current_ >= 0 && p.parent == parent_ && folder_of(p.url) == folder_) {
    mark(current_, false);
    mark(current, true);
    current_ = current;
    return layer_;
  }
  layer_ = data();
  put(layer_, "nav", nav_list(site_, current, p.url, false));
  current_ = -1;
  siblings_.clear();
  if (!shares) return layer_;
  // The list that holds the page's node: down from the top-level list along its ancestors (each
  // on the path, so each lists its children, in order).
  std::vector<int> chain;  // the ancestors below the home page, top first
  for (int a = p.parent; a > 0; a = pages[a].parent) chain.insert(chain.begin(), a);
  if (chain.empty() && p.parent != 0) return layer_;  // not under the home page: nothing to share
  const data* list = layer_.get("nav");
  int above = 0;  // the page whose children `list` holds; p.parent once down the chain
  for (int a : chain) {
    const std::vector<int>& kids = pages[above].children;
    const auto at = std::find(kids.begin(), kids.end(), a) - kids.begin();
    if (at == static_cast<long>(kids.size())) return layer_;
    list = list->list_value()[at].get("children");
    above = a;
  }
  const std::vector<int>& kids = pages[p.parent].children;
  if (list->list_value().size() != kids.size()) return layer_;
  // kainjow hands out list items read-only; layer_ owns them, and only their flags change.
  for (std::size_t i = 0; i < kids.size(); ++i)
    siblings_.emplace_back(kids[i], const_cast<data*>(&list->list_value()[i]));
  current_ = current;
  parent_ = p.parent;
  folder_ = folder_of(p.url);
  return layer_;
}

void NavLayer::mark(int page, bool on) {
  for (auto& [sibling, node] : siblings_)
    if (sibling == page) {
      (*node)["current"] = data(on);
      (*node)["open"] = data(on);
      return;
    }
}

}  // namespace kijun
