#include "serve/preview_server.h"

#include <httplib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/html.h"
#include "base/memory.h"
#include "content/parse_cache.h"
#include "output/site_writer.h"
#include "serve/file_watcher.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

// Served as a file, since the pages' Content-Security-Policy forbids inline script.
constexpr const char* kReloadTag = "<script src=\"/__kijun/reload.js\"></script>\n";

// Asks /__kijun/status to answer when the build after the one shown is done (a long poll), then
// reloads on a good build or shows the errors of a failed one.
constexpr const char* kReloadScript = R"JS((function () {
  var seen = null, box = null;
  function show(s) {
    if (!box) {
      box = document.createElement('pre');
      box.setAttribute('role', 'alert');
      box.className = 'kj-preview-errors';
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;' +
        'padding:1em;background:#fff0f0;color:#8a1111;border-top:3px solid #c00;font:13px/1.5 monospace;z-index:9999;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = 'kijun: ビルドできませんでした' + (s.site ? '(前回のサイトを表示しています)' : '') + '\n\n' + s.messages;
  }
  function check() {
    var url = '/__kijun/status' + (seen === null ? '' : '?after=' + seen);
    fetch(url, {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.generation !== seen && s.ok) { location.reload(); return; }
      seen = s.generation;
      if (!s.ok) show(s); else if (box) { box.remove(); box = null; }
      setTimeout(check, 0);
    }).catch(function () { setTimeout(check, 1000); });
  }
  check();
})();
)JS";

constexpr const char* kText = "text/plain; charset=utf-8";
constexpr int kMaxWaiting = 16;        // long polls held at once; more are answered at once
constexpr auto kLongPoll = std::chrono::seconds(20);
// How long a request for a generated file waits for the rest of the site; then it gets the last
// complete site's file.
constexpr auto kWaitForSite = std::chrono::seconds(120);
// How long the sources stay unchanged, after a build, before its freed memory is given back.
constexpr auto kTrimAfter = std::chrono::seconds(3);

std::string content_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {{".html", "text/html; charset=utf-8"},
                                                              {".css", "text/css; charset=utf-8"},
                                                              {".js", "text/javascript; charset=utf-8"},
                                                              {".json", "application/json"},
                                                              {".csv", "text/csv; charset=utf-8"},
                                                              {".svg", "image/svg+xml"},
                                                              {".png", "image/png"},
                                                              {".jpg", "image/jpeg"},
                                                              {".ico", "image/x-icon"},
                                                              {".txt", "text/plain; charset=utf-8"}};
  for (auto [ext, type] : types)
    if (path.size() >= std::strlen(ext) && path.compare(path.size() - std::strlen(ext), std::string::npos, ext) == 0)
      return type;
  return "application/octet-stream";
}


// What the browser gets while there is no site at all (the very first build failed).
std::string error_page(const std::string& messages) {
  return "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; "
         "style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">\n"
         "<title>ビルドできませんでした | kijun</title>\n</head>\n<body>\n<h1>ビルドできませんでした</h1>\n"
         "<p>次のエラーを直して保存すると、このページは自動で読み込み直されます。</p>\n<pre class=\"kj-build-errors\">" +
         escape_html(messages) + "</pre>\n" + kReloadTag + "</body>\n</html>\n";
}

}  // namespace

bool is_allowed_host(std::string_view host, std::uint16_t port) {
  const std::string p = ":" + std::to_string(port);
  for (std::string_view name : {"127.0.0.1", "localhost", "[::1]"}) {
    if (host.size() != name.size() + p.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(host[i])) == name[i];
    if (same && host.substr(name.size()) == p) return true;
  }
  return false;
}

bool percent_decode(const std::string& in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(in[i + 2])))
      return false;
    char c = static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
    if (c == '\0') return false;
    out += c;
    i += 2;
  }
  return true;
}

struct PreviewServer::Http {
  httplib::Server server;
  std::thread thread;
  std::condition_variable changed;  // a build finished, or the server stops
  int waiting = 0;                  // long polls held now
  bool stopping = false;
};

PreviewServer::PreviewServer(BuildOptions options)
    : options_(std::move(options)), cache_(std::make_unique<ParseCache>()), http_(std::make_unique<Http>()) {
  options_.write = false;  // the preview serves from memory and never touches the output folder
  current_ = std::make_shared<Snapshot>();
  const fs::path root(options_.project_root);
  watcher_ = std::make_unique<FileWatcher>(std::vector<fs::path>{root / options_.content_dir, root / options_.theme_dir},
                                           FileWatcher::mode_from_environment());

  httplib::Server& s = http_->server;
  s.new_task_queue = [] { return new httplib::ThreadPool(32); };
  s.set_read_timeout(5, 0);
  s.set_write_timeout(5, 0);
  s.set_keep_alive_timeout(2);
  s.set_keep_alive_max_count(100);
  s.set_payload_max_length(64 * 1024);
  // Headers and body go out in separate writes: with Nagle's algorithm the second waits for the
  // browser's delayed ACK, about 40 ms for every request on a kept-alive connection.
  s.set_tcp_nodelay(true);
  // Only this machine's own names: a page on another site that rebinds its DNS name to 127.0.0.1
  // sends its own name as Host and is refused.
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (is_allowed_host(req.get_header_value("Host"), port_)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content("forbidden: the preview answers only http://127.0.0.1:" + std::to_string(port_) + "/\n", kText);
    return httplib::Server::HandlerResponse::Handled;
  });
  s.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    HttpResponse r;
    if (req.path == "/__kijun/status" && req.has_param("after")) {
      // Long poll: answer when a build newer than the one the page shows is done.
      std::unique_lock lock(mutex_);
      const std::string after = req.get_param_value("after");
      if (http_->waiting < kMaxWaiting && after == std::to_string(current_->generation)) {
        ++http_->waiting;
        http_->changed.wait_for(lock, kLongPoll, [&] {
          return http_->stopping || after != std::to_string(current_->generation);
        });
        --http_->waiting;
      }
    }
    r = handle(req.target);
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(std::move(r.body), r.content_type.c_str());
  });
  auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content("method not allowed\n", kText);
  };
  s.Post(".*", not_allowed);
  s.Put(".*", not_allowed);
  s.Patch(".*", not_allowed);
  s.Delete(".*", not_allowed);
  s.Options(".*", not_allowed);
}

PreviewServer::~PreviewServer() {
  {
    std::lock_guard lock(mutex_);
    http_->stopping = true;
    if (finishing_) finishing_->cancel();
  }
  // run() leaves a build that was going when it stopped to finish on its own (the program exits
  // without waiting for it); a server that is destroyed instead waits for it, since it uses the
  // server to the end. It stops at the next page.
  while (building_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  http_->changed.notify_all();
  http_->server.stop();
  if (http_->thread.joinable()) http_->thread.join();
}

bool PreviewServer::listen(std::uint16_t port, std::string& error) {
  bool ok = port == 0 ? (port_ = static_cast<std::uint16_t>(http_->server.bind_to_any_port("127.0.0.1"))) != 0
                      : http_->server.bind_to_port("127.0.0.1", port);
  if (!ok) {
    error = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno);
    return false;
  }
  if (port != 0) port_ = port;
  return true;
}

std::shared_ptr<const PreviewServer::Snapshot> PreviewServer::snapshot() const {
  std::lock_guard lock(mutex_);
  return current_;
}

int PreviewServer::generation() const { return snapshot()->generation; }
std::string PreviewServer::last_messages() const { return snapshot()->messages; }
bool PreviewServer::last_build_ok() const { return snapshot()->ok; }
bool PreviewServer::last_build_complete() const { return snapshot()->complete; }

void PreviewServer::publish(std::shared_ptr<Snapshot> next) {
  {
    std::lock_guard lock(mutex_);
    current_ = std::move(next);
  }
  http_->changed.notify_all();
}

void PreviewServer::build_now(bool yield_to_requests) {
  // The last build may still be rendering a page for a request: give_back() waits for it, and
  // it renders nothing after.
  std::shared_ptr<SiteBuild> previous = std::move(last_build_);
  if (previous) previous->give_back(*cache_);
  std::shared_ptr<SiteBuild> build = SiteBuild::prepare(options_, cache_.get());
  const std::shared_ptr<const Snapshot> before = snapshot();
  auto messages_of = [](const Diagnostics& d) {
    std::ostringstream out;
    d.print(out);
    return out.str();
  };
  if (build->ready()) {
    // Open pages reload now; their content is rendered when asked for, while the rest is built.
    auto quick = std::make_shared<Snapshot>();
    quick->generation = before->generation + 1;
    quick->ok = true;
    quick->complete = false;
    quick->messages = messages_of(build->diagnostics());
    quick->files = before->files;
    quick->build = build;
    publish(quick);
    if (on_pages_ready) on_pages_ready();
  }
  previous.reset();  // freeing the last build's pages and provisions takes a while: after the news
  // The rest of the site is built at a lower priority (this thread and the ones it starts), so
  // that the pages asked for meanwhile are rendered and served first. Only on a thread of its own.
  if (yield_to_requests && build->ready()) setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
  {
    std::lock_guard lock(mutex_);
    finishing_ = build;
  }
  BuildResult r = build->finish();
  {
    std::lock_guard lock(mutex_);
    finishing_.reset();
  }
  last_build_ = build;
  // Another change came while the site was being rendered: the next build starts at once and
  // announces itself; this one's pages stay served until then.
  if (r.cancelled) return;
  auto done = std::make_shared<Snapshot>();
  done->messages = messages_of(r.diagnostics);
  done->ok = r.written;
  // A build is one generation; when its rendering fails after its first step was announced, that
  // failure is news too.
  done->generation = before->generation + 1 + (build->ready() && !r.written ? 1 : 0);
  done->files = r.written ? std::make_shared<const std::map<std::string, std::string>>(std::move(r.files))
                          : before->files;
  publish(done);
  if (on_build) on_build(r);
}

bool PreviewServer::rebuild_if_changed() {
  bool first = generation() == 0;
  bool changed = watcher_->wait(0);
  report_watch_fallback();
  if (!changed && !first) return false;
  if (!first && on_change) on_change();
  build_now();
  return true;
}

void PreviewServer::report_watch_fallback() {
  if (auto reason = watcher_->take_fallback_reason(); reason && on_watch_fallback) on_watch_fallback(*reason);
}

bool PreviewServer::watch_polling() const { return watcher_->polling(); }

HttpResponse PreviewServer::handle(const std::string& target) const {
  std::shared_ptr<const Snapshot> snap = snapshot();
  const auto deadline = std::chrono::steady_clock::now() + kWaitForSite;
  for (;;) {
    if (auto r = handle_once(*snap, target)) return *r;
    // A file of the whole site while it is still being built: wait for the next snapshot.
    std::unique_lock lock(mutex_);
    if (!http_->changed.wait_until(lock, deadline, [&] { return http_->stopping || current_ != snap; })) break;
    if (http_->stopping) break;
    snap = current_;
  }
  // Waited too long (or stopping): the last complete site's file.
  Snapshot last = *snap;
  last.complete = true;
  return *handle_once(last, target);
}

std::optional<HttpResponse> PreviewServer::handle_once(const Snapshot& snap, const std::string& target) const {
  std::string path = target.substr(0, target.find_first_of("?#"));
  if (path == "/__kijun/status") {
    nlohmann::json s = {{"generation", snap.generation},
                        {"ok", snap.ok},
                        {"complete", snap.complete},
                        {"site", snap.files != nullptr || snap.build != nullptr},
                        {"messages", snap.messages}};
    return HttpResponse{200, "application/json", s.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
  }
  if (path == "/__kijun/reload.js") return HttpResponse{200, "text/javascript; charset=utf-8", kReloadScript};
  std::string decoded;
  if (path.empty() || path[0] != '/' || !percent_decode(path, decoded)) return HttpResponse{400, kText, "bad request\n"};
  std::string rel = decoded.substr(1);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (!is_safe_relative_path(rel)) return HttpResponse{404, kText, "not found\n"};
  std::optional<std::string> body;
  std::string file = rel;
  if (!snap.complete && snap.build) {
    // Content pages (and the files they need) of the build being finished, rendered on request.
    body = snap.build->render_file(rel);
    if (!body && (body = snap.build->render_file(rel + "/index.html"))) file = rel + "/index.html";  // a folder
    if (!body) return std::nullopt;  // a file of the whole site: wait for it
  } else if (!snap.files) {
    // No site yet: the first build failed. Pages show why instead of "not found".
    bool page = rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".html") == 0;
    if (page || rel.find('.') == std::string::npos)
      return HttpResponse{503, "text/html; charset=utf-8", error_page(snap.messages)};
    return HttpResponse{404, kText, "not found\n"};
  } else {
    auto it = snap.files->find(rel);
    if (it == snap.files->end()) it = snap.files->find(rel + "/index.html");  // a folder
    if (it == snap.files->end()) return HttpResponse{404, kText, "not found\n"};
    file = it->first;
    body = it->second;
  }
  HttpResponse r;
  r.content_type = content_type_for(file);
  r.body = std::move(*body);
  if (r.content_type.rfind("text/html", 0) == 0) {
    std::size_t end = r.body.rfind("</body>");
    r.body.insert(end == std::string::npos ? r.body.size() : end, kReloadTag);
  }
  return r;
}

bool PreviewServer::run(const std::atomic<bool>& stop, int poll_ms) {
  std::signal(SIGPIPE, SIG_IGN);
  http_->thread = std::thread([this] { http_->server.listen_after_bind(); });
  // httplib's stop() does nothing before the server runs: wait until it does.
  for (int i = 0; i < 5000 && !http_->server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread builder;
  std::atomic<bool>& building = building_;
  bool pending = false;
  // A build frees about as much as it allocates, and the allocator keeps what is freed for the next one.
  // Once the sources have been quiet for a while it goes back to the system; not sooner, since
  // taking it back costs the next build its page faults (about 200 ms at 10,000 pages).
  bool trimmed = false;
  auto quiet_since = std::chrono::steady_clock::now();
  while (!stop.load()) {
    bool changed = watcher_->wait(poll_ms);
    report_watch_fallback();
    if (changed || building.load()) {
      quiet_since = std::chrono::steady_clock::now();
      trimmed = false;
    } else if (!trimmed && !pending && std::chrono::steady_clock::now() - quiet_since > kTrimAfter) {
      release_free_memory();
      trimmed = true;
    }
    pending = pending || changed;
    if (changed && building.load()) {
      // The sources changed again: the site being rendered is already out of date.
      std::lock_guard lock(mutex_);
      if (finishing_) finishing_->cancel();
    }
    if (pending && !building.load()) {
      if (builder.joinable()) builder.join();
      pending = false;
      building = true;
      if (on_change) on_change();
      builder = std::thread([this] {
        build_now(true);
        building_ = false;
      });
    }
  }
  {
    std::lock_guard lock(mutex_);
    http_->stopping = true;
  }
  http_->changed.notify_all();
  http_->server.stop();
  if (http_->thread.joinable()) http_->thread.join();
  if (!builder.joinable()) return false;
  if (!building.load()) {
    builder.join();
    return false;
  }
  builder.detach();  // the process exits without waiting for it; it writes nothing to disk
  return true;
}

}  // namespace kijun
