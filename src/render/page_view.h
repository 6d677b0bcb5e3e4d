#pragma once
// View data for the theme: one function per page kind, all links relative to the page itself
// so that the site works from any base path and from file://.

#include <string>

#include <kainjow/mustache.hpp>

#include "content/content_library.h"
#include "requirements/requirement_registry.h"

namespace kijun {

struct EditionSite;
struct GlossaryModel;

/// Everything the views need to know about the site being built.
struct SiteModel {
  const ContentLibrary& lib;
  const RequirementRegistry& registry;
  const EditionSite* editions = nullptr;  ///< published editions and comparisons (none in some tests)
  const GlossaryModel* glossary = nullptr;  ///< the 用語集, when the site has one
  int guide = lib.first_of(PageType::kGuide);  ///< the 利用の流れ page linked from every page, or -1
};

/// {title, href}: the view data of one link.
kainjow::mustache::data link_view(const std::string& title, const std::string& href);

/// The breadcrumbs of a page at `from_url`: ホーム and each section down to page `deepest` (inclusive).
kainjow::mustache::data breadcrumbs_view(const SiteModel& site, int deepest, const std::string& from_url);

/// "3.1(8)③ クラウドサービスの提供に当たり…": the citation, then the text without its enumerator.
std::string provision_label(const Provision& p, std::size_t max_chars);

/// Data shared by every page: site facts, compact navigation (unless `with_nav` is false), root
/// prefix, asset links.
kainjow::mustache::data common_view(const SiteModel& site, const std::string& page_url, int current_page,
                                    bool with_nav = true);

/// A content page (home, section, standard, page, checklist, example) with its rendered body, but
/// without its navigation: that is its NavLayer (nav_view.h), rendered under this view.
kainjow::mustache::data content_page_view(const SiteModel& site, int page, const std::string& body_html);

/// The layout a content page is rendered with.
std::string layout_for(const ContentLibrary& lib, int page);

/// The hooks that render references, provision badges and 参照元 lists on page `page`, and point
/// links to Markdown files at their pages (reporting links to files that are not pages).
RenderHooks render_hooks(const SiteModel& site, int page, Diagnostics& diags);

/// The redirect page at `alias_url`, an earlier URL of page `page` (front matter `aliases:`).
kainjow::mustache::data alias_view(const SiteModel& site, int page, const std::string& alias_url);

/// 検索 page.
kainjow::mustache::data search_view(const SiteModel& site, const std::string& url);

/// The page listing the whole navigation tree (目次), for readers without JavaScript.
inline constexpr const char* kContentsUrl = "contents.html";

/// 目次 (contents.html): the whole tree as rendered by the `nav_tree` partial.
kainjow::mustache::data contents_view(const SiteModel& site, const std::string& tree_html);

}  // namespace kijun
