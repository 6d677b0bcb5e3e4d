// One mistake, one error: backup copies, pages that cannot be loaded, theme faults; and `kijun check`.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>

#include "build.h"
#include "render/theme.h"
#include "test_support.h"

using namespace kijun;
namespace fs = std::filesystem;

namespace {

using test::Run;
using test::run_kijun;

std::string check_args(const std::string& project) {
  return "check -C '" + project + "' --theme '" + test::source_dir() + "/themes/default' --lunr '" +
         test::source_dir() + "/node_modules/lunr/lunr.js'";
}

}  // namespace

TEST_CASE("backup copies are recognised by the names editors' tools give them") {
  CHECK(backup_original("04-operation - コピー.md") == "04-operation.md");
  CHECK(backup_original("04-operation - コピー (2).md") == "04-operation.md");
  CHECK(backup_original("04-operationのコピー.md") == "04-operation.md");
  CHECK(backup_original("04-operation (1).md") == "04-operation.md");
  CHECK(backup_original("04-operation（1）.md") == "04-operation.md");
  CHECK(backup_original("04-operation~.md") == "04-operation.md");
  CHECK(backup_original("04-operation.bak.md") == "04-operation.md");
  CHECK(backup_original("04-operation.md~") == "04-operation.md");
  CHECK(backup_original("04-operation.md.orig") == "04-operation.md");
  CHECK(backup_original("03-important - コピー") == "03-important");
  CHECK_FALSE(backup_original("04-operation.md"));
  CHECK_FALSE(backup_original("(1).md"));
  CHECK_FALSE(backup_original("01-terms.md"));
}

TEST_CASE("a backup copy is one error naming its original, not a duplicate of every ID") {
  test::LoadedSite s({{"01-a.md", "---\ntitle: A\n---\n- {#D-1} ① 一つ目。\n- {#D-2} ② 二つ目。\n"},
                      {"01-a - コピー.md", "---\ntitle: A\n---\n- {#D-1} ① 一つ目。\n- {#D-2} ② 二つ目。\n"},
                      {"01-a.md~", "old"}});
  auto m = s.messages();
  std::sort(m.begin(), m.end());  // in the order the folder lists them
  CHECK(m ==
        std::vector<std::string>{
            "content/01-a - コピー.md:1:1: error[KJ320]: バックアップの写しのようです（元は 01-a.md）。"
            "要らなければ消し、残すなら content/ の外に移してください",
            "content/01-a.md~:1:1: warning[KJ321]: バックアップのファイルのようです（元は 01-a.md）。"
            "読みませんが、要らなければ消してください"});
}

TEST_CASE("references to IDs of a page that cannot be loaded are counted, not reported one by one") {
  test::LoadedSite s({{"01-a.md", "---\ntitle: A\ntitel: x\nid: D-1\n---\n- {#D-1-1} ① 一つ目。\n"},
                      {"02-b.md", "---\ntitle: B\n---\n- {#E-1} ① [[D-1-1]] と [[D-1]] と [[D-1-9]]。[[E-2]]\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{"content/01-a.md:3:1: error[KJ110]: フロントマターに「titel」というキーはありません"
                                 "（「title」の誤りではありませんか？）",
                                 "content/02-b.md:4:44: error[KJ203]: 要件ID「E-2」はどこにもありません"
                                 "（「E-1」の誤りではありませんか？）"});
  CHECK(s.diags.unchecked_references() == 3);
  CHECK(s.diags.summary() ==
        "エラー 2 件（2 ファイル）。読み込めなかったページの要件ID への参照 3 か所は確かめていません");
  CHECK(s.diags.summary(Language::kEnglish) ==
        "2 errors in 2 files; 3 references to IDs of pages that could not be loaded not checked");
}

TEST_CASE("pages under a section that cannot be loaded are unavailable too") {
  test::LoadedSite s({{"01-sec/_index.md", "---\ntitle: [\n---\n"},
                      {"01-sec/01-a.md", "---\ntitle: A\n---\n- {#S-1} ① 一つ目。\n"},
                      {"02-b.md", "---\ntitle: B\n---\n[[S-1]]\n"}});
  REQUIRE(s.messages().size() == 1);
  CHECK(s.diags.items()[0].code == "KJ103");
  CHECK(s.diags.unchecked_references() == 1);
}

TEST_CASE("a theme fault is reported once, not once per page") {
  test::TempDir dir;
  dir.write("theme/templates/page.mustache", "{{> sidebar}}");
  Diagnostics diags;
  auto theme = Theme::load(dir.str(), "theme", diags);
  REQUIRE(theme);
  kainjow::mustache::data view;
  for (const char* page : {"content/a.md", "content/b.md", "content/c.md"}) {
    CHECK_FALSE(theme->render("page", view, page, diags));
    CHECK_FALSE(theme->render("checklist", view, page, diags));
  }
  CHECK(test::messages(diags) ==
        std::vector<std::string>{"theme/templates/page.mustache:1:1: error[KJ404]: 部品テンプレート「sidebar」がありません"
                                 "（theme/templates/partials/sidebar.mustache が必要です）",
                                 "content/a.md:1:1: error[KJ403]: テーマにテンプレート「checklist」がありません"
                                 "（theme/templates/checklist.mustache が必要です）"});
}

TEST_CASE("kijun check on the real content: no problems, and nothing written") {
  test::TempDir scratch;
  fs::path project = scratch.path() / "project";
  fs::create_directories(project);
  fs::copy(test::source_dir() + "/content", project / "content", fs::copy_options::recursive);
  Run r = run_kijun(check_args(project.string()), scratch);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("kijun: 確認しました（", 0) == 0);
  CHECK_FALSE(fs::exists(project / "site"));
  CHECK(check_site(test::source_theme_options(project.string())).written);
}

TEST_CASE("one broken front matter in the real content gives exactly one error line and the summary") {
  test::TempDir scratch;
  fs::path project = scratch.path() / "project";
  fs::create_directories(project);
  fs::copy(test::source_dir() + "/content", project / "content", fs::copy_options::recursive);
  const fs::path page = project / "content/03-important/04-operation.md";
  std::string text = test::read_file(page);
  REQUIRE(text.rfind("---\ntitle: ", 0) == 0);
  std::ofstream(page, std::ios::binary) << "---\ntitel: x\n" << text.substr(4);
  Run r = run_kijun(check_args(project.string()), scratch);
  CHECK(r.exit_code == 1);
  const std::string first = "content/03-important/04-operation.md:2:1: error[KJ110]: フロントマターに「titel」という"
                            "キーはありません（「title」の誤りではありませんか？）\n";
  REQUIRE(r.err.rfind(first, 0) == 0);
  const std::string rest = r.err.substr(first.size());
  CHECK(rest.rfind("kijun: エラー 1 件（1 ファイル）。読み込めなかったページの要件ID への参照 ", 0) == 0);
  CHECK(std::count(rest.begin(), rest.end(), '\n') == 1);
}
