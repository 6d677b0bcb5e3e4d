#include <catch2/catch.hpp>

#include "base/japanese_date.h"
#include "build.h"
#include "content/edition_record.h"
#include "content/site_config.h"
#include "requirements/edition_diff.h"
#include "render/shinkyu_view.h"
#include "test_support.h"

using namespace kijun;

namespace {

std::string wareki_of(const char* iso) { return wareki(*parse_iso_date(iso)); }

// The changed runs of one side, in order.
std::vector<std::string> changed(const DiffSide& s) {
  std::vector<std::string> out;
  for (const auto& sp : s.spans)
    if (sp.changed) out.push_back(sp.text);
  return out;
}

const char* kRecord =
    "edition: 第1.2版\ntitle: 基準\norganisation: 北九州市\neffective_date_iso: 2026-04-01\n"
    "effective_date: 令和8年4月1日\ndecided_date_iso: ~\ndecided_date: 不明\nreason: 改定\n"
    "pages:\n  - {url: a.html, number: 1, title: 総則, id: T-1}\n"
    "provisions:\n  - {order: 1, id: T-1, citation: 1, heading: true, text: 総則, page: a.html}\n";

// tests/fixtures/sites/amendment: 第1.1版 recorded, content/ amended (every kind of change once).
std::optional<EditionSite> amendment_fixture() {
  BuildOptions opt;
  opt.project_root = test::source_dir() + "/tests/fixtures/sites/amendment";
  Diagnostics diags;
  auto es = load_edition_site(opt, diags);
  CHECK(test::messages(diags).empty());
  return es;
}

}  // namespace

TEST_CASE("和暦 is computed from the ISO date, with 元年 for the first year of an era") {
  CHECK(wareki_of("2025-04-01") == "令和7年4月1日");
  CHECK(wareki_of("2019-05-01") == "令和元年5月1日");
  CHECK(wareki_of("2019-04-30") == "平成31年4月30日");
  CHECK(wareki_of("1989-01-08") == "平成元年1月8日");
  CHECK(wareki_of("2023-03-29") == "令和5年3月29日");
  CHECK(wareki_short(*parse_iso_date("2025-03-17"), *parse_iso_date("2025-03-03")) == "3月17日");
  CHECK(wareki_short(*parse_iso_date("2020-01-10"), *parse_iso_date("2019-12-20")) == "令和2年1月10日");
  CHECK_FALSE(parse_iso_date("2025-02-29"));
  CHECK(parse_iso_date("2024-02-29"));
  CHECK_FALSE(parse_iso_date("2025-13-01"));
  CHECK_FALSE(parse_iso_date("2025-4-01"));
}

TEST_CASE("a 和暦 written by hand that does not match the ISO date is an error") {
  Diagnostics diags;
  auto c = parse_site_config("content/site.yaml",
                             "title: 基準\norganisation: 市\nedition: 第1.1版\neffective_date: 令和6年4月1日\n"
                             "effective_date_iso: 2025-04-01\n",
                             diags);
  CHECK_FALSE(c);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].format() ==
        "content/site.yaml:4:17: error[KJ601]: 'effective_date' の和暦「令和6年4月1日」が 2025-04-01 "
        "と合いません(正しくは「令和7年4月1日」)");
  Diagnostics ok;
  auto computed = parse_site_config("content/site.yaml",
                                    "title: 基準\norganisation: 市\nedition: 第1.1版\neffective_date_iso: 2019-05-01\n", ok);
  REQUIRE(computed);
  CHECK(computed->effective_date == "令和元年5月1日");

  Diagnostics rec;
  std::string bad = kRecord;
  bad.replace(bad.find("令和8年"), std::string("令和8年").size(), "令和9年");
  CHECK_FALSE(parse_edition_record("editions/1.2.yaml", bad, rec));
  REQUIRE(rec.items().size() == 1);
  CHECK(rec.items()[0].code == "KJ601");
  CHECK(rec.items()[0].where.line == 5);
}

TEST_CASE("an edition record keeps unknown dates as 不明 and round-trips through YAML") {
  Diagnostics diags;
  auto r = parse_edition_record("editions/1.2.yaml", kRecord, diags);
  REQUIRE(r);
  CHECK_FALSE(r->decided);
  CHECK(r->slug() == "1.2");
  CHECK(r->history_text() == "改定");
  CHECK(r->provisions.size() == 1);
  CHECK(r->provisions[0].heading);
  std::string yaml = edition_record_yaml(*r);
  CHECK(yaml.find("decided_date: 不明\n") != std::string::npos);
  auto again = parse_edition_record("editions/1.2.yaml", yaml, diags);
  REQUIRE(again);
  CHECK(again->provisions[0].text == "総則");
  CHECK(again->pages[0].number == "1");
  CHECK(edition_record_yaml(*again) == yaml);
  // Without provisions, the record must say that its text is not known.
  std::string history_only = std::string(kRecord).substr(0, std::string(kRecord).find("pages:"));
  Diagnostics missing;
  CHECK_FALSE(parse_edition_record("editions/1.2.yaml", history_only, missing));
  CHECK(missing.items().at(0).code == "KJ620");
  Diagnostics fine;
  auto entry = parse_edition_record("editions/1.2.yaml", history_only + "text_recorded: false\n", fine);
  REQUIRE(entry);
  CHECK_FALSE(entry->has_text);
}

TEST_CASE("the comparison of the amendment fixture marks exactly the changed characters") {
  auto es = amendment_fixture();
  REQUIRE(es);
  REQUIRE(es->records.size() == 1);
  EditionDiff d = diff_editions(es->records[0], es->working);
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& r : d.rows) rows.push_back({r.id, r.remarks()});
  // Unchanged provisions (T-1, T-2, T-3, T-3-1) are left out; the deleted one stands where it stood.
  CHECK(rows == std::vector<std::pair<std::string, std::string>>{{"T-1-1", "改正"},
                                                                 {"T-1-2", "改正"},
                                                                 {"T-2-1", "改正"},
                                                                 {"T-2-2", "改正"},
                                                                 {"T-2-3", "削除"},
                                                                 {"T-2-4", "番号変更"},
                                                                 {"T-2-5", "新設"},
                                                                 {"T-2-6", "移動・番号変更"}});
  REQUIRE(d.rows.size() == 8);
  // (略) before the first row (T-1 unchanged), before T-2-1 (T-2) and before T-2-6 (T-3, T-3-1).
  std::vector<bool> omitted;
  for (const auto& r : d.rows) omitted.push_back(r.omitted_before);
  CHECK(omitted == std::vector<bool>{true, false, true, false, false, false, false, true});
  CHECK_FALSE(d.omitted_after);

  // A heading's body counts as its text: words added in the middle of a sentence.
  CHECK(changed(d.rows[0].after) == std::vector<std::string>{"及びウェブ会議サービス"});
  CHECK(changed(d.rows[0].before).empty());
  // A heading changed.
  CHECK(changed(d.rows[1].after) == std::vector<std::string>{"対象"});
  CHECK(changed(d.rows[1].before) == std::vector<std::string>{"適用"});
  // A word replaced mid-sentence: the shared 「ー」 does not split it.
  CHECK(changed(d.rows[2].after) == std::vector<std::string>{"フレーズ"});
  CHECK(changed(d.rows[2].before) == std::vector<std::string>{"ワード"});
  // A sentence added.
  CHECK(changed(d.rows[3].after) == std::vector<std::string>{"認証情報は他人に教えないこと。"});
  CHECK(changed(d.rows[3].before).empty());
  // 削除 and 新設: one side only, all of it marked.
  CHECK_FALSE(d.rows[4].after.present);
  CHECK(changed(d.rows[4].before) == std::vector<std::string>{"不要なアカウントは削除すること。"});
  CHECK_FALSE(d.rows[6].before.present);
  CHECK(changed(d.rows[6].after) == std::vector<std::string>{"端末を施錠すること。"});
  // Renumbered: the text is unchanged, the enumerator is double-underlined on both sides.
  CHECK(changed(d.rows[5].after).empty());
  CHECK(d.rows[5].after.enumerator == "③");
  CHECK(d.rows[5].before.enumerator == "④");
  CHECK(d.rows[5].after.enumerator_changed);
  // Moved: both places are named.
  CHECK(d.rows[7].after.place == "3 運用");
  CHECK(d.rows[7].before.place == "2 対策");

  const std::string text = shinkyu_text(d);
  CHECK(text.find("パス{+フレーズ+}を定期的に") != std::string::npos);
  CHECK(text.find("パス[-ワード-]を定期的に") != std::string::npos);
  const std::string csv = shinkyu_csv(d);
  CHECK(csv.find("T-2-1,改正,2①,2 対策,①利用者は、パスフレーズを定期的に変更すること。,フレーズ,") != std::string::npos);
}

TEST_CASE("the comparison of two equal editions is empty") {
  auto es = amendment_fixture();
  REQUIRE(es);
  CHECK(diff_editions(es->records[0], es->records[0]).empty());
  CHECK(diff_editions(es->working, es->working).empty());
}

TEST_CASE("publishing rewrites only the edition lines of site.yaml") {
  const std::string before = "# settings\ntitle: 基準\nedition: 第1.1版\neffective_date_iso: 2025-04-01\nsearch:\n  variants: []\n";
  CHECK(set_site_settings(before, {{"edition", "第1.2版"}, {"effective_date_iso", "2026-04-01"}, {"draft", "false"}}) ==
        "# settings\ntitle: 基準\nedition: 第1.2版\neffective_date_iso: 2026-04-01\nsearch:\n  variants: []\n");
}
