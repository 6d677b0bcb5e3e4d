#include "serve/file_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace kijun {

namespace fs = std::filesystem;

namespace {
constexpr uint32_t kMask = IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                           IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;

bool hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }
}  // namespace

Message watch_fallback_message(const std::string& reason) {
  return Message{"KJ914",
                 "inotify でフォルダーを見張れないため、1 秒ごとにフォルダーを調べて変更を見つけます(" + reason +
                     ")。保存からプレビューの更新まで少し遅れます",
                 "cannot watch the folders with inotify (" + reason +
                     "): polling them once a second instead; the preview updates a little later"};
}

FileWatcher::FileWatcher(std::vector<fs::path> roots, Mode mode, AddWatch add_watch)
    : roots_(std::move(roots)), add_watch_(std::move(add_watch)) {
  if (!add_watch_) add_watch_ = [](int fd, const char* path, std::uint32_t mask) { return inotify_add_watch(fd, path, mask); };
  if (mode == Mode::kPoll) {
    fall_back("KIJUN_WATCH=poll");
    return;
  }
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    fall_back(std::string("inotify_init1: ") + std::strerror(errno));
    return;
  }
  for (const auto& r : roots_) watch_tree(r);
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) close(fd_);
}

FileWatcher::Mode FileWatcher::mode_from_environment() {
  const char* v = std::getenv("KIJUN_WATCH");
  return v && std::strcmp(v, "poll") == 0 ? Mode::kPoll : Mode::kInotify;
}

std::optional<std::string> FileWatcher::take_fallback_reason() {
  if (!polling_ || reason_taken_) return std::nullopt;
  reason_taken_ = true;
  return reason_;
}

void FileWatcher::fall_back(std::string reason) {
  if (polling_) return;
  polling_ = true;
  reason_ = std::move(reason);
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  folders_.clear();
  walk_changed();  // the state to compare with from now on
}

void FileWatcher::watch_tree(const fs::path& dir) {
  if (fd_ < 0) return;
  // Iterative, and every step tolerates folders vanishing under it.
  std::vector<fs::path> todo{dir};
  while (!todo.empty()) {
    fs::path d = std::move(todo.back());
    todo.pop_back();
    int wd = add_watch_(fd_, d.c_str(), kMask);
    if (wd < 0) {
      // Gone (or not a folder) by now: nothing to watch there. Anything else (ENOSPC: the watches
      // are used up; ENOMEM) would leave changes unseen: poll instead.
      if (errno == ENOENT || errno == ENOTDIR) continue;
      fall_back("inotify_add_watch " + d.string() + ": " + std::strerror(errno));
      return;
    }
    folders_[wd] = d;
    std::error_code ec;
    for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code e2;
      if (!hidden(it->path().filename().string()) && !it->is_symlink(e2) && it->is_directory(e2))
        todo.push_back(it->path());
    }
  }
}

bool FileWatcher::rewatch_missing_roots() {
  bool changed = false;
  for (const auto& r : roots_) {
    bool watched = false;
    for (const auto& [wd, d] : folders_) watched = watched || d == r;
    std::error_code ec;
    if (!watched && fs::is_directory(r, ec)) {
      watch_tree(r);
      changed = true;  // it came back: whatever it holds now is new
    }
  }
  return changed;
}

bool FileWatcher::read_events() {
  bool changed = false;
  alignas(inotify_event) char buf[16384];
  for (;;) {
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) break;
    for (char* p = buf; p < buf + n;) {
      auto* e = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + e->len;
      if (e->mask & IN_Q_OVERFLOW) {
        // Events were lost: start again from what is on disk.
        for (const auto& [wd, d] : folders_) inotify_rm_watch(fd_, wd);
        folders_.clear();
        for (const auto& r : roots_) watch_tree(r);
        changed = true;
        if (polling_) return true;
        continue;
      }
      auto folder = folders_.find(e->wd);
      if (e->mask & IN_IGNORED) {
        if (folder != folders_.end()) folders_.erase(folder);
        changed = true;
        continue;
      }
      std::string name = e->len ? std::string(e->name) : "";
      if (hidden(name)) continue;  // editors' swap files; the build skips these names too
      changed = true;
      if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && folder != folders_.end()) {
        watch_tree(folder->second / name);
        if (polling_) return true;  // the watches ran out: fd_ is closed, polling from now on
      }
    }
  }
  return changed;
}

bool FileWatcher::walk_changed() {
  std::map<fs::path, Stamp> now;
  std::size_t folders = 0;
  for (const auto& root : roots_) {
    // Iterative, like watch_tree, and as tolerant of folders vanishing during the walk.
    std::vector<fs::path> todo{root};
    while (!todo.empty()) {
      fs::path d = std::move(todo.back());
      todo.pop_back();
      std::error_code ec;
      auto it = fs::directory_iterator(d, ec);
      if (ec) continue;
      ++folders;
      // A folder by its presence only: its own time changes with hidden files too (editors' swap
      // files), and what it holds is compared entry by entry.
      now[d] = Stamp{};
      for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (hidden(it->path().filename().string())) continue;
        std::error_code e2;
        auto status = it->symlink_status(e2);
        if (e2) continue;
        if (fs::is_directory(status)) {
          todo.push_back(it->path());
          continue;
        }
        Stamp s{it->last_write_time(e2), 0};
        if (fs::is_regular_file(status)) s.size = it->file_size(e2);
        now[it->path()] = s;
      }
    }
  }
  last_walk_ = std::chrono::steady_clock::now();
  snapshot_folders_ = folders;
  bool changed = now != snapshot_;
  snapshot_ = std::move(now);
  return changed;
}

bool FileWatcher::wait(int timeout_ms, int quiet_ms) {
  if (polling_) {
    if (timeout_ms <= 0) return walk_changed();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      const auto due = last_walk_ + kPollInterval;
      const auto now = std::chrono::steady_clock::now();
      if (now >= due) return walk_changed();
      if (due > deadline) {
        std::this_thread::sleep_until(deadline);
        return false;
      }
      std::this_thread::sleep_until(due);
    }
  }
  if (fd_ < 0) return false;
  if (rewatch_missing_roots()) return true;
  if (polling_) return true;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  bool changed = read_events();
  // Let the rest of a save (or a checkout) arrive, up to half a second in all.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (!polling_ && std::chrono::steady_clock::now() < deadline) {
    p.revents = 0;
    if (poll(&p, 1, quiet_ms) <= 0) break;
    changed = read_events() || changed;
  }
  return changed;
}

}  // namespace kijun
