#include "serve/file_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>

namespace kijun {

namespace fs = std::filesystem;

namespace {
constexpr uint32_t kMask = IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                           IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;

bool hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }
}  // namespace

FileWatcher::FileWatcher(std::vector<fs::path> roots) : roots_(std::move(roots)) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  for (const auto& r : roots_) watch_tree(r);
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) close(fd_);
}

void FileWatcher::watch_tree(const fs::path& dir) {
  if (fd_ < 0) return;
  // Iterative, and every step tolerates folders vanishing under it.
  std::vector<fs::path> todo{dir};
  while (!todo.empty()) {
    fs::path d = std::move(todo.back());
    todo.pop_back();
    int wd = inotify_add_watch(fd_, d.c_str(), kMask);
    if (wd < 0) continue;
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
      if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && folder != folders_.end())
        watch_tree(folder->second / name);
    }
  }
  return changed;
}

bool FileWatcher::wait(int timeout_ms, int quiet_ms) {
  if (fd_ < 0) return false;
  if (rewatch_missing_roots()) return true;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  bool changed = read_events();
  // Let the rest of a save (or a checkout) arrive, up to half a second in all.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (std::chrono::steady_clock::now() < deadline) {
    p.revents = 0;
    if (poll(&p, 1, quiet_ms) <= 0) break;
    changed = read_events() || changed;
  }
  return changed;
}

}  // namespace kijun
