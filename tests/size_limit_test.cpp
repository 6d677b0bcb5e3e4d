#include <catch2/catch.hpp>

#include "base/disk.h"
#include "base/size_limit.h"
#include "content/markdown.h"
#include "render/theme.h"
#include "test_support.h"

using namespace kijun;
using test::messages;

TEST_CASE("sizes are written in megabytes and in exact bytes", "[limits]") {
  CHECK(format_size(5 * kMiB, true) == "5 MB (5,242,880 バイト)");
  CHECK(format_size(50 * kMiB, false) == "50 MB (52,428,800 bytes)");
  CHECK(format_size(5 * kMiB + 1, true) == "5 MB (5,242,881 バイト)");  // rounded down, never up to the limit
  CHECK(format_size(5 * kMiB + kMiB / 2, true) == "5.5 MB (5,767,168 バイト)");
  CHECK(format_size(999, true) == "0.0 MB (999 バイト)");
}

TEST_CASE("a page over 5 MB is refused with its size before it is read", "[limits]") {
  test::LoadedSite site({{"01-big.md", "---\ntitle: 大きい\n---\n" + std::string(5 * kMiB, 'a')},
                         {"02-ok.md", "---\ntitle: 普通\n---\n本文\n"}});
  REQUIRE(site.lib);
  CHECK(site.messages() ==
        std::vector<std::string>{"content/01-big.md:1:1: error[KJ910]: ページ(Markdown ファイル)が大きすぎます: 5 MB "
                                 "(5,242,905 バイト)。上限は 5 MB (5,242,880 バイト) です。ページをいくつかに分けてください"});
  CHECK(site.page("ok.html") >= 0);
  CHECK(site.page("big.html") < 0);
  CHECK(site.diags.items()[0].format(Language::kEnglish) ==
        "content/01-big.md:1:1: error[KJ910]: page (Markdown file) too large: 5 MB (5,242,905 bytes); the limit is 5 MB "
        "(5,242,880 bytes): split the page into several");
}

TEST_CASE("a file of exactly the limit is read, one byte more is not", "[limits]") {
  test::TempDir dir;
  auto exact = dir.write("exact.md", std::string(kPageSizeLimit.bytes, 'x'));
  auto over = dir.write("over.md", std::string(kPageSizeLimit.bytes + 1, 'x'));
  Diagnostics diags;
  auto text = read_text_file(exact, "content/exact.md", diags, &kPageSizeLimit);
  REQUIRE(text);
  CHECK(text->size() == kPageSizeLimit.bytes);
  CHECK_FALSE(read_text_file(over, "content/over.md", diags, &kPageSizeLimit));
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].code == "KJ910");
  CHECK(diags.items()[0].where.path == "content/over.md");
}

TEST_CASE("site.yaml over 1 MB is refused with its size", "[limits]") {
  test::TempDir dir;
  dir.write("content/site.yaml", std::string(test::kSiteYaml) + "# " + std::string(kMiB, '#') + "\n");
  dir.write("content/_index.md", "---\ntitle: ホーム\n---\n");
  Diagnostics diags;
  CHECK_FALSE(ContentLibrary::load(dir.str(), "content", diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{"content/site.yaml:1:1: error[KJ911]: サイトの設定ファイルが大きすぎます: 1 MB "
                                 "(1,048,714 バイト)。上限は 1 MB (1,048,576 バイト) です。"
                                 "設定以外のもの(本文など)を入れていないか確かめてください"});
}

TEST_CASE("a theme template or partial over 1 MB is refused with its size", "[limits]") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "{{> big}}");
  dir.write("theme/templates/partials/big.mustache", std::string(kMiB + 1, 'x'));
  Diagnostics diags;
  CHECK_FALSE(Theme::load(dir.str(), "theme", diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{"theme/templates/partials/big.mustache:1:1: error[KJ912]: テーマのテンプレートが大きすぎます: "
                                 "1 MB (1,048,577 バイト)。上限は 1 MB (1,048,576 バイト) です。"
                                 "テンプレートを部品(パーシャル)に分けてください"});
  Diagnostics from_texts;
  CHECK_FALSE(Theme::from_texts("theme", {{"page", std::string(kMiB + 1, 'y')}}, {}, from_texts));
  REQUIRE(from_texts.error_count() == 1);
  CHECK(from_texts.items()[0].format() ==
        "theme/templates/page.mustache:1:1: error[KJ912]: テーマのテンプレートが大きすぎます: 1 MB (1,048,577 バイト)。"
        "上限は 1 MB (1,048,576 バイト) です。テンプレートを部品(パーシャル)に分けてください");
}

TEST_CASE("a page whose HTML passes 20 MB stops rendering with an error naming the page", "[limits]") {
  Diagnostics load;
  // Each item writes 1 MB: 21 of them pass the limit, 19 do not.
  auto theme = Theme::from_texts("theme", {{"page", "<main>{{#items}}{{{chunk}}}\n{{/items}}</main>\n"}}, {}, load);
  REQUIRE(theme);
  auto view = [](int items) {
    kainjow::mustache::data list{kainjow::mustache::data::type::list};
    for (int i = 0; i < items; ++i) list.push_back(kainjow::mustache::data("chunk", std::string(kMiB, 'z')));
    kainjow::mustache::data v;
    v.set("items", list);
    return v;
  };
  Diagnostics diags;
  CHECK_FALSE(theme->render("page", view(21), "content/huge.md", diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{"content/huge.md:1:1: error[KJ913]: このページの表示結果(HTML)が上限の 20 MB "
                                 "(20,971,520 バイト) を超えたので、表示を止めました。"
                                 "ページを分けるか、テンプレートが同じ内容を何度も繰り返していないか確かめてください"});
  Diagnostics ok;
  auto html = theme->render("page", view(19), "content/large.md", ok);
  REQUIRE(html);
  CHECK(ok.items().empty());
  CHECK(html->size() == 19 * (kMiB + 1) + std::string("<main></main>\n").size());
}

TEST_CASE("a list or blockquote nested 10,000 deep is KJ902 at its line", "[limits]") {
  // 2,000 lines, each a level deeper than the one before (4 MB: as deep as a page can indent).
  std::string indented = "本文\n\n";
  for (int i = 0; i < 2000; ++i) indented += std::string(2 * static_cast<std::size_t>(i), ' ') + "- a\n";
  std::string quotes = "本文\n\n" + std::string(10000, '>') + " 深い\n";
  std::string items;
  for (int i = 0; i < 10000; ++i) items += "- ";
  items = "本文\n\n" + items + "a\n";
  // The line named is where the nesting passes 100: the 51st list (a list and its item are two levels).
  for (const auto& [body, line] : {std::pair{indented, 56}, std::pair{quotes, 7}, std::pair{items, 7}}) {
    Diagnostics diags;
    auto doc = MarkdownDocument::parse("content/deep.md", body, 5, {}, diags);
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items()[0].format() == "content/deep.md:" + std::to_string(line) +
                                           ":1: error[KJ902]: 入れ子が深すぎます(100 段まで)。引用や箇条書きの入れ子を浅くしてください");
    CHECK(doc.render({}).empty());
  }
}

TEST_CASE("a long page keeps every marker's line and column and every heading's own anchor", "[limits]") {
  // Each marker is located from a table of line starts and each anchor checked in a set: a page
  // near the limit no longer costs time quadratic in its length.
  std::string body;
  const int sections = 3000;
  for (int i = 0; i < sections; ++i) body += "## 概要\n\n- {#CS-1-" + std::to_string(i + 1) + "} ① 要件。\n\n";
  Diagnostics diags;
  auto doc = MarkdownDocument::parse("content/long.md", body, 5, {}, diags);
  CHECK(diags.items().empty());
  REQUIRE(doc.markers.size() == sections);
  REQUIRE(doc.headings.size() == sections);
  for (int i : {0, 1, sections - 1}) {
    CHECK(doc.markers[i].id == "CS-1-" + std::to_string(i + 1));
    CHECK(doc.markers[i].where.line == 5 + 4 * i + 2);
    CHECK(doc.markers[i].where.column == 3);
  }
  CHECK(doc.headings[0].anchor == "概要");
  CHECK(doc.headings[1].anchor == "概要-2");
  CHECK(doc.headings[sections - 1].anchor == "概要-" + std::to_string(sections));
}
