#pragma once
// `kijun serve`: a live preview for editors. Builds the site, serves it on the loopback interface,
// rebuilds when a file under content/ or the theme changes, and makes open pages reload themselves
// (or show the build's errors with their path:line:col) without touching the files on disk.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "build.h"

namespace kijun {

/// An HTTP response, ready to be sent.
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

/// The preview server. Single-threaded: one loop accepts requests and watches for changes.
class PreviewServer {
 public:
  explicit PreviewServer(BuildOptions options);
  ~PreviewServer();

  /// Binds to 127.0.0.1:`port` (0 picks a free port). Returns false with `error` set on failure.
  bool listen(std::uint16_t port, std::string& error);
  std::uint16_t port() const { return port_; }

  /// Rebuilds when the sources changed since the last build (always on the first call).
  /// Returns true when a build ran.
  bool rebuild_if_changed();
  /// Number of builds so far; open pages reload when it changes.
  int generation() const { return generation_; }
  /// The diagnostics of the last build, one per line ("" when there were none).
  const std::string& last_messages() const { return last_messages_; }
  bool last_build_ok() const { return last_ok_; }

  /// Called when a change starts a rebuild, and after every build (e.g. to print its diagnostics).
  std::function<void()> on_change;
  std::function<void(const BuildResult&)> on_build;

  /// Answers a GET for `target` (path and query, as sent by the browser).
  HttpResponse handle(const std::string& target) const;

  /// Serves until `stop` becomes true, checking for changes every `poll_ms`.
  void run(const std::atomic<bool>& stop, int poll_ms = 300);

 private:
  void serve_connection(int fd) const;
  std::map<std::string, std::string> snapshot() const;

  BuildOptions options_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  int generation_ = 0;
  bool last_ok_ = false;
  std::string last_messages_;
  std::map<std::string, std::string> last_snapshot_;
};

/// Decodes %XX escapes; returns false on a malformed escape or a NUL byte.
bool percent_decode(const std::string& in, std::string& out);

}  // namespace kijun
