#pragma once
// Watches folders (content/, the theme) for changes with inotify: no walk of the tree per request.
// Folders created below a watched one are watched as they appear; folders deleted (as `git
// checkout` does) simply drop out; a watched root that disappears is watched again once it is back.
// When inotify cannot be used (no instance left, EMFILE; the watches used up, ENOSPC, as with a
// large node_modules elsewhere on the machine), it falls back to polling: a walk of the folders
// with stat about once a second, which sees the same changes a little later.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace kijun {

class FileWatcher {
 public:
  enum class Mode { kInotify, kPoll };
  /// inotify_add_watch, replaceable to test the fallback.
  using AddWatch = std::function<int(int fd, const char* path, std::uint32_t mask)>;

  /// Watches `roots` with inotify, or by polling when `mode` is kPoll or inotify fails.
  explicit FileWatcher(std::vector<std::filesystem::path> roots, Mode mode = Mode::kInotify,
                       AddWatch add_watch = nullptr);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  /// kPoll when the environment says KIJUN_WATCH=poll, else kInotify.
  static Mode mode_from_environment();

  /// Waits up to `timeout_ms` for a change under the roots. When one comes, keeps reading until
  /// nothing more arrives for `quiet_ms` (one save is often several events), then returns true.
  /// Polling, `timeout_ms` 0 walks the folders at once; otherwise they are walked once a second.
  bool wait(int timeout_ms, int quiet_ms = 20);

  /// True once the watcher polls instead of using inotify.
  bool polling() const { return polling_; }
  /// Why it polls ("inotify_add_watch content/a: No space left on device"; "KIJUN_WATCH=poll"),
  /// the first time it is asked after the switch; nullopt otherwise.
  std::optional<std::string> take_fallback_reason();

  /// Number of folders watched (for tests).
  std::size_t watched() const { return polling_ ? snapshot_folders_ : folders_.size(); }

  /// The time between two walks while polling.
  static constexpr std::chrono::milliseconds kPollInterval{1000};

 private:
  bool read_events();  // true when any event concerned the sources
  void watch_tree(const std::filesystem::path& dir);
  bool rewatch_missing_roots();
  void fall_back(std::string reason);
  // Polling: what the roots hold (path -> modification time and size); true when it differs from the last.
  bool walk_changed();

  std::vector<std::filesystem::path> roots_;
  AddWatch add_watch_;
  int fd_ = -1;
  std::map<int, std::filesystem::path> folders_;  // watch descriptor -> folder
  bool polling_ = false;
  std::string reason_;
  bool reason_taken_ = false;
  struct Stamp {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    bool operator==(const Stamp&) const = default;
  };
  std::map<std::filesystem::path, Stamp> snapshot_;
  std::size_t snapshot_folders_ = 0;
  std::chrono::steady_clock::time_point last_walk_{};
};

/// KJ914, the warning `kijun serve` prints when its watcher polls: `reason` as take_fallback_reason gives it.
Message watch_fallback_message(const std::string& reason);

}  // namespace kijun
