#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "serve/preview_server.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

BuildOptions preview_options(const test::TempDir& dir) {
  dir.write("content/site.yaml", test::kSiteYaml);
  dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n最初の本文\n");
  dir.write("content/01-a.md", "---\ntitle: A\nid: P-1\n---\n- {#P-1-1} ① 要件。\n");
  return test::source_theme_options(dir.str());
}

// Binds the server to a free loopback port and runs its first build.
void listen_and_build(PreviewServer& server) {
  std::string error;
  REQUIRE(server.listen(0, error));
  server.rebuild_if_changed();
}

// Runs the server's loop on a thread for the scope.
struct Serving {
  PreviewServer& server;
  std::atomic<bool> stop{false};
  std::thread loop;
  explicit Serving(PreviewServer& s) : server(s), loop([this] { server.run(stop, 20); }) {}
  ~Serving() {
    stop = true;
    loop.join();
  }
};

int connect_to(std::uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{10, 0};  // a guard against a hung test, not a speed limit
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// Sends `request` on a new connection and reads until the server closes it.
std::string exchange(std::uint16_t port, const std::string& request) {
  int fd = connect_to(port);
  if (fd < 0) return "";
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return response;
}

// A file's modification time moves forward, so that the change is seen even within one second.
void touch_later(const fs::path& p) { fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(2)); }

}  // namespace

TEST_CASE("percent-decoding rejects malformed escapes and NUL bytes") {
  std::string out;
  CHECK(percent_decode("/a%20b", out));
  CHECK(out == "/a b");
  CHECK(percent_decode("/%E6%97%A5", out));
  CHECK(out == "/日");
  CHECK_FALSE(percent_decode("/%zz", out));
  CHECK_FALSE(percent_decode("/%00", out));
  CHECK_FALSE(percent_decode("/%4", out));
}

TEST_CASE("the preview serves the built site with a reload script and refuses paths outside it") {
  test::TempDir dir;
  dir.write("secret.txt", "outside the site");
  PreviewServer server(preview_options(dir));
  REQUIRE(server.rebuild_if_changed());
  CHECK(server.last_build_ok());
  HttpResponse home = server.handle("/");
  CHECK(home.status == 200);
  CHECK(home.content_type == "text/html; charset=utf-8");
  CHECK(home.body.find("最初の本文") != std::string::npos);
  // The reload script is a file (the pages forbid inline script), added to the response only.
  CHECK(home.body.find("<script src=\"/__kijun/reload.js\"></script>") != std::string::npos);
  CHECK(home.body.find("<script>") == std::string::npos);
  CHECK(server.handle("/__kijun/reload.js").body.find("/__kijun/status") != std::string::npos);
  CHECK(server.handle("/__kijun/reload.js").content_type == "text/javascript; charset=utf-8");
  CHECK_FALSE(fs::exists(dir.path() / "site"));  // served from memory: nothing is written to disk
  CHECK(server.handle("/a.html?x=1").status == 200);
  CHECK(server.handle("/assets/css/kijun.css").content_type == "text/css; charset=utf-8");
  CHECK(server.handle("/../secret.txt").status == 404);
  CHECK(server.handle("/%2e%2e/secret.txt").status == 404);
  CHECK(server.handle("/missing.html").status == 404);
  CHECK(server.handle("/%zz").status == 400);
  CHECK(server.handle("/__kijun/status").body ==
        "{\"complete\":true,\"generation\":1,\"messages\":\"\",\"ok\":true,\"site\":true}");
}

TEST_CASE("the preview rebuilds on change, and shows errors while keeping the last good site") {
  test::TempDir dir;
  PreviewServer server(preview_options(dir));
  int changes = 0, builds = 0;
  server.on_change = [&] { ++changes; };
  server.on_build = [&](const BuildResult&) { ++builds; };
  server.rebuild_if_changed();
  CHECK_FALSE(server.rebuild_if_changed());  // nothing changed
  CHECK(changes == 0);                       // the first build is no change
  CHECK(builds == 1);
  auto page = dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n直した本文\n");
  touch_later(page);
  REQUIRE(server.rebuild_if_changed());
  CHECK(server.generation() == 2);
  CHECK(changes == 1);
  CHECK(builds == 2);
  CHECK(server.handle("/").body.find("直した本文") != std::string::npos);

  auto broken = dir.write("content/01-a.md", "---\ntitle: A\ntitel: x\n---\n");
  touch_later(broken);
  REQUIRE(server.rebuild_if_changed());
  CHECK_FALSE(server.last_build_ok());
  CHECK(server.last_messages() ==
        "content/01-a.md:3:1: error[KJ110]: フロントマターに「titel」というキーはありません"
        "（「title」の誤りではありませんか？）\n");
  CHECK(server.handle("/__kijun/status").body.find("\"ok\":false") != std::string::npos);
  CHECK(server.handle("/a.html").status == 200);  // the previous site is still served
}

TEST_CASE("the preview answers over a loopback socket") {
  test::TempDir dir;
  PreviewServer server(preview_options(dir));
  listen_and_build(server);
  Serving serving(server);
  std::string response = exchange(server.port(), "GET /a.html HTTP/1.1\r\nHost: localhost:" +
                                                     std::to_string(server.port()) + "\r\nConnection: close\r\n\r\n");
  CHECK(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(response.find("Content-Type: text/html; charset=utf-8\r\n") != std::string::npos);
  CHECK(response.find("id=\"P-1-1\"") != std::string::npos);
  std::string head = exchange(server.port(), "HEAD /a.html HTTP/1.1\r\nHost: 127.0.0.1:" +
                                                 std::to_string(server.port()) + "\r\nConnection: close\r\n\r\n");
  CHECK(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(head.find("id=\"P-1-1\"") == std::string::npos);
  std::string post = exchange(server.port(), "POST /a.html HTTP/1.1\r\nHost: 127.0.0.1:" +
                                                 std::to_string(server.port()) +
                                                 "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  CHECK(post.rfind("HTTP/1.1 405 ", 0) == 0);
}

TEST_CASE("the Host header must name this machine and port, against DNS rebinding") {
  CHECK(is_allowed_host("127.0.0.1:4000", 4000));
  CHECK(is_allowed_host("localhost:4000", 4000));
  CHECK(is_allowed_host("LocalHost:4000", 4000));
  CHECK(is_allowed_host("[::1]:4000", 4000));
  for (const char* bad : {"", "localhost", "127.0.0.1", "127.0.0.1:4001", "evil.example:4000", "localhost.evil:4000",
                          "127.0.0.1:4000.evil", "127.0.0.2:4000", "[::1]:40000", " localhost:4000"})
    CHECK_FALSE(is_allowed_host(bad, 4000));
  test::TempDir dir;
  PreviewServer server(preview_options(dir));
  listen_and_build(server);
  Serving serving(server);
  const std::string port = std::to_string(server.port());
  for (const std::string& host : {"evil.example:" + port, std::string("localhost"), std::string("attacker.test")}) {
    std::string r = exchange(server.port(), "GET /__kijun/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    CHECK(r.rfind("HTTP/1.1 403 ", 0) == 0);
    CHECK(r.find("generation") == std::string::npos);
  }
  std::string none = exchange(server.port(), "GET / HTTP/1.0\r\n\r\n");
  CHECK(none.rfind("HTTP/1.1 403 ", 0) == 0);
  std::string empty = exchange(server.port(), "\r\n\r\n");
  CHECK(empty.rfind("HTTP/1.1 400 ", 0) == 0);
  std::string ok = exchange(server.port(), "GET /__kijun/status HTTP/1.1\r\nHost: [::1]:" + port + "\r\nConnection: close\r\n\r\n");
  CHECK(ok.rfind("HTTP/1.1 200 ", 0) == 0);
}

TEST_CASE("a slow client, a client that never reads, and many at once do not stall the preview") {
  test::TempDir dir;
  std::string big = "---\ntitle: 大\n---\n";
  for (int i = 0; i < 20000; ++i) big += "大きなページの本文です。\n\n";  // a response of several megabytes
  dir.write("content/02-big.md", big);
  PreviewServer server(preview_options(dir));
  listen_and_build(server);
  REQUIRE(server.last_build_ok());
  Serving serving(server);
  const std::string host = "Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n";
  // One client dribbles its request a byte at a time; another asks for a big page and never reads.
  int slow = connect_to(server.port());
  send(slow, "GET /a.h", 8, MSG_NOSIGNAL);
  int stuck = connect_to(server.port());
  std::string big_req = "GET /big.html HTTP/1.1\r\n" + host + "\r\n";
  send(stuck, big_req.data(), big_req.size(), MSG_NOSIGNAL);
  // Meanwhile everyone else is answered: 100 requests on 50 connections at once.
  std::vector<std::thread> clients;
  std::atomic<int> answered{0};
  for (int i = 0; i < 50; ++i)
    clients.emplace_back([&] {
      for (int k = 0; k < 2; ++k)
        if (exchange(server.port(), "GET /a.html HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").rfind("HTTP/1.1 200", 0) == 0)
          ++answered;
    });
  for (auto& t : clients) t.join();
  CHECK(answered == 100);
  send(slow, "t", 1, MSG_NOSIGNAL);
  close(slow);
  close(stuck);
}

TEST_CASE("when the very first build fails, pages show its errors instead of 'not found'") {
  test::TempDir dir;
  BuildOptions opt = preview_options(dir);
  dir.write("content/01-a.md", "---\ntitle: A\ntitel: x\n---\n");
  PreviewServer server(opt);
  server.rebuild_if_changed();
  REQUIRE_FALSE(server.last_build_ok());
  HttpResponse page = server.handle("/a.html");
  CHECK(page.status == 503);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body.find("content/01-a.md:3:1: error[") != std::string::npos);
  CHECK(page.body.find("titel") != std::string::npos);
  CHECK(page.body.find("<script src=\"/__kijun/reload.js\"></script>") != std::string::npos);
  CHECK(server.handle("/").status == 503);
  CHECK(server.handle("/assets/css/kijun.css").status == 404);
  CHECK(server.handle("/__kijun/status").body.find("\"site\":false") != std::string::npos);
  // Fixed: the site appears.
  dir.write("content/01-a.md", "---\ntitle: A\n---\n本文\n");
  REQUIRE(server.rebuild_if_changed());
  CHECK(server.handle("/a.html").status == 200);
}

TEST_CASE("folders created and deleted under content/ while the preview watches never stop it") {
  test::TempDir dir;
  PreviewServer server(preview_options(dir));
  listen_and_build(server);
  int before = server.generation();
  {
    Serving serving(server);
    for (int i = 0; i < 200; ++i) {
      std::error_code ec;
      auto d = dir.path() / "content" / ("s" + std::to_string(i % 5)) / "sub";
      fs::create_directories(d, ec);
      std::ofstream(d / "x.md") << "---\ntitle: X\n---\n";
      fs::remove_all(d.parent_path(), ec);
    }
    // Settle: the last build sees no extra folders and succeeds.
    dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n落ち着いた本文\n");
    for (int i = 0; i < 100 && server.handle("/").body.find("落ち着いた本文") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    while (server.generation() > 0 && !server.last_build_ok()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(server.generation() > before);
  CHECK(server.handle("/").body.find("落ち着いた本文") != std::string::npos);
}

TEST_CASE("a long poll on the status answers as soon as a new build is done") {
  test::TempDir dir;
  PreviewServer server(preview_options(dir));
  listen_and_build(server);
  Serving serving(server);
  std::string answer;
  std::thread waiter([&] {
    answer = exchange(server.port(), "GET /__kijun/status?after=1 HTTP/1.1\r\nHost: 127.0.0.1:" +
                                         std::to_string(server.port()) + "\r\nConnection: close\r\n\r\n");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(answer.empty());  // still waiting: nothing changed
  dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n新しい本文\n");
  waiter.join();
  CHECK(answer.find("\"generation\":2") != std::string::npos);
}

TEST_CASE("stopping during a rebuild returns at once, leaving the build to finish on its own") {
  test::TempDir dir;
  BuildOptions opt = preview_options(dir);
  for (int i = 0; i < 150; ++i)
    dir.write("content/p" + std::to_string(i) + ".md", "---\ntitle: P" + std::to_string(i) + "\n---\n" +
                                                           std::string(3000, 'x') + "\n");
  PreviewServer server(opt);
  listen_and_build(server);
  std::atomic<bool> stop{false};
  server.on_change = [&] { stop = true; };  // Ctrl+C right as the rebuild starts
  dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\n変更\n");
  bool abandoned = server.run(stop, 20);
  CHECK(abandoned);  // the build was still going when run() returned: it did not wait for it
  // The build finishes on its own (it may be done by the time a check here runs), and the server,
  // when destroyed, waits for its thread.
  while (server.generation() == 1) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(server.generation() == 2);
}

TEST_CASE("with KIJUN_WATCH=poll the preview says it polls, and still rebuilds after an edit", "[watch]") {
  test::TempDir dir;
  setenv("KIJUN_WATCH", "poll", 1);
  PreviewServer server(preview_options(dir));
  unsetenv("KIJUN_WATCH");
  std::vector<std::string> reasons;
  server.on_watch_fallback = [&](const std::string& reason) { reasons.push_back(reason); };
  listen_and_build(server);
  CHECK(server.watch_polling());
  CHECK(reasons == std::vector<std::string>{"KIJUN_WATCH=poll"});
  int before = server.generation();
  {
    Serving serving(server);
    dir.write("content/_index.md", "---\ntitle: ホーム\ntype: page\n---\nポーリングで見つけた本文\n");
    for (int i = 0; i < 100 && server.handle("/").body.find("ポーリングで見つけた本文") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(server.generation() > before);
  CHECK(server.handle("/").body.find("ポーリングで見つけた本文") != std::string::npos);
  CHECK(reasons.size() == 1);  // said once
}

TEST_CASE("after a change, content pages are served before the rest of the site is built, which generated files wait for") {
  test::TempDir dir;
  PreviewServer server(preview_options(dir));
  listen_and_build(server);
  // The builder is held once the pages can be served, until the test lets it go on.
  std::mutex m;
  std::condition_variable cv;
  bool held = false, go_on = false;
  server.on_pages_ready = [&] {
    std::unique_lock lock(m);
    held = true;
    cv.notify_all();
    cv.wait(lock, [&] { return go_on; });
  };
  Serving serving(server);
  const std::string before_search = server.handle("/search.html").body;
  dir.write("content/01-a.md", "---\ntitle: 新しい題名\nid: P-1\n---\n- {#P-1-1} ① 直した要件。\n");
  {
    std::unique_lock lock(m);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return held; }));
  }
  CHECK(server.generation() == 2);
  CHECK_FALSE(server.last_build_complete());
  CHECK(server.handle("/__kijun/status").body.find("\"complete\":false") != std::string::npos);
  // The edited page and the others, with the new title in their navigation.
  CHECK(server.handle("/a.html").body.find("直した要件") != std::string::npos);
  CHECK(server.handle("/index.html").body.find("新しい題名") != std::string::npos);
  CHECK(server.handle("/assets/css/kijun.css").status == 200);
  // A generated page waits for the whole site.
  std::atomic<bool> answered{false};
  std::string search;
  std::thread waiter([&] {
    search = server.handle("/search.html").body;
    answered = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK_FALSE(answered);
  {
    std::lock_guard lock(m);
    go_on = true;
  }
  cv.notify_all();
  waiter.join();
  CHECK(server.last_build_complete());
  CHECK(server.generation() == 2);  // the same build: open pages do not reload a second time
  CHECK(search.find("新しい題名") != std::string::npos);
  CHECK(before_search.find("新しい題名") == std::string::npos);
}
