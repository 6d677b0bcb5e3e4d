// Integration tests: the real kijun binary builds fixture sites from tests/fixtures/sites.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <unistd.h>

#include <cstdlib>

#include "cli.h"
#include "build.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

using test::Run;
using test::run_kijun;

// Copies a fixture site into a scratch project with an existing site/ to protect.
std::string project_from_fixture(const std::string& name, const test::TempDir& scratch) {
  fs::path project = scratch.path() / "project";
  fs::copy(test::source_dir() + "/tests/fixtures/sites/" + name, project, fs::copy_options::recursive);
  fs::create_directories(project / "site");
  std::ofstream(project / "site/index.html") << "previous build";
  std::ofstream(project / "site/.kijun-site") << "made by an earlier build";
  return project.string();
}

std::string build_args(const std::string& project, const std::string& theme = "themes/default") {
  return "build -C '" + project + "' --theme '" + test::source_dir() + "/" + theme + "' --lunr '" + test::source_dir() +
         "/node_modules/lunr/lunr.js'";
}

}  // namespace

TEST_CASE("kijun --help, --version and usage errors") {
  test::TempDir scratch;
  Run help = run_kijun("--help", scratch);
  CHECK(help.exit_code == 0);
  CHECK(help.out.rfind("usage: kijun <command> [options]", 0) == 0);
  Run version = run_kijun("--version", scratch);
  CHECK(version.exit_code == 0);
  CHECK(version.out == std::string("kijun ") + KIJUN_VERSION + "\n");
  Run bad = run_kijun("bulid", scratch);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "kijun: unknown command 'bulid'\nTry 'kijun --help' for more information.\n");
  Run bad_flag = run_kijun("build --frobnicate", scratch);
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.err == "kijun: unknown option '--frobnicate'\nTry 'kijun --help' for more information.\n");
  CHECK(run_kijun("build --out", scratch).exit_code == 2);
  CHECK(run_kijun("", scratch).exit_code == 2);
}

TEST_CASE("a valid fixture site builds: pages, anchors, references, 参照元, exports, search files") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  Run r = run_kijun(build_args(project), scratch);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  fs::path site = fs::path(project) / "site";
  for (const char* f : {"index.html", "first.html", "chapter/index.html", "chapter/section.html", "requirements.html",
                        "search.html", "requirements.json", "requirements.csv", "search-index.json",
                        "assets/js/search-data.js", "assets/js/lunr.js", "assets/css/kijun.css", "r/T-1-1-1.html"})
    CHECK(fs::exists(site / f));
  std::string first = test::read_file(site / "first.html");
  CHECK(first.find("<html lang=\"ja\"") != std::string::npos);
  CHECK(first.find("id=\"T-1-1-1-a-2\"") != std::string::npos);
  CHECK(first.find("<span class=\"kj-cite\">1(1)①(ア)・2</span>") != std::string::npos);
  // 参照元 of T-1-1-1-a-2 links back to the provision on the chapter page that references it.
  CHECK(first.find("<a href=\"chapter/index.html#T-2-1\">2(1) 第二章の規定は 1(1)①(ア)・2 を参照する。</a>") !=
        std::string::npos);
  std::string chapter = test::read_file(site / "chapter/index.html");
  // A bare citation is kept on one line (kj-nobr).
  CHECK(chapter.find("<a class=\"kj-ref kj-nobr\" href=\"../first.html#T-1-1-1-a-2\"") != std::string::npos);
  // The home page's Markdown link to a .md file points at the built page.
  CHECK(test::read_file(site / "index.html").find("<a href=\"first.html\">第1章</a>") != std::string::npos);
  // Warnings are reported but do not fail the build.
  CHECK(r.err.find("content/01-first.md:16:1: warning[KJ302]: HTML は書けないため、表示しません") != std::string::npos);
  CHECK(test::read_file(site / "r/T-1-1-1.html").find("url=../first.html#T-1-1-1") != std::string::npos);
  // No staging folder is left next to site/.
  for (const auto& e : fs::directory_iterator(project))
    CHECK(e.path().filename().string().find("kijun-tmp") == std::string::npos);
}

TEST_CASE("build --timings prints the phases' times, which parse back to the files and bytes written") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  Run r = run_kijun(build_args(project) + " -q --timings", scratch);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("kijun: phases: load ", 0) == 0);  // with -q the only line on stdout
  BuildStats stats;
  REQUIRE(parse_phase_times(r.out, stats));
  // The files and bytes it names are those of the site written (its own marker files included).
  std::size_t files = 0, bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(project) / "site"))
    if (e.is_regular_file()) {
      ++files;
      bytes += e.file_size();
    }
  CHECK(stats.files == files);
  CHECK(stats.bytes == bytes);
  // Every figure is read back: printed again, the line is the same.
  CHECK("kijun: " + phase_times(stats) + "\n" == r.out);
  // Without the flag nothing of it is printed, and a line without the figures does not parse.
  CHECK(run_kijun(build_args(project) + " -q", scratch).out.empty());
  CHECK_FALSE(parse_phase_times("kijun: built site/ (3 pages) in 12 ms", stats));
  CHECK(run_kijun("check --timings", scratch).exit_code == 2);
}

TEST_CASE("strict mode (--strict) turns warnings into a failed build") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  Run r = run_kijun(build_args(project) + " --strict", scratch);
  CHECK(r.exit_code == 1);
  CHECK(test::read_file(fs::path(project) / "site/index.html") == "previous build");
  // The summary says why a build with warnings only failed.
  CHECK(r.err.ends_with("kijun: 警告 2 件（1 ファイル）。--strict のため警告もエラーとして扱います。"
                        "site/ は変更していません\n"));
}

TEST_CASE("the option --lang en prints the same diagnostics and summary in English, codes unchanged") {
  test::TempDir scratch;
  std::string project = project_from_fixture("unknown-key", scratch);
  Run r = run_kijun(build_args(project) + " --lang en", scratch);
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "content/01-typo.md:3:1: error[KJ110]: unknown front matter key 'titel' (did you mean 'title'?)\n"
        "kijun: 1 error in 1 file; site/ left unchanged\n");
  Run bad = run_kijun(build_args(project) + " --lang fr", scratch);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.rfind("kijun: unknown language 'fr' (use ja or en)\n", 0) == 0);
}

TEST_CASE("broken fixtures give the exact diagnostic, exit 1, and leave site/ untouched") {
  struct Case {
    const char* fixture;
    const char* theme;
    std::string expected;
  };
  const std::string theme_path = test::source_dir() + "/tests/fixtures/sites/minimal-theme";
  std::vector<Case> cases = {
      {"bad-yaml", "themes/default",
       "content/01-bad.md:3:9: error[KJ103]: YAML として読めません。「[」が閉じていません。"
        "「]」で閉じるか、文字として書くなら値全体を「\"」で囲んでください\n"},
      {"unknown-key", "themes/default",
       "content/01-typo.md:3:1: error[KJ110]: フロントマターに「titel」というキーはありません"
       "（「title」の誤りではありませんか？）\n"},
      {"bad-utf8", "themes/default",
       "content/01-latin1.md:4:4: error[KJ301]: UTF-8 ではない文字があります（バイト 0xFF）。"
       "ファイルを UTF-8 で保存してください\n"},
      {"unknown-ref", "themes/default",
       "content/01-ref.md:6:15: error[KJ203]: 要件ID「U-1-l」はどこにもありません（「U-1-1」の誤りではありませんか？）\n"},
      {"duplicate-id", "themes/default",
       "content/02-b.md:6:1: error[KJ201]: 要件ID「D-1」が重複しています（最初は content/01-a.md:4:3）\n"},
      {"missing-template", "tests/fixtures/sites/minimal-theme",
       "content/01-check.md:1:1: error[KJ403]: テーマにテンプレート「checklist」がありません（" + theme_path +
           "/templates/checklist.mustache が必要です）\n"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.fixture) {
      test::TempDir scratch;
      std::string project = project_from_fixture(c.fixture, scratch);
      Run r = run_kijun(build_args(project, c.theme), scratch);
      CHECK(r.exit_code == 1);
      CHECK(r.err == c.expected + "kijun: エラー 1 件（1 ファイル）。site/ は変更していません\n");
      CHECK(test::read_file(fs::path(project) / "site/index.html") == "previous build");
      int entries = 0;
      for ([[maybe_unused]] const auto& e : fs::directory_iterator(fs::path(project) / "site")) ++entries;
      CHECK(entries == 2);  // index.html and the marker, nothing else
    }
  }
}

TEST_CASE("the output folder is never one that holds the sources or files kijun did not make") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  for (const char* out : {"content", "content/inner", ".", ".."}) {
    Run r = run_kijun(build_args(project) + " --out " + out, scratch);
    CHECK(r.exit_code == 1);
    // (with the fixture's two raw-HTML warnings, sorted by file)
    CHECK(r.err.find(std::string(out) + ":1:1: error[KJ810]: 出力フォルダー " + out +
                     " は content/ やテーマと重なるため使えません（ビルドのたびに中身を入れ替えるため）。"
                     "--out で別のフォルダーを指定してください\n") != std::string::npos);
    const std::string summary =
        std::string("kijun: エラー 1 件、警告 2 件（2 ファイル）。") + out + "/ は変更していません\n";
    CHECK(r.err.ends_with(summary));
  }
  CHECK(fs::exists(fs::path(project) / "content/01-first.md"));
  fs::create_directories(fs::path(project) / "docs");
  std::ofstream(fs::path(project) / "docs/notes.txt") << "someone's notes";
  Run foreign = run_kijun(build_args(project) + " --out docs", scratch);
  CHECK(foreign.exit_code == 1);
  CHECK(foreign.err.find("\ndocs:1:1: error[KJ811]: 出力フォルダー docs は kijun が作ったものではありません"
                         "（.kijun-site がありません）。ビルドは中身をすべて入れ替えるので、このフォルダーを消すか、"
                         "--out で別のフォルダーを指定してください\n") != std::string::npos);
  CHECK(test::read_file(fs::path(project) / "docs/notes.txt") == "someone's notes");
  // A new folder, and then the same folder again, are fine: the first build leaves its marker.
  CHECK(run_kijun(build_args(project) + " --out public", scratch).exit_code == 0);
  CHECK(fs::exists(fs::path(project) / "public/.kijun-site"));
  CHECK(run_kijun(build_args(project) + " --out public", scratch).exit_code == 0);
}

TEST_CASE("a missing content folder or settings file is reported, not a crash") {
  test::TempDir scratch;
  Run none = run_kijun("build -C '" + scratch.str() + "'", scratch);
  CHECK(none.exit_code == 1);
  CHECK(none.err.rfind("content:1:1: error[KJ307]: content フォルダーが見つかりません\n", 0) == 0);
  scratch.write("content/_index.md", "---\ntitle: x\n---\n");
  Run no_settings = run_kijun("build -C '" + scratch.str() + "'", scratch);
  CHECK(no_settings.err.rfind(
            "content/site.yaml:1:1: error[KJ501]: サイトの設定ファイル site.yaml（title、organisation、edition、"
            "effective_date）がありません\n",
            0) == 0);
}

TEST_CASE("an output folder that cannot be made is a diagnostic naming it, not an internal error") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  std::ofstream(fs::path(project) / "afile") << "a file, not a folder";
  for (const std::string& out : {std::string("afile/site"), std::string("/proc/kijun-no-such/site")}) {
    Run r = run_kijun(build_args(project) + " --out '" + out + "'", scratch);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("internal error") == std::string::npos);
    CHECK(r.err.find(out + ":1:1: error[KJ801]") != std::string::npos);
  }
  CHECK(test::read_file(fs::path(project) / "site/index.html") == "previous build");
}

TEST_CASE("the lunr.js given by --lunr must be lunr.js 2.3.9 by its banner") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  std::ofstream(fs::path(project) / "fake.js") << "alert('not lunr');\n";
  Run r = run_kijun(build_args(project) + " --lunr '" + project + "/fake.js'", scratch);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("fake.js:1:1: error[KJ907]") != std::string::npos);
  CHECK(test::read_file(fs::path(project) / "site/index.html") == "previous build");
}

TEST_CASE("staging folders left by a killed build are removed by the next build") {
  test::TempDir scratch;
  std::string project = project_from_fixture("valid", scratch);
  // A pid that is not running: the largest pid the kernel can hand out, plus one.
  fs::path stale = fs::path(project) / ".site.kijun-tmp-4194399-abcdefgh";
  fs::create_directories(stale / "sub");
  std::ofstream(stale / "sub/index.html") << "half-written";
  fs::path mine = fs::path(project) / (".site.kijun-tmp-" + std::to_string(getpid()) + "-abcdefgh");
  fs::create_directories(mine);  // a live process's folder stays
  Run r = run_kijun(build_args(project), scratch);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(mine));
}
