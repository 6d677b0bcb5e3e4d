#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "content/edition_record.h"
#include "content/published_record.h"
#include "test_support.h"

using namespace kijun;

namespace {

// Every field of a record (the JSON written to the site holds them all), and its file.
std::string all_of(const std::optional<EditionRecord>& r) { return r ? r->file + "\n" + edition_record_json(*r) : "none"; }

std::string real_record(const char* name) { return test::read_file(test::source_dir() + "/editions/" + name); }

// `text` with the first `from` replaced by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A record whose values hold what YAML quotes or reads as something else.
EditionRecord odd_record() {
  EditionRecord r;
  r.file = "editions/1.2.yaml";
  r.name = "第1.2版";
  r.title = "基準: \"改定\" #1";
  r.organisation = "- 市";
  r.effective = *parse_iso_date("2026-04-01");
  r.decided = parse_iso_date("2026-03-02");
  r.reason = "true";
  r.has_text = true;
  r.pages = {{"a.html", "1", "~", "T-1"}, {"b.html", "", "null", "T-2"}};
  r.provisions = {
      {1, "T-1", "1", "", "", true, "総則", "本文, [括弧] {波} ? & * ! | > ' % @ `", "a.html"},
      {2, "T-1-1", "1(1)", "(1)", "T-1", false, "一行目\n二行目\t\\ / 「引用」: 終わり(例:ISO/IEC)", "", "a.html"},
      {3, "T-2", "2", "", "", false, "  前後に空白  ", "", "b.html"},
  };
  return r;
}

}  // namespace

TEST_CASE("the published records are read quickly, exactly as yaml-cpp reads them", "[published_record]") {
  for (const char* name : {"1.0.yaml", "1.1.yaml"}) {
    const std::string text = real_record(name);
    const std::string path = std::string("editions/") + name;
    auto quick = read_published_record(path, text);
    REQUIRE(quick);
    Diagnostics diags;
    auto full = parse_edition_record_yaml(path, text, diags);
    CHECK(diags.items().empty());
    REQUIRE(full);
    CHECK(all_of(quick) == all_of(full));
  }
  auto quick = read_published_record("editions/1.1.yaml", real_record("1.1.yaml"));
  REQUIRE(quick);
  CHECK(quick->provisions.size() == 212);
  CHECK(quick->pages.size() == 21);
}

TEST_CASE("a record written by publish reads back the same, whatever its values hold", "[published_record]") {
  const EditionRecord r = odd_record();
  const std::string text = edition_record_yaml(r);
  Diagnostics diags;
  auto full = parse_edition_record_yaml(r.file, text, diags);
  CHECK(diags.items().empty());
  CHECK(all_of(full) == all_of(r));
  Diagnostics d2;
  CHECK(all_of(parse_edition_record(r.file, text, d2)) == all_of(r));
  CHECK(d2.items().empty());
  // The quick reading takes it (quoted values, escapes, a date not known) and reads the same.
  auto quick = read_published_record(r.file, text);
  REQUIRE(quick);
  CHECK(all_of(quick) == all_of(r));
  // Every way YAML writes null, where a date may be unknown.
  for (const char* null : {"null", "Null", "NULL"}) {
    const std::string t = with(text, "notified_date_iso: ~", std::string("notified_date_iso: ") + null);
    CHECK(all_of(read_published_record(r.file, t)) == all_of(r));
  }
  // Elsewhere a null is no text: left to yaml-cpp, which says so.
  const std::string null_title = with(text, "{url: a.html, number: 1, title: \"~\",", "{url: a.html, number: 1, title: ~,");
  CHECK_FALSE(read_published_record(r.file, null_title));
  Diagnostics null_diags;
  CHECK_FALSE(parse_edition_record(r.file, null_title, null_diags));
  REQUIRE(null_diags.items().size() == 1);
  CHECK(null_diags.items()[0].format() == "editions/1.2.yaml:13:37: error[KJ613]: 「title」には文字を書いてください");
}

TEST_CASE("a hand-edited record is left to yaml-cpp and reads the same", "[published_record]") {
  const std::string text = real_record("1.1.yaml");
  const std::vector<std::string> edited = {
      with(text, "title: クラウドサービス利用基準\norganisation: 北九州市\n",
           "organisation: 北九州市\ntitle: クラウドサービス利用基準\n"),            // keys in another order
      with(text, "reason: 総務省", "reason: '総務省'"),                                // single quotes
      with(text, "{order: 1, id: CS-1,", "{order: 1,   id: CS-1,"),                // more blanks
      with(text, "page: basics.html}", "page: basics.html}  # 最初の要件"),         // a comment after a value
      with(text, "\npages:\n", "\npages:\n\n    # ページ\n"),                       // an indented comment
      with(text, "{order: 2, id: CS-1-1,", "{order: 02, id: CS-1-1,"),             // a number as people write it
      with(text, "heading: true, text: 基本的な考え方", "heading: yes, text: 基本的な考え方"),
      with(text, "enumerator: \"\", parent: \"\", heading: true, text: 基本的な考え方",
           "enumerator: \"\", parent: \"\", heading: false, text: 基本的な考え方"),
      with(text, "title: クラウドサービス利用基準\n", "title: \"クラウドサービス\\u5229用基準\"\n"),  // other escapes
      with(text, "\n", "\r\n"),  // a carriage return
  };
  for (const std::string& t : edited) {
    CAPTURE(t.substr(0, 400));
    CHECK_FALSE(read_published_record("editions/1.1.yaml", t));
    Diagnostics quick_or_full, full;
    CHECK(all_of(parse_edition_record("editions/1.1.yaml", t, quick_or_full)) ==
          all_of(parse_edition_record_yaml("editions/1.1.yaml", t, full)));
    CHECK(quick_or_full.items().size() == full.items().size());
  }
}

TEST_CASE("a mistake in a record in the published shape gets yaml-cpp's located message", "[published_record]") {
  const std::string text = real_record("1.1.yaml");
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {with(text, "effective_date: 令和7年4月1日", "effective_date: 令和7年4月2日"),
       "editions/1.1.yaml:6:17: error[KJ601]: 'effective_date' の和暦「令和7年4月2日」が 2025-04-01 "
       "と合いません(正しくは「令和7年4月1日」)"},
      {with(text, "{order: 2, id: CS-1-1,", "{order: 2, id: CS-1,"),
       "editions/1.1.yaml:36:5: error[KJ620]: 版の記録に要件 'CS-1' が2回あります"},
      {with(text, "{order: 3, id: CS-1-2,", "{order: 3, id: \"\","),
       "editions/1.1.yaml:37:5: error[KJ620]: 版の記録の要件に 'id' がありません"},
      {with(text, "edition: 第1.1版", "edition: 1.1版"),
       "editions/1.1.yaml:2:10: error[KJ602]: 版の名前は「第1.2版」の形で書きます"},
      {with(text, "decided_date_iso: 2025-03-03", "decided_date_iso: 2025-02-30"),
       "editions/1.1.yaml:7:19: error[KJ604]: 'decided_date_iso' は 2025-04-01 のような実在する日付で書きます"},
  };
  for (const Case& c : cases) {
    CHECK_FALSE(read_published_record("editions/1.1.yaml", c.text));
    Diagnostics diags;
    CHECK_FALSE(parse_edition_record("editions/1.1.yaml", c.text, diags));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].format() == c.message);
  }
}

namespace {

// The record's JSON as nlohmann writes it: what edition_record_json writes, byte for byte.
std::string nlohmann_json(const EditionRecord& r) {
  using J = nlohmann::ordered_json;
  J j;
  auto date = [&](const std::string& key, const std::optional<Date>& d) {
    j[key + "_iso"] = d ? J(iso_date(*d)) : J(nullptr);
    j[key] = d ? wareki(*d) : "不明";
  };
  j["edition"] = r.name;
  j["title"] = r.title;
  j["organisation"] = r.organisation;
  date("effective_date", r.effective);
  date("decided_date", r.decided);
  date("notified_date", r.notified);
  j["reason"] = r.reason;
  j["text_recorded"] = r.has_text;
  auto& pages = j["pages"] = J::array();
  for (const auto& p : r.pages) pages.push_back({{"url", p.url}, {"number", p.number}, {"title", p.title}, {"id", p.id}});
  auto& provs = j["provisions"] = J::array();
  for (const auto& p : r.provisions)
    provs.push_back({{"order", p.order},
                     {"id", p.id},
                     {"citation", p.citation},
                     {"enumerator", p.enumerator},
                     {"parent", p.parent},
                     {"heading", p.heading},
                     {"text", p.text},
                     {"body", p.body},
                     {"page", p.page}});
  return j.dump(1) + "\n";
}

}  // namespace

TEST_CASE("a record's JSON is written as nlohmann writes it", "[published_record]") {
  for (const char* name : {"1.0.yaml", "1.1.yaml"}) {
    auto r = read_published_record(std::string("editions/") + name, real_record(name));
    REQUIRE(r);
    CHECK(edition_record_json(*r) == nlohmann_json(*r));
  }
  EditionRecord odd = odd_record();
  odd.provisions[1].body = std::string("制御\x01\x1f\b\f\r\x7f") + "\"引用\" \\ / 終";
  odd.provisions[2].order = 1234567;
  CHECK(edition_record_json(odd) == nlohmann_json(odd));
  EditionRecord empty;
  empty.name = "第0.1版";
  empty.effective = *parse_iso_date("2020-01-01");
  CHECK(edition_record_json(empty) == nlohmann_json(empty));
  CHECK(edition_record_json(empty).find("\"pages\": [],\n \"provisions\": []\n}\n") != std::string::npos);
}
