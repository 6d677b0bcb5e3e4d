#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
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
  BuildOptions opt;
  opt.project_root = dir.str();
  opt.theme_dir = test::source_dir() + "/themes/default";
  opt.lunr_js = test::source_dir() + "/node_modules/lunr/lunr.js";
  return opt;
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
  CHECK(test::read_file(dir.path() / "site/index.html").find("/__kijun/reload.js") == std::string::npos);
  CHECK(server.handle("/a.html?x=1").status == 200);
  CHECK(server.handle("/assets/css/kijun.css").content_type == "text/css; charset=utf-8");
  CHECK(server.handle("/../secret.txt").status == 404);
  CHECK(server.handle("/%2e%2e/secret.txt").status == 404);
  CHECK(server.handle("/missing.html").status == 404);
  CHECK(server.handle("/%zz").status == 400);
  CHECK(server.handle("/__kijun/status").body == "{\"generation\":1,\"messages\":\"\",\"ok\":true}");
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
  std::string error;
  REQUIRE(server.listen(0, error));
  server.rebuild_if_changed();
  std::atomic<bool> stop{false};
  std::thread loop([&] { server.run(stop, 50); });

  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string req = "GET /a.html HTTP/1.1\r\nHost: localhost\r\n\r\n";
  send(fd, req.data(), req.size(), 0);
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  close(fd);
  stop = true;
  loop.join();
  CHECK(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(response.find("Content-Type: text/html; charset=utf-8\r\n") != std::string::npos);
  CHECK(response.find("id=\"P-1-1\"") != std::string::npos);
}
