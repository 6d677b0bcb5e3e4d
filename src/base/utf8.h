#pragma once
// Small UTF-8 helpers: validation with the offset of the first bad byte, and character counts.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kijun::utf8 {

/// Marks an invalid UTF-8 sequence in decode()'s output.
inline constexpr char32_t kInvalid = 0xFFFFFFFFu;

/// Decodes the code point starting at byte i (i < s.size()) and returns the index after it.
/// An invalid sequence (its maximal subpart, as the WHATWG decoder defines it, so that offsets
/// agree with the string a browser decodes) gives kInvalid; the returned index is always > i.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp);

/// The byte offset of the first byte that is not part of well-formed UTF-8, if any.
std::optional<std::size_t> find_invalid(std::string_view s);

/// Number of code points; an invalid sequence counts as one character.
std::size_t count_chars(std::string_view s);

/// Decodes the code point at `i` and advances `i`; returns U+FFFD for an invalid sequence.
char32_t next(std::string_view s, std::size_t& i);

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// Truncates to at most `max_chars` characters, adding "…" when something was cut.
std::string shorten(std::string_view s, std::size_t max_chars);

}  // namespace kijun::utf8
