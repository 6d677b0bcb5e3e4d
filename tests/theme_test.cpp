#include <catch2/catch.hpp>

#include "base/disk.h"
#include "test_support.h"
#include "render/theme.h"

using namespace kijun;
using test::messages;

TEST_CASE("a template with a syntax error is reported at its line and column") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "<p>一行目</p>\n<p>{{#items}}本文</p>\n");
  Diagnostics diags;
  CHECK_FALSE(Theme::load(dir.str(), "theme", diags));
  CHECK(messages(diags) == std::vector<std::string>{
                               "theme/templates/page.mustache:2:4: error: template error: Unclosed section \"items\""});
}

TEST_CASE("partials are found among the theme's partials, and a missing one is an error") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "<h1>{{title}}</h1>{{> footer}}{{> sidebar}}");
  dir.write("theme/templates/partials/footer.mustache", "<footer>{{title}}</footer>");
  Diagnostics diags;
  auto theme = Theme::load(dir.str(), "theme", diags);
  REQUIRE(theme);
  kainjow::mustache::data view;
  view.set("title", "<基準>");
  CHECK_FALSE(theme->render("page", view, "content/a.md", diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{"theme/templates/page.mustache:1:1: error: missing partial 'sidebar' (expected "
                                 "theme/templates/partials/sidebar.mustache)"});
  dir.write("theme/templates/partials/sidebar.mustache", "");
  Diagnostics ok;
  auto theme2 = Theme::load(dir.str(), "theme", ok);
  REQUIRE(theme2);
  auto html = theme2->render("page", view, "content/a.md", ok);
  REQUIRE(html);
  CHECK(*html == "<h1>&lt;基準&gt;</h1><footer>&lt;基準&gt;</footer>");  // values are escaped
  CHECK_FALSE(theme2->render("checklist", view, "content/b.md", ok));
  CHECK(messages(ok) ==
        std::vector<std::string>{"content/b.md:1:1: error: the theme has no template 'checklist' (expected "
                                 "theme/templates/checklist.mustache)"});
}

TEST_CASE("a theme without templates/ and unreadable files are reported, not a crash") {
  test::TempDir dir;
  Diagnostics diags;
  CHECK_FALSE(Theme::load(dir.str(), "nothing", diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{"nothing/templates:1:1: error: theme folder has no templates/ folder"});
  Diagnostics d2;
  CHECK_FALSE(read_text_file(dir.path() / "gone.md", "content/gone.md", d2));
  CHECK(messages(d2) ==
        std::vector<std::string>{"content/gone.md:1:1: error: cannot read file: No such file or directory"});
  Diagnostics d3;
  std::filesystem::create_directories(dir.path() / "folder.md");
  CHECK_FALSE(read_text_file(dir.path() / "folder.md", "content/folder.md", d3));
  CHECK(messages(d3) == std::vector<std::string>{"content/folder.md:1:1: error: cannot read file: not a regular file"});
}
