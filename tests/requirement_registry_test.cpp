#include <catch2/catch.hpp>

#include "requirements/requirement_export.h"
#include "requirements/requirement_registry.h"
#include "test_support.h"

using namespace kijun;

TEST_CASE("enumerators are read from the start of a provision") {
  CHECK(leading_enumerator("(8) セキュリティ対策") == "(8)");
  CHECK(leading_enumerator("③ クラウド") == "③");
  CHECK(leading_enumerator("(ア) 不正な") == "(ア)");
  CHECK(leading_enumerator("（イ）全角括弧") == "(イ)");
  CHECK(leading_enumerator("・クラウド") == "・");
  CHECK(leading_enumerator("(例:データ") == "");
  CHECK(leading_enumerator("所属長は") == "");
  CHECK(leading_enumerator("(12) 二桁") == "(12)");
}

TEST_CASE("citation labels take the standard's own form, one per enumerator style") {
  CHECK(citation_label("3.1", {"(8)", "③"}, 0) == "3.1(8)③");
  CHECK(citation_label("3.3", {"①", "(ア)"}, 0) == "3.3①(ア)");
  CHECK(citation_label("2", {"(4)", "①"}, 0) == "2(4)①");
  CHECK(citation_label("3.3", {"①", "(ア)", "・"}, 2) == "3.3①(ア)・2");
  CHECK(citation_label("6.4(1)", {"②"}, 0) == "6.4(1)②");
  CHECK(citation_label("3.1", {}, 0) == "3.1");
}

using Site = test::LoadedSite;

TEST_CASE("the registry derives citations through pages and parents, and records 参照元") {
  Site s({{"03-ch/_index.md", "---\ntitle: 章\nnumber: \"3\"\nid: CS-3\n---\n"},
          {"03-ch/01-sec.md",
           "---\ntitle: 節\nnumber: \"3.3\"\nid: CS-3.3\n---\n"
           "- {#CS-3.3-1} ① 所属長は、実施すること。\n"
           "  - {#CS-3.3-1-a} (ア) アクセス制御\n"
           "    - {#CS-3.3-1-a-1} ・一つ目\n"
           "    - {#CS-3.3-1-a-2} ・二つ目\n"
           "- {#CS-3.3-4} ④ [[CS-3.3-1|第一項]]において定める項目。\n"},
          {"04-check.md", "---\ntitle: チェック\ntype: checklist\n---\n- [ ] [[CS-3.3-1-a-2]]\n"}});
  REQUIRE(s.messages().empty());
  const auto& r = *s.reg;
  REQUIRE(r.find("CS-3.3-1-a-2"));
  CHECK(r.find("CS-3")->citation == "3");
  CHECK(r.find("CS-3.3")->parent == "CS-3");
  CHECK(r.find("CS-3.3-1")->citation == "3.3①");
  CHECK(r.find("CS-3.3-1-a")->citation == "3.3①(ア)");
  CHECK(r.find("CS-3.3-1-a-2")->citation == "3.3①(ア)・2");
  CHECK(r.find("CS-3.3-1-a-2")->parent == "CS-3.3-1-a");
  CHECK(r.find("CS-3.3-1-a-2")->url == "ch/sec.html");
  CHECK(r.find("CS-3.3-1-a-2")->anchor == "CS-3.3-1-a-2");
  CHECK(r.href(*r.find("CS-3.3")) == "ch/sec.html");  // a section links to its page

  const auto& from = r.find("CS-3.3-1")->referenced_from;
  REQUIRE(from.size() == 1);
  CHECK(from[0].from_id == "CS-3.3-4");
  const auto& from_checklist = r.find("CS-3.3-1-a-2")->referenced_from;
  REQUIRE(from_checklist.size() == 1);
  CHECK(s.lib->pages[from_checklist[0].page].url == "check.html");
  CHECK(from_checklist[0].checklist_item == 1);
  CHECK(from_checklist[0].anchor == "item-1");  // the checklist's row

  std::vector<std::string> order;
  for (const auto& p : r.all()) order.push_back(p.id);
  CHECK(order == std::vector<std::string>{"CS-3", "CS-3.3", "CS-3.3-1", "CS-3.3-1-a", "CS-3.3-1-a-1", "CS-3.3-1-a-2",
                                          "CS-3.3-4"});
}

TEST_CASE("references without text read as the citation, also in the provision's text") {
  Site s({{"01-a.md",
           "---\ntitle: A\nnumber: \"1\"\nid: T-1\n---\n- {#T-1-1} ① 本文。\n- {#T-1-2} ② [[T-1-1]]による。\n"}});
  REQUIRE(s.messages().empty());
  CHECK(s.reg->find("T-1-2")->text == "② 1①による。");
}

TEST_CASE("duplicate IDs name both places, and unknown references suggest the nearest ID") {
  Site s({{"01-a.md", "---\ntitle: A\n---\n- {#D-1} ① 一つ目。\n"},
          {"02-b.md", "---\ntitle: B\n---\n段落です。\n\n{#D-1} ② 二つ目。[[D-2]]\n"}});
  CHECK(s.messages() ==
        std::vector<std::string>{
            "content/02-b.md:6:1: error[KJ201]: 要件ID「D-1」が重複しています（最初は content/01-a.md:4:3）",
            "content/02-b.md:6:14: error[KJ203]: 要件ID「D-2」はどこにもありません（「D-1」の誤りではありませんか？）"});
}

TEST_CASE("the CSV export has a BOM, a header and quotes what needs quoting") {
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("日本語") == "日本語");
  Site s({{"01-a.md", "---\ntitle: A\nnumber: \"1\"\nid: T-1\n---\n- {#T-1-1} ① 本文、「引用」。\n"}});
  std::string csv = requirements_csv(*s.lib, *s.reg);
  CHECK(csv.rfind("\xEF\xBB\xBFID,引用,親要件,", 0) == 0);
  CHECK(csv.find("\r\nT-1-1,1①,T-1,a.html,T-1-1,① 本文、「引用」。,,,0\r\n") != std::string::npos);
}
