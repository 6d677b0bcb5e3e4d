#include <algorithm>
#include <catch2/catch.hpp>

#include <thread>

#include "output/site_writer.h"
#include "output/write_queue.h"
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

TEST_CASE("the write queue writes every file posted, from any thread, in the order posted") {
  // With threads of its own, and without (a small site's: each post writes its file).
  const std::size_t threads = GENERATE(2, 1, 0);
  CAPTURE(threads);
  SiteWriter w("site", "site", false);
  Diagnostics diags;
  {
    // Room for 64 bytes: posting waits for the thread again and again; a file larger than the
    // whole room still goes once nothing else waits.
    WriteQueue q(w, 64, threads);
    std::thread other([&] {
      for (int i = 0; i < 300; ++i) q.post("b/" + std::to_string(i) + ".html", std::string(i % 50, 'b'), "other");
    });
    for (int i = 0; i < 300; ++i) q.post("a/" + std::to_string(i) + ".html", "page " + std::to_string(i), "main");
    q.post("large.html", std::string(1000, 'x'), "main");
    q.post("a/7.html", "again", "second");  // a path posted before: reported, the first one stays
    other.join();
    diags = q.finish();
  }
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].message.find("site/a/7.html") != std::string::npos);
  CHECK(diags.items()[0].where.path == "second");
  const auto files = w.take_files();
  CHECK(files.size() == 601);
  CHECK(files.at("a/7.html") == "page 7");
  CHECK(files.at("a/299.html") == "page 299");
  CHECK(files.at("b/49.html") == std::string(49, 'b'));
  CHECK(files.at("large.html") == std::string(1000, 'x'));
}

TEST_CASE("a write queue dropped without finish() still writes what was posted") {
  SiteWriter w("site", "site", false);
  {
    WriteQueue q(w, 1 << 20, 2);
    for (int i = 0; i < 50; ++i) q.post(std::to_string(i) + ".html", std::to_string(i), "main");
  }
  const auto files = w.take_files();
  CHECK(files.size() == 50);
  CHECK(files.at("49.html") == "49");
}

TEST_CASE("two writing threads store a site on disk, then rewrite its spare, each file whole") {
  test::TempDir dir;
  // Three builds: the first two create every file (the second moves the first aside as the spare),
  // the third rewrites the spare, where half the files keep their bytes.
  for (int build = 0; build < 3; ++build) {
    CAPTURE(build);
    Diagnostics diags;
    SiteWriter w(dir.path() / "site", "site");
    {
      WriteQueue q(w, 4096, 2);
      for (int i = 0; i < 400; ++i) {
        const std::string text = "file " + std::to_string(i) + (i % 2 ? " build " + std::to_string(build) : "") +
                                 std::string(static_cast<std::size_t>(i % 7) * 300, 'x');
        q.post("d" + std::to_string(i % 40) + "/sub" + std::to_string(i % 3) + "/" + std::to_string(i) + ".html", text,
               "test");
      }
      diags = q.finish();
    }
    CHECK(diags.items().empty());
    REQUIRE(w.commit(diags));
    CHECK(w.files_written() == 400);
    if (build == 2) CHECK(w.files_unchanged() == 200);
  }
  for (int i = 0; i < 400; i += 37) {
    const std::string text = "file " + std::to_string(i) + (i % 2 ? " build 2" : "") +
                             std::string(static_cast<std::size_t>(i % 7) * 300, 'x');
    CHECK(test::read_file(dir.path() / ("site/d" + std::to_string(i % 40) + "/sub" + std::to_string(i % 3) + "/" +
                                         std::to_string(i) + ".html")) == text);
  }
}
