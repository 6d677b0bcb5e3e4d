#include <catch2/catch.hpp>

#include "render/checklist.h"
#include "test_support.h"

using namespace kijun;

namespace {

// A small standard (3.3 with items and ・ measures, 3.1 with headings) and the pages given.
const char* kStandard =
    "---\ntitle: 導入\nnumber: \"3.3\"\nid: CS-3.3\n---\n"
    "- {#CS-3.3-1} ① 所属長は、以下を含む対策を実施すること。\n"
    "  - {#CS-3.3-1-a} (ア) アクセス制御\n"
    "    - {#CS-3.3-1-a-1} ・識別コードの管理\n"
    "    - {#CS-3.3-1-a-2} ・ネットワークに対するアクセス制御\n"
    "- {#CS-3.3-2} ② 所属長は、台帳に記録しなければならない。\n"
    "\n"
    "  記録した場合は、報告しなければならない。\n"
    "- {#CS-3.3-3} ③ 所属長は、手順を整備すること。\n"
    "\n"
    "  (例:手順は次のとおり。\n"
    "\n"
    "  - {#CS-3.3-3-a} (ア) 復旧手順を定めること。)\n";

const char* kSelection =
    "---\ntitle: 選定\nnumber: \"3.1\"\nid: CS-3.1\n---\n"
    "## (2) 格付に応じたセキュリティ要件 {#CS-3.1-2}\n\n"
    "所属長は、水準を求めること。\n\n"
    "(例:国内とする。)\n";

struct Site : test::LoadedSite {
  explicit Site(const std::string& checklist)
      : LoadedSite({{"03-important/_index.md", "---\ntitle: 章\nnumber: \"3\"\nid: CS-3\n---\n"},
                    {"03-important/01-selection.md", kSelection},
                    {"03-important/03-construction.md", kStandard},
                    {"07-checklists/_index.md", "---\ntitle: チェックリスト\ntype: page\n---\n"},
                    {"07-checklists/01-check.md", checklist}}) {
    REQUIRE(lib);
  }
  using LoadedSite::page;
  int page() const {
    int p = page("checklists/check.html");
    if (p < 0) FAIL("no checklist page");
    return p;
  }
  using LoadedSite::messages;
  std::vector<std::string> messages(const Diagnostics& d) const { return test::messages(d); }
};

std::string checklist_page(const std::string& body) {
  return "---\ntitle: 導入チェック\ntype: checklist\n---\n" + body;
}

}  // namespace

TEST_CASE("an item that is only a reference shows the provision's own wording, ID and citation") {
  Site s(checklist_page("- [ ] [[CS-3.3-1-a-2]]\n- [ ] [[CS-3.3-2]]\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), s.page(), d);
  CHECK(d.items().empty());
  REQUIRE(cl.groups.size() == 1);
  REQUIRE(cl.groups[0].items.size() == 2);
  const auto& a = cl.groups[0].items[0];
  CHECK(a.transcluded);
  REQUIRE(a.provisions.size() == 1);
  CHECK(a.provisions[0]->id == "CS-3.3-1-a-2");
  CHECK(a.provisions[0]->citation == "3.3①(ア)・2");
  CHECK(a.text == "ネットワークに対するアクセス制御");  // the enumerator is the citation's job
  CHECK(a.lead.empty());
  CHECK(a.detail.empty());
  CHECK(a.key == "CS-3.3-1-a-2");
  // A provision with more than one paragraph: the first is the item, the rest its explanation.
  const auto& b = cl.groups[0].items[1];
  CHECK(b.text == "所属長は、台帳に記録しなければならない。");
  CHECK(b.detail == "記録した場合は、報告しなければならない。");
}

TEST_CASE("a heading provision shows its title above the paragraph under it") {
  Site s(checklist_page("- [ ] [[CS-3.1-2]]\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  auto item = build_checklist(s.model(), s.page(), d).groups.at(0).items.at(0);
  CHECK(item.lead == "格付に応じたセキュリティ要件");
  CHECK(item.text == "所属長は、水準を求めること。");
  CHECK(item.detail == "(例:国内とする。)");
}

TEST_CASE("an explanation whose parenthesis closes only in a nested provision is left out") {
  Site s(checklist_page("- [ ] [[CS-3.3-3]]\n- [ ] [[CS-3.3-3-a]]\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  auto items = build_checklist(s.model(), s.page(), d).groups.at(0).items;
  CHECK(items.at(0).text == "所属長は、手順を整備すること。");
  CHECK(items.at(0).detail.empty());
  CHECK(items.at(1).text == "復旧手順を定めること。)");
}

TEST_CASE("items are numbered through the whole checklist and grouped under their headings") {
  Site s(
      checklist_page("はじめに確認します。\n\n次の段落です。\n\n"
                     "## アクセス制御\n\n- [ ] [[CS-3.3-1-a-1]]\n- [ ] [[CS-3.3-1-a-2]]\n\n"
                     "## 台帳\n\n- [ ] [[CS-3.3-2]]\n\n"
                     "## アクセス制御\n\n- [ ] [[CS-3.3-3]]\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), s.page(), d);
  CHECK(cl.intro == std::vector<std::string>{"はじめに確認します。", "次の段落です。"});
  REQUIRE(cl.groups.size() == 3);
  CHECK(cl.groups[0].title == "アクセス制御");
  CHECK(cl.groups[1].title == "台帳");
  CHECK(cl.groups[2].title == "アクセス制御");
  // Two headings with one text keep their own anchors.
  CHECK(!cl.groups[0].anchor.empty());
  CHECK(cl.groups[0].anchor != cl.groups[2].anchor);
  std::vector<int> numbers;
  for (const auto& g : cl.groups)
    for (const auto& it : g.items) numbers.push_back(it.number);
  CHECK(numbers == std::vector<int>{1, 2, 3, 4});
  CHECK(cl.item_count == 4);
  CHECK(cl.answer_count == 4);
  CHECK(cl.field_count == 0);
  // The pages of the standard that the items cite, in order of first use.
  REQUIRE(cl.source_pages.size() == 1);
  CHECK(s.lib->pages[cl.source_pages[0]].url == "important/construction.html");
}

TEST_CASE("free-text items keep their words and name the provisions they cite") {
  Site s(
      checklist_page("- [ ] パスワードを通知した\n"
                     "- [ ] 識別コードを管理した [[CS-3.3-1-a-1]]\n"
                     "- [ ] 台帳に記録した([[CS-3.3-2]])\n"
                     "- [ ] [[CS-3.3-2]]のとおり報告した\n"
                     "- [ ] [[CS-3.3-1|第一項]]の対策を実施した\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  auto items = build_checklist(s.model(), s.page(), d).groups.at(0).items;
  CHECK(d.items().empty());
  REQUIRE(items.size() == 5);
  CHECK(items[0].text == "パスワードを通知した");
  CHECK(items[0].provisions.empty());
  CHECK(!items[0].transcluded);
  CHECK(items[0].key.size() == 9);  // t + 8 hex digits
  CHECK(items[0].key[0] == 't');
  // A reference at the end names the provision; the 要件 column shows it, so the text leaves it out.
  CHECK(items[1].text == "識別コードを管理した");
  REQUIRE(items[1].provisions.size() == 1);
  CHECK(items[1].provisions[0]->id == "CS-3.3-1-a-1");
  CHECK(!items[1].transcluded);
  CHECK(items[2].text == "台帳に記録した");
  // Inside the sentence it reads as its citation; with its own text, as that text.
  CHECK(items[3].text == "3.3②のとおり報告した");
  CHECK(items[4].text == "第一項の対策を実施した");
  CHECK(items[4].provisions.at(0)->id == "CS-3.3-1");
  // Keys differ (they key the ticks stored in the browser).
  CHECK(items[1].key != items[2].key);
}

TEST_CASE("several references with one wording show it once, under a 記入欄 heading as a form") {
  Site s(
      checklist_page("## 登録項目(記入欄)\n\n- [ ] [[CS-3.3-1-a-1]] [[CS-3.3-1-a-1]]\n"
                     "- [ ] [[CS-3.3-1-a-1]] [[CS-3.3-1-a-2]]\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), s.page(), d);
  REQUIRE(cl.groups.size() == 1);
  CHECK(cl.groups[0].form);
  CHECK(cl.field_count == 2);
  CHECK(cl.answer_count == 0);
  const auto& items = cl.groups[0].items;
  CHECK(items[0].provisions.size() == 1);
  CHECK(items[0].text == "識別コードの管理");
  CHECK(items[0].form);
  CHECK(items[1].provisions.size() == 2);
  CHECK(items[1].text == "識別コードの管理\nネットワークに対するアクセス制御");
  CHECK(items[0].key != items[1].key);
}

TEST_CASE("an unknown ID is reported with the nearest ID, and the item keeps it as missing") {
  Site s(checklist_page("- [ ] [[CS-3.3-1-a-3]]\n- [ ] [[CS-3.3-2]]\n"));
  CHECK(s.messages() ==
        std::vector<std::string>{"content/07-checklists/01-check.md:5:7: error[KJ203]: 要件ID「CS-3.3-1-a-3」は"
                                 "どこにもありません（「CS-3.3-1-a-1」の誤りではありませんか？）"});
  Diagnostics d;
  Checklist cl = build_checklist(s.model(), s.page(), d);
  const auto& items = cl.groups.at(0).items;
  CHECK(items.at(0).missing == std::vector<std::string>{"CS-3.3-1-a-3"});
  CHECK(items.at(0).provisions.empty());
  CHECK(!items.at(0).transcluded);
  CHECK(items.at(1).number == 2);  // numbering goes on
  // The view and the CSV still render.
  auto view = checklist_view(s.model(), s.page(), cl);
  CHECK(view.get("tables")->is_non_empty_list());
  CHECK(checklist_csv(s.model(), cl).find("CS-3.3-1-a-3") != std::string::npos);
}

TEST_CASE("checklist slips are reported: no items, a ticked item, a provision listed twice") {
  {
    Site s(checklist_page("説明だけです。\n"));
    Diagnostics d;
    build_checklist(s.model(), s.page(), d);
    CHECK(s.messages(d) ==
          std::vector<std::string>{"content/07-checklists/01-check.md:1:1: error[KJ311]: チェックリストには"
                                   "「- [ ] [[CS-3.3-1-a-1]]」（要件の文をそのまま使う）か「- [ ] 文」の項目を書いてください"});
  }
  {
    Site s(checklist_page("- [x] [[CS-3.3-2]]\n- [ ] [[CS-3.3-2]]\n"));
    REQUIRE(s.messages().empty());
    Diagnostics d;
    build_checklist(s.model(), s.page(), d);
    auto m = s.messages(d);
    REQUIRE(m.size() == 2);
    CHECK(m[0] ==
          "content/07-checklists/01-check.md:5:3: warning[KJ312]: この項目にはチェックが入っています。"
          "チェックリストは空で始めます（「- [ ]」と書きます）。チェックは職員が画面で入れます");
    CHECK(m[1] ==
          "content/07-checklists/01-check.md:6:3: warning[KJ314]: 「CS-3.3-2」はこのチェックリストの項目にすでにあります"
          "（content/07-checklists/01-check.md:5）");
    CHECK(!d.has_errors());
  }
}

TEST_CASE("the view carries what the template needs, with nothing escaped") {
  Site s(
      checklist_page("確認の<手順>です。\n\n## 一般\n\n- [ ] [[CS-3.3-2]]\n- [ ] \"引用\" & <b>\n\n"
                     "## 項目(記入欄)\n\n- [ ] 名称\n"));
  Diagnostics d;
  auto v = checklist_view(s.model(), s.page(), build_checklist(s.model(), s.page(), d));
  CHECK(v.get("storage_key")->string_value() == "kijun-checklist:checklists/check.html");
  CHECK(v.get("csv_href")->string_value() == "check.csv");
  CHECK(v.get("item_count")->string_value() == "3");
  CHECK(v.get("answer_count")->string_value() == "2");
  CHECK(v.get("field_count")->string_value() == "1");
  const auto& tables = v.get("tables")->list_value();
  REQUIRE(tables.size() == 2);  // the answers, then the form
  CHECK(tables[0].get("form")->is_false());
  CHECK(tables[1].get("form")->is_true());
  const auto& items = tables[0].get("groups")->list_value().at(0).get("items")->list_value();
  REQUIRE(items.size() == 2);
  CHECK(items[0].get("number")->string_value() == "1");
  const auto& prov = items[0].get("provisions")->list_value().at(0);
  CHECK(prov.get("id")->string_value() == "CS-3.3-2");
  CHECK(prov.get("citation")->string_value() == "3.3②");
  CHECK(prov.get("href")->string_value() == "../important/construction.html#CS-3.3-2");
  CHECK(items[1].get("text")->string_value() ==
        "\"引用\" &");  // raw HTML is dropped by the parser; the rest is plain text
  CHECK(v.get("intro")->list_value().at(0).get("text")->string_value() == "確認の<手順>です。");
  const auto& sources = v.get("sources")->list_value();
  REQUIRE(sources.size() == 1);
  CHECK(sources[0].get("title")->string_value() == "3.3 導入");
  CHECK(sources[0].get("href")->string_value() == "../important/construction.html");
}

TEST_CASE("each checklist is exported as CSV with a BOM, a header row and one row per item") {
  Site s(checklist_page("## 一般\n\n- [ ] [[CS-3.3-2]]\n- [ ] 名称, 所属\n"));
  REQUIRE(s.messages().empty());
  Diagnostics d;
  const std::string csv = checklist_csv(s.model(), build_checklist(s.model(), s.page(), d));
  CHECK(checklist_csv_url(s.lib->pages[s.page()].url) == "checklists/check.csv");
  CHECK(csv.rfind("\xEF\xBB\xBFNo.,区分,要件ID,引用,確認項目,補足,回答(はい・いいえ・該当なし)または記入内容,備考\r\n",
                  0) == 0);
  CHECK(csv.find("\r\n1,一般,CS-3.3-2,3.3②,所属長は、台帳に記録しなければならない。,"
                 "記録した場合は、報告しなければならない。,,\r\n") != std::string::npos);
  CHECK(csv.find("\r\n2,一般,,,\"名称, 所属\",,,\r\n") != std::string::npos);
  CHECK(checklist_csv_url("a/b.html") == "a/b.csv");
}
