#pragma once
// Helpers shared by the C++ tests: temporary folders and small sites written on the fly.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "build.h"
#include "content/content_library.h"
#include "base/diagnostic.h"
#include "render/page_view.h"
#include "requirements/requirement_registry.h"

namespace kijun::test {

/// Every diagnostic in the compiler shape, in order: what the tests compare exactly.
inline std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(d.format());
  return out;
}

/// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("kijun-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

  /// Writes `text` at `rel` (folders created as needed) and returns the full path.
  std::filesystem::path write(const std::string& rel, const std::string& text) const {
    auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string source_dir() { return KIJUN_SOURCE_DIR; }

/// Options for a build of the project at `project` with the source tree's theme and lunr.js.
inline BuildOptions source_theme_options(const std::string& project) {
  BuildOptions opt;
  opt.project_root = project;
  opt.theme_dir = source_dir() + "/themes/default";
  opt.lunr_js = source_dir() + "/node_modules/lunr/lunr.js";
  return opt;
}

/// One run of the kijun binary: exit status and what it printed.
struct Run {
  int exit_code;
  std::string out, err;
};

/// Runs the kijun binary with `args` (shell words), its output caught in files under `scratch`.
inline Run run_kijun(const std::string& args, const TempDir& scratch) {
  std::filesystem::path out = scratch.path() / "stdout.txt", err = scratch.path() / "stderr.txt";
  std::string cmd = std::string("'") + KIJUN_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

/// The settings file every generated test site uses.
inline const char* kSiteYaml =
    "title: テスト基準\norganisation: 北九州市\nedition: 第1.1版\neffective_date: 令和7年4月1日\n"
    "effective_date_iso: 2025-04-01\n";

/// A small site written into a temporary folder (content/site.yaml, content/_index.md and `files`,
/// given as paths under content/), loaded, and its requirements resolved.
struct LoadedSite {
  TempDir dir;
  Diagnostics diags;
  std::optional<ContentLibrary> lib;
  std::optional<RequirementRegistry> reg;

  explicit LoadedSite(const std::vector<std::pair<std::string, std::string>>& files) {
    dir.write("content/site.yaml", kSiteYaml);
    dir.write("content/_index.md", "---\ntitle: ホーム\n---\n");
    for (const auto& [path, text] : files) dir.write("content/" + path, text);
    lib = ContentLibrary::load(dir.str(), "content", diags);
    if (lib) reg = RequirementRegistry::build(*lib, diags);
  }
  LoadedSite(std::initializer_list<std::pair<std::string, std::string>> files)
      : LoadedSite(std::vector<std::pair<std::string, std::string>>(files)) {}
  SiteModel model() const { return SiteModel{*lib, *reg}; }
  /// The index of the page at `url`, or -1.
  int page(const std::string& url) const {
    for (std::size_t i = 0; lib && i < lib->pages.size(); ++i)
      if (lib->pages[i].url == url) return static_cast<int>(i);
    return -1;
  }
  std::vector<std::string> messages() const { return test::messages(diags); }
};

}  // namespace kijun::test
