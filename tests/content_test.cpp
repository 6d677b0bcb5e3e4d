#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "base/disk.h"
#include "content/content_library.h"
#include "render/page_view.h"
#include "requirements/requirement_registry.h"
#include "test_support.h"

using namespace kijun;

TEST_CASE("URLs drop order prefixes and name the .html file") {
  CHECK(url_for("03-important/01-selection.md") == "important/selection.html");
  CHECK(url_for("03-important/_index.md") == "important/index.html");
  CHECK(url_for("_index.md") == "index.html");
  CHECK(url_for("01-basics.md", "kihon") == "kihon.html");
  CHECK(url_for("2025-plan.md") == "plan.html");
}

TEST_CASE("relative links work from any page, under any base path") {
  CHECK(relative_url("important/selection.html", "important/index.html") == "index.html");
  CHECK(relative_url("important/selection.html", "index.html") == "../index.html");
  CHECK(relative_url("index.html", "important/selection.html#CS-3.1") == "important/selection.html#CS-3.1");
  CHECK(relative_url("a/b/c.html", "a/x.html") == "../x.html");
  CHECK(relative_url("ab/x.html", "a/y.html") == "../a/y.html");
  CHECK(root_prefix("a/b/c.html") == "../../");
  CHECK(relative_url("a/b/c.html", "a/b/c.html#x") == "c.html#x");
  CHECK(relative_url("a/b/c.html", "a/bc/d.html") == "../bc/d.html");
  CHECK(relative_url("a/bc/c.html", "a/b") == "../b");
  CHECK(relative_url("x.html", "") == "");
  CHECK(relative_url("a/b/c.html", "") == "../../");
  CHECK(relative_url("a/b/", "a/b/") == "");
  CHECK(relative_url("a/b/c.html", "d/e/f.html") == "../../d/e/f.html");
}

TEST_CASE("folders are sections in order: by weight or name prefix, then file name") {
  test::TempDir dir;
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/_index.md", "---\ntitle: ホーム\n---\n");
  dir.write("content/02-b.md", "---\ntitle: B\n---\n");
  dir.write("content/01-a.md", "---\ntitle: A\n---\n");
  dir.write("content/03-sec/_index.md", "---\ntitle: 節\n---\n");
  dir.write("content/03-sec/02-y.md", "---\ntitle: Y\nweight: 0\n---\n");
  dir.write("content/03-sec/01-x.md", "---\ntitle: X\n---\n");
  dir.write("content/notes.txt", "ignored");
  Diagnostics diags;
  auto lib = ContentLibrary::load(dir.str(), "content", diags);
  REQUIRE(lib);
  CHECK(diags.items().empty());
  std::vector<std::string> order;
  for (int i : lib->reading_order) order.push_back(lib->pages[i].meta.title);
  CHECK(order == std::vector<std::string>{"ホーム", "A", "B", "節", "Y", "X"});
  const Page& y = lib->pages[lib->reading_order[4]];
  CHECK(y.url == "sec/y.html");
  CHECK(lib->pages[y.parent].url == "sec/index.html");
}

TEST_CASE("clashing URLs are errors, and a folder without _index.md is a section titled by its name") {
  test::TempDir dir;
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/_index.md", "---\ntitle: ホーム\n---\n");
  dir.write("content/01-a.md", "---\ntitle: A\n---\n");
  dir.write("content/02-a.md", "---\ntitle: A2\n---\n");
  dir.write("content/sec/x.md", "---\ntitle: X\n---\n");
  dir.write("content/03-more/y.md", "---\ntitle: Y\n---\n");
  Diagnostics diags;
  auto lib = ContentLibrary::load(dir.str(), "content", diags);
  CHECK(test::messages(diags) ==
        std::vector<std::string>{
            "content/02-a.md:1:1: error[KJ305]: ページの URL「a.html」は content/01-a.md がすでに使っています",
            "content/03-more:1:1: warning[KJ306]: このフォルダーに _index.md（節の最初のページ）がありません。"
            "フォルダー名「more」を題名にした本文のないページにします",
            "content/sec:1:1: warning[KJ306]: このフォルダーに _index.md（節の最初のページ）がありません。"
            "フォルダー名「sec」を題名にした本文のないページにします"});
  REQUIRE(lib);
  std::vector<std::string> sections;
  for (const auto& p : lib->pages)
    if (p.is_section) sections.push_back(p.url + " " + p.meta.title + " " + std::to_string(p.children.size()));
  CHECK(sections == std::vector<std::string>{"index.html ホーム 3", "more/index.html more 1", "sec/index.html sec 1"});
}

TEST_CASE("without content/_index.md the home page is the site's title") {
  test::TempDir dir;
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/01-a.md", "---\ntitle: A\n---\n本文\n");
  Diagnostics diags;
  auto lib = ContentLibrary::load(dir.str(), "content", diags);
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"content/_index.md:1:1: warning[KJ308]: ホームページ content/_index.md "
                                 "がありません。サイト名だけのホームページにします"});
  REQUIRE(lib);
  CHECK(lib->pages[0].url == "index.html");
  CHECK(lib->pages[0].meta.title == lib->config.title);
  CHECK(lib->pages[0].children.size() == 1);
}

TEST_CASE("links to Markdown files point at their pages, and a link to a file that is no page is an error") {
  test::LoadedSite s({{"01-a.md", "---\ntitle: A\n---\n本文\n"},
                      {"02-sec/_index.md", "---\ntitle: 節\n---\n[A へ](../01-a.md#top) と [ない](../99-none.md)\n"}});
  REQUIRE(s.messages().empty());
  int page = s.page("sec/index.html");
  REQUIRE(page >= 0);
  Diagnostics diags;
  std::string html = s.lib->pages[page].doc->render(render_hooks(s.model(), page, diags));
  CHECK(html.find("<a href=\"../a.html#top\">A へ</a>") != std::string::npos);
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"content/02-sec/_index.md:4:30: error[KJ304]: リンク先「../99-none.md」はページではありません"});
}

TEST_CASE("megabyte values in site.yaml and front matter are checked without a crash") {
  std::string big(1 << 20, 'a');
  test::LoadedSite site({{"a.md", "---\ntitle: A\nid: " + std::string(100000, 'X') + "\n---\n本文\n"}});
  test::TempDir dir;
  dir.write("content/site.yaml", std::string(test::kSiteYaml) + "examples:\n  facts:\n    - key: " + big +
                                     "!\n      label: x\n      related: []\n");
  dir.write("content/_index.md", "---\ntitle: ホーム\n---\n");
  Diagnostics diags;
  ContentLibrary::load(dir.str(), "content", diags);
  CHECK(diags.has_errors());
}

TEST_CASE("folders created and deleted while content/ is read never crash the load") {
  test::TempDir dir;
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/_index.md", "---\ntitle: ホーム\n---\n");
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    for (int i = 0; !stop; ++i) {
      std::error_code ec;
      auto d = dir.path() / "content" / ("s" + std::to_string(i % 8));
      std::filesystem::create_directories(d / "deep", ec);
      std::ofstream(d / "_index.md") << "---\ntitle: S\n---\n";
      std::filesystem::remove_all(d, ec);
    }
  });
  for (int i = 0; i < 300; ++i) {
    Diagnostics diags;
    CHECK_NOTHROW(ContentLibrary::load(dir.str(), "content", diags));
    CHECK_NOTHROW(list_files_recursive(dir.path() / "content"));
  }
  stop = true;
  churn.join();
}

TEST_CASE("weight and file-name prefixes sort together: each page's number is its weight or its prefix") {
  test::LoadedSite s({{"01-a.md", "---\ntitle: A\n---\n"},
                      {"02-b.md", "---\ntitle: B\nweight: 100\n---\n"},
                      {"03-c.md", "---\ntitle: C\n---\n"},
                      {"04-d.md", "---\ntitle: D\nweight: 1\n---\n"},
                      {"e.md", "---\ntitle: E\n---\n"},
                      {"05-f.md", "---\ntitle: F\n---\n"}});
  REQUIRE(s.messages().empty());
  std::vector<std::string> titles;
  for (int i : s.lib->pages[0].children) titles.push_back(s.lib->pages[i].meta.title);
  // 01-a (1) and 04-d (weight 1) tie and go by name; e.md has no number and goes after the numbered.
  CHECK(titles == std::vector<std::string>{"A", "D", "C", "F", "B", "E"});
}
