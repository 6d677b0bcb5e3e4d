#pragma once
// Watches folders (content/, the theme) for changes with inotify: no walk of the tree per request.
// Folders created below a watched one are watched as they appear; folders deleted (as `git
// checkout` does) simply drop out; a watched root that disappears is watched again once it is back.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kijun {

class FileWatcher {
 public:
  explicit FileWatcher(std::vector<std::filesystem::path> roots);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  /// Waits up to `timeout_ms` for a change under the roots. When one comes, keeps reading until
  /// nothing more arrives for `quiet_ms` (one save is often several events), then returns true.
  bool wait(int timeout_ms, int quiet_ms = 20);

  /// Number of folders watched (for tests).
  std::size_t watched() const { return folders_.size(); }

 private:
  bool read_events();  // true when any event concerned the sources
  void watch_tree(const std::filesystem::path& dir);
  bool rewatch_missing_roots();

  std::vector<std::filesystem::path> roots_;
  int fd_ = -1;
  std::map<int, std::filesystem::path> folders_;  // watch descriptor -> folder
};

}  // namespace kijun
