#pragma once
// `kijun serve`: a live preview for editors. Builds the site into memory and serves it on the
// loopback interface with cpp-httplib (a thread pool, read and write timeouts, bounded keep-alive),
// rebuilds when inotify reports a change under content/ or the theme (or polling finds one, when
// inotify cannot be used), and makes open pages reload
// themselves (or show the build's errors with their path:line:col) without touching the disk.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "build.h"

namespace kijun {

class FileWatcher;

/// An HTTP response, ready to be sent.
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

/// The preview server.
class PreviewServer {
 public:
  explicit PreviewServer(BuildOptions options);
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  /// Binds to 127.0.0.1:`port` (0 picks a free port). Returns false with `error` set on failure.
  bool listen(std::uint16_t port, std::string& error);
  std::uint16_t port() const { return port_; }

  /// Rebuilds when the sources changed since the last build (always on the first call).
  /// Returns true when a build ran.
  bool rebuild_if_changed();
  /// Number of builds so far; open pages reload when it changes.
  int generation() const;
  /// The diagnostics of the last build, one per line ("" when there were none).
  std::string last_messages() const;
  bool last_build_ok() const;

  /// Called when a change starts a rebuild, and after every build (e.g. to print its diagnostics).
  std::function<void()> on_change;
  std::function<void(const BuildResult&)> on_build;
  /// Called once if the watcher has to poll instead of using inotify (see FileWatcher), with why.
  std::function<void(const std::string& reason)> on_watch_fallback;
  /// True once changes are found by polling rather than by inotify.
  bool watch_polling() const;

  /// Answers a GET for `target` (path and query, as sent by the browser).
  HttpResponse handle(const std::string& target) const;

  /// Serves (on a pool of threads) and rebuilds on change until `stop` becomes true; returns within
  /// about `poll_ms` of it, even while a build runs. Returns true when a build was still running
  /// then (it was left to finish on its own thread: exit the process without waiting for it).
  bool run(const std::atomic<bool>& stop, int poll_ms = 100);

 private:
  struct Snapshot {
    int generation = 0;
    bool ok = false;
    std::string messages;
    std::shared_ptr<const std::map<std::string, std::string>> files;  // the last good site
  };
  void build_now();
  void report_watch_fallback();
  std::shared_ptr<const Snapshot> snapshot() const;

  BuildOptions options_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
  std::unique_ptr<FileWatcher> watcher_;
  std::atomic<bool> building_{false};
  struct Http;
  std::unique_ptr<Http> http_;
};

/// Decodes %XX escapes; returns false on a malformed escape or a NUL byte.
bool percent_decode(const std::string& in, std::string& out);

/// The Host header values the preview answers (against DNS rebinding): 127.0.0.1:PORT,
/// localhost:PORT and [::1]:PORT only.
bool is_allowed_host(std::string_view host, std::uint16_t port);

}  // namespace kijun
