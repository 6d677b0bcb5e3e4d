#include "render/short_links.h"

#include <map>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "render/requirements_pages.h"
#include "render/view_data.h"

namespace kijun {

bool short_link_resolver(const SiteModel& site) {
  return site.registry.all().size() > site.lib.config.short_link_resolver_above;
}

std::string short_link_url(const SiteModel& site, const std::string& id) {
  return short_link_resolver(site) ? std::string(kShortLinkResolverUrl) + "#" + id : "r/" + id + ".html";
}

kainjow::mustache::data short_link_view(const SiteModel& site, const Provision& p, const std::string& url) {
  // A forwarding page needs no navigation: only the site's name and the target.
  kainjow::mustache::data d;
  kainjow::mustache::data s;
  put(s, "title", site.lib.config.title);
  put(d, "site", s);
  put(d, "target", relative_url(url, site.registry.href(p)));
  put(d, "id", p.id);
  put(d, "citation", p.citation);
  put(d, "text", utf8::shorten(p.full_text, 200));
  return d;
}

std::string short_links_script(const SiteModel& site) {
  nlohmann::json pages = nlohmann::json::array(), links = nlohmann::json::array();
  std::map<std::string, std::size_t> page_index;
  for (const Provision& p : site.registry.all()) {
    auto [it, fresh] = page_index.emplace(p.url, page_index.size());
    if (fresh) pages.push_back(relative_url(kShortLinkResolverUrl, p.url));
    nlohmann::json link = nlohmann::json::array({p.id, it->second});
    if (p.anchor != p.id) link.push_back(p.anchor);
    links.push_back(std::move(link));
  }
  nlohmann::json data = {{"pages", std::move(pages)}, {"links", std::move(links)}};
  // ensure_ascii: every non-ASCII character is \uXXXX (U+2028 and U+2029 included).
  const std::string json = data.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  return "window.KIJUN_SHORT_LINKS = " + script_safe_json(json) + ";\n";
}

std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

kainjow::mustache::data short_link_resolver_view(const SiteModel& site) {
  kainjow::mustache::data d;
  kainjow::mustache::data s;
  put(s, "title", site.lib.config.title);
  put(d, "site", s);
  put(d, "root", root_prefix(kShortLinkResolverUrl));
  put(d, "requirements_href", relative_url(kShortLinkResolverUrl, kRequirementsUrl));
  put(d, "home_href", relative_url(kShortLinkResolverUrl, site.lib.pages[0].url));
  return d;
}

}  // namespace kijun
