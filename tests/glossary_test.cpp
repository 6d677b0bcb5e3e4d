#include <catch2/catch.hpp>

#include "base/html.h"
#include "content/front_matter.h"
#include "content/glossary.h"
#include "content/site_config.h"
#include "render/glossary_view.h"
#include "search/search_data.h"

#include "test_support.h"

using namespace kijun;
using test::messages;

namespace {

// A glossary page whose `glossary:` list is `entries` (YAML lines indented by two spaces, the
// first of them on line 5).
std::string glossary_page(const std::string& entries) {
  return "---\ntitle: 用語集\ntype: glossary\nglossary:\n" + entries + "---\n用語の解説です。\n";
}

const std::string kEntries =
    "  - term: 重要情報資産\n"                  // line 5
    "    reading: じゅうようじょうほうしさん\n"  // 6
    "    defined_in: CS-2-1\n"                   // 7
    "    explanation: 機密性の高い情報です。\n"  // 8
    "  - term: 情報資産\n"                       // 9
    "    reading: じょうほうしさん\n"            // 10
    "    explanation: 市が持つ情報です。\n"      // 11
    "  - term: SLA\n"                            // 12
    "    reading: えすえるえー\n"                // 13
    "    also: [サービスレベル合意]\n"           // 14
    "    explanation: 水準の合意です。\n";       // 15

// A page of the standard that uses the terms: in headings, links, code, references and text.
const std::string kStandard =
    "---\ntitle: 判断\nnumber: \"2\"\nid: CS-2\n---\n"
    "## (1) 重要情報資産を取り扱う場合 {#CS-2-1}\n"
    "\n"
    "重要情報資産を取り扱う場合は、情報資産と重要情報資産に注意する。[SLA の例](https://example.org/) と `SLA` と"
    "[[CS-2-2|情報資産の条項]]。SLA を結ぶ。SLAs は別。\n"
    "\n"
    "## (2) 別の場合 {#CS-2-2}\n"
    "\n"
    "情報資産の SLA。\n";

struct GlossarySite : test::LoadedSite {
  Diagnostics plan_diags;
  std::optional<GlossaryModel> glossary;
  explicit GlossarySite(const std::string& entries = kEntries, const std::string& standard = kStandard,
                        const std::vector<std::pair<std::string, std::string>>& more = {})
      : LoadedSite([&] {
          std::vector<std::pair<std::string, std::string>> files = {{"02-judgement.md", standard},
                                                                    {"09-glossary.md", glossary_page(entries)}};
          files.insert(files.end(), more.begin(), more.end());
          return files;
        }()) {
    if (lib && reg) glossary = plan_glossary(*lib, *reg, plan_diags);
  }
  SiteModel model() const { return SiteModel{*lib, *reg, nullptr, glossary ? &*glossary : nullptr}; }
  // The page at `url` rendered, its terms linked first when `link`.
  std::string render(const std::string& url, bool link, int* links = nullptr) {
    int pi = page(url);
    REQUIRE(pi >= 0);
    SiteModel m = model();
    int n = link ? link_glossary_terms(m, lib->pages[pi]) : 0;
    if (links) *links = n;
    Diagnostics d;
    return lib->pages[pi].doc->render(render_hooks(m, pi, d));
  }
};

std::size_t count(const std::string& s, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t i = s.find(needle); i != std::string::npos; i = s.find(needle, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a glossary is read from the front matter of a page of type: glossary", "[glossary]") {
  Diagnostics diags;
  auto f = parse_source_file("content/09-glossary.md", glossary_page(kEntries), diags);
  REQUIRE(f);
  CHECK(messages(diags).empty());
  CHECK(f->meta.type == PageType::kGlossary);
  REQUIRE(f->meta.glossary);
  const auto& e = f->meta.glossary->entries;
  REQUIRE(e.size() == 3);
  CHECK(e[0].term == "重要情報資産");
  CHECK(e[0].reading == "じゅうようじょうほうしさん");
  CHECK(e[0].defined_in == "CS-2-1");
  CHECK(e[0].defined_in_where.line == 7);
  CHECK(e[0].anchor == "term-重要情報資産");
  CHECK(e[2].anchor == "term-sla");
  CHECK(e[2].spellings() == std::vector<std::string>{"SLA", "サービスレベル合意"});
  CHECK(e[2].explanation == "水準の合意です。");
}

TEST_CASE("glossary entries are checked: duplicates, empty 解説, readings, keys", "[glossary]") {
  Diagnostics diags;
  auto f = parse_source_file("content/09-glossary.md",
                             glossary_page("  - term: CISO\n"                           // 5
                                           "    reading: しーそ\n"                       // 6
                                           "    also: [最高情報セキュリティ責任者]\n"    // 7
                                           "    explanation: 許可権限者です。\n"         // 8
                                           "  - term: 責任者\n"                          // 9
                                           "    reading: せきにんしゃ\n"                 // 10
                                           "    also: [CISO]\n"                          // 11
                                           "    explanation: 責任を持つ人。\n"           // 12
                                           "  - term: 台帳\n"                            // 13
                                           "    reading: ダイチョウ\n"                   // 14
                                           "    explanation: \"  \"\n"                   // 15
                                           "  - term: 所属長\n"                          // 16
                                           "    explain: 所属の長。\n"),                 // 17
                             diags);
  CHECK_FALSE(f);
  CHECK(messages(diags) == std::vector<std::string>{
                               "content/09-glossary.md:11:12: error[KJ737]: 用語「CISO」は 5 行目にも書かれています(同じ用語は一度だけ書きます)",
                               "content/09-glossary.md:14:14: error[KJ735]: 用語「台帳」のよみ「ダイチョウ」に、ひらがな以外の文字「ダ」があります。よみはひらがなで書いてください",
                               "content/09-glossary.md:15:18: error[KJ736]: 用語「台帳」の 'explanation'(解説)が空です。短い解説を書いてください",
                               "content/09-glossary.md:17:5: error[KJ731]: 用語集の項目に使えない項目 'explain' があります",
                               "content/09-glossary.md:16:11: error[KJ734]: 用語「所属長」に 'reading'(よみ、ひらがな)がありません。五十音順に並べるのに使います",
                               "content/09-glossary.md:16:11: error[KJ736]: 用語「所属長」の 'explanation'(解説)が空です。短い解説を書いてください",
                           });
}

TEST_CASE("'glossary' belongs to pages of type: glossary, and such a page needs it", "[glossary]") {
  Diagnostics diags;
  CHECK_FALSE(parse_source_file("content/a.md", "---\ntitle: A\nglossary: []\n---\n", diags));
  CHECK_FALSE(parse_source_file("content/b.md", "---\ntitle: B\ntype: glossary\n---\n", diags));
  CHECK_FALSE(parse_source_file("content/c.md", "---\ntitle: C\ntype: glossary\nglossary: {a: b}\n---\n", diags));
  CHECK(messages(diags) == std::vector<std::string>{
                               "content/a.md:3:11: error[KJ730]: 'glossary' は type: glossary のページにだけ書けます",
                               "content/b.md:1:1: error[KJ730]: type: glossary のページには、用語を並べた 'glossary:' が必要です",
                               "content/c.md:4:11: error[KJ730]: 'glossary' には用語を「- term: 用語」の一覧で書いてください",
                           });
}

TEST_CASE("readings sort in 五十音 order: small and voiced kana as plain ones, ー as the vowel before it", "[glossary]") {
  std::vector<std::string> readings = {"せきにんぶんかいてん", "しょぞくちょう", "しーそ",     "がいぶ",
                                       "かようせい",           "いーつーいー",   "えすえるえー", "だいちょう",
                                       "たいきしつ",           "あんごうか"};
  std::sort(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return reading_before(a, b); });
  CHECK(readings == std::vector<std::string>{"あんごうか", "いーつーいー", "えすえるえー", "がいぶ", "かようせい",
                                             "しーそ", "しょぞくちょう", "せきにんぶんかいてん", "たいきしつ",
                                             "だいちょう"});
  CHECK(reading_sort_key("しーそ") == U"しいそ");
  CHECK(reading_sort_key("ぱっくあっぷ") == U"はつくあつふ");
  CHECK(reading_sort_key("データ") == U"てえた");
  CHECK(gojuon_row("だいちょう") == "た");
  CHECK(gojuon_row("ぱすわーど") == "は");
  CHECK(gojuon_row("よみ") == "や");
  CHECK(gojuon_row("わく") == "わ");
  CHECK(gojuon_row("abc") == "");
}

TEST_CASE("terms are matched leftmost-longest, Latin terms only as whole words", "[glossary]") {
  Diagnostics diags;
  auto f = parse_source_file("content/09-glossary.md", glossary_page(kEntries), diags);
  REQUIRE(f);
  TermMatcher m(*f->meta.glossary);
  std::string text = "重要情報資産と情報資産、SLAs と SLA、xSLA、SLA。";
  std::vector<std::pair<std::string, int>> found;
  for (const auto& x : m.find_all(text)) found.push_back({text.substr(x.begin, x.end - x.begin), x.entry});
  CHECK(found == std::vector<std::pair<std::string, int>>{{"重要情報資産", 0}, {"情報資産", 1}, {"SLA", 2}, {"SLA", 2}});
}

TEST_CASE("the first use of each term on a page links to its entry, never in headings, links, code or references",
          "[glossary]") {
  GlossarySite s;
  REQUIRE(s.messages().empty());
  REQUIRE(s.glossary);
  CHECK(messages(s.plan_diags).empty());
  int links = 0;
  std::string html = s.render("judgement.html", true, &links);
  CHECK(links == 3);
  // Longest match: 重要情報資産 is its own term, the 情報資産 standing alone the other one.
  CHECK(count(html, "<a class=\"term\" href=\"glossary.html#term-重要情報資産\"") == 1);
  CHECK(count(html, "<a class=\"term\" href=\"glossary.html#term-情報資産\"") == 1);
  CHECK(count(html, "<a class=\"term\" href=\"glossary.html#term-sla\"") == 1);
  CHECK(html.find("<p>重要情報資産を取り扱う場合は、情報資産と重要情報資産に注意する。") == std::string::npos);
  CHECK(html.find("<p><a class=\"term\" href=\"glossary.html#term-重要情報資産\" title=\"用語集: 重要情報資産 — "
                  "機密性の高い情報です。\">重要情報資産</a>を取り扱う場合は、<a class=\"term\" "
                  "href=\"glossary.html#term-情報資産\" title=\"用語集: 情報資産 — 市が持つ情報です。\">情報資産</a>"
                  "と重要情報資産に注意する。") != std::string::npos);
  // Not in the heading, the link, the code span or the reference's own words: the SLA after them.
  CHECK(html.find("<h2 id=\"CS-2-1\" class=\"kj-prov kj-prov-heading\">") != std::string::npos);
  std::size_t h2 = html.find("<h2"), h2_end = html.find("</h2>");
  REQUIRE(h2_end != std::string::npos);
  CHECK(html.substr(h2, h2_end - h2).find("(1) 重要情報資産を取り扱う場合") != std::string::npos);
  CHECK(html.substr(h2, h2_end - h2).find("class=\"term\"") == std::string::npos);
  CHECK(html.find("<a href=\"https://example.org/\">SLA の例</a> と <code>SLA</code> と") != std::string::npos);
  CHECK(html.find(">情報資産の条項</a>。<a class=\"term\" href=\"glossary.html#term-sla\"") != std::string::npos);
  CHECK(html.find("SLA</a> を結ぶ。SLAs は別。") != std::string::npos);
  // Once per page: the second section's uses stay text.
  CHECK(html.find("<p>情報資産の SLA。</p>") != std::string::npos);

  // The words are the same with and without the links.
  GlossarySite plain;
  CHECK(strip_tags(html) == strip_tags(plain.render("judgement.html", false)));
  // The glossary page itself and other kinds of page link nothing.
  CHECK_FALSE(links_terms(*s.lib, s.page("glossary.html")));
  CHECK_FALSE(links_terms(*s.lib, 0));
  CHECK(links_terms(*s.lib, s.page("judgement.html")));
}

TEST_CASE("the provisions that define and use a term are computed from the standard's text", "[glossary]") {
  GlossarySite s;
  REQUIRE(s.glossary);
  // 重要情報資産: defined by CS-2-1 (named as the definition, not repeated as a use); used nowhere else.
  CHECK(s.glossary->used_in[0].empty());
  // 情報資産 alone stands in CS-2-1's body and CS-2-2's (not inside 重要情報資産); SLA likewise.
  CHECK(s.glossary->used_in[1] == std::vector<std::string>{"CS-2-1", "CS-2-2"});
  CHECK(s.glossary->used_in[2] == std::vector<std::string>{"CS-2-1", "CS-2-2"});
  CHECK(s.glossary->provision_links() == 5);
  CHECK(s.glossary->summary[0] == "機密性の高い情報です。");

  Diagnostics d;
  auto view = glossary_view(s.model(), s.page("glossary.html"), d);
  CHECK(messages(d).empty());
  CHECK(view.get("count")->string_value() == "3");
}

TEST_CASE("unknown IDs in a glossary are errors at their place, an unused term a warning", "[glossary]") {
  GlossarySite s("  - term: 重要情報資産\n"                  // 5
                 "    reading: じゅうようじょうほうしさん\n"  // 6
                 "    defined_in: CS-2-9\n"                   // 7
                 "    explanation: 定義は [[CS-2-3]] です。\n"  // 8
                 "  - term: 存在しない語\n"                   // 9
                 "    reading: そんざいしないご\n"            // 10
                 "    explanation: 使われていません。\n",     // 11
                 kStandard, {{"10-second.md", glossary_page("  - term: 別\n    reading: べつ\n    explanation: 別。\n")}});
  CHECK(messages(s.plan_diags) == std::vector<std::string>{
                                      "content/10-second.md:1:1: error[KJ738]: 用語集(type: glossary)は一つだけにしてください(content/09-glossary.md にもあります)",
                                      "content/09-glossary.md:7:17: error[KJ739]: 用語「重要情報資産」の 'defined_in' の要件ID「CS-2-9」はありません（「CS-2-1」の誤りではありませんか？）",
                                      "content/09-glossary.md:8:22: error[KJ739]: 用語「重要情報資産」の解説の要件ID「CS-2-3」はありません（「CS-2-1」の誤りではありませんか？）",
                                      "content/09-glossary.md:9:11: warning[KJ740]: 用語「存在しない語」(別の表記も)は基準の本文に出てきません。表記を確かめてください",
                                  });
}

TEST_CASE("each glossary entry is a search document of kind glossary", "[glossary]") {
  GlossarySite s;
  REQUIRE(s.glossary);
  std::vector<std::string> text(s.lib->pages.size());
  SearchBundle b = build_search_bundle(*s.lib, *s.reg, text, &*s.glossary);
  CHECK(b.data_js.find("\"term:term-sla\":{\"citation\":\"\",\"id\":\"\",\"kind\":\"glossary\",\"section\":\"用語集\","
                       "\"text\":\"水準の合意です。\",\"title\":\"SLA\",\"url\":\"glossary.html#term-sla\"}") !=
        std::string::npos);
  CHECK(b.index_json.find("\"term:term-sla\"") != std::string::npos);
}

TEST_CASE("site.yaml documents: give [[doc:…]] a URL (http or https only); without one it stays a citation",
          "[glossary]") {
  Diagnostics diags;
  const std::string yaml = std::string(test::kSiteYaml) +
                           "documents:\n"                                                // 6
                           "  ISMAP クラウドサービスリスト: https://www.ismap.go.jp/csm\n"  // 7
                           "  悪い文書: javascript:alert(1)\n"                           // 8
                           "  空白の文書: https://example.org/a b\n"                      // 9
                           "  空の文書:\n";                                               // 10
  CHECK_FALSE(parse_site_config("content/site.yaml", yaml, diags));
  CHECK(messages(diags) == std::vector<std::string>{
                               "content/site.yaml:8:9: error[KJ581]: 文書「悪い文書」の URL「javascript:alert(1)」は使えません。http:// か https:// で始まる、空白を含まない URL にしてください",
                               "content/site.yaml:9:10: error[KJ581]: 文書「空白の文書」の URL「https://example.org/a b」は使えません。http:// か https:// で始まる、空白を含まない URL にしてください",
                               "content/site.yaml:10:3: error[KJ583]: 文書「空の文書」の URL がありません。https://… を書くか、行を消してください",
                           });
  Diagnostics d2;
  CHECK_FALSE(parse_site_config("content/site.yaml", std::string(test::kSiteYaml) + "documents: [a]\n", d2));
  CHECK(messages(d2) == std::vector<std::string>{
                            "content/site.yaml:6:12: error[KJ580]: 「documents」には「文書の題名: https://…」の行を並べてください"});

  test::LoadedSite s({{"site.yaml", std::string(test::kSiteYaml) +
                                        "documents:\n  北九州市情報セキュリティ対策基準: https://example.org/policy?a=1&b=2\n"},
                      {"01-a.md", "---\ntitle: A\n---\n[[doc:北九州市情報セキュリティ対策基準]]、"
                                  "[[doc:北九州市情報セキュリティ対策基準「8.1.業務委託」]]、[[doc:ISO/IEC27001]]\n"}});
  REQUIRE(s.messages().empty());
  int pi = s.page("a.html");
  Diagnostics d3;
  std::string html = s.lib->pages[pi].doc->render(render_hooks(s.model(), pi, d3));
  const std::string open =
      "<a class=\"kj-doc kj-doc-link\" href=\"https://example.org/policy?a=1&amp;b=2\" rel=\"external noopener "
      "noreferrer\" title=\"外部の文書(別のサイトが開きます)\"><cite>";
  CHECK(html.find(open + "北九州市情報セキュリティ対策基準</cite></a>、") != std::string::npos);
  CHECK(html.find(open + "北九州市情報セキュリティ対策基準「8.1.業務委託」</cite></a>、") != std::string::npos);
  CHECK(html.find("<cite class=\"kj-doc\" title=\"外部の文書(このサイトには含まれていません)\">ISO/IEC27001</cite>") !=
        std::string::npos);
}
