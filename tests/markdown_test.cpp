#include <catch2/catch.hpp>

#include "content/markdown.h"

#include "test_support.h"

using namespace kijun;
using test::messages;

namespace {
MarkdownDocument parse(const std::string& body, Diagnostics& diags, bool unsafe = false) {
  return MarkdownDocument::parse("content/p.md", body, 5, MarkdownOptions{unsafe}, diags);
}
}  // namespace

TEST_CASE("GFM extensions are on: tables, strikethrough, autolinks, task lists") {
  Diagnostics diags;
  auto doc =
      parse("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.invalid\n\n- [ ] todo\n- [x] done\n", diags);
  std::string html = doc.render({});
  CHECK(html.find("<table>") != std::string::npos);
  CHECK(html.find("<del>old</del>") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.invalid\">") != std::string::npos);
  REQUIRE(doc.tasks.size() == 2);
  CHECK_FALSE(doc.tasks[0].checked);
  CHECK(doc.tasks[1].checked);
  CHECK(doc.tasks[1].text == "done");
}

TEST_CASE("raw HTML is left out with a warning unless allowed") {
  Diagnostics diags;
  auto doc = parse("前 <b>太字</b>\n", diags);
  std::string html = doc.render({});
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(messages(diags).front() ==
        "content/p.md:5:3: warning[KJ302]: HTML は書けないため、表示しません（使うには content/site.yaml に"
        "「unsafe_html: true」を書きます）");
  Diagnostics d2;
  auto allowed = parse("前 <b>太字</b>\n", d2, true);
  CHECK(allowed.render({}).find("<b>太字</b>") != std::string::npos);
  CHECK(d2.items().empty());
}

TEST_CASE("requirement markers on headings, items and paragraphs become anchors") {
  Diagnostics diags;
  auto doc = parse(
      "## (8) セキュリティ対策 {#CS-3.1-8}\n\n"
      "- {#CS-3.1-8-1} ① 目的外利用の禁止\n\n  続きの段落。\n\n"
      "  - {#CS-3.1-8-1-a} (ア) 下位の項目\n\n"
      "{#CS-3.1-9} (9) 段落の要件。\n",
      diags);
  CHECK(diags.items().empty());
  REQUIRE(doc.markers.size() == 4);
  CHECK(doc.markers[0].id == "CS-3.1-8");
  CHECK(doc.markers[0].block == MarkerBlock::kHeading);
  CHECK(doc.markers[0].text == "(8) セキュリティ対策");
  CHECK(doc.markers[1].block == MarkerBlock::kItem);
  CHECK(doc.markers[1].parent == 0);
  CHECK(doc.markers[1].text == "① 目的外利用の禁止");
  CHECK(doc.markers[1].full_text == "① 目的外利用の禁止\n続きの段落。");  // nested (ア) not included
  CHECK(doc.markers[1].where.line == 7);
  CHECK(doc.markers[1].where.column == 3);
  CHECK(doc.markers[2].parent == 1);
  CHECK(doc.markers[3].block == MarkerBlock::kParagraph);
  CHECK(doc.markers[3].parent == 0);
  std::string html = doc.render({});
  CHECK(html.find("<h2 id=\"CS-3.1-8\" class=\"kj-prov kj-prov-heading\">") != std::string::npos);
  CHECK(html.find("<div class=\"kj-prov\" id=\"CS-3.1-8-1\">") != std::string::npos);
  CHECK(html.find("{#") == std::string::npos);
  CHECK(html.find("① 目的外利用の禁止") != std::string::npos);
}

TEST_CASE("markers that no block can carry, and malformed IDs, are errors") {
  Diagnostics diags;
  parse("本文の途中 {#CS-1} は置けない。\n\n- {#cs-1} ① 小文字\n", diags);
  CHECK(messages(diags) ==
        std::vector<std::string>{
            "content/p.md:7:3: error[KJ202]: 要件ID「cs-1」の形が正しくありません。CS-3.1-8-3 のような形にしてください",
            "content/p.md:5:7: error[KJ208]: 目印 {#CS-1} は段落や箇条書きの項目の初め、または見出しの終わりに置いてください"});
}

TEST_CASE("references are found with their position and rendered through the hook") {
  Diagnostics diags;
  auto doc = parse("- {#A-1} ① 本文\n- {#A-2} ② 「[[A-1|前項]]」と [[A-1]] と [[doc:外部の要綱]]\n", diags);
  CHECK(diags.items().empty());
  REQUIRE(doc.references.size() == 3);
  CHECK(doc.references[0].target == "A-1");
  CHECK(doc.references[0].text == std::optional<std::string>("前項"));
  CHECK(doc.references[0].where.line == 6);
  CHECK(doc.references[0].where.column == 13);
  CHECK(doc.references[0].enclosing_marker == 1);
  CHECK_FALSE(doc.references[1].text);
  CHECK(doc.references[2].external_document);
  CHECK(doc.references[2].target == "外部の要綱");
  Diagnostics d2;
  auto tasks = parse("- [ ] [[A-1|前項]]を確認\n", d2);
  REQUIRE(tasks.tasks.size() == 1);
  CHECK(tasks.tasks[0].text == "前項を確認");  // the task's text reads as rendered, not as [[...]] syntax
  CHECK(tasks.tasks[0].references == std::vector<int>{0});
  RenderHooks hooks;
  hooks.reference = [](const Reference& r) {
    return RenderHooks::Link{"<a href=\"#" + r.target + "\">", "</a>", "1①"};
  };
  std::string html = doc.render(hooks);
  CHECK(html.find("「<a href=\"#A-1\">前項</a>」") != std::string::npos);
  CHECK(html.find("<a href=\"#A-1\">1①</a>") != std::string::npos);
  CHECK(html.find("<cite class=\"kj-doc\"") != std::string::npos);
}

TEST_CASE("reference text is escaped by the renderer, and HTML inside it is dropped") {
  Diagnostics diags;
  auto doc = parse("[[A-1|a & b \"c\"]] [[A-1|<script>x</script>]]\n", diags);
  RenderHooks hooks;
  hooks.reference = [](const Reference&) { return RenderHooks::Link{"<a>", "</a>", ""}; };
  std::string html = doc.render(hooks);
  CHECK(html.find("<a>a &amp; b &quot;c&quot;</a>") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
}

TEST_CASE("heading anchors work for Japanese and are never empty or numbers only") {
  std::set<std::string> taken;
  CHECK(make_anchor("ログの保存", taken) == "ログの保存");
  CHECK(make_anchor("ログの保存", taken) == "ログの保存-2");
  CHECK(make_anchor("Web 会議 (E2E)", taken) == "web-会議-e2e");
  CHECK(make_anchor("(1)", taken) == "section-1");
  CHECK(make_anchor("「」・", taken) == "section");
  CHECK(make_anchor("ＩＳＯ２７００１", taken) == "iso27001");

  Diagnostics diags;
  auto doc = parse("## 概要\n\n## 概要\n\n## 手順 {#steps}\n", diags);
  REQUIRE(doc.headings.size() == 3);
  CHECK(doc.headings[0].anchor == "概要");
  CHECK(doc.headings[1].anchor == "概要-2");
  CHECK(doc.headings[2].anchor == "steps");  // an explicit anchor wins
  CHECK(doc.headings[2].text == "手順");
}

TEST_CASE("requirement ID grammar") {
  CHECK(is_requirement_id("CS-3.1-8-3"));
  CHECK(is_requirement_id("CS-3.3-1-a-2"));
  CHECK(is_requirement_id("A1-x"));
  CHECK_FALSE(is_requirement_id("CS"));
  CHECK_FALSE(is_requirement_id("cs-1"));
  CHECK_FALSE(is_requirement_id("CS-3..1"));
  CHECK_FALSE(is_requirement_id("CS-3.1-"));
  CHECK_FALSE(is_requirement_id("CS-①"));
}

TEST_CASE("references work inside table cells, text after them included") {
  Diagnostics diags;
  auto doc = parse("| x | y |\n|---|---|\n| 1 | A[[doc:文書]]B [[A-1]] C |\n", diags);
  REQUIRE(doc.references.size() == 2);
  RenderHooks hooks;
  hooks.reference = [](const Reference&) { return RenderHooks::Link{"<a href=\"#A-1\">", "</a>", "1①"}; };
  std::string html = doc.render(hooks);
  CHECK(html.find("<td>A<cite class=\"kj-doc\" title=\"外部の文書(このサイトには含まれていません)\">文書</cite>B "
                  "<a href=\"#A-1\">1①</a> C</td>") != std::string::npos);
}

TEST_CASE("headings own the text under them that no provision holds, and pages their intro") {
  Diagnostics diags;
  auto doc = parse(
      "前書きの段落。\n\n- {#A-0} ① 前書きの要件\n\n"
      "## (3) 評価・判断 {#A-3}\n\n所属長は、ISMAP を確認する。\n\n- {#A-3-1} ① 下位の要件\n\n続きの段落。\n\n"
      "## (4) 次 {#A-4}\n\n次の本文。\n",
      diags);
  REQUIRE(doc.markers.size() == 4);
  CHECK(doc.intro_text == "前書きの段落。");
  CHECK(doc.markers[1].body_text == "所属長は、ISMAP を確認する。\n続きの段落。");
  CHECK(doc.markers[3].body_text == "次の本文。");
}

TEST_CASE("an explicit heading anchor outside the grammar is an error and never reaches the HTML") {
  Diagnostics diags;
  auto doc = parse("## 見出し {#x\"><svg/onload=alert(1)>}\n", diags);
  std::string html = doc.render({});
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("onload") == std::string::npos);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].code == "KJ901");
  CHECK(diags.items()[0].where.line == 5);
  CHECK(diags.items()[0].where.column == 8);
  CHECK(doc.headings[0].anchor == "見出し");  // the automatic anchor instead
  Diagnostics ok;
  auto good = parse("## 見出し {#my-anchor_2.1}\n", ok);
  CHECK(ok.items().empty());
  CHECK(good.render({}).find("<h2 id=\"my-anchor_2.1\">") != std::string::npos);
  Diagnostics too_long;
  parse("## 見出し {#" + std::string(65, 'a') + "}\n", too_long);
  CHECK(too_long.items().at(0).code == "KJ901");
}

TEST_CASE("a malformed requirement ID is escaped in the attributes it still reaches") {
  Diagnostics diags;
  auto doc = parse("{#X\"onmouseover=alert(1)} 本文\n\n## 見 {#Q\"><i>}\n", diags);
  std::string html = doc.render({});
  CHECK(diags.error_count() == 2);
  CHECK(html.find("id=\"X&quot;onmouseover=alert(1)\"") != std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
}

TEST_CASE("links and images to URLs outside the allow-list are rendered as their text, with a warning") {
  Diagnostics diags;
  auto doc = parse(
      "[a](javascript:alert(1)) <javascript:alert(2)> [v](vbscript:x) [d](data:text/html,x) [f](file:///etc/passwd)\n"
      "![画像](javascript:alert(3)) [e](&#106;avascript:alert(4)) [ok](https://example.invalid) [r](../x.html#y)\n"
      "\n[ref]\n\n[ref]: JAVASCRIPT:alert(5)\n",
      diags);
  std::string html = doc.render({});
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto p = html.find(needle); p != std::string::npos; p = html.find(needle, p + 1)) ++n;
    return n;
  };
  CHECK(count("<a ") == 2);  // only the two allowed links
  CHECK(count("href=") == 2);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("javascript:alert(2)") != std::string::npos);  // an autolink's text stays, as text
  CHECK(html.find("画像") != std::string::npos);  // the image's alternative text stays
  CHECK(html.find("<a href=\"https://example.invalid\">ok</a>") != std::string::npos);
  CHECK(html.find("<a href=\"../x.html#y\">r</a>") != std::string::npos);
  CHECK(diags.warning_count() == 8);
  CHECK(diags.error_count() == 0);
  for (const auto& d : diags.items()) CHECK(d.code == "KJ903");
  CHECK(diags.items()[0].where.line == 5);
  CHECK(diags.items()[0].where.column == 5);
}

TEST_CASE("megabyte lines with unclosed references and markers are scanned in linear time without a crash") {
  const std::string kanji = "漢字";
  std::string long_text;
  for (int i = 0; i < 175000; ++i) long_text += kanji;  // about 1 MB
  for (const std::string& body :
       {"[[" + long_text + "\n", "{#" + long_text + "\n", "## 見出し {#" + long_text + "}\n",
        "{#" + std::string(1 << 20, 'a') + "} 本文\n", "[[CS-1-1|" + long_text + "\n",
        std::string(1 << 19, '[') + "\n", "本文 [[CS-1-1]] " + long_text + " [[CS-1-2|説明]]\n"}) {
    Diagnostics diags;
    auto doc = parse(body, diags);
    CHECK_FALSE(doc.render({}).empty());
  }
  Diagnostics diags;
  auto doc = parse("本文 [[CS-1-1]] " + long_text + " [[CS-1-2|説明]]\n", diags);
  REQUIRE(doc.references.size() == 2);
  CHECK(doc.references[1].target == "CS-1-2");
  CHECK(*doc.references[1].text == "説明");
  CHECK_FALSE(is_requirement_id(std::string(1 << 20, 'A')));
  CHECK(is_requirement_id("CS-" + std::string(1 << 20, '1')));
}

TEST_CASE("the scanners find what the syntax says") {
  auto refs = find_references("a [[X-1]] b [[doc:題名|t]] [[bad[x]] [[Y-2|]] [[|z]]");
  REQUIRE(refs.size() == 4);
  CHECK(refs[0].target == "X-1");
  CHECK_FALSE(refs[0].text);
  CHECK(refs[1].target == "doc:題名");
  CHECK(*refs[1].text == "t");
  CHECK(refs[2].target == "Y-2");
  CHECK(refs[2].text == std::string());
  CHECK(refs[3].target.empty());
  for (const char* id : {"CS-3.1-8-3", "A-1", "AB1-x.y-Z"}) CHECK(is_requirement_id(id));
  for (const char* id : {"CS", "cs-1", "CS-", "CS-1.", "CS-.1", "CS--1", "CS.1", "CS-1_2", "C S-1"})
    CHECK_FALSE(is_requirement_id(id));
  for (const char* a : {"a", "my-anchor", "x_1.2"}) CHECK(is_plain_anchor(a));
  for (const char* a : {"", "A", "1a", "a b", "a\"", "a<", "アンカー"}) CHECK_FALSE(is_plain_anchor(a));
}

TEST_CASE("nesting deeper than the limit is an error, not a stack overflow") {
  for (const std::string& body : {std::string(100000, '>') + " 深い\n", [] {
                                    std::string s;
                                    for (int i = 0; i < 10000; ++i) s += "- ";
                                    return s + "a\n";
                                  }()}) {
    Diagnostics diags;
    auto doc = parse(body, diags);
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items()[0].code == "KJ902");
    CHECK(doc.render({}).empty());
  }
  Diagnostics ok;
  parse(std::string(50, '>') + " 浅い\n", ok);
  CHECK(ok.items().empty());
}
