// YAML mistakes of front matter and site.yaml: at the character that is wrong, with a Japanese hint.
#include <catch2/catch.hpp>

#include "content/front_matter.h"
#include "content/site_config.h"
#include "test_support.h"

using namespace kijun;

namespace {

std::vector<std::string> parse(const std::string& text) {
  Diagnostics diags;
  parse_source_file("content/a.md", text, diags);
  return test::messages(diags);
}

}  // namespace

TEST_CASE("an unclosed bracket is reported at the bracket, not on the next line", "[yaml-hints]") {
  CHECK(parse("---\ntitle: [\nnumber: \"3.4\"\n---\n") ==
        std::vector<std::string>{"content/a.md:2:8: error[KJ103]: YAML として読めません。「[」が閉じていません。"
                                 "「]」で閉じるか、文字として書くなら値全体を「\"」で囲んでください"});
  // Deeply nested: at the bracket, never past the end of its line.
  CHECK(parse("---\ntitle: x\ntype: example\nexample:\n  functions: [音声, 画面共有\n---\n") ==
        std::vector<std::string>{"content/a.md:5:14: error[KJ103]: YAML として読めません。「[」が閉じていません。"
                                 "「]」で閉じるか、文字として書くなら値全体を「\"」で囲んでください"});
}

TEST_CASE("a missing closing quote is reported at the opening quote", "[yaml-hints]") {
  CHECK(parse("---\ntitle: \"運用・保守\nnumber: \"3.4\"\n---\n") ==
        std::vector<std::string>{"content/a.md:2:8: error[KJ103]: YAML として読めません。「\"」で始めた値が閉じていません。"
                                 "値の終わりに「\"」を書いてください"});
}

TEST_CASE("a colon inside a value, and indentation that does not line up, get a hint", "[yaml-hints]") {
  CHECK(parse("---\ntitle: x\ndescription: 注意: 重要\n---\n") ==
        std::vector<std::string>{"content/a.md:3:16: error[KJ103]: YAML として読めません（illegal map value）。"
                                 "値に「: 」が入るときは、値全体を「\"」で囲んでください（例: description: \"注意: …\"）"});
  const auto m = parse("---\ntitle: x\ntype: example\nexample:\n  recording: なし\n password: あり\n---\n");
  REQUIRE(m.size() == 1);
  CHECK(m[0].find("。字下げ（行の初めの空白の数）が上の行とそろっているか確かめてください") != std::string::npos);
}

TEST_CASE("a missing closing --- is reported where the text seems to start", "[yaml-hints]") {
  CHECK(parse("---\ntitle: x\nnumber: \"3.4\"\n\n# 見出し\n\n本文です。\n") ==
        std::vector<std::string>{"content/a.md:5:1: error[KJ102]: フロントマターが閉じていません。"
                                 "この行の前に「---」の行を加えてください（ここからが本文のようです）"});
  CHECK(parse("---\ntitle: x\n- {#CS-1} ① 本文\n") ==
        std::vector<std::string>{"content/a.md:1:1: error[KJ102]: フロントマターが閉じていません。"
                                 "その終わりに「---」の行を加えてください"});
  CHECK(parse("---\ntitle: x\n本文です。\n") ==
        std::vector<std::string>{"content/a.md:3:1: error[KJ102]: フロントマターが閉じていません。"
                                 "この行の前に「---」の行を加えてください（ここからが本文のようです）"});
}

TEST_CASE("site.yaml: an unclosed bracket at the bracket", "[yaml-hints]") {
  Diagnostics diags;
  parse_site_config("content/site.yaml", std::string(test::kSiteYaml) + "search:\n  stopwords: [の, は\n", diags);
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"content/site.yaml:7:14: error[KJ503]: YAML として読めません。「[」が閉じていません。"
                                 "「]」で閉じるか、文字として書くなら値全体を「\"」で囲んでください"});
}
