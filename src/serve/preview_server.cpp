#include "serve/preview_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/disk.h"
#include "output/site_writer.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

// Polls /__kijun/status; reloads on a new build, shows the errors of a failed one.
// Served as a file, since the pages' Content-Security-Policy forbids inline script.
constexpr const char* kReloadTag = "<script src=\"/__kijun/reload.js\"></script>\n";
constexpr const char* kReloadScript = R"JS((function () {
  var seen = null, box = null;
  function show(messages) {
    if (!box) {
      box = document.createElement('pre');
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;' +
        'padding:1em;background:#fff0f0;color:#8a1111;border-top:3px solid #c00;font:13px/1.5 monospace;z-index:9999;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = 'kijun: ビルドできませんでした(前回のサイトを表示しています)\n\n' + messages;
  }
  function check() {
    fetch('/__kijun/status', {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.generation !== seen && s.ok) { location.reload(); return; }
      seen = s.generation;
      if (!s.ok) show(s.messages); else if (box) { box.remove(); box = null; }
    }).catch(function () {}).then(function () { setTimeout(check, 700); });
  }
  check();
})();
)JS";

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

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default: return "Error";
  }
}

}  // namespace

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

PreviewServer::PreviewServer(BuildOptions options) : options_(std::move(options)) {}

PreviewServer::~PreviewServer() {
  if (listen_fd_ >= 0) close(listen_fd_);
}

bool PreviewServer::listen(std::uint16_t port, std::string& error) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) {
    error = std::strerror(errno);
    return false;
  }
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // the preview is for this machine only
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0) {
    error = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno);
    return false;
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  return true;
}

std::map<std::string, std::string> PreviewServer::snapshot() const {
  std::map<std::string, std::string> files;
  for (const std::string& dir : {options_.content_dir, options_.theme_dir}) {
    fs::path root = fs::path(options_.project_root) / dir;
    for (const auto& rel : list_files_recursive(root)) {
      std::error_code ec;
      fs::path p = root / rel;
      auto time = fs::last_write_time(p, ec).time_since_epoch().count();
      files[dir + "/" + rel] = std::to_string(time) + ":" + std::to_string(fs::file_size(p, ec));
    }
  }
  return files;
}

bool PreviewServer::rebuild_if_changed() {
  auto now = snapshot();
  if (generation_ > 0 && now == last_snapshot_) return false;
  if (generation_ > 0 && on_change) on_change();
  last_snapshot_ = std::move(now);
  BuildResult r = build_site(options_);
  std::ostringstream messages;
  r.diagnostics.print(messages);
  last_messages_ = messages.str();
  last_ok_ = r.written;
  ++generation_;
  if (on_build) on_build(r);
  return true;
}

HttpResponse PreviewServer::handle(const std::string& target) const {
  std::string path = target.substr(0, target.find_first_of("?#"));
  if (path == "/__kijun/status") {
    nlohmann::json s = {{"generation", generation_}, {"ok", last_ok_}, {"messages", last_messages_}};
    return {200, "application/json", s.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
  }
  if (path == "/__kijun/reload.js") return {200, "text/javascript; charset=utf-8", kReloadScript};
  std::string decoded;
  if (path.empty() || path[0] != '/' || !percent_decode(path, decoded))
    return {400, "text/plain; charset=utf-8", "bad request\n"};
  std::string rel = decoded.substr(1);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (!is_safe_relative_path(rel)) return {404, "text/plain; charset=utf-8", "not found\n"};
  fs::path file = fs::path(options_.project_root) / options_.out_dir / rel;
  std::error_code ec;
  if (fs::is_directory(file, ec)) file /= "index.html";
  // Only regular files inside the output folder are served; symbolic links are not followed.
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return {404, "text/plain; charset=utf-8", "not found\n"};
  HttpResponse r;
  try {
    r.body = read_bytes(file);
  } catch (const std::exception&) {
    return {404, "text/plain; charset=utf-8", "not found\n"};
  }
  r.content_type = content_type_for(file.string());
  if (r.content_type.rfind("text/html", 0) == 0) {
    std::size_t end = r.body.rfind("</body>");
    r.body.insert(end == std::string::npos ? r.body.size() : end, kReloadTag);
  }
  return r;
}

void PreviewServer::serve_connection(int fd) const {
  // Read the request head (bounded), answer GET/HEAD, close.
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 16384) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) return;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, static_cast<std::size_t>(n));
  }
  std::istringstream head(request);
  std::string method, target, version;
  head >> method >> target >> version;
  HttpResponse r;
  if (method != "GET" && method != "HEAD")
    r = {405, "text/plain; charset=utf-8", "method not allowed\n"};
  else
    r = handle(target);
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) +
                    "\r\nContent-Type: " + r.content_type + "\r\nContent-Length: " + std::to_string(r.body.size()) +
                    "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
  if (method != "HEAD") out += r.body;
  for (std::size_t sent = 0; sent < out.size();) {
    ssize_t n = send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
}

void PreviewServer::run(const std::atomic<bool>& stop, int poll_ms) {
  while (!stop.load()) {
    pollfd p{listen_fd_, POLLIN, 0};
    int ready = poll(&p, 1, poll_ms);
    if (ready > 0) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        serve_connection(fd);
        close(fd);
      }
    }
    rebuild_if_changed();
  }
}

}  // namespace kijun
