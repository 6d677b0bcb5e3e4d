#include "base/utf8.h"

namespace kijun::utf8 {

std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned b0 = p[i];
  if (b0 < 0x80) {
    cp = b0;
    return i + 1;
  }
  int need;                       // continuation bytes required
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the FIRST continuation byte
  char32_t c;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no UTF-16 surrogates in UTF-8
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    cp = kInvalid;
    return i + 1;
  }
  std::size_t j = i + 1;
  for (int k = 0; k < need; ++k, ++j) {
    const unsigned lower = k == 0 ? lo : 0x80, upper = k == 0 ? hi : 0xBF;
    if (j >= s.size() || p[j] < lower || p[j] > upper) {
      cp = kInvalid;  // the bytes before j form one maximal subpart
      return j;
    }
    c = (c << 6) | (p[j] & 0x3F);
  }
  cp = c;
  return j;
}

std::optional<std::size_t> find_invalid(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = plain_length(s, i)) {
      i += n;
      continue;
    }
    std::size_t next = decode(s, i, cp);
    if (cp == kInvalid) return i;
    i = next;
  }
  return std::nullopt;
}

std::size_t count_chars(std::string_view s) {
  std::size_t count = 0;
  char32_t cp;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const std::size_t n = plain_length(s, i);
    i = n ? i + n : decode(s, i, cp);
  }
  return count;
}

void append(std::string& out, char32_t cp) {
  char bytes[4];
  out.append(bytes, encode(bytes, cp));
}

std::string shorten(std::string_view s, std::size_t max_chars) {
  std::size_t i = 0, chars = 0;
  while (i < s.size() && chars < max_chars) {
    next(s, i);
    ++chars;
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

}  // namespace kijun::utf8
