#include <catch2/catch.hpp>

#include "content/front_matter.h"
#include "content/guide.h"

#include "test_support.h"

using namespace kijun;
using test::messages;

namespace {

// A guide page whose `steps:` are `steps` (YAML lines indented by four spaces).
std::string guide_page(const std::string& steps) {
  return "---\ntitle: 利用の流れ\ntype: guide\nguide:\n  steps:\n" + steps + "---\n本文\n";
}

const std::string kValid =
    "    - id: kind\n"                                          // line 6
    "      question: 何を利用しますか。\n"                      // 7
    "      answers:\n"                                          // 8
    "        - {label: クラウドサービス, next: important}\n"    // 9
    "        - {label: ウェブ会議, next: meeting}\n"            // 10
    "    - id: important\n"                                     // 11
    "      question: 重要情報資産を取り扱いますか。\n"          // 12
    "      note: 定義は [[CS-2-1]] を見てください。\n"          // 13
    "      answers:\n"                                          // 14
    "        - {label: はい, next: result-3}\n"                 // 15
    "        - {label: いいえ, next: result-4}\n"               // 16
    "    - id: result-3\n"                                      // 17
    "      result: 3章\n"                                       // 18
    "      approver: CISO([[CS-5.1-1]])\n"                      // 19
    "      checklists: [07-checklists/a.md]\n"                  // 20
    "      sign_off: [所属長, CISO]\n"                          // 21
    "    - id: result-4\n"                                      // 22
    "      result: 4章\n"                                       // 23
    "    - id: meeting\n"                                       // 24
    "      result: 6章\n";                                      // 25

std::optional<SourceFile> parse(const std::string& text, Diagnostics& diags) {
  return parse_source_file("content/guide.md", text, diags);
}

}  // namespace

TEST_CASE("a guide is read from the front matter of a page of type: guide") {
  Diagnostics diags;
  auto f = parse(guide_page(kValid), diags);
  REQUIRE(f);
  CHECK(messages(diags).empty());
  REQUIRE(f->meta.guide);
  const Guide& g = *f->meta.guide;
  REQUIRE(g.steps.size() == 5);
  CHECK(g.steps[0].id == "kind");
  CHECK_FALSE(g.steps[0].is_result);
  CHECK(g.steps[0].answers.size() == 2);
  CHECK(g.steps[0].answers[1].label == "ウェブ会議");
  CHECK(g.steps[2].is_result);
  CHECK(g.steps[2].checklists == std::vector<std::string>{"07-checklists/a.md"});
  CHECK(g.steps[2].sign_off == std::vector<std::string>{"所属長", "CISO"});
  // Every path from the start ends in a result.
  CHECK(guide_paths(g) == std::vector<std::vector<std::string>>{
                              {"kind", "important", "result-3"}, {"kind", "important", "result-4"}, {"kind", "meeting"}});
}

TEST_CASE("the references of a guide are located where they are written") {
  Diagnostics diags;
  auto f = parse(guide_page(kValid), diags);
  REQUIRE(f);
  auto refs = f->meta.guide->references();
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].id == "CS-2-1");
  CHECK(refs[0].where.line == 13);
  CHECK(refs[0].where.column == 17);
  CHECK(refs[1].id == "CS-5.1-1");
  CHECK(refs[1].where.line == 19);
  CHECK(refs[1].where.column == 22);  // columns in characters: 「CISO(」 is five
}

TEST_CASE("an unknown requirement ID or checklist in a guide is an error at its place") {
  Diagnostics diags;
  auto f = parse(guide_page(kValid), diags);
  REQUIRE(f);
  check_guide_links(*f->meta.guide, {{"CS-2-1", "CS-5.1-2"}, {"07-checklists/b.md"}}, diags);
  CHECK(messages(diags) ==
        std::vector<std::string>{
            "content/guide.md:19:22: error[KJ711]: 利用の流れに書かれた要件ID 'CS-5.1-1' はありません（「CS-5.1-2」の誤りではありませんか？）",
            "content/guide.md:20:19: error[KJ712]: 結果 'result-3' のチェックリスト '07-checklists/a.md' は type: "
            "checklist のページではありません（「07-checklists/b.md」の誤りではありませんか？）"});
  Diagnostics ok;
  check_guide_links(*f->meta.guide, {{"CS-2-1", "CS-5.1-1"}, {"07-checklists/a.md"}}, ok);
  CHECK(ok.items().empty());
}

TEST_CASE("an answer that leads nowhere is an error at its 'next'") {
  Diagnostics diags;
  std::string text = guide_page(kValid);
  text.replace(text.find("next: result-4"), 14, "next: result-44");
  parse(text, diags);
  CHECK(messages(diags) == std::vector<std::string>{
                               "content/guide.md:16:30: error[KJ708]: 回答「いいえ」の次のステップ 'result-44' "
                               "がありません（「result-4」の誤りではありませんか？）"});
}

TEST_CASE("an answer without 'next' is an error") {
  Diagnostics diags;
  std::string text = guide_page(kValid);
  text.replace(text.find(", next: meeting"), 15, "");
  auto f = parse(text, diags);
  CHECK_FALSE(f);
  REQUIRE_FALSE(diags.items().empty());
  CHECK(diags.items()[0].format().rfind("content/guide.md:10:11: error[KJ705]:", 0) == 0);
}

TEST_CASE("a cycle in a guide is an error") {
  Diagnostics diags;
  std::string text = guide_page(kValid);
  text.replace(text.find("next: result-4"), 14, "next: kind");
  auto f = parse(text, diags);
  CHECK_FALSE(f);
  auto m = messages(diags);
  REQUIRE(m.size() == 2);
  CHECK(m[0] == "content/guide.md:16:30: error[KJ709]: 回答「いいえ」が前のステップ 'kind' "
                "に戻るため、流れが終わりません(循環しています)");
  CHECK(m[1].find("warning[KJ710]") != std::string::npos);  // result-4 is now unreachable
}

TEST_CASE("a question without answers is an error: every path must end in a result") {
  Diagnostics diags;
  std::string text = guide_page(kValid);
  auto at = text.find("      answers:\n        - {label: はい");
  text.erase(at, text.find("    - id: result-3") - at);
  parse(text, diags);
  auto m = messages(diags);
  REQUIRE_FALSE(m.empty());
  CHECK(m[0] == "content/guide.md:11:7: error[KJ707]: 質問 'important' に回答(answers)がありません。"
                "どの流れも結果で終わる必要があります");
}

TEST_CASE("a step is either a question or a result, with its own keys") {
  Diagnostics diags;
  parse(guide_page("    - id: a\n      question: 質問\n      result: 結果\n"
                   "    - id: b\n      result: 結果\n      answers: [{label: x, next: a}]\n"
                   "    - id: c\n      question: 質問\n      chapter: 3\n      answer: []\n"),
        diags);
  auto m = messages(diags);
  CAPTURE(m);
  REQUIRE(m.size() >= 4);
  CHECK(m[0].rfind("content/guide.md:6:7: error[KJ704]:", 0) == 0);
  CHECK(m[1].rfind("content/guide.md:11:16: error[KJ704]:", 0) == 0);
  CHECK(m[2] == "content/guide.md:15:7: error[KJ702]: 利用の流れのステップに使えない項目 'answer' があります（「answers」の誤りではありませんか？）");
  CHECK(m[3].rfind("content/guide.md:14:16: error[KJ704]:", 0) == 0);
}

TEST_CASE("duplicate step ids are an error naming the first") {
  Diagnostics diags;
  parse(guide_page("    - id: a\n      question: 質問\n      answers: [{label: x, next: a2}]\n"
                   "    - id: a2\n      result: 結果\n    - id: a2\n      result: 別の結果\n"),
        diags);
  auto m = messages(diags);
  REQUIRE_FALSE(m.empty());
  CHECK(m[0] == "content/guide.md:11:7: error[KJ706]: ステップの id 'a2' は 9 行目でも使われています");
}

TEST_CASE("'guide' belongs to pages of type: guide, and such a page needs it") {
  Diagnostics diags;
  parse("---\ntitle: x\nguide:\n  steps: []\n---\n", diags);
  parse("---\ntitle: x\ntype: guide\n---\n", diags);
  CHECK(messages(diags) == std::vector<std::string>{
                               "content/guide.md:4:3: error[KJ701]: 'guide' は type: guide のページにだけ書けます",
                               "content/guide.md:1:1: error[KJ701]: type: guide のページには、質問と結果を並べた "
                               "'guide:' が必要です"});
}

TEST_CASE("a guide map without 'steps' is KJ701, not an uncaught YAML exception (found by fuzzing)") {
  Diagnostics diags;
  auto file = parse_source_file("content/08-guide.md",
                                "---\ntitle: 利用の流れ\ntype: guide\nguide:\n  s!teps:\n    - id: kind\n---\n本文\n",
                                diags);
  CHECK(messages(diags) ==
        std::vector<std::string>{"content/08-guide.md:5:3: error[KJ701]: 'guide' には 'steps:' を置き、その下に質問と結果を"
                                 "「- id: …」の一覧で書いてください"});
}
