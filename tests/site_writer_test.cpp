#include <algorithm>
#include <catch2/catch.hpp>

#include "output/site_writer.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

TEST_CASE("output paths must stay inside the output folder") {
  CHECK(is_safe_relative_path("a/b.html"));
  CHECK_FALSE(is_safe_relative_path("../x"));
  CHECK_FALSE(is_safe_relative_path("a/../../x"));
  CHECK_FALSE(is_safe_relative_path("/etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("a//b"));
  CHECK_FALSE(is_safe_relative_path(""));
}

TEST_CASE("a committed build replaces the old site in one step") {
  test::TempDir dir;
  dir.write("site/old.html", "old");
  Diagnostics diags;
  {
    SiteWriter w(dir.path() / "site", "site");
    CHECK(w.write("index.html", "new", "test", diags));
    CHECK(w.write("a/b.html", "deep", "test", diags));
    CHECK_FALSE(fs::exists(dir.path() / "site/index.html"));  // nothing visible before commit
    CHECK(w.commit(diags));
  }
  CHECK(diags.items().empty());
  CHECK(test::read_file(dir.path() / "site/index.html") == "new");
  CHECK(test::read_file(dir.path() / "site/a/b.html") == "deep");
  CHECK_FALSE(fs::exists(dir.path() / "site/old.html"));
  // No staging folders are left behind: only the replaced site, kept as the spare.
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(dir.path())) entries.push_back(e.path().filename().string());
  std::sort(entries.begin(), entries.end());
  CHECK(entries == std::vector<std::string>{".site.kijun-spare", "site"});
  CHECK(test::read_file(dir.path() / ".site.kijun-spare/old.html") == "old");
}

TEST_CASE("the next build rewrites the spare site: same bytes stay, others change, the rest goes") {
  test::TempDir dir;
  Diagnostics diags;
  auto build = [&](const std::vector<std::pair<std::string, std::string>>& files) {
    SiteWriter w(dir.path() / "site", "site");
    for (const auto& [path, bytes] : files) CHECK(w.write(path, bytes, "test", diags));
    CHECK(w.commit(diags));
    return w.files_unchanged();
  };
  // Build 1 and 2 fill site/ and the spare; build 3 rewrites the spare (build 1's site).
  CHECK(build({{"index.html", "one"}, {"a/b.html", "deep"}, {"gone/x.html", "x"}, {"d", "file"}}) == 0);
  CHECK(build({{"index.html", "two"}, {"a/b.html", "deep"}}) == 0);
  CHECK(build({{"index.html", "three"}, {"a/b.html", "deep"}, {"d/inner.html", "folder now"}}) == 1);
  CHECK(diags.items().empty());
  CHECK(test::read_file(dir.path() / "site/index.html") == "three");
  CHECK(test::read_file(dir.path() / "site/a/b.html") == "deep");
  CHECK(test::read_file(dir.path() / "site/d/inner.html") == "folder now");
  CHECK_FALSE(fs::exists(dir.path() / "site/gone"));
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() / "site"))
    files.push_back(e.path().lexically_relative(dir.path() / "site").generic_string());
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"a", "a/b.html", "d", "d/inner.html", "index.html"});
  // A file where a folder was, too.
  CHECK(build({{"index.html", "four"}, {"a", "file now"}}) == 0);
  CHECK(build({{"index.html", "five"}, {"d", "file again"}}) == 0);
  CHECK(test::read_file(dir.path() / "site/d") == "file again");
  CHECK_FALSE(fs::exists(dir.path() / "site/a"));
}

TEST_CASE("an abandoned build leaves the old site exactly as it was") {
  test::TempDir dir;
  dir.write("site/index.html", "old");
  Diagnostics diags;
  {
    SiteWriter w(dir.path() / "site", "site");
    w.write("index.html", "new", "test", diags);
  }
  CHECK(test::read_file(dir.path() / "site/index.html") == "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("an abandoned build that reused the spare gives it back, and leaves site/ as it was") {
  test::TempDir dir;
  Diagnostics diags;
  for (const char* bytes : {"first", "second"}) {
    SiteWriter w(dir.path() / "site", "site");
    w.write("index.html", bytes, "test", diags);
    CHECK(w.commit(diags));
  }
  {
    SiteWriter w(dir.path() / "site", "site");
    w.write("index.html", "abandoned", "test", diags);
  }
  CHECK(test::read_file(dir.path() / "site/index.html") == "second");
  CHECK(fs::is_directory(dir.path() / ".site.kijun-spare"));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 2);
}

TEST_CASE("two sources writing the same file is an error") {
  test::TempDir dir;
  Diagnostics diags;
  SiteWriter w(dir.path() / "site", "site");
  CHECK(w.write("x.html", "1", "content/a.md", diags));
  CHECK_FALSE(w.write("x.html", "2", "content/b.md", diags));
  CHECK_FALSE(w.write("../escape.html", "2", "content/c.md", diags));
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].format() ==
        "content/b.md:1:1: error[KJ813]: 出力ファイル site/x.html は content/a.md も書き出します。"
        "どちらかのファイル名か「slug」を変えてください");
  CHECK(diags.items()[0].format(Language::kEnglish) ==
        "content/b.md:1:1: error[KJ813]: output file site/x.html is also written by content/a.md");
  CHECK(diags.items()[1].format() ==
        "content/c.md:1:1: error[KJ812]: 出力フォルダーの外には書き出せません（「../escape.html」）");
}
