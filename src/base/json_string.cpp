#include "base/json_string.h"

#include "base/utf8.h"

namespace kijun {

void append_json_string(std::string& out, std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0, run = 0;  // s[run, i) is written as it is, in one append
  auto flush = [&] {
    out.append(s.data() + run, i - run);
  };
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 && utf8::plain_length(s, i) == 3) {
      i += 3;  // a well-formed three-byte character (most of Japanese text), without decoding it
      continue;
    }
    if (c >= 0x80) {
      char32_t cp;
      const std::size_t next = utf8::decode(s, i, cp);
      if (cp == utf8::kInvalid) {
        flush();
        out += "\xEF\xBF\xBD";  // U+FFFD, as a browser would decode the bytes
        run = next;
      }
      i = next;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    run = ++i;
  }
  flush();
  out.push_back('"');
}

}  // namespace kijun
