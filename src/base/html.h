#pragma once
// Escaping for text placed into HTML that kijun writes itself (never for cmark-gfm's own output).

#include <string>
#include <string_view>

namespace kijun {

/// Escapes & < > " ' so the result is safe in element content and in quoted attributes.
std::string escape_html(std::string_view text);
/// The same, appended to `out`, with ' written as `apostrophe` (escape_html writes "&#39;";
/// kainjow Mustache's own escaping, which the theme's output keeps, "&apos;").
void append_html_escaped(std::string& out, std::string_view text, std::string_view apostrophe);

/// Appends `s` with every "</" written "<\\/", so that a JSON text or a JS literal that a script
/// file or element carries cannot close the <script> element.
void append_script_safe(std::string& out, std::string_view s);

/// Removes tags and decodes the few entities cmark-gfm emits, for plain-text views of HTML.
std::string strip_tags(std::string_view html);

}  // namespace kijun
