#pragma once
// Escaping for text placed into HTML that kijun writes itself (never for cmark-gfm's own output).

#include <string>
#include <string_view>

namespace kijun {

/// Escapes & < > " ' so the result is safe in element content and in quoted attributes.
std::string escape_html(std::string_view text);

/// Removes tags and decodes the few entities cmark-gfm emits, for plain-text views of HTML.
std::string strip_tags(std::string_view html);

}  // namespace kijun
