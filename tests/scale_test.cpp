// A large standard: the 要件一覧 split by chapter past `requirements_split_above` provisions, short
// links as one resolver page past `short_link_resolver_above`, and a generated page over the HTML
// limit named in its KJ913. Small sites with low thresholds stand in for 76,000 provisions.
#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "base/html.h"
#include "base/size_limit.h"
#include "build.h"
#include "content/site_config.h"
#include "render/generated_page.h"
#include "render/nav_view.h"
#include "render/page_view.h"
#include "render/requirements_pages.h"
#include "render/short_links.h"
#include "render/theme.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

// Seven provisions: T-1, T-1-1 and T-1-1-1 in chapter 1 (first.html), T-2, T-2-1, T-2.1 and
// T-2.1-1 in chapter 2 (second/index.html and second/sub.html). `settings` is added to site.yaml.
struct ScaleSite {
  test::TempDir dir;
  BuildResult result;
  explicit ScaleSite(const std::string& settings, const std::string& theme = test::source_dir() + "/themes/default") {
    dir.write("content/site.yaml", std::string(test::kSiteYaml) + settings);
    dir.write("content/_index.md", "---\ntitle: ホーム\n---\n本文。\n");
    dir.write("content/01-first.md",
              "---\ntitle: 最初の章\nnumber: \"1\"\nid: T-1\n---\n## (1) 目的 {#T-1-1}\n\n"
              "- {#T-1-1-1} ① 所属長は、ログを保存すること。\n");
    dir.write("content/02-second/_index.md",
              "---\ntitle: 第二章\nnumber: \"2\"\nid: T-2\n---\n{#T-2-1} (1) 第二章の規定。\n");
    dir.write("content/02-second/01-sub.md",
              "---\ntitle: 細目\nnumber: \"2.1\"\nid: T-2.1\n---\n{#T-2.1-1} (1) [[T-1-1-1]] を参照する。\n");
    BuildOptions opt = test::source_theme_options(dir.str());
    opt.theme_dir = theme;
    opt.write = false;
    result = build_site(opt);
  }
  bool has(const std::string& path) const { return result.files.count(path) > 0; }
  const std::string& file(const std::string& path) const {
    static const std::string none;
    auto it = result.files.find(path);
    return it == result.files.end() ? none : it->second;
  }
  std::vector<std::string> under(const std::string& folder) const {
    std::vector<std::string> out;
    for (const auto& [path, bytes] : result.files)
      if (path.rfind(folder, 0) == 0) out.push_back(path);
    return out;
  }
};

// The IDs in the rows of the 要件一覧 tables of `html`, in order.
std::vector<std::string> row_ids(const std::string& html) {
  static const std::regex id("<td class=\"kj-req-id\"><a href=\"[^\"]*\"><code class=\"kj-id\">([^<]*)</code>");
  std::vector<std::string> ids;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id); it != std::sregex_iterator(); ++it)
    ids.push_back((*it)[1]);
  return ids;
}

// Every <section class="kj-req-chapter"> of `html`, joined, with links made as if from the site root.
std::string tables(std::string html, bool one_folder_down) {
  std::string out;
  for (std::size_t at = 0; (at = html.find("<section class=\"kj-req-chapter\">", at)) != std::string::npos;) {
    const std::size_t end = html.find("</section>", at) + std::string("</section>").size();
    out += html.substr(at, end - at) + "\n";
    at = end;
  }
  if (one_folder_down)
    for (std::size_t i = 0; (i = out.find("href=\"../", i)) != std::string::npos;) out.erase(i + 6, 3);
  return out;
}

}  // namespace

TEST_CASE("the 要件一覧 stays one page at exactly requirements_split_above provisions", "[scale]") {
  ScaleSite site("requirements_split_above: 7\n");
  INFO(site.result.diagnostics.summary());
  REQUIRE(site.result.written);
  CHECK(site.under("requirements/").empty());
  CHECK(row_ids(site.file("requirements.html")) ==
        std::vector<std::string>{"T-1", "T-1-1", "T-1-1-1", "T-2", "T-2-1", "T-2.1", "T-2.1-1"});
  CHECK(site.file("requirements.html").find("基準のすべての要件(7件)を文書の順に示します。") != std::string::npos);
}

TEST_CASE("one provision over requirements_split_above: an overview and a page per chapter, rows as on one page",
          "[scale]") {
  ScaleSite split("requirements_split_above: 6\n"), whole("requirements_split_above: 7\n");
  INFO(split.result.diagnostics.summary());
  REQUIRE(split.result.written);
  REQUIRE(whole.result.written);
  CHECK(split.under("requirements/") == std::vector<std::string>{"requirements/first.html", "requirements/second.html"});
  const std::string& overview = split.file("requirements.html");
  CHECK(row_ids(overview).empty());
  CHECK(overview.find("<tr><td class=\"kj-req-text\"><a href=\"requirements/first.html\">1 最初の章</a></td>"
                      "<td class=\"kj-num kj-req-cite\">3件</td><td class=\"kj-req-refs\"><a href=\"first.html\">本文を読む</a></td></tr>\n"
                      "<tr><td class=\"kj-req-text\"><a href=\"requirements/second.html\">2 第二章</a></td>"
                      "<td class=\"kj-num kj-req-cite\">4件</td><td class=\"kj-req-refs\"><a href=\"second/index.html\">本文を読む</a></td></tr>\n") !=
        std::string::npos);
  CHECK(overview.find("基準のすべての要件(7件)を、章ごとのページ(2章)に分けて示します。") != std::string::npos);
  const std::string& first = split.file("requirements/first.html");
  const std::string& second = split.file("requirements/second.html");
  CHECK(row_ids(first) == std::vector<std::string>{"T-1", "T-1-1", "T-1-1-1"});
  CHECK(row_ids(second) == std::vector<std::string>{"T-2", "T-2-1", "T-2.1", "T-2.1-1"});
  CHECK(first.find("<title>要件一覧 1 最初の章 | テスト基準</title>") != std::string::npos);
  CHECK(first.find("<a class=\"kj-next\" href=\"second.html\" rel=\"next\"><span>次へ</span>2 第二章</a>") !=
        std::string::npos);
  CHECK(second.find("<a class=\"kj-prev\" href=\"first.html\" rel=\"prev\"><span>前へ</span>1 最初の章</a>") !=
        std::string::npos);
  // The same tables as the page of the whole list, row for row, with links one folder down.
  CHECK(first.find("<a href=\"../first.html#T-1-1-1\"><code class=\"kj-id\">T-1-1-1</code></a>") != std::string::npos);
  CHECK(tables(whole.file("requirements.html"), false).find("T-2.1-1") != std::string::npos);
  CHECK(tables(first, true) + tables(second, true) == tables(whole.file("requirements.html"), false));
  // The header's link to the 要件一覧 leads to the overview.
  CHECK(second.find("<a href=\"../requirements.html\">要件一覧</a>") != std::string::npos);
}

TEST_CASE("chapter names of the 要件一覧 come from the chapter page's URL, URL-safe", "[scale]") {
  CHECK(requirements_chapter_name("important/index.html") == "important");
  CHECK(requirements_chapter_name("basics.html") == "basics");
  CHECK(requirements_chapter_name("index.html") == "home");
  CHECK(requirements_chapter_name("要件.html") == "e8a681e4bbb6");
  CHECK(requirements_chapter_name("a b/index.html") == "a20b");
}

TEST_CASE("short links stay r/<ID>.html at exactly short_link_resolver_above provisions", "[scale]") {
  ScaleSite site("short_link_resolver_above: 7\n");
  REQUIRE(site.result.written);
  CHECK(site.under("r/").size() == 7);
  CHECK(site.has("r/T-1-1-1.html"));
  CHECK_FALSE(site.has("r/index.html"));
  CHECK_FALSE(site.has("assets/js/short-links.js"));
  CHECK(site.file("first.html").find("data-short=\"r/T-1-1-1.html\"") != std::string::npos);
}

TEST_CASE("one provision over short_link_resolver_above: one resolver page and its script, links to r/index.html#ID",
          "[scale]") {
  ScaleSite site("short_link_resolver_above: 6\n");
  INFO(site.result.diagnostics.summary());
  REQUIRE(site.result.written);
  CHECK(site.under("r/") == std::vector<std::string>{"r/index.html"});
  CHECK(site.file("first.html").find("data-short=\"r/index.html#T-1-1-1\"") != std::string::npos);
  // The page's own ID in its heading links to the resolver as well.
  CHECK(site.file("second/sub.html").find("data-short=\"../r/index.html#T-2.1\"") != std::string::npos);
  // Every provision's page relative to r/, once; the anchor only where it is not the ID ("" for a whole page).
  CHECK(site.file("assets/js/short-links.js") ==
        "window.KIJUN_SHORT_LINKS = {\"links\":[[\"T-1\",0,\"\"],[\"T-1-1\",0],[\"T-1-1-1\",0],[\"T-2\",1,\"\"],"
        "[\"T-2-1\",1],[\"T-2.1\",2,\"\"],[\"T-2.1-1\",2]],"
        "\"pages\":[\"../first.html\",\"../second/index.html\",\"../second/sub.html\"]};\n");
  const std::string& resolver = site.file("r/index.html");
  CHECK(resolver.find("<script src=\"../assets/js/short-links.js\" defer></script>\n"
                      "<script src=\"../assets/js/short-link-resolver.js\" defer></script>") != std::string::npos);
  CHECK(resolver.find("<noscript><p>短いリンク(r/index.html#要件ID)から要件へ移動するには JavaScript が必要です。"
                      "<a href=\"../requirements.html\">要件一覧</a>") != std::string::npos);
  CHECK(resolver.find("<p><a href=\"../requirements.html\">要件一覧</a>から探せます。</p>") != std::string::npos);
  CHECK(resolver.find("<html lang=\"ja\">") != std::string::npos);
  CHECK(resolver.find("<style") == std::string::npos);
  CHECK(resolver.find("<script>") == std::string::npos);
  CHECK(site.has("assets/js/short-link-resolver.js"));
}

TEST_CASE("the short-link data can never close its script: '<', '>', '&' and non-ASCII are escapes", "[scale]") {
  CHECK(script_safe_json(R"({"a":"</script><!-- & x"})") ==
        R"({"a":"\u003c/script\u003e\u003c!-- \u0026 x"})");
  // A page whose URL is Japanese (slug) is written with \u escapes.
  test::TempDir dir;
  dir.write("content/site.yaml", std::string(test::kSiteYaml) + "short_link_resolver_above: 0\n");
  dir.write("content/_index.md", "---\ntitle: ホーム\n---\n本文。\n");
  dir.write("content/01-a.md", "---\ntitle: 章\nnumber: \"1\"\nid: T-1\nslug: 要件\n---\n{#T-1-1} (1) 本文。\n");
  BuildOptions opt = test::source_theme_options(dir.str());
  opt.write = false;
  BuildResult r = build_site(opt);
  INFO(r.diagnostics.summary());
  REQUIRE(r.written);
  CHECK(r.files["assets/js/short-links.js"] ==
        "window.KIJUN_SHORT_LINKS = {\"links\":[[\"T-1\",0,\"\"],[\"T-1-1\",0]],\"pages\":[\"../\\u8981\\u4ef6.html\"]};\n");
}

TEST_CASE("the thresholds are numbers of provisions, 0 or more", "[scale]") {
  Diagnostics diags;
  auto config = parse_site_config("content/site.yaml",
                                  std::string(test::kSiteYaml) + "requirements_split_above: -1\nshort_link_resolver_above: 2\n",
                                  diags);
  CHECK_FALSE(config);
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"content/site.yaml:6:27: error[KJ590]: 「requirements_split_above」には 0 以上の整数(要件の数)を書いてください"});
  Diagnostics defaults;
  auto plain = parse_site_config("content/site.yaml", test::kSiteYaml, defaults);
  REQUIRE(plain);
  CHECK(plain->requirements_split_above == 3000);
  CHECK(plain->short_link_resolver_above == 20000);
  Diagnostics set;
  auto zero = parse_site_config("content/site.yaml", std::string(test::kSiteYaml) + "requirements_split_above: 0\n", set);
  REQUIRE(zero);
  CHECK(zero->requirements_split_above == 0);
}

TEST_CASE("a generated page over the HTML limit is named in its KJ913", "[scale][limits]") {
  Diagnostics load;
  auto theme = Theme::from_texts("theme", {{"requirements", "<main>{{#items}}{{{chunk}}}{{/items}}</main>\n"}}, {}, load);
  REQUIRE(theme);
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (int i = 0; i < 21; ++i) list.push_back(kainjow::mustache::data("chunk", std::string(kMiB, 'z')));
  kainjow::mustache::data view;
  view.set("items", list);
  Diagnostics diags;
  const NamedPage page{"要件一覧 3 重要情報資産", "requirements/important.html", "この章の要件が多すぎます。章をいくつかに分けてください",
                       "the chapter has too many provisions: split it into several chapters"};
  CHECK_FALSE(render_generated(*theme, "requirements", view, "content/site.yaml", page, diags));
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"content/site.yaml:1:1: error[KJ913]: kijun が作るページ「要件一覧 3 重要情報資産」"
                                 "(requirements/important.html)の表示結果(HTML)が上限の 20 MB (20,971,520 バイト) を超えたので、"
                                 "表示を止めました。この章の要件が多すぎます。章をいくつかに分けてください"});
  CHECK(diags.items()[0].format(Language::kEnglish) ==
        "content/site.yaml:1:1: error[KJ913]: the HTML of the generated page 'requirements/important.html' passed the "
        "limit of 20 MB (20,971,520 bytes); rendering stopped: the chapter has too many provisions: split it into "
        "several chapters");
  // Other messages pass unchanged, and a page under the limit renders.
  Diagnostics ok;
  kainjow::mustache::data small;
  small.set("items", kainjow::mustache::data::type::list);
  CHECK(render_generated(*theme, "requirements", small, "content/site.yaml", page, ok) == std::string("<main></main>\n"));
  CHECK(ok.items().empty());
}

TEST_CASE("a chapter's page of the 要件一覧 over the HTML limit is a KJ913 naming that chapter's page", "[scale][limits]") {
  // A theme whose chapter page repeats 400 bytes once per row, eight rows deep: 3^8 times for the
  // three rows of chapter 1 (2.6 MB), 4^8 times for the four of chapter 2 (26 MB, over 20 MB).
  test::TempDir theme;
  fs::copy(test::source_dir() + "/themes/default", theme.path(), fs::copy_options::recursive);
  std::string nested = "{{#chapters}}";
  for (int i = 0; i < 8; ++i) nested += "{{#rows}}";
  nested += std::string(400, 'x');
  for (int i = 0; i < 8; ++i) nested += "{{/rows}}";
  nested += "{{/chapters}}\n";
  theme.write("templates/requirements_chapter.mustache", nested);
  ScaleSite site("requirements_split_above: 6\n", theme.str());
  CHECK_FALSE(site.result.written);
  CHECK(test::messages(site.result.diagnostics) ==
        std::vector<std::string>{"content/site.yaml:1:1: error[KJ913]: kijun が作るページ「要件一覧 2 第二章」"
                                 "(requirements/second.html)の表示結果(HTML)が上限の 20 MB (20,971,520 バイト) を超えたので、"
                                 "表示を止めました。この章の要件が多すぎます。章をいくつかに分けてください"});
}

TEST_CASE("a script's text never holds '</': each is written '<\\/', however many", "[scale]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""}, {"<", "<"}, {"</", "<\\/"}, {"a</b</", "a<\\/b<\\/"}, {"<<//", "<<\\//"}, {"</</", "<\\/<\\/"}};
  for (const auto& [in, want] : cases) {
    std::string out = "x";
    append_script_safe(out, in);
    CHECK(out == "x" + want);
  }
  // The whole navigation tree of a large site (nav.js): as many "</" as tags, and a "</script>".
  std::string tree;
  for (int i = 0; i < 20000; ++i) tree += "<li><a href=\"p" + std::to_string(i) + ".html\">頁 " + std::to_string(i) + "</a></li>";
  tree += "</script>";
  const std::string js = nav_script(tree);
  CHECK(js.find("</") == std::string::npos);
  const std::string prefix = "window.KIJUN_NAV = ";
  REQUIRE(js.rfind(prefix, 0) == 0);
  REQUIRE(js.ends_with(";\n"));
  // "<\/" is a JSON escape of "</": the literal parses back to the tree.
  CHECK(nlohmann::json::parse(js.substr(prefix.size(), js.size() - prefix.size() - 2)) == tree);
}
