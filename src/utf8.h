#pragma once
// Small UTF-8 helpers: validation with the offset of the first bad byte, and character counts.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kijun::utf8 {

/// The byte offset of the first byte that is not part of well-formed UTF-8, if any.
std::optional<std::size_t> find_invalid(std::string_view s);

/// Number of code points; a stray byte counts as one character.
std::size_t count_chars(std::string_view s);

/// Decodes the code point at `i` and advances `i`; returns U+FFFD (advancing one byte) on bad input.
char32_t next(std::string_view s, std::size_t& i);

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// Truncates to at most `max_chars` characters, adding "…" when something was cut.
std::string shorten(std::string_view s, std::size_t max_chars);

}  // namespace kijun::utf8
