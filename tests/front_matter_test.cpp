#include <catch2/catch.hpp>

#include "content/front_matter.h"
#include "content/site_config.h"

#include "test_support.h"

using namespace kijun;
using test::messages;

namespace {
// The diagnostics of reading `text` as the content file `path`, one formatted line each.
std::vector<std::string> front_matter_messages(const std::string& path, const std::string& text) {
  Diagnostics diags;
  parse_source_file(path, text, diags);
  return messages(diags);
}
}  // namespace

TEST_CASE("front matter is split from the body and parsed") {
  Diagnostics diags;
  std::string text = "---\ntitle: 選定条件\nnumber: \"3.1\"\nid: CS-3.1\nweight: 2\ntype: standard\n---\n本文\n";
  auto f = parse_source_file("content/a.md", text, diags);
  REQUIRE(f);
  CHECK(diags.items().empty());
  CHECK(f->meta.title == "選定条件");
  CHECK(f->meta.number == "3.1");
  CHECK(f->meta.id == "CS-3.1");
  CHECK(f->meta.id_location.line == 4);
  CHECK(f->meta.id_location.column == 5);
  CHECK(f->meta.weight == 2);
  CHECK(f->meta.type == PageType::kStandard);
  CHECK(f->body == "本文\n");
  CHECK(f->body_first_line == 8);
}

TEST_CASE("an unknown key is an error with a suggestion and its position") {
  Diagnostics diags;
  auto f = parse_source_file("content/a.md", "---\ntitle: 日本語のタイトル\ntitel: x\n---\n", diags);
  CHECK_FALSE(f);
  CHECK(messages(diags) ==
        std::vector<std::string>{"content/a.md:3:1: error[KJ110]: フロントマターに「titel」というキーはありません"
                                 "（「title」の誤りではありませんか？）"});
}

TEST_CASE("bad YAML is located in the file, columns in characters") {
  CHECK(front_matter_messages("content/a.md", "---\ntitle: 壊れた\nweight: [1, 2\n---\n") ==
        std::vector<std::string>{"content/a.md:3:9: error[KJ103]: YAML として読めません。「[」が閉じていません。"
        "「]」で閉じるか、文字として書くなら値全体を「\"」で囲んでください"});

  Diagnostics d2;
  parse_source_file("content/b.md", "---\ntitle: 日本語\n  bad: x\n---\n", d2);
  REQUIRE(d2.items().size() == 1);
  CHECK(d2.items()[0].where.line == 3);
  CHECK(d2.items()[0].code == "KJ103");
  CHECK(d2.items()[0].message_en.rfind("invalid YAML: ", 0) == 0);
}

TEST_CASE("missing or unclosed front matter, missing title, wrong types") {
  CHECK(front_matter_messages("p.md", "# 見出し\n") ==
        std::vector<std::string>{
            "p.md:1:1: error[KJ101]: フロントマターがありません。ページは「---」の行で始め、少なくとも「title:」を書いてください"});
  CHECK(front_matter_messages("p.md", "---\ntitle: x\n") ==
        std::vector<std::string>{"p.md:1:1: error[KJ102]: フロントマターが閉じていません。その終わりに「---」の行を加えてください"});
  CHECK(front_matter_messages("p.md", "---\nweight: 1\n---\n") ==
        std::vector<std::string>{"p.md:1:1: error[KJ120]: フロントマターに「title」（ページの題名）がありません"});
  CHECK(front_matter_messages("p.md", "---\ntitle: x\nweight: 一\ntype: checklists\n---\n") ==
        std::vector<std::string>{
            "p.md:3:9: error[KJ114]: 「weight」には整数を書いてください",
            "p.md:4:7: error[KJ121]: ページの種類「checklists」はありません（「checklist」の誤りではありませんか？）。"
            "standard、page、checklist、example、guide、glossary のいずれかにしてください"});
  CHECK(front_matter_messages("p.md", "---\ntitle: x\ntitle: y\n---\n") ==
        std::vector<std::string>{"p.md:3:1: error[KJ111]: フロントマターのキー「title」が二度書かれています"});
}

TEST_CASE("example pages carry their facts, and other pages may not") {
  Diagnostics diags;
  auto f = parse_source_file("e.md",
                             "---\ntitle: 会議\ntype: example\nexample:\n  functions: [音声, チャット]\n"
                             "  e2e_encryption: 使用\n---\n",
                             diags, {"functions", "e2e_encryption"});
  REQUIRE(f);
  CHECK(f->meta.example["functions"] == nlohmann::ordered_json({"音声", "チャット"}));
  CHECK(f->meta.example["e2e_encryption"] == "使用");

  Diagnostics bad;
  parse_source_file("e.md", "---\ntitle: 会議\ntype: example\nexample:\n  e2e: x\n---\n", bad,
                    {"functions", "e2e_encryption"});
  CHECK(messages(bad) ==
        std::vector<std::string>{"e.md:5:3: error[KJ110]: example に「e2e」というキーはありません"
                                 "（「e2e_encryption」の誤りではありませんか？）"});
  Diagnostics misplaced;
  parse_source_file("e.md", "---\ntitle: 会議\nexample:\n  recording: x\n---\n", misplaced, {"recording"});
  CHECK(messages(misplaced) ==
        std::vector<std::string>{"e.md:4:3: error[KJ122]: 「example」は「type: example」のページにだけ書けます"});
}

TEST_CASE("the example facts are read from the settings, in order, and checked") {
  const std::string head =
      "title: 基準\norganisation: 北九州市\nedition: 第1.1版\neffective_date: 令和7年4月1日\n"
      "effective_date_iso: 2025-04-01\nexamples:\n  facts:\n";
  Diagnostics diags;
  auto c = parse_site_config("content/site.yaml",
                             head +
                                 "    - {key: waiting_room, label: 待機室, related: [CS-6.2-2-3]}\n"
                                 "    - {key: functions, label: 使用する機能, related: [CS-6.2-1-4, CS-6.3-2]}\n",
                             diags);
  REQUIRE(c);
  CHECK(c->example_keys() == std::vector<std::string>{"waiting_room", "functions"});
  CHECK(c->example_facts[1].label == "使用する機能");
  CHECK(c->example_facts[1].related == std::vector<std::string>{"CS-6.2-1-4", "CS-6.3-2"});
  CHECK(c->example_facts[1].related_where.line == 9);

  Diagnostics bad;
  parse_site_config("content/site.yaml",
                    head +
                        "    - {key: Bad Key, label: x}\n    - {key: recording}\n    - {key: recording, label: 録画}\n"
                        "    - {key: x, lable: y}\n",
                    bad);
  CHECK(messages(bad) ==
        std::vector<std::string>{
            "content/site.yaml:8:7: error[KJ538]: 「key」は半角の小文字・数字・「_」で書いてください",
            "content/site.yaml:9:7: error[KJ539]: 「recording」に「label」（表示する名前）がありません",
            "content/site.yaml:10:7: error[KJ540]: 「recording」が二度書かれています",
            "content/site.yaml:11:16: error[KJ510]: 「facts」の項目に「lable」というキーはありません"
            "（「label」の誤りではありませんか？）"});
}

TEST_CASE("site settings are parsed and checked") {
  Diagnostics diags;
  auto c = parse_site_config("content/site.yaml",
                             "title: 基準\norganisation: 北九州市\nedition: 第1.1版\neffective_date: 令和7年4月1日\n"
                             "effective_date_iso: 2025-04-01\nsearch:\n  variants:\n    - [ウェブ会議, Web会議]\n",
                             diags);
  REQUIRE(c);
  CHECK(c->organisation == "北九州市");
  CHECK_FALSE(c->unsafe_html);
  REQUIRE(c->search_variants.size() == 1);
  CHECK(c->search_variants[0] == std::vector<std::string>{"ウェブ会議", "Web会議"});

  Diagnostics bad;
  parse_site_config("content/site.yaml", "title: 基準\norganization: x\n", bad);
  CHECK(messages(bad) ==
        std::vector<std::string>{
            "content/site.yaml:2:1: error[KJ510]: site.yaml に「organization」というキーはありません"
            "（「organisation」の誤りではありませんか？）",
            "content/site.yaml:1:1: error[KJ530]: site.yaml に「organisation」の設定がありません",
            "content/site.yaml:1:1: error[KJ530]: site.yaml に「edition」の設定がありません",
            "content/site.yaml:1:1: error[KJ530]: site.yaml に「effective_date_iso」の設定がありません"});
}

TEST_CASE("typing slips in front matter are reported at the character, with the fix") {
  CHECK(front_matter_messages("content/03-important/04-operation.md",
                              "---\ntitle: 運用\nnumber：\"3.4\"\n---\n") ==
        std::vector<std::string>{"content/03-important/04-operation.md:3:7: error[KJ104]: 全角のコロン「：」が"
                                 "使われています。半角の「:」にしてください"});
  CHECK(front_matter_messages("p.md", "---\ntitle: x\nexample:\n\trecording: あり\n---\n") ==
        std::vector<std::string>{"p.md:4:1: error[KJ105]: 字下げにタブが使われています。半角の空白にしてください"});
  CHECK(front_matter_messages("p.md", "---\ntitle: x\nexample:\n  　recording: あり\n---\n") ==
        std::vector<std::string>{"p.md:4:3: error[KJ106]: 字下げに全角の空白が使われています。半角の空白にしてください"});
  Diagnostics settings;
  parse_site_config("content/site.yaml", "title：基準\n", settings);
  CHECK(messages(settings) == std::vector<std::string>{"content/site.yaml:1:6: error[KJ504]: 全角のコロン「：」が"
                                                       "使われています。半角の「:」にしてください"});
  Diagnostics fine;  // a full-width colon inside a value is text
  CHECK(parse_source_file("p.md", "---\ntitle: 注：本文\n---\n", fine));
  CHECK(fine.items().empty());
}
