// The orchestrator's outputs: a build in memory (BuildOptions::write = false) gives exactly the
// files a build on disk writes, and building the same content twice gives the same bytes.
#include <catch2/catch.hpp>

#include "build.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

BuildOptions real_content(const fs::path& out) {
  BuildOptions opt;
  opt.project_root = test::source_dir();
  opt.out_dir = out.string();
  return opt;
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).generic_string()] = test::read_file(e.path());
  return files;
}

}  // namespace

TEST_CASE("a build in memory returns every file of a build on disk, byte for byte, and writes nothing") {
  test::TempDir scratch;
  BuildOptions opt = real_content(scratch.path() / "memory-site");
  opt.write = false;
  BuildResult memory = build_site(opt);
  INFO(memory.diagnostics.summary());
  REQUIRE(memory.written);
  CHECK_FALSE(fs::exists(scratch.path() / "memory-site"));
  CHECK(memory.files.count("index.html") == 1);
  CHECK(memory.files.count("assets/js/lunr.js") == 1);
  CHECK(memory.files.count("assets/css/kijun.css") == 1);

  BuildResult disk = build_site(real_content(scratch.path() / "site"));
  REQUIRE(disk.written);
  CHECK(disk.files.empty());
  const auto on_disk = read_tree(scratch.path() / "site");
  CHECK(on_disk.size() == memory.files.size());
  CHECK(disk.stats.bytes == memory.stats.bytes);
  for (const auto& [path, bytes] : on_disk) {
    INFO(path);
    auto it = memory.files.find(path);
    REQUIRE(it != memory.files.end());
    CHECK(it->second == bytes);
  }
}

TEST_CASE("building the same content twice gives the same files, byte for byte") {
  test::TempDir scratch;
  BuildOptions opt = real_content(scratch.path() / "site");
  opt.write = false;
  BuildResult a = build_site(opt), b = build_site(opt);
  REQUIRE(a.written);
  REQUIRE(b.written);
  REQUIRE(a.files.size() == b.files.size());
  std::size_t differing = 0;
  for (const auto& [path, bytes] : a.files) {
    auto it = b.files.find(path);
    if (it == b.files.end() || it->second != bytes) {
      UNSCOPED_INFO("differs: " << path);
      ++differing;
    }
  }
  CHECK(differing == 0);
}
