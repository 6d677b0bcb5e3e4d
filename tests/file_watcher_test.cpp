#include <catch2/catch.hpp>

#include <sys/inotify.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "serve/file_watcher.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

// Waits (up to 5 s, in the watcher's own steps) until it reports a change.
bool sees_change(FileWatcher& w) {
  for (int i = 0; i < 50; ++i)
    if (w.wait(100)) return true;
  return false;
}

}  // namespace

TEST_CASE("polling, the watcher sees edits, new files and new folders, and nothing else", "[watch]") {
  test::TempDir dir;
  auto page = dir.write("content/01-a.md", "---\ntitle: A\n---\n");
  FileWatcher w({dir.path() / "content"}, FileWatcher::Mode::kPoll);
  CHECK(w.polling());
  CHECK(w.take_fallback_reason() == "KIJUN_WATCH=poll");
  CHECK_FALSE(w.take_fallback_reason());  // told once
  CHECK_FALSE(w.wait(0));                 // nothing changed since it started
  CHECK_FALSE(w.wait(1500));

  dir.write("content/01-a.md", "---\ntitle: A\n---\n本文\n");
  CHECK(sees_change(w));
  CHECK_FALSE(w.wait(0));

  // The same size, only a later modification time (a save that changes one character).
  dir.write("content/01-a.md", "---\ntitle: B\n---\n本文\n");
  fs::last_write_time(page, fs::last_write_time(page) + std::chrono::seconds(2));
  CHECK(sees_change(w));

  fs::create_directories(dir.path() / "content/02-new/sub");
  dir.write("content/02-new/sub/x.md", "x");
  CHECK(sees_change(w));
  CHECK(w.watched() == 3);

  dir.write("content/.01-a.md.swp", "editor's swap file");  // hidden names are not sources
  CHECK_FALSE(w.wait(1500));

  fs::remove_all(dir.path() / "content/02-new");
  CHECK(sees_change(w));
}

TEST_CASE("when inotify runs out of watches, the watcher polls and still sees edits", "[watch]") {
  test::TempDir dir;
  dir.write("content/01-a.md", "a");
  dir.write("content/02-b/01-c.md", "c");
  dir.write("theme/templates/page.mustache", "{{title}}");
  // inotify_add_watch as on a machine whose fs.inotify.max_user_watches is used up after two watches.
  int calls = 0;
  FileWatcher::AddWatch limited = [&calls](int fd, const char* path, std::uint32_t mask) {
    if (++calls > 2) {
      errno = ENOSPC;
      return -1;
    }
    return inotify_add_watch(fd, path, mask);
  };
  FileWatcher w({dir.path() / "content", dir.path() / "theme"}, FileWatcher::Mode::kInotify, limited);
  REQUIRE(w.polling());
  auto reason = w.take_fallback_reason();
  REQUIRE(reason);
  CHECK(reason->rfind("inotify_add_watch ", 0) == 0);
  CHECK(reason->find(": No space left on device") != std::string::npos);
  CHECK(w.watched() == 4);  // content, content/02-b, theme, theme/templates

  dir.write("theme/templates/page.mustache", "{{title}} 変更");
  CHECK(sees_change(w));
  dir.write("content/02-b/01-c.md", "c 変更");
  CHECK(sees_change(w));
}

TEST_CASE("a folder created after the watches ran out switches to polling, and its files are seen", "[watch]") {
  test::TempDir dir;
  dir.write("content/01-a.md", "a");
  int calls = 0;
  FileWatcher::AddWatch limited = [&calls](int fd, const char* path, std::uint32_t mask) {
    if (++calls > 1) {
      errno = ENOSPC;
      return -1;
    }
    return inotify_add_watch(fd, path, mask);
  };
  FileWatcher w({dir.path() / "content"}, FileWatcher::Mode::kInotify, limited);
  CHECK_FALSE(w.polling());
  CHECK_FALSE(w.take_fallback_reason());
  fs::create_directories(dir.path() / "content/02-new");
  CHECK(sees_change(w));  // the new folder itself
  REQUIRE(w.polling());
  CHECK(w.take_fallback_reason()->find("02-new: No space left on device") != std::string::npos);
  dir.write("content/02-new/01-x.md", "x");
  CHECK(sees_change(w));
}

TEST_CASE("the fallback warning says why and what it means, in Japanese and in English", "[watch]") {
  Diagnostics d;
  d.warning({"content", 1, 1}, watch_fallback_message("inotify_init1: Too many open files"));
  CHECK(d.items()[0].format() ==
        "content:1:1: warning[KJ914]: inotify でフォルダーを見張れないため、1 秒ごとにフォルダーを調べて変更を見つけます"
        "(inotify_init1: Too many open files)。保存からプレビューの更新まで少し遅れます");
  CHECK(d.items()[0].format(Language::kEnglish) ==
        "content:1:1: warning[KJ914]: cannot watch the folders with inotify (inotify_init1: Too many open files): "
        "polling them once a second instead; the preview updates a little later");
}
