#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "base/disk.h"
#include "base/html.h"
#include "base/size_limit.h"
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
                               "theme/templates/page.mustache:2:4: error[KJ402]: テンプレートの書き方に誤りがあります"
                               "（Unclosed section \"items\"）"});
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
        std::vector<std::string>{"theme/templates/page.mustache:1:1: error[KJ404]: 部品テンプレート「sidebar」がありません"
                                 "（theme/templates/partials/sidebar.mustache が必要です）"});
  dir.write("theme/templates/partials/sidebar.mustache", "");
  Diagnostics ok;
  auto theme2 = Theme::load(dir.str(), "theme", ok);
  REQUIRE(theme2);
  auto html = theme2->render("page", view, "content/a.md", ok);
  REQUIRE(html);
  CHECK(*html == "<h1>&lt;基準&gt;</h1><footer>&lt;基準&gt;</footer>");  // values are escaped
  CHECK_FALSE(theme2->render("checklist", view, "content/b.md", ok));
  CHECK(messages(ok) ==
        std::vector<std::string>{"content/b.md:1:1: error[KJ403]: テーマにテンプレート「checklist」がありません"
                                 "（theme/templates/checklist.mustache が必要です）"});
}

TEST_CASE("a theme without templates/ and unreadable files are reported, not a crash") {
  test::TempDir dir;
  Diagnostics diags;
  CHECK_FALSE(Theme::load(dir.str(), "nothing", diags));
  CHECK(messages(diags) ==
        std::vector<std::string>{"nothing/templates:1:1: error[KJ401]: テーマのフォルダーに templates/ フォルダーがありません"});
  Diagnostics d2;
  CHECK_FALSE(read_text_file(dir.path() / "gone.md", "content/gone.md", d2));
  CHECK(messages(d2) ==
        std::vector<std::string>{"content/gone.md:1:1: error: cannot read file: No such file or directory"});
  Diagnostics d3;
  std::filesystem::create_directories(dir.path() / "folder.md");
  CHECK_FALSE(read_text_file(dir.path() / "folder.md", "content/folder.md", d3));
  CHECK(messages(d3) == std::vector<std::string>{"content/folder.md:1:1: error: cannot read file: not a regular file"});
  // A FIFO is refused at once: its open does not wait for a writer.
  Diagnostics d4;
  REQUIRE(mkfifo((dir.path() / "pipe.md").c_str(), 0644) == 0);
  CHECK_FALSE(read_text_file(dir.path() / "pipe.md", "content/pipe.md", d4));
  CHECK(messages(d4) == std::vector<std::string>{"content/pipe.md:1:1: error: cannot read file: not a regular file"});
  // Over the size limit: refused from the file's size, before it is read.
  Diagnostics d5;
  dir.write("big.mustache", std::string(kTemplateSizeLimit.bytes + 1, 'x'));
  CHECK_FALSE(read_text_file(dir.path() / "big.mustache", "theme/big.mustache", d5, &kTemplateSizeLimit));
  REQUIRE(d5.items().size() == 1);
  CHECK(d5.items()[0].code == kTemplateSizeLimit.code);
}

TEST_CASE("a partial that includes itself outside any section is found at load, directly or through another") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "{{> a}}");
  dir.write("theme/templates/partials/a.mustache", "<p>\n{{^x}}{{> b}}{{/x}}</p>");
  dir.write("theme/templates/partials/b.mustache", "{{> a}}");
  dir.write("theme/templates/partials/self.mustache", "x{{>self}}");
  dir.write("theme/templates/partials/tree.mustache", "<li>{{#children}}{{> tree}}{{/children}}</li>");
  Diagnostics diags;
  CHECK_FALSE(Theme::load(dir.str(), "theme", diags));
  std::vector<std::string> codes;
  for (const auto& d : diags.items()) codes.push_back(d.code + " " + d.where.path + ":" + std::to_string(d.where.line));
  CHECK(codes == std::vector<std::string>{"KJ904 theme/templates/partials/b.mustache:1",
                                          "KJ904 theme/templates/partials/self.mustache:1"});
  CHECK(diags.items()[0].message.find("a → b → a") != std::string::npos);
}

TEST_CASE("a recursion through a section over data that never runs out stops with a diagnostic") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "{{#children}}{{> tree}}{{/children}}");
  dir.write("theme/templates/partials/tree.mustache", "<li>{{name}}{{#site}}{{> tree}}{{/site}}</li>");
  Diagnostics diags;
  auto theme = Theme::load(dir.str(), "theme", diags);
  REQUIRE(theme);
  kainjow::mustache::data site;
  site.set("title", "t");
  kainjow::mustache::data child;
  child.set("name", "x");
  kainjow::mustache::data view;
  view.set("site", site);
  view.set("children", kainjow::mustache::data(kainjow::mustache::data::type::list));
  view["children"].push_back(child);
  CHECK_FALSE(theme->render("page", view, "content/a.md", diags));
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].code == "KJ905");
  // A finite tree through the same kind of partial renders.
  dir.write("theme/templates/partials/tree.mustache", "<li>{{name}}{{#kids}}{{> tree}}{{/kids}}</li>");
  Diagnostics ok;
  auto finite = Theme::load(dir.str(), "theme", ok);
  REQUIRE(finite);
  CHECK(finite->render("page", view, "content/a.md", ok) == std::string("<li>x</li>"));
}

TEST_CASE("the real theme has no partial cycle") {
  Diagnostics diags;
  CHECK(Theme::load(test::source_dir(), "themes/default", diags));
  CHECK(diags.items().empty());
}

TEST_CASE("symbolic links among partials and static files are reported, not silently dropped") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "x");
  dir.write("outside.mustache", "secret");
  std::filesystem::create_directories(dir.path() / "theme/templates/partials");
  std::filesystem::create_directories(dir.path() / "theme/static/css");
  std::filesystem::create_symlink(dir.path() / "outside.mustache", dir.path() / "theme/templates/partials/p.mustache");
  std::filesystem::create_symlink(dir.path() / "outside.mustache", dir.path() / "theme/static/css/x.css");
  Diagnostics diags;
  auto theme = Theme::load(dir.str(), "theme", diags);
  REQUIRE(theme);
  CHECK(theme->static_files().empty());
  std::vector<std::string> where;
  for (const auto& d : diags.items()) where.push_back(d.code + " " + d.where.path);
  CHECK(where == std::vector<std::string>{"KJ906 theme/templates/partials/p.mustache", "KJ906 theme/static/css/x.css"});
}

TEST_CASE("values are escaped as kainjow escapes them; escape_html writes the apostrophe as &#39;") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "<p title=\"{{v}}\">{{v}}</p>{{{v}}}");
  Diagnostics diags;
  auto theme = Theme::load(dir.str(), "theme", diags);
  REQUIRE(theme);
  kainjow::mustache::data view;
  view.set("v", "a&b<c>\"d\"'e'基準");
  auto html = theme->render("page", view, "content/a.md", diags);
  REQUIRE(html);
  const std::string escaped = "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;基準";
  CHECK(*html == "<p title=\"" + escaped + "\">" + escaped + "</p>a&b<c>\"d\"'e'基準");
  CHECK(escape_html("a&b<c>\"d\"'e'基準") == "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;基準");
  CHECK(escape_html("nothing to escape") == "nothing to escape");
  CHECK(escape_html("") == "");
  // Each character to escape at every offset of a long text, among kana, letters, digits and marks
  // that need none (some bytes below '?', most above), against a byte-by-byte reference.
  auto reference = [](std::string_view t) {
    std::string out;
    for (char c : t) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out.push_back(c);
      }
    }
    return out;
  };
  const std::string filler = "基準のテキストabcXYZ0-9./=?@~";
  for (const char* special : {"&", "<", ">", "\"", "'", "<>&"}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string t;
      for (std::size_t k = 0; k < 3; ++k) t += filler;
      t.insert(at, special);
      CHECK(escape_html(t) == reference(t));
      CHECK(escape_html(t.substr(at)) == reference(t.substr(at)));
    }
  }
}

TEST_CASE("names with dots are looked up as kainjow's own context looks them up", "[theme]") {
  using kainjow::mustache::data;
  const std::string text =
      "{{a.b}}|{{#list}}[{{a.b}},{{a.c}},{{.}},{{x.y.z}}]{{/list}}|{{a..b}}|{{a.b.}}|{{.a}}|{{..}}|{{#a}}{{b}}{{/a}}"
      "|{{#a.d}}{{e}}{{/a.d}}|{{^a.none}}none{{/a.none}}";
  data inner_a, dotted, deep, d_item, x, y, view;
  inner_a.set("c", std::string("inner"));
  dotted.set("b", std::string("empty-named"));
  d_item.set("e", std::string("<e>"));
  data d_list = data::type::list;
  d_list.push_back(d_item);
  data outer_a;
  outer_a.set("b", std::string("outer"));
  outer_a.set("", dotted);
  outer_a.set("d", d_list);
  y.set("z", std::string("yz"));
  x.set("y", y);
  data item1;
  item1.set("a", inner_a);  // has a, but not a.b: a.b comes from further out
  data list = data::type::list;
  list.push_back(item1);
  list.push_back(data(std::string("str")));
  view.set("a", outer_a);
  view.set("x", x);
  view.set("list", list);
  view.set("", data(std::string("root-empty")));
  Diagnostics diags;
  auto theme = Theme::from_texts("t", {{"page", text}}, {}, diags);
  REQUIRE(theme);
  const std::string ours = *theme->render("page", view, "content/p.md", diags);
  CHECK(ours == kainjow::mustache::mustache(text).render(view));
  CHECK(ours.rfind("outer|[outer,inner,,yz][outer,,str,yz]|empty-named|outer|", 0) == 0);
}
