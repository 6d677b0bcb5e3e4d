// The preview's builds reuse the parse of unchanged files (content/parse_cache.h) and render
// pages on request (SiteBuild::render_file): whatever the edits, they must give the very site,
// and the very messages, that a build from scratch gives.

#include <catch2/catch.hpp>

#include <fstream>

#include "build.h"
#include "content/parse_cache.h"
#include "serve/preview_server.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

// A copy of the real standard (content/ and editions/) to edit.
BuildOptions copy_of_standard(const test::TempDir& dir) {
  const fs::path src(test::source_dir());
  fs::copy(src / "content", dir.path() / "content", fs::copy_options::recursive);
  fs::copy(src / kEditionsDir, dir.path() / kEditionsDir, fs::copy_options::recursive);
  BuildOptions opt = test::source_theme_options(dir.str());
  opt.write = false;
  return opt;
}

// Builds one after the other with one cache, as the preview does.
struct CachedBuilds {
  ParseCache cache;
  std::unique_ptr<SiteBuild> last;
  BuildResult build(const BuildOptions& opt) {
    if (last) last->give_back(cache);
    last = SiteBuild::prepare(opt, &cache);
    return last->finish();
  }
};

// The cached build gives what a build from scratch gives: the same messages, the same files.
void same_as_fresh(CachedBuilds& cached, const BuildOptions& opt) {
  BuildResult incremental = cached.build(opt);
  BuildResult fresh = build_site(opt);
  CHECK(test::messages(incremental.diagnostics) == test::messages(fresh.diagnostics));
  CHECK(incremental.written == fresh.written);
  CHECK(incremental.files.size() == fresh.files.size());
  for (const auto& [path, content] : fresh.files) {
    INFO(path);
    auto it = incremental.files.find(path);
    REQUIRE(it != incremental.files.end());
    CHECK(it->second == content);
  }
}

std::string read(const fs::path& p) { return test::read_file(p); }

void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
  std::string text = read(p);
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("builds that reuse unchanged files give the site and messages of a build from scratch, edit after edit") {
  test::TempDir dir;
  const BuildOptions opt = copy_of_standard(dir);
  const fs::path content = dir.path() / "content";
  CachedBuilds cached;
  same_as_fresh(cached, opt);
  const std::size_t files = cached.cache.misses();
  CHECK(files > 30);
  CHECK(cached.cache.hits() == 0);

  SECTION("nothing changed: no file is parsed again but those whose glossary terms were linked") {
    same_as_fresh(cached, opt);
    CHECK(cached.cache.hits() + cached.cache.misses() == files);
    CHECK(cached.cache.hits() > 0);
    // The pages of the standard get their first uses of glossary terms linked: that changes their
    // tree for good, so they are parsed again; the checklists and examples are not.
    CHECK(cached.cache.misses() < files);
  }
  // Replaces `from` by `to` in content/`file`, then builds both ways.
  auto edit = [&](const std::string& file, const std::string& from, const std::string& to) {
    replace_in(content / file, from, to);
    same_as_fresh(cached, opt);
  };
  SECTION("a provision's text, then a page's title (in every page's navigation)") {
    edit("03-important/01-selection.md", "以下の内容を含む対策", "以下の内容を含む十分な対策");
    edit("03-important/01-selection.md", "title: クラウドサービスの選定条件", "title: クラウドサービスを選ぶ条件");
  }
  SECTION("a new reference (the target's 参照元), a new provision, then a page removed") {
    edit("03-important/02-procurement.md", "\n- {#CS-3.2-2}", "\n  [[CS-3.1-5]] も見てください。\n\n- {#CS-3.2-2}");
    edit("03-important/01-selection.md", "\n## (2)", "\n## (1の2) 追加の条件 {#CS-3.1-99}\n\n追加した本文。\n\n## (2)");
    fs::remove(content / "03-important/05-renewal.md");
    same_as_fresh(cached, opt);
  }
  SECTION("an error, and the same text again") {
    edit("07-checklists/01-important-selection.md", "[[CS-3.1-2]]", "[[CS-3.1-200]]");
    edit("07-checklists/01-important-selection.md", "[[CS-3.1-200]]", "[[CS-3.1-2]]");
  }
  SECTION("a NUL byte in a page: the lint pass checks the bytes the cached load read") {
    edit("03-important/01-selection.md", "以下の内容", std::string("以下の") + '\0' + "内容");
    BuildResult again = cached.build(opt);
    REQUIRE(again.diagnostics.error_count() == 1);
    const std::string message = test::messages(again.diagnostics)[0];
    CHECK(message.rfind("content/03-important/01-selection.md:9:", 0) == 0);
    CHECK(message.find(": error[KJ334]: NUL 文字") != std::string::npos);
  }
  SECTION("the glossary, and the settings every file's parse depends on") {
    edit("09-glossary.md", "取り扱うかどうかで", "取り扱うか否かで");
    edit("site.yaml", "unsafe_html: false", "unsafe_html: true");
    CHECK(cached.cache.hits() == 0);  // other settings: every file parsed again
  }
}

TEST_CASE("a prepared build renders a content page on request, as the whole build renders it, and nothing it cannot") {
  test::TempDir dir;
  const BuildOptions opt = copy_of_standard(dir);
  ParseCache cache;
  BuildResult fresh = build_site(opt);
  REQUIRE(fresh.written);
  auto build = SiteBuild::prepare(opt, &cache);
  REQUIRE(build->ready());
  const std::optional<std::string> page = build->render_file("important/selection.html");
  REQUIRE(page);
  CHECK(*page == fresh.files.at("important/selection.html"));
  CHECK(build->render_file("checklists/important-selection.csv") == fresh.files.at("checklists/important-selection.csv"));
  CHECK(build->render_file("assets/js/nav.js") == fresh.files.at("assets/js/nav.js"));
  CHECK(build->render_file("assets/css/kijun.css") == fresh.files.at("assets/css/kijun.css"));
  // The generated pages need the whole site.
  CHECK_FALSE(build->render_file("requirements.html"));
  CHECK_FALSE(build->render_file("search.html"));
  CHECK_FALSE(build->render_file("no-such-page.html"));
  BuildResult whole = build->finish();
  CHECK(whole.files == fresh.files);  // the page rendered on request is the one in the site
  CHECK_FALSE(build->render_file("important/selection.html"));  // finished: the site has it
  build->give_back(cache);
}

TEST_CASE("a build with errors renders nothing on request") {
  test::TempDir dir;
  const BuildOptions opt = copy_of_standard(dir);
  replace_in(dir.path() / "content/03-important/01-selection.md", "id: CS-3.1", "id: CS-3.1\ntitel: x");
  ParseCache cache;
  auto build = SiteBuild::prepare(opt, &cache);
  CHECK_FALSE(build->ready());
  CHECK_FALSE(build->render_file("important/selection.html"));
  BuildResult r = build->finish();
  CHECK_FALSE(r.written);
  CHECK(r.diagnostics.has_errors());
}

TEST_CASE("a cancelled build writes nothing, and the next build with the same cache gives the whole site") {
  test::TempDir dir;
  const BuildOptions opt = copy_of_standard(dir);
  ParseCache cache;
  auto build = SiteBuild::prepare(opt, &cache);
  REQUIRE(build->ready());
  REQUIRE(build->render_file("basics.html"));
  build->cancel();
  BuildResult cancelled = build->finish();
  CHECK(cancelled.cancelled);
  CHECK_FALSE(cancelled.written);
  CHECK(cancelled.files.empty());
  build->give_back(cache);
  auto next = SiteBuild::prepare(opt, &cache);
  BuildResult whole = next->finish();
  CHECK_FALSE(whole.cancelled);
  CHECK(whole.files == build_site(opt).files);
  next->give_back(cache);
}
