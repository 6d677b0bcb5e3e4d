// The lint pass: mistakes the parser accepts and a page would show in silence, each at its place.
#include <catch2/catch.hpp>

#include <algorithm>

#include "build.h"
#include "content/content_lint.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

// A project with content/site.yaml, a home page and `files` (paths under content/), checked as
// `kijun check` checks it. The diagnostics, sorted by file and position, in the compiler shape.
struct CheckedSite {
  test::TempDir dir;
  BuildResult result;
  explicit CheckedSite(const std::vector<std::pair<std::string, std::string>>& files, bool strict = false) {
    dir.write("content/site.yaml", test::kSiteYaml);
    dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n");
    for (const auto& [path, text] : files) dir.write("content/" + path, text);
    BuildOptions options = test::source_theme_options(dir.str());
    options.strict = strict;
    result = check_site(options);
  }
  CheckedSite(std::initializer_list<std::pair<std::string, std::string>> files)
      : CheckedSite(std::vector<std::pair<std::string, std::string>>(files)) {}
  std::vector<std::string> messages(Language lang = Language::kJapanese) const {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics.sorted()) out.push_back(d.format(lang));
    return out;
  }
};

const std::string kPage34 = "---\ntitle: 運用・保守時の対策\nnumber: \"3.4\"\nid: CS-3.4\n---\n\n";

}  // namespace

TEST_CASE("full-width markers are errors that give the corrected form", "[lint]") {
  CheckedSite s({{"01-a.md", kPage34 +
                                 "- {#CS-3.4-1} ① 所属長は、確認すること。\n"
                                 "- ｛＃CS-3.4-2｝ ② 全角の目印。\n"
                                 "- {＃CS-3.4-3} ③ 半角と全角の目印。\n"
                                 "- {#CS-3.4-4｝ ④ 閉じだけ全角。\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:8:3: error[KJ210]: 「｛＃CS-3.4-2｝」は全角の記号が混じっているため要件ID の目印になりません。"
            "半角で「{#CS-3.4-2}」と書いてください",
            "content/01-a.md:9:3: error[KJ210]: 「{＃CS-3.4-3}」は全角の記号が混じっているため要件ID の目印になりません。"
            "半角で「{#CS-3.4-3}」と書いてください",
            "content/01-a.md:10:3: error[KJ210]: 「{#CS-3.4-4｝」は全角の記号が混じっているため要件ID の目印になりません。"
            "半角で「{#CS-3.4-4}」と書いてください"});
  CHECK_FALSE(s.result.written);
  CHECK(s.messages(Language::kEnglish)[0] ==
        "content/01-a.md:8:3: error[KJ210]: '｛＃CS-3.4-2｝' is not a requirement marker: it holds full-width "
        "characters; write '{#CS-3.4-2}'");
}

TEST_CASE("full-width references are errors that give the corrected form", "[lint]") {
  CheckedSite s({{"01-a.md", kPage34 +
                                 "- {#CS-3.4-1} ① 所属長は、確認すること。\n\n"
                                 "前項（［［CS-3.4-1］］）と [［CS-3.4-1]] と [[CS-3.4-1］］ と [[CS-3.4-1]] と ［［ＣＳ－３．４－１｜前項］］。\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:9:4: error[KJ211]: 「［［CS-3.4-1］］」は全角の記号が混じっているため参照になりません。"
            "半角で「[[CS-3.4-1]]」と書いてください",
            "content/01-a.md:9:19: error[KJ211]: 「[［CS-3.4-1]]」は全角の記号が混じっているため参照になりません。"
            "半角で「[[CS-3.4-1]]」と書いてください",
            "content/01-a.md:9:34: error[KJ211]: 「[[CS-3.4-1］］」は全角の記号が混じっているため参照になりません。"
            "半角で「[[CS-3.4-1]]」と書いてください",
            "content/01-a.md:9:64: error[KJ211]: 「［［ＣＳ－３．４－１｜前項］］」は全角の記号が混じっているため参照になりません。"
            "半角で「[[CS-3.4-1|前項]]」と書いてください"});
}

TEST_CASE("an ID whose last part contradicts its enumerator", "[lint]") {
  CheckedSite s({{"01-a.md", kPage34 +
                                 "- {#CS-3.4-1} ① 一つ目。\n"
                                 "  - {#CS-3.4-1-a} (ア) 一\n"
                                 "    - {#CS-3.4-1-a-1} ・一\n"
                                 "    - {#CS-3.4-1-a-3} ・二\n"
                                 "  - {#CS-3.4-1-c} (イ) 二\n"
                                 "- {#CS-3.4-9} ⑦ 七つ目。\n"
                                 "- {#CS-3.4-10} (10) 十。\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:10:7: warning[KJ212]: 要件ID「CS-3.4-1-a-3」の最後の「3」が 2 番目の「・」と合いません"
            "（2 番目の「・」 なら「CS-3.4-1-a-2」）。ID か列挙記号を直してください",
            "content/01-a.md:11:5: warning[KJ212]: 要件ID「CS-3.4-1-c」の最後の「c」が列挙記号「(イ)」と合いません"
            "（(イ) なら「CS-3.4-1-b」）。ID か列挙記号を直してください",
            "content/01-a.md:12:3: warning[KJ212]: 要件ID「CS-3.4-9」の最後の「9」が列挙記号「⑦」と合いません"
            "（⑦ なら「CS-3.4-7」）。ID か列挙記号を直してください"});
  CHECK(s.result.written);  // warnings: the site is still built
  CheckedSite strict({{"01-a.md", kPage34 + "- {#CS-3.4-9} ⑦ 七つ目。\n"}}, true);
  CHECK_FALSE(strict.result.written);
}

TEST_CASE("an ID whose section contradicts the page's number", "[lint]") {
  CheckedSite s({{"01-a.md", "---\ntitle: 運用\nnumber: \"3.40\"\nid: CS-3.4\n---\n\n- {#CS-3.4-1} ① 一つ目。\n"},
                 {"02-b.md", "---\ntitle: 更改\nnumber: \"3.5\"\nid: CS-3.5\n---\n\n- {#CS-3.5-1} ① 一つ目。\n"
                             "- {#CS-3.4-2} ② 二つ目。\n"},
                 {"03-c.md", "---\ntitle: 例\nnumber: \"6.4(1)\"\nid: CS-6.4-1\n---\n\n- {#CS-6.4-1-1} ① 例。\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:3:9: warning[KJ213]: 節番号「3.40」がこのページの要件ID「CS-3.4」の節「3.4」と合いません。"
            "どちらかを直してください",
            "content/02-b.md:8:3: warning[KJ213]: 要件ID「CS-3.4-2」の節「3.4」がこのページの節番号「3.5」と合いません。"
            "ID を直してください"});
}

TEST_CASE("IDs that a published edition holds keep their last part after a renumbering", "[lint]") {
  test::TempDir dir;
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n");
  // CS-3.4-2 (published as ②) is now ①; the new ② cannot take its ID and gets CS-3.4-9: no warning.
  // CS-3.4-8 ③ is new and CS-3.4-3 is nobody's: that one is a mistake.
  dir.write("content/01-a.md",
            kPage34 + "- {#CS-3.4-2} ① 前の②。\n- {#CS-3.4-9} ② 新しい規定。\n- {#CS-3.4-8} ③ 三つ目。\n");
  Diagnostics diags;
  auto lib = ContentLibrary::load(dir.str(), "content", diags);
  REQUIRE(lib);
  RequirementRegistry reg = RequirementRegistry::build(*lib, diags);
  EditionRecord published;
  published.provisions.push_back({1, "CS-3.4-2", "3.4②", "②", "CS-3.4", false, "前の②。", "", "a.html"});
  lint_pages(*lib, reg, {published}, diags);
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"content/01-a.md:9:3: warning[KJ212]: 要件ID「CS-3.4-8」の最後の「8」が列挙記号「③」"
                                 "と合いません（③ なら「CS-3.4-3」）。ID か列挙記号を直してください"});
}

TEST_CASE("an enumerated provision of the standard without an ID", "[lint]") {
  CheckedSite s({{"01-a.md", kPage34 +
                                 "## (1) 方針 {#CS-3.4-1}\n\n"
                                 "- {#CS-3.4-1-1} ① 一つ目。\n"
                                 "  - {#CS-3.4-1-1-a} (ア) 一\n"
                                 "  - （イ） 二\n"
                                 "    - ・一\n"
                                 "- ② 二つ目。\n\n"
                                 "③ 段落の三つ目。\n\n"
                                 "## (2) 見出し\n\n"
                                 "(例:クラウドサービスの例。)\n"},
                 {"02-b.md", "---\ntitle: 解説\ntype: page\n---\n\n- ① 解説のページの列挙。\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:11:5: warning[KJ214]: 列挙記号「(イ)」で始まる条項に要件ID がありません。"
            "項目の初めに「{#CS-3.4-1-1-b}」のように ID を書いてください",
            "content/01-a.md:12:7: warning[KJ214]: 列挙記号「・」で始まる条項に要件ID がありません。"
            "項目の初めに「{#要件ID}」のように ID を書いてください",
            "content/01-a.md:13:3: warning[KJ214]: 列挙記号「②」で始まる条項に要件ID がありません。"
            "項目の初めに「{#CS-3.4-1-2}」のように ID を書いてください",
            "content/01-a.md:15:1: warning[KJ214]: 列挙記号「③」で始まる条項に要件ID がありません。"
            "項目の初めに「{#CS-3.4-1-3}」のように ID を書いてください",
            "content/01-a.md:17:4: warning[KJ214]: 列挙記号「(2)」で始まる条項に要件ID がありません。"
            "見出しの終わりに「{#CS-3.4-2}」のように ID を書いてください"});
}

TEST_CASE("ordered lists in the standard's pages", "[lint]") {
  CheckedSite s({{"01-a.md", kPage34 + "- {#CS-3.4-1} ① 一つ目。\n\n1. 番号\n2. 付き\n"},
                 {"02-b.md", "---\ntitle: 解説\ntype: page\n---\n\n1. 解説のページでは使えます\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:9:1: warning[KJ330]: 番号付きのリスト（「1.」）は基準のページでは使えません"
            "（番号が振り直されます）。「- 」の箇条書きにして、列挙記号（(1)、①、(ア)）を本文に書いてください"});
}

TEST_CASE("a space between two Japanese characters, not next to Latin letters, digits, brackets or in code", "[lint]") {
  CheckedSite s({{"01-a.md", "---\ntitle: 解説\ntype: page\n---\n\n"
                             "所属長は 確認する。全角の　空白。\n"
                             "IT 資産、3 か所、「引用」 と、`コード の 中`、[[doc:文書 名]] の 前後。\n\n"
                             "```\nコード の ブロック\n```\n\n"
                             "| 項目 | 説明 |\n| --- | --- |\n| 機密性 | 高い |\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:6:5: warning[KJ331]: 日本語の文字の間に空白があります（「は 確」）。空白を消してください",
            "content/01-a.md:6:14: warning[KJ331]: 日本語の文字の間に全角の空白があります（「の　空」）。空白を消してください",
            "content/01-a.md:7:37: warning[KJ331]: 日本語の文字の間に空白があります（「書 名」）。空白を消してください",
            "content/01-a.md:7:43: warning[KJ331]: 日本語の文字の間に空白があります（「の 前」）。空白を消してください"});
}

TEST_CASE("a checklist paragraph that the checklist does not show", "[lint]") {
  CheckedSite s({{"01-a.md", kPage34 + "- {#CS-3.4-1} ① 一つ目。\n"},
                 {"02-cl.md", "---\ntitle: 表\ntype: checklist\n---\n前書きは表示されます。\n\n## 確認\n\n"
                              "- [ ] [[CS-3.4-1]]\n- ふつうの項目\n\n見出しの後の段落。\n\n> 引用\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/02-cl.md:10:1: warning[KJ332]: この項目は「- [ ] 」のタスク項目ではないため、チェックリストに表示されません。"
            "「- [ ] 」で書くか、前書きなら最初の見出しより前に移してください",
            "content/02-cl.md:12:1: warning[KJ332]: チェックリストでは見出しの後の段落は表示されません。"
            "確かめる事柄なら「- [ ] 」の項目にし、前書きなら最初の見出しより前に移してください",
            "content/02-cl.md:14:1: warning[KJ332]: チェックリストでは見出しの後の段落は表示されません。"
            "確かめる事柄なら「- [ ] 」の項目にし、前書きなら最初の見出しより前に移してください"});
}

TEST_CASE("full-width-space indentation at the start of a body line", "[lint]") {
  CheckedSite s({{"01-a.md", "---\ntitle: 解説\ntype: page\n---\n\n　字下げした段落。\n\n> 　引用の字下げ\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:6:1: warning[KJ333]: 行の初めに全角の空白があります（全角の空白による字下げ）。"
            "字下げはページに表示されません。全角の空白を消してください（続きの段落にするなら半角の空白 2 つで字下げします）",
            "content/01-a.md:8:3: warning[KJ333]: 行の初めに全角の空白があります（全角の空白による字下げ）。"
            "字下げはページに表示されません。全角の空白を消してください（続きの段落にするなら半角の空白 2 つで字下げします）"});
}

TEST_CASE("NUL bytes are an error at their line and column", "[lint]") {
  CheckedSite s({{"01-a.md", std::string("---\ntitle: 解説\ntype: page\n---\n\n本文に") + '\0' + "がある。" + '\0' + "\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01-a.md:6:4: error[KJ334]: NUL 文字（0x00）があります（ほかに 1 か所）。ページには表示されない文字です。"
            "エディタで消してください（見えないときは、その位置の前後の文字を打ち直します）"});
}

TEST_CASE("file names a URL cannot carry, or that are not UTF-8, are errors naming the file", "[lint]") {
  CheckedSite s({{"01 a.md", "---\ntitle: A\ntype: page\n---\n"},
                 {"02-b#c.md", "---\ntitle: B\ntype: page\n---\n"},
                 {"03-c?.md", "---\ntitle: C\ntype: page\n---\n"},
                 {"04-d%20.md", "---\ntitle: D\ntype: page\n---\n"},
                 {"05-\xE9t\xE9.md", "---\ntitle: E\ntype: page\n---\n"},
                 {"06-規程.md", "---\ntitle: F\ntype: page\n---\n"},
                 {"07 sec/_index.md", "---\ntitle: G\ntype: page\n---\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/01 a.md:1:1: error[KJ336]: ファイル名「01 a.md」に URL に使えない文字（空白）があります。"
            "英数字と - _ だけの名前に付け直してください",
            "content/02-b#c.md:1:1: error[KJ336]: ファイル名「02-b#c.md」に URL に使えない文字（「#」）があります。"
            "英数字と - _ だけの名前に付け直してください",
            "content/03-c?.md:1:1: error[KJ336]: ファイル名「03-c?.md」に URL に使えない文字（「?」）があります。"
            "英数字と - _ だけの名前に付け直してください",
            "content/04-d%20.md:1:1: error[KJ336]: ファイル名「04-d%20.md」に URL に使えない文字（「%」）があります。"
            "英数字と - _ だけの名前に付け直してください",
            "content/05-\\xE9t\\xE9.md:1:1: error[KJ335]: ファイル名「05-\\xE9t\\xE9.md」が UTF-8 ではありません"
            "（URL に読めない文字が入ります）。英数字と - _ だけの名前に付け直してください",
            "content/07 sec:1:1: error[KJ336]: ファイル名「07 sec」に URL に使えない文字（空白）があります。"
            "英数字と - _ だけの名前に付け直してください"});
}

TEST_CASE("the enumerator gives the ID's last part", "[lint]") {
  CHECK(id_part_of_enumerator("(8)", 0) == "8");
  CHECK(id_part_of_enumerator("③", 0) == "3");
  CHECK(id_part_of_enumerator("⑳", 0) == "20");
  CHECK(id_part_of_enumerator("(ア)", 0) == "a");
  CHECK(id_part_of_enumerator("(ク)", 0) == "h");
  CHECK(id_part_of_enumerator("・", 4) == "4");
  CHECK(id_part_of_enumerator("", 0) == "");
  CHECK(half_width("［［ＣＳ－３．４－６］］") == "[[CS-3.4-6]]");
}

TEST_CASE("the lint reads each body's tree as the load parsed it, with the messages of a parse of its own", "[lint]") {
  test::TempDir dir;
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n");
  dir.write("content/01-a.md", kPage34 +
                                   "- {#CS-3.4-1} ① 一つ目。\n"
                                   "- ② IDのない二つ目。\n\n"
                                   "1. 番号付きのリスト\n\n"
                                   "\u3000字下げした段落。\n\n"
                                   "```\n\u3000コードの中は見ない\n```\n");
  dir.write("content/02-cl.md",
            "---\ntitle: 確認表\ntype: checklist\n---\n\n前書き。\n\n## 確認\n\n- [ ] 確かめる。\n- 箇条書き\n\n段落。\n");
  Diagnostics diags;
  auto lib = ContentLibrary::load(dir.str(), "content", diags);
  REQUIRE(lib);
  RequirementRegistry reg = RequirementRegistry::build(*lib, diags);
  // Every page was linted as it was parsed.
  for (const Page& page : lib->pages) {
    REQUIRE(page.body_lint);
    CHECK(page.body_lint->has_value());
  }
  Diagnostics at_parse;
  lint_pages(*lib, reg, {}, at_parse);
  // Without those messages, each body is parsed again on its own.
  for (Page& page : lib->pages) page.body_lint = std::make_shared<std::optional<Diagnostics>>();
  Diagnostics on_its_own;
  lint_pages(*lib, reg, {}, on_its_own);
  const std::vector<std::string> messages = test::messages(at_parse);
  CHECK(messages == test::messages(on_its_own));
  const auto codes = [&] {
    std::vector<std::string> out;
    for (const std::string& m : messages) out.push_back(m.substr(m.find('[') + 1, 5));
    return out;
  }();
  CHECK(codes == std::vector<std::string>{"KJ214", "KJ330", "KJ333", "KJ332", "KJ332"});
}
