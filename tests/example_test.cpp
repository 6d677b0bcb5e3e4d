#include <catch2/catch.hpp>

#include "render/example.h"
#include "content/front_matter.h"
#include "test_support.h"

using namespace kijun;
using kainjow::mustache::data;

namespace {

// The site settings with the facts the examples below record, and the provisions each answers.
const char* kSiteYamlWithFacts =
    "title: テスト基準\norganisation: 北九州市\nedition: 第1.1版\neffective_date: 令和7年4月1日\n"
    "effective_date_iso: 2025-04-01\nexamples:\n  facts:\n"
    "    - {key: confidentiality, label: 取り扱う情報の機密性, related: [CS-6.2-1-3]}\n"
    "    - {key: functions, label: 使用する機能, related: []}\n"
    "    - {key: e2e_encryption, label: エンドツーエンド(E2E)暗号化, related: [CS-6.2-1-3]}\n"
    "    - {key: password, label: 会議パスワード, related: [CS-6.2-2-1]}\n"
    "    - {key: waiting_room, label: 待機室, related: [CS-6.2-2-3]}\n";

const char* kMeasures =
    "---\ntitle: 対策\nnumber: \"6.2\"\nid: CS-6.2\n---\n"
    "- {#CS-6.2-1} (1) 職員等は、以下の対策を実施する。\n"
    "  - {#CS-6.2-1-3} ③ E2E の暗号化を行うこと。\n"
    "- {#CS-6.2-2} (2) 主催する場合の対策。\n"
    "  - {#CS-6.2-2-1} ① パスワード等をかける。\n"
    "  - {#CS-6.2-2-3} ③ 待機室を設ける。\n";

const char* kFirst =
    "---\ntitle: 重要な会議\nnumber: \"6.4(1)\"\nid: CS-6.4-1\ntype: example\nexample:\n"
    "  confidentiality: 重要情報資産を取り扱う\n  functions: [音声・映像交換, チャット]\n"
    "  e2e_encryption: E2E の暗号化ができる製品\n  password: 設定する\n---\n"
    "- {#CS-6.4-1-1} ① [[CS-6.2-1-3|E2E]]を使う。\n";

const char* kSecond =
    "---\ntitle: 講習会\nnumber: \"6.4(2)\"\nid: CS-6.4-2\ntype: example\nexample:\n"
    "  confidentiality: 重要情報資産を取り扱わない\n  functions: [資料共有]\n  waiting_room: 記載なし\n---\n"
    "- {#CS-6.4-2-1} ① 全機能を使う。\n";

// The files of the example site: the 6.2 measures, and (unless left out) the two examples.
std::vector<std::pair<std::string, std::string>> example_files(std::vector<std::pair<std::string, std::string>> extra,
                                                               bool examples) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"site.yaml", kSiteYamlWithFacts},
      {"06-web/_index.md", "---\ntitle: ウェブ会議\nnumber: \"6\"\nid: CS-6\n---\n"},
      {"06-web/02-measures.md", kMeasures}};
  if (examples) {
    files.push_back({"06-web/04-examples/_index.md", "---\ntitle: 開催例\nnumber: \"6.4\"\nid: CS-6.4\n---\n"});
    files.push_back({"06-web/04-examples/01-first.md", kFirst});
    files.push_back({"06-web/04-examples/02-second.md", kSecond});
  }
  files.insert(files.end(), extra.begin(), extra.end());
  return files;
}

struct Site : test::LoadedSite {
  explicit Site(std::vector<std::pair<std::string, std::string>> extra = {}, bool examples = true)
      : LoadedSite(example_files(std::move(extra), examples)) {
    REQUIRE(lib);
  }
  int page(const std::string& url) const {
    int p = LoadedSite::page(url);
    if (p < 0) FAIL("no page " << url);
    return p;
  }
};

std::string str(const data& d, const std::string& key) {
  const data* v = d.get(key);
  return v && v->is_string() ? v->string_value() : "<none>";
}

std::vector<std::string> related_ids(const data& row) {
  std::vector<std::string> ids;
  for (const auto& r : row.get("related")->list_value()) ids.push_back(str(r, "id"));
  return ids;
}

}  // namespace

TEST_CASE("the provisions named by the example facts of the settings must exist") {
  Site s({{"site.yaml",
           std::string(kSiteYamlWithFacts) + "    - {key: recording, label: 録画, related: [CS-6.2-1-5]}\n"}});
  Diagnostics d;
  example_pages(s.model(), d);
  CHECK(test::messages(d) ==
        std::vector<std::string>{"content/site.yaml:13:44: error[KJ204]: 事例の項目「recording」の要件ID「CS-6.2-1-5」は"
                                 "どこにもありません（「CS-6.2-1-3」の誤りではありませんか？）"});
}

TEST_CASE("content without example pages builds with the example facts of the settings, whatever they name") {
  test::LoadedSite s({{"site.yaml", kSiteYamlWithFacts}, {"01-a.md", "---\ntitle: A\nid: X-1\n---\n本文\n"}});
  REQUIRE(s.messages().empty());
  Diagnostics d;
  CHECK(example_pages(s.model(), d).empty());
  CHECK(test::messages(d).empty());
}

TEST_CASE("an example page's facts come from its front matter, with the provisions each answers") {
  Site s;
  REQUIRE(!s.diags.has_errors());
  int first = s.page("web/examples/first.html");
  CHECK(example_values(s.lib->pages[first], "functions") == std::vector<std::string>{"音声・映像交換", "チャット"});
  CHECK(example_values(s.lib->pages[first], "password") == std::vector<std::string>{"設定する"});
  CHECK(example_values(s.lib->pages[first], "waiting_room").empty());

  data v = example_view(s.model(), first);
  const auto& facts = v.get("facts")->list_value();
  std::vector<std::string> labels;
  for (const auto& f : facts) labels.push_back(str(f, "label"));
  CHECK(labels == std::vector<std::string>{"取り扱う情報の機密性", "使用する機能", "エンドツーエンド(E2E)暗号化",
                                           "会議パスワード"});
  CHECK(str(facts[0], "value") == "重要情報資産を取り扱う");
  CHECK(facts[1].get("is_list")->is_true());
  CHECK(facts[1].get("values")->list_value().size() == 2);
  // Each fact links the provisions the settings name for it.
  CHECK(related_ids(facts[0]) == std::vector<std::string>{"CS-6.2-1-3"});
  CHECK(related_ids(facts[1]).empty());
  CHECK(related_ids(facts[3]) == std::vector<std::string>{"CS-6.2-2-1"});
  const auto& link = facts[3].get("related")->list_value().at(0);
  CHECK(str(link, "citation") == "6.2(2)①");
  CHECK(str(link, "href") == "../measures.html#CS-6.2-2-1");
  CHECK(str(v, "comparison_href") == "comparison.html");
}

TEST_CASE("the comparison page is generated from the front matter: one column per example, one row per fact") {
  Site s;
  Diagnostics d;
  auto pages = example_pages(s.model(), d);
  CHECK(d.items().empty());
  REQUIRE(pages.size() == 1);
  const auto& g = pages[0];
  CHECK(g.url == "web/examples/comparison.html");
  CHECK(g.layout == "comparison");
  CHECK(g.source == "content/06-web/04-examples/_index.md");

  const auto& columns = g.view.get("columns")->list_value();
  REQUIRE(columns.size() == 2);
  CHECK(str(columns[0], "title") == "6.4(1) 重要な会議");
  CHECK(str(columns[0], "href") == "first.html");
  CHECK(str(columns[1], "title") == "6.4(2) 講習会");

  const auto& rows = g.view.get("rows")->list_value();
  std::vector<std::string> keys;
  for (const auto& r : rows) keys.push_back(str(r, "key"));
  // Facts that no example records are left out; the others keep the front matter's order.
  CHECK(keys == std::vector<std::string>{"confidentiality", "functions", "e2e_encryption", "password", "waiting_room"});
  const auto& conf = rows[0].get("cells")->list_value();
  REQUIRE(conf.size() == 2);
  CHECK(str(conf[0], "value") == "重要情報資産を取り扱う");
  CHECK(str(conf[1], "value") == "重要情報資産を取り扱わない");
  const auto& pw = rows[3].get("cells")->list_value();
  CHECK(pw[0].get("is_set")->is_true());
  CHECK(pw[1].get("is_set")->is_false());  // not recorded for the second example
  CHECK(str(rows[4].get("cells")->list_value()[1], "value") == "記載なし");
  CHECK(related_ids(rows[4]) == std::vector<std::string>{"CS-6.2-2-3"});
  CHECK(str(rows[4].get("related")->list_value()[0], "href") == "../measures.html#CS-6.2-2-3");

  // The page has the site's navigation data and breadcrumbs up to the examples' section.
  CHECK(str(*g.view.get("page"), "title") == "ウェブ会議の開催例の比較");
  CHECK(g.view.get("nav")->is_non_empty_list());
  std::vector<std::string> crumbs;
  for (const auto& c : g.view.get("breadcrumbs")->list_value()) crumbs.push_back(str(c, "title"));
  CHECK(crumbs == std::vector<std::string>{"ホーム", "6 ウェブ会議", "6.4 開催例"});
  CHECK(str(g.view, "root") == "../../");
}

TEST_CASE("no examples, no comparison page; a page in the way of its URL is reported") {
  {
    Site s({}, false);
    Diagnostics d;
    CHECK(example_pages(s.model(), d).empty());
    CHECK(d.items().empty());
  }
  {
    Site s(std::vector<std::pair<std::string, std::string>>{
        {"06-web/04-examples/03-comparison.md", "---\ntitle: 手書きの比較\ntype: page\n---\n本文。\n"}});
    Diagnostics d;
    CHECK(example_pages(s.model(), d).empty());
    REQUIRE(d.items().size() == 1);
    CHECK(
        d.items()[0].format() ==
        "content/06-web/04-examples/03-comparison.md:1:1: error[KJ310]: ページの URL「web/examples/comparison.html」は "
        "content/06-web/04-examples/_index.md の事例の比較表に使います。このページのファイル名を変えるか「slug」を設定してください");
  }
}
