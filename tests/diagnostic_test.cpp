#include <catch2/catch.hpp>

#include <sstream>

#include "base/diagnostic.h"
#include "base/suggest.h"
#include "base/utf8.h"

using namespace kijun;

TEST_CASE("a diagnostic prints in the compiler shape") {
  Diagnostic d{{"content/03-x.md", 42, 7}, Severity::kError, "unknown requirement ID 'CS-9'"};
  CHECK(d.format() == "content/03-x.md:42:7: error: unknown requirement ID 'CS-9'");
  d.severity = Severity::kWarning;
  CHECK(d.format() == "content/03-x.md:42:7: warning: unknown requirement ID 'CS-9'");
}

TEST_CASE("columns count characters, not bytes, on Japanese lines") {
  std::string text = "一行目\n日本語のX";
  std::size_t x = text.find('X');
  SourceLocation at = locate("a.md", text, x);
  CHECK(at.line == 2);
  CHECK(at.column == 5);  // 日本語の is four characters (twelve bytes)
  CHECK(locate("a.md", text, 0).column == 1);
  CHECK(column_of("ab", 99) == 3);  // past the end clamps to the end
}

TEST_CASE("diagnostics are collected and summarised, counting errors, warnings and files") {
  Diagnostics diags;
  CHECK(diags.summary() == "問題はありません");
  CHECK(diags.summary(Language::kEnglish) == "no problems");
  diags.warning({"a.md", 1, 1}, "w");
  CHECK(diags.summary() == "警告 1 件（1 ファイル）");
  CHECK(diags.summary(Language::kEnglish) == "1 warning in 1 file");
  diags.error({"b.md", 2, 3}, "e1");
  diags.error({"b.md", 4, 5}, "e2");
  CHECK(diags.error_count() == 2);
  CHECK(diags.warning_count() == 1);
  CHECK(diags.file_count() == 2);
  CHECK(diags.summary() == "エラー 2 件、警告 1 件（2 ファイル）");
  CHECK(diags.summary(Language::kEnglish) == "2 errors, 1 warning in 2 files");
  Diagnostics one;
  one.error({"c.md", 1, 1}, "e");
  CHECK(one.summary() == "エラー 1 件（1 ファイル）");
  CHECK(one.summary(Language::kEnglish) == "1 error in 1 file");
}

TEST_CASE("diagnostics print sorted by file, line and column, equal places in reported order") {
  Diagnostics diags;
  diags.error({"content/b.md", 10, 1}, "b10");
  diags.warning({"content/a.md", 3, 9}, "a3-9");
  diags.error({"content/b.md", 2, 7}, "b2-first");
  diags.error({"content/a.md", 3, 2}, "a3-2");
  diags.error({"content/b.md", 2, 7}, "b2-second");
  std::ostringstream out;
  diags.print(out);
  CHECK(out.str() ==
        "content/a.md:3:2: error: a3-2\ncontent/a.md:3:9: warning: a3-9\ncontent/b.md:2:7: error: b2-first\n"
        "content/b.md:2:7: error: b2-second\ncontent/b.md:10:1: error: b10\n");
  CHECK(diags.items().front().message == "b10");  // the collection itself keeps the reported order
}

TEST_CASE("utf8 validation finds the first bad byte") {
  CHECK_FALSE(utf8::find_invalid("日本語 ok").has_value());
  CHECK(utf8::find_invalid(std::string("ab\xff", 3)) == 2u);
  CHECK(utf8::find_invalid(std::string("\xe6\x97", 2)) == 0u);      // truncated sequence
  CHECK(utf8::find_invalid(std::string("\xc0\xaf", 2)) == 0u);      // overlong
  CHECK(utf8::find_invalid(std::string("\xed\xa0\x80", 3)) == 0u);  // surrogate
  CHECK(utf8::count_chars("日本語abc") == 6);
  CHECK(utf8::shorten("あいうえお", 3) == "あいう…");
  CHECK(utf8::shorten("あい", 3) == "あい");
}

TEST_CASE("utf8: the shortcut for ASCII and plain three-byte characters decodes as decode() does") {
  // Every lead byte, with continuation bytes at the edges of their ranges and without them, cut
  // short or not: next() (which takes the shortcut) must agree with decode() character by
  // character, and find_invalid and count_chars with a walk made of decode() alone.
  const unsigned char seconds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  std::size_t shortcuts = 0;
  for (unsigned lead = 0; lead < 256; ++lead)
    for (unsigned char b1 : seconds)
      for (unsigned char b2 : seconds)
        for (std::size_t len = 1; len <= 3; ++len) {
          const unsigned char bytes[] = {static_cast<unsigned char>(lead), b1, b2};
          const std::string s(reinterpret_cast<const char*>(bytes), len);
          std::size_t via_next = 0, via_decode = 0, chars = 0;
          std::optional<std::size_t> invalid;
          while (via_decode < s.size()) {
            char32_t cp;
            const std::size_t after = utf8::decode(s, via_decode, cp);
            if (cp == utf8::kInvalid && !invalid) invalid = via_decode;
            if (utf8::plain_length(s, via_decode) != 0) {
              ++shortcuts;
              CHECK(utf8::plain_length(s, via_decode) == after - via_decode);
              CHECK(cp != utf8::kInvalid);
            }
            const char32_t got = utf8::next(s, via_next);
            CHECK(via_next == after);
            CHECK(got == (cp == utf8::kInvalid ? U'\uFFFD' : cp));
            via_decode = after;
            ++chars;
          }
          CHECK(utf8::find_invalid(s) == invalid);
          CHECK(utf8::count_chars(s) == chars);
        }
  CHECK(shortcuts > 1000);  // the shortcut was taken, for ASCII and for three-byte characters
}

TEST_CASE("suggestions pick the nearest plausible candidate") {
  std::vector<std::string> keys = {"title", "weight", "type"};
  CHECK(did_you_mean("titel", keys) == " (did you mean 'title'?)");
  CHECK(did_you_mean("zzzzzzzz", keys).empty());
  CHECK(did_you_mean_ja("titel", keys) == "（「title」の誤りではありませんか？）");
  CHECK(did_you_mean_ja("zzzzzzzz", keys).empty());
  CHECK(edit_distance("CS-3.3-1-a-2", "CS-3.3-1-a-3") == 1);
  CHECK(edit_distance("日本語", "日本") == 1);
}

TEST_CASE("an editor's mistake prints its code and Japanese text, English on request") {
  Diagnostics diags;
  diags.error({"content/03-important/04-operation.md", 3, 7},
              Message{"KJ104", "全角のコロン「：」が使われています。半角の「:」にしてください",
                      "full-width colon '：' used; write ':'"});
  const Diagnostic& d = diags.items().front();
  CHECK(d.format() ==
        "content/03-important/04-operation.md:3:7: error[KJ104]: 全角のコロン「：」が使われています。半角の「:」にしてください");
  CHECK(d.format(Language::kEnglish) ==
        "content/03-important/04-operation.md:3:7: error[KJ104]: full-width colon '：' used; write ':'");
  std::ostringstream en;
  diags.print(en, Language::kEnglish);
  CHECK(en.str() == "content/03-important/04-operation.md:3:7: error[KJ104]: full-width colon '：' used; write ':'\n");
}

TEST_CASE("a line index locates every offset exactly as locate does", "[diagnostic]") {
  for (const std::string text : {std::string(""), std::string("\n"), std::string("a"),
                                 std::string("title: 基準\n\n本文：全角\nlast"), std::string("一\n二\n")}) {
    const LineIndex index(text);
    for (std::size_t at = 0; at <= text.size() + 2; ++at) {
      CAPTURE(text, at);
      const SourceLocation a = locate("p.md", text, at), b = index.locate("p.md", at);
      CHECK(a.path == b.path);
      CHECK(a.line == b.line);
      CHECK(a.column == b.column);
    }
  }
  const LineIndex index("a\nb：c\n");
  CHECK(index.locate("p.md", 5).line == 2);
  CHECK(index.locate("p.md", 5).column == 3);
  CHECK(index.locate("p.md", 9).line == 3);
}
