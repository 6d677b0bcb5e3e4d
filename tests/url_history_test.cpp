// Renamed pages: `aliases:` redirect pages, the list of published URLs, and slugs at their line.
#include <catch2/catch.hpp>

#include "build.h"
#include "output/url_history.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

// A project with content/site.yaml, a home page and `files` (paths under content/).
struct Project {
  test::TempDir dir;
  explicit Project(const std::vector<std::pair<std::string, std::string>>& files) {
    dir.write("content/site.yaml", test::kSiteYaml);
    dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n");
    for (const auto& [path, text] : files) dir.write("content/" + path, text);
  }
  Project(std::initializer_list<std::pair<std::string, std::string>> files)
      : Project(std::vector<std::pair<std::string, std::string>>(files)) {}
  BuildOptions options(bool write) const {
    BuildOptions o;
    o.project_root = dir.str();
    o.theme_dir = test::source_dir() + "/themes/default";
    o.lunr_js = test::source_dir() + "/node_modules/lunr/lunr.js";
    o.write = write;
    return o;
  }
  static std::vector<std::string> messages(const BuildResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics.sorted()) out.push_back(d.format());
    return out;
  }
};

}  // namespace

TEST_CASE("aliases get redirect pages with a refresh and a link, and no script", "[aliases]") {
  Project p({{"01-sec/_index.md", "---\ntitle: 節\ntype: page\n---\n"},
             {"01-sec/02-new.md", "---\ntitle: 新しい名前\ntype: page\naliases: [sec/old.html, old-top.html]\n---\n本文。\n"}});
  BuildResult r = build_site(p.options(false));
  INFO(r.diagnostics.summary());
  REQUIRE(r.written);
  REQUIRE(r.files.count("sec/old.html"));
  const std::string& html = r.files.at("sec/old.html");
  CHECK(html.find("<html lang=\"ja\">") != std::string::npos);
  CHECK(html.find("<meta http-equiv=\"refresh\" content=\"0; url=new.html\">") != std::string::npos);
  CHECK(html.find("<a href=\"new.html\">新しい名前</a>") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("style=") == std::string::npos);
  CHECK(r.files.at("old-top.html").find("content=\"0; url=sec/new.html\"") != std::string::npos);
  CHECK(r.files.at(kPageListFile) ==
        "index.html\tcontent/_index.md\n"
        "old-top.html\tcontent/01-sec/02-new.md\n"
        "sec/index.html\tcontent/01-sec/_index.md\n"
        "sec/new.html\tcontent/01-sec/02-new.md\n"
        "sec/old.html\tcontent/01-sec/02-new.md\n");
}

TEST_CASE("aliases are checked at their line: relative, safe, no page's URL, one page each", "[aliases]") {
  Project p({{"01-a.md", "---\ntitle: A\ntype: page\naliases:\n  - /abs.html\n  - ../up.html\n  - \"x y.html\"\n"
                         "  - old\n  - b.html\n  - a.html\n  - search.html\n  - shared.html\n---\n"},
             {"02-b.md", "---\ntitle: B\ntype: page\naliases: [shared.html]\n---\n"}});
  BuildResult r = check_site(p.options(false));
  CHECK(Project::messages(r) ==
        std::vector<std::string>{
            "content/01-a.md:5:5: error[KJ130]: aliases の「/abs.html」は前の URL として使えません。"
            "サイトの中の相対の URL（important/old-name.html の形）で書いてください",
            "content/01-a.md:6:5: error[KJ130]: aliases の「../up.html」は前の URL として使えません。"
            "空の部分や「.」「..」は使えません",
            "content/01-a.md:7:5: error[KJ130]: aliases の「x y.html」は前の URL として使えません。"
            "URL に使えない文字「 」があります",
            "content/01-a.md:8:5: error[KJ130]: aliases の「old」は前の URL として使えません。"
            "ページの URL なので .html で終わります",
            "content/01-a.md:9:5: error[KJ131]: aliases の「b.html」は content/02-b.md のページの URL です。"
            "前の URL だけを書いてください",
            "content/01-a.md:10:5: error[KJ131]: aliases の「a.html」はこのページ自身の URL です。消してください",
            "content/01-a.md:11:5: error[KJ131]: aliases の「search.html」は kijun が作るファイルの名前です。"
            "前の URL だけを書いてください",
            "content/02-b.md:4:11: error[KJ132]: aliases の「shared.html」は content/01-a.md:12 にも書かれています。"
            "一つのページだけに書いてください"});
}

TEST_CASE("a page the previous build published and that is gone without an alias is a warning", "[aliases]") {
  Project p({{"01-old.md", "---\ntitle: 旧\ntype: page\n---\n"}});
  BuildResult first = build_site(p.options(true));
  REQUIRE(first.written);
  REQUIRE(fs::exists(p.dir.path() / "site" / kPageListFile));
  fs::rename(p.dir.path() / "content/01-old.md", p.dir.path() / "content/01-new.md");
  BuildResult moved = check_site(p.options(false));
  CHECK(Project::messages(moved) ==
        std::vector<std::string>{
            "site/.kijun-pages:2:1: warning[KJ820]: 前回のビルドで公開したページ old.html（content/01-old.md）が"
            "なくなります。リンクやブックマークが切れないよう、移した先のページのフロントマターに「aliases: [old.html]」を"
            "書いてください（本当に削除するなら、この警告は次のビルドで消えます）"});
  p.dir.write("content/01-new.md", "---\ntitle: 新\ntype: page\naliases: [old.html]\n---\n");
  CHECK(Project::messages(check_site(p.options(false))).empty());
}

TEST_CASE("URL collisions are reported at the slug that causes them; slugs are checked", "[aliases]") {
  Project p({{"01-a.md", "---\ntitle: A\ntype: page\nslug: c\n---\n"},
             {"02-b.md", "---\ntitle: B\ntype: page\n\nslug: c\n---\n"},
             {"03-c.md", "---\ntitle: C\ntype: page\n---\n"},
             {"04-d.md", "---\ntitle: D\ntype: page\nslug: ../d.html\n---\n"}});
  BuildResult r = check_site(p.options(false));
  CHECK(Project::messages(r) ==
        std::vector<std::string>{
            "content/01-a.md:4:7: error[KJ305]: ページの URL「c.html」は content/03-c.md も使います",
            "content/02-b.md:5:7: error[KJ305]: ページの URL「c.html」は content/01-a.md がすでに使っています",
            "content/04-d.md:4:7: error[KJ133]: slug「../d.html」は使えません。英数字と - _ だけで書いてください"
            "（.html や / は付けません）"});
}

TEST_CASE("a page that takes the URL of a generated page is an error at its slug, naming site.yaml", "[aliases]") {
  Project p({{"01-a.md", "---\ntitle: A\ntype: page\nslug: search\n---\n"},
             {"requirements.md", "---\ntitle: R\ntype: page\n---\n"}});
  BuildResult r = check_site(p.options(false));
  CHECK(Project::messages(r) ==
        std::vector<std::string>{
            "content/01-a.md:4:7: error[KJ305]: ページの URL「search.html」は kijun が作る「検索のページ」"
            "（content/site.yaml の設定から作ります）と同じです。ファイル名を変えるか「slug」を設定してください",
            "content/requirements.md:1:1: error[KJ305]: ページの URL「requirements.html」は kijun が作る「要件一覧」"
            "（content/site.yaml の設定から作ります）と同じです。ファイル名を変えるか「slug」を設定してください"});
}
