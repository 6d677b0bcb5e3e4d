#include "base/url_policy.h"

namespace kijun {

std::string url_scheme(std::string_view url) {
  // Browsers drop leading C0 controls and spaces, and tabs and line breaks anywhere, before they
  // look for the scheme ("java\tscript:" is javascript:).
  std::size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  std::string scheme;
  for (; i < url.size(); ++i) {
    char c = url[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') return scheme;
    if (c == '/' || c == '?' || c == '#') return "";  // a path, query or fragment comes first
    scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return "";  // no colon: relative
}

bool is_allowed_url(std::string_view url) {
  std::string scheme = url_scheme(url);
  if (scheme.empty()) {
    // A relative URL or a fragment; ":x" (an empty scheme) is refused.
    std::size_t i = 0;
    while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
    return i == url.size() || url[i] != ':';
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

}  // namespace kijun
