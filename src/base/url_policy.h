#pragma once
// Which URLs kijun lets editors put into links and images: http, https, mailto and tel, relative
// URLs and fragments. Everything else (javascript:, vbscript:, data:, file:, ...) could run script
// or reach outside the site when a reader clicks it, so it is refused.

#include <string>
#include <string_view>

namespace kijun {

/// The scheme of `url` as a browser reads it (lower case, with the tabs and line breaks browsers
/// ignore removed), or "" for a relative URL or a fragment.
std::string url_scheme(std::string_view url);

/// True when a link (`<a href>`) or an image (`<img src>`) may point at `url`.
bool is_allowed_url(std::string_view url);

}  // namespace kijun
