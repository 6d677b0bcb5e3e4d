#pragma once
// Short links to provisions, for e-mail. By default one forwarding page per provision, r/<ID>.html
// (a meta refresh: works without JavaScript, from any server and from file://). A site with more
// provisions than site.yaml's `short_link_resolver_above` gets instead one resolver page,
// r/index.html, whose script finds the provision of r/index.html#<ID> in assets/js/short-links.js:
// two files instead of one file per provision (76,000 files cost 15–35 s to create, and minutes to
// copy to a shared folder), but the link needs JavaScript.

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "render/page_view.h"

namespace kijun {

inline constexpr const char* kShortLinkResolverUrl = "r/index.html";
inline constexpr const char* kShortLinkScriptUrl = "assets/js/short-links.js";

/// True when the site's short links are the resolver page (more provisions than `short_link_resolver_above`).
bool short_link_resolver(const SiteModel& site);

/// The site-relative short link of provision `id`: "r/<ID>.html", or "r/index.html#<ID>" with the
/// resolver (naming index.html: from file:// a folder URL opens a folder listing, not its index.html).
std::string short_link_url(const SiteModel& site, const std::string& id);

/// The short link page r/<ID>.html (at `url`) that forwards to provision `p` (template `redirect`).
kainjow::mustache::data short_link_view(const SiteModel& site, const Provision& p, const std::string& url);

/// assets/js/short-links.js: `window.KIJUN_SHORT_LINKS = {pages: [...], links: [...]}`, the target of
/// every provision relative to r/index.html: `pages` the URLs of the pages, `links` one
/// [ID, page index] per provision whose anchor is its ID, [ID, page index, anchor] otherwise ("" for
/// none). Every '<', '>' and '&' and every non-ASCII character is a \u escape, so the text can never
/// close a script element or be read as markup.
std::string short_links_script(const SiteModel& site);

/// JSON text made safe in a script: every '<', '>' and '&' (which JSON has only inside strings)
/// written as a \u escape, so that no "</script>" or "<!--" can appear.
std::string script_safe_json(std::string_view json);

/// The view of the resolver page r/index.html (template `short_links`).
kainjow::mustache::data short_link_resolver_view(const SiteModel& site);

}  // namespace kijun
