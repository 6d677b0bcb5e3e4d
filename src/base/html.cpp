#include "base/html.h"

#include <cstdint>
#include <cstring>

namespace kijun {

namespace {
// Whether any of the eight bytes of `w` is one of the five that HTML escapes: a byte equal to c
// is a zero byte of w ^ (c in every byte), and "has a zero byte" is exact for the word.
inline bool has_byte_to_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  return (has_zero(w ^ (ones * '&')) | has_zero(w ^ (ones * '<')) | has_zero(w ^ (ones * '>')) |
          has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\''))) != 0;
}
}  // namespace

void append_html_escaped(std::string& out, std::string_view text, std::string_view apostrophe) {
  std::size_t from = 0;  // text[from, i) is written as it is, in one append
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Eight bytes at a time past those that hold none of the five.
    while (i + 8 <= text.size()) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if (has_byte_to_escape(w)) break;
      i += 8;
    }
    if (i >= text.size()) break;
    if (static_cast<unsigned char>(text[i]) > '>') continue;
    const char* entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = nullptr; break;
      default: continue;
    }
    out.append(text, from, i - from);
    if (entity)
      out += entity;
    else
      out += apostrophe;
    from = i + 1;
  }
  out.append(text, from, std::string_view::npos);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text, "&#39;");
  return out;
}

void append_script_safe(std::string& out, std::string_view s) {
  for (std::size_t from = 0;;) {
    const std::size_t i = s.find("</", from);
    if (i == std::string_view::npos) {
      out.append(s.substr(from));
      return;
    }
    out.append(s.substr(from, i - from));
    out += "<\\/";
    from = i + 2;
  }
}

std::string strip_tags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (in_tag) {
      if (c == '>') in_tag = false;
      continue;
    }
    if (c == '<') {
      in_tag = true;
      continue;
    }
    if (c == '&') {
      static const std::pair<std::string_view, char> entities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool done = false;
      for (auto [name, ch] : entities)
        if (html.substr(i, name.size()) == name) {
          out += ch;
          i += name.size() - 1;
          done = true;
          break;
        }
      if (done) continue;
    }
    out += c;
  }
  return out;
}

}  // namespace kijun
