#pragma once
// `kijun serve`: a live preview for editors. Builds the site into memory and serves it on the
// loopback interface with cpp-httplib (a thread pool, read and write timeouts, bounded keep-alive),
// rebuilds when inotify reports a change under content/ or the theme (or polling finds one, when
// inotify cannot be used), and makes open pages reload
// themselves (or show the build's errors with their path:line:col) without touching the disk.
//
// A rebuild answers in two steps. First the sources are loaded and resolved, reusing the parse of
// every file whose text has not changed (content/parse_cache.h); then open pages reload, and each
// content page is rendered when it is asked for. Meanwhile the rest of the site (the generated
// pages, the search data) is built; a request for one of those waits for it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "build.h"

namespace kijun {

class FileWatcher;
class ParseCache;

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
  /// False while the last build still renders the whole site (its content pages are served already).
  bool last_build_complete() const;

  /// Called when a change starts a rebuild, and after every build (e.g. to print its diagnostics).
  std::function<void()> on_change;
  std::function<void(const BuildResult&)> on_build;
  /// Called on the builder's thread once a rebuild's content pages can be served, before the rest of
  /// the site is built.
  std::function<void()> on_pages_ready;
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
    bool complete = true;  // false while the build still renders the whole site
    std::string messages;
    std::shared_ptr<const std::map<std::string, std::string>> files;  // the last good site, complete
    std::shared_ptr<SiteBuild> build;  // while not complete: renders content pages on request
  };
  void build_now(bool yield_to_requests = false);
  void publish(std::shared_ptr<Snapshot> next);
  std::optional<HttpResponse> handle_once(const Snapshot& snap, const std::string& target) const;
  void report_watch_fallback();
  std::shared_ptr<const Snapshot> snapshot() const;

  BuildOptions options_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
  std::unique_ptr<FileWatcher> watcher_;
  std::unique_ptr<ParseCache> cache_;   // used by the builder only
  std::shared_ptr<SiteBuild> last_build_;  // the build whose trees the cache lent, until the next one
  std::shared_ptr<SiteBuild> finishing_;   // the build rendering the whole site now (under mutex_), to cancel
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
