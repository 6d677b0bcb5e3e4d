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

/// The length of the sequence at byte i (i < s.size()) when it is ASCII or a well-formed
/// three-byte character without a special case (lead byte E1-EC, EE-EF: most of Japanese text),
/// else 0 (decode() then says what it is). Lets the loops over text skip decode() for those.
inline std::size_t plain_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 2 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80)
    return 3;
  return 0;
}

/// Decodes the code point at `i` and advances `i`; returns U+FFFD for an invalid sequence.
inline char32_t next(std::string_view s, std::size_t& i) {
  switch (plain_length(s, i)) {
    case 1: return static_cast<unsigned char>(s[i++]);
    case 3: {
      const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
      i += 3;
      return (static_cast<char32_t>(p[0] & 0x0F) << 12) | (static_cast<char32_t>(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    default: {
      char32_t cp;
      i = decode(s, i, cp);
      return cp == kInvalid ? U'\uFFFD' : cp;
    }
  }
}

/// Writes the UTF-8 encoding of `cp` to `out` (room for 4 bytes) and returns its length.
inline std::size_t encode(char* out, char32_t cp) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// Truncates to at most `max_chars` characters, adding "…" when something was cut.
std::string shorten(std::string_view s, std::size_t max_chars);

}  // namespace kijun::utf8
