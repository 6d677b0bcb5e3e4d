#include <catch2/catch.hpp>

#include "content/guide.h"
#include "render/checklist.h"
#include "render/ledger.h"
#include "render/package_view.h"
#include "test_support.h"

using namespace kijun;
using kainjow::mustache::data;

namespace {

// 5.1 and 5.2 of a small standard: the 台帳 list of 5.2(1)④ with `items` entries (ア)(イ)….
std::string procedures(int items) {
  static const char* kana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ"};
  static const char* names[] = {"クラウドサービスの名称", "提供者の名称", "利用目的", "取り扱う情報の格付", "利用期間",
                                "利用申請者(所属・氏名)", "利用者の範囲", "クラウドサービス管理者", "その他必要な項目",
                                "追加の項目"};
  std::string s =
      "---\ntitle: 利用申請\nnumber: \"5.2\"\nid: CS-5.2\n---\n"
      "## (1) 重要情報資産を取り扱う場合 {#CS-5.2-1}\n\n"
      "- {#CS-5.2-1-1} ① 所属長は、CISO へ利用申請を行うこと。\n"
      "- {#CS-5.2-1-4} ④ 所属長は、以下の内容を台帳に登録すること。\n";
  for (int i = 0; i < items; ++i)
    s += std::string("  - {#CS-5.2-1-4-") + static_cast<char>('a' + i) + "} (" + kana[i] + ") " + names[i] + "\n";
  return s;
}

const char* kAuthority =
    "---\ntitle: 許可権限者\nnumber: \"5.1\"\nid: CS-5.1\n---\n"
    "## (1) 重要情報資産を取り扱う場合 {#CS-5.1-1}\n\nCISO を許可権限者とする。\n";

const char* kChecklist =
    "---\ntitle: 申請チェック\ntype: checklist\n---\n"
    "## 手続き\n\n- [ ] [[CS-5.2-1-1]]\n\n"
    "## 台帳登録項目(記入欄)\n\n- [ ] [[CS-5.2-1-4-a]]\n- [ ] [[CS-5.2-1-4-c]]\n- [ ] 自由な記入欄\n";

const char* kGuide =
    "---\ntitle: 利用の流れ\ntype: guide\nguide:\n  steps:\n"
    "    - id: kind\n"
    "      question: 重要情報資産を取り扱いますか。\n"
    "      answers:\n"
    "        - {label: 取り扱う, next: result-important}\n"
    "        - {label: 取り扱わない, next: result-meeting}\n"
    "    - id: result-important\n"
    "      result: 重要情報資産を取り扱うクラウドサービス\n"
    "      approver: CISO([[CS-5.1-1]])\n"
    "      procedure: 所属長が申請し([[CS-5.2-1-1]])、台帳に登録します([[CS-5.2-1-4]])。\n"
    "      checklists: [07-checklists/01-app.md]\n"
    "      sign_off: [申請者(所属長), 許可権限者(CISO)]\n"
    "      classification: 重要情報資産\n"
    "    - id: result-meeting\n"
    "      result: 会議\n"
    "      procedure: 主催者が対策を講じます。\n"
    "      checklists: [07-checklists/01-app.md]\n"
    "      sign_off: [主催者, 所属長]\n"
    "---\n本文\n";

struct Site : test::LoadedSite {
  explicit Site(int items)
      : LoadedSite({{"05-procedures/_index.md", "---\ntitle: 手続き\nnumber: \"5\"\nid: CS-5\n---\n"},
                    {"05-procedures/01-authority.md", kAuthority},
                    {"05-procedures/02-application.md", procedures(items)},
                    {"07-checklists/_index.md", "---\ntitle: チェックリスト\ntype: page\n---\n"},
                    {"07-checklists/01-app.md", kChecklist},
                    {"08-guide.md", kGuide}}) {
    REQUIRE(lib);
    REQUIRE(messages().empty());
  }
  const GuideStep& result(const std::string& id) const {
    for (const auto& p : lib->pages)
      if (p.meta.guide)
        if (const GuideStep* s = p.meta.guide->find(id)) return *s;
    FAIL("no step " << id);
    throw 0;
  }
};

std::string str(const data& d, const std::string& key) {
  const data* v = d.get(key);
  REQUIRE(v);
  REQUIRE(v->is_string());
  return v->string_value();
}

}  // namespace

TEST_CASE("a guide result's 台帳 is the list its procedure refers to; web meetings have none", "[package]") {
  Site s(9);
  const Provision* ledger = ledger_of_result(*s.reg, s.result("result-important"));
  REQUIRE(ledger);
  CHECK(ledger->id == "CS-5.2-1-4");
  CHECK(ledger->citation == "5.2(1)④");
  CHECK(ledger_of_result(*s.reg, s.result("result-meeting")) == nullptr);
  // CS-5.2-1-1 names no 台帳 and has nothing under it.
  CHECK_FALSE(is_ledger_list(*s.reg, *s.reg->find("CS-5.2-1-1")));
  CHECK(ledger_position(*s.reg, {s.reg->find("CS-5.2-1-4-c")}) == 2);
  CHECK(ledger_position(*s.reg, {s.reg->find("CS-5.2-1-1")}) == -1);
  CHECK(ledger_field(2) == "purpose");
  CHECK(ledger_field(9).empty());
}

TEST_CASE("the checklist's 台帳 fields name the record field they show; other fields none", "[package]") {
  Site s(9);
  int page = s.page("checklists/app.html");
  REQUIRE(page >= 0);
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), page, d);
  REQUIRE(d.items().empty());
  data v = checklist_view(s.model(), page, cl, {"package.html", "c1-"});
  CHECK(str(v, "id_prefix") == "c1-");
  CHECK(str(v, "package_href") == "package.html");
  CHECK(str(checklist_view(s.model(), page, cl), "package_href") == "../package.html");
  CHECK(str(v, "page_url") == "checklists/app.html");
  const auto& tables = v.get("tables")->list_value();
  REQUIRE(tables.size() == 2);
  const auto& form = tables[1].get("groups")->list_value()[0].get("items")->list_value();
  REQUIRE(form.size() == 3);
  CHECK(str(form[0], "ledger") == "service");
  CHECK(str(form[1], "ledger") == "purpose");
  CHECK(form[2].get("ledger") == nullptr);
  // Links are relative to the page that shows the checklist.
  const auto& first = tables[0].get("groups")->list_value()[0].get("items")->list_value()[0];
  CHECK(str(first.get("provisions")->list_value()[0], "href") == "procedures/application.html#CS-5.2-1-1");
}

TEST_CASE("the package page's cases come from the guide: checklists, approver, sign-off, 格付, 台帳", "[package]") {
  Site s(9);
  int page = s.page("checklists/app.html");
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), page, d);
  data v = package_view(s.model(), {{page, &cl}}, d);
  CHECK(test::messages(d).empty());
  const data& pkg = *v.get("package");
  const auto& cases = pkg.get("cases")->list_value();
  REQUIRE(cases.size() == 2);
  CHECK(str(cases[0], "id") == "result-important");
  CHECK(str(cases[0], "approver") == "CISO(5.1(1))");
  CHECK(str(cases[0], "sign_off") == "申請者(所属長)|許可権限者(CISO)");
  CHECK(str(cases[0], "classification") == "重要情報資産");
  CHECK(str(cases[0], "checklists") == "checklists/app.html");
  CHECK(str(cases[0], "ledger") == "5.2(1)④");
  CHECK(cases[1].get("ledger") == nullptr);
  const auto& rows = pkg.get("ledger_rows")->list_value();
  REQUIRE(rows.size() == 9);
  CHECK(str(rows[0], "enumerator") == "(ア)");
  CHECK(str(rows[0], "text") == "クラウドサービスの名称");
  CHECK(str(rows[0], "field") == "service");
  CHECK(rows[0].get("record")->is_true());
  CHECK(rows[2].get("record")->is_false());
  const auto& lists = pkg.get("checklists")->list_value();
  REQUIRE(lists.size() == 1);
  CHECK(str(lists[0], "href") == "checklists/app.html");
  CHECK(str(*lists[0].get("checklist"), "id_prefix") == "c1-");
  CHECK(str(pkg, "checklists_href") == "checklists/index.html");
  CHECK(str(pkg, "guide_href") == "guide.html");
}

TEST_CASE("a 台帳 list with other items than (ア)–(ケ) is reported (KJ750) where it is defined", "[package]") {
  Site s(10);
  int page = s.page("checklists/app.html");
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), page, d);
  package_view(s.model(), {{page, &cl}}, d);
  CHECK(test::messages(d) ==
        std::vector<std::string>{
            "content/05-procedures/02-application.md:9:3: warning[KJ750]: 台帳の項目（5.2(1)④）が 10 個あります。"
            "申請パッケージの記録は (ア)〜(ケ) の 9 個に対応しています。項目と記録の対応（src/render/ledger.h の "
            "kLedgerFields）を直してください"});
}
