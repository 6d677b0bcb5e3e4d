// Tests of the lunr 2.3.9 index builder and serializer (src/search_index.*).
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <map>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/html.h"

#include "search/search_index.h"
#include "search/tokenizer.h"

using kijun::SearchDocument;
using kijun::SearchField;
using ojson = nlohmann::ordered_json;

namespace {

kijun::Tokenizer with_variants(std::vector<kijun::VariantGroup> groups) { return kijun::Tokenizer(std::move(groups)); }

// Weight of one (term, field, doc) exactly as lunr computes it (spec §3.3).
double lunr_weight(double n_docs, double df, double tf, double len, double avg, double field_boost = 1,
                   double doc_boost = 1) {
  const double idf = std::log(1 + std::fabs((n_docs - df + 0.5) / (df + 0.5)));
  double w = (idf * ((1.2 + 1) * tf)) / (1.2 * ((1 - 0.75) + 0.75 * (len / avg)) + tf);
  w *= field_boost;
  w *= doc_boost;
  return kijun::js_round(w * 1000) / 1000;
}

const ojson& posting_of(const ojson& index, const std::string& term) {
  for (const auto& entry : index.at("invertedIndex"))
    if (entry.at(0).get<std::string>() == term) return entry.at(1);
  FAIL("term not in index: " << term);
  static ojson none;
  return none;
}

const ojson& vector_of(const ojson& index, const std::string& field_ref) {
  for (const auto& entry : index.at("fieldVectors"))
    if (entry.at(0).get<std::string>() == field_ref) return entry.at(1);
  FAIL("no field vector: " << field_ref);
  static ojson none;
  return none;
}

double weight_in(const ojson& index, const std::string& field_ref, const std::string& term) {
  const auto idx = posting_of(index, term).at("_index").get<std::uint64_t>();
  const ojson& v = vector_of(index, field_ref);
  for (std::size_t i = 0; i + 1 < v.size(); i += 2)
    if (v.at(i).get<std::uint64_t>() == idx) return v.at(i + 1).get<double>();
  FAIL("term " << term << " not in vector " << field_ref);
  return 0;
}

}  // namespace

TEST_CASE("lunr index: golden example of spec §3.4 byte for byte", "[search_index]") {
  // The numbers of the spec's example; the terms are those of the current tokenizer, whose kana
  // fold writes ィ as イ and の as ノ (so the order of the inverted index follows those spellings).
  const std::vector<SearchField> fields = {{"title", 10}, {"body", 1}};
  const std::vector<SearchDocument> docs = {{"a", {"方針", "情報セキュリティ方針"}, 1},
                                            {"b", {"ISMAP", "ISMAPの情報"}, 1}};
  const std::string expected =
      R"({"version":"2.3.9","fields":["title","body"],)"
      R"("fieldVectors":[["title/a",[0,1.823]],)"
      R"(["body/a",[0,0.151,1,0.151,2,0.575,3,0.575,4,0.575,5,0.575,6,0.575,7,0.575,8,0.575]],)"
      R"(["title/b",[9,1.823]],["body/b",[1,0.229,9,0.229,10,0.871]]],)"
      R"("invertedIndex":[)"
      R"(["ismap",{"_index":9,"title":{"b":{"position":[[0,5]]}},"body":{"b":{"position":[[0,5]]}}}],)"
      R"(["イ方",{"_index":8,"title":{},"body":{"a":{"position":[[7,2]]}}}],)"
      R"(["キユ",{"_index":4,"title":{},"body":{"a":{"position":[[3,2]]}}}],)"
      R"(["セキ",{"_index":3,"title":{},"body":{"a":{"position":[[2,2]]}}}],)"
      R"(["テイ",{"_index":7,"title":{},"body":{"a":{"position":[[6,2]]}}}],)"
      R"(["ノ情",{"_index":10,"title":{},"body":{"b":{"position":[[5,2]]}}}],)"
      R"(["ユリ",{"_index":5,"title":{},"body":{"a":{"position":[[4,2]]}}}],)"
      R"(["リテ",{"_index":6,"title":{},"body":{"a":{"position":[[5,2]]}}}],)"
      R"(["報セ",{"_index":2,"title":{},"body":{"a":{"position":[[1,2]]}}}],)"
      R"(["情報",{"_index":1,"title":{},"body":{"a":{"position":[[0,2]]},"b":{"position":[[6,2]]}}}],)"
      R"(["方針",{"_index":0,"title":{"a":{"position":[[0,2]]}},"body":{"a":{"position":[[8,2]]}}}]],)"
      R"("pipeline":[]})";
  kijun::LunrIndexStats stats;
  const ojson index = kijun::build_lunr_index(fields, docs, kijun::Tokenizer(), &stats);
  CHECK(kijun::serialize_lunr_index(index) == expected);
  CHECK(stats.documents == 2);
  CHECK(stats.field_vectors == 4);
  CHECK(stats.terms == 11);
  CHECK(stats.tokens == 1 + 9 + 1 + 3);
  // The three-argument overload is the same build.
  CHECK(kijun::serialize_lunr_index(kijun::build_lunr_index(fields, docs, kijun::Tokenizer())) == expected);
}

TEST_CASE("lunr index: invertedIndex sorted by UTF-16 code units, not code points", "[search_index]") {
  // U+20BB7 𠮷 is D842 DFB7 in UTF-16 and sorts BEFORE U+FA11 﨑 and U+FF71 ｱ, although its code
  // point (and its UTF-8 bytes) are larger.
  CHECK(kijun::compare_utf16("𠮷", "ｱ") < 0);
  CHECK(std::string("𠮷") > std::string("ｱ"));
  CHECK(kijun::compare_utf16("ｱ", "𠮷") > 0);
  CHECK(kijun::compare_utf16("𠮷", "﨑") < 0);
  CHECK(kijun::compare_utf16("\xEF\xBF\xBF", "𠮷") > 0);  // U+FFFF > any surrogate
  CHECK(kijun::compare_utf16("\xED\x9F\xBF", "𠮷") < 0);  // U+D7FF < D842
  CHECK(kijun::compare_utf16("𠮷", "𠮷野") < 0);
  CHECK(kijun::compare_utf16("a", "a") == 0);
  CHECK(kijun::compare_utf16("", "a") < 0);
  CHECK(kijun::compare_utf16("𠀋", "𠮷") < 0);                              // same lead surrogate D840 vs D842
  CHECK(kijun::compare_utf16("\xF0\xA0\xAE\xB6", "\xF0\xA0\xAE\xB7") < 0);  // same lead, trail order

  // A half-width katakana term cannot reach the index (it is folded), but a compatibility
  // ideograph ≥ U+E000 can: 﨑 must come after 𠮷.
  const std::vector<SearchField> fields = {{"body", 1}};
  const std::vector<SearchDocument> docs = {{"1", {"﨑 𠮷 ｱ z あ"}, 1}};
  const ojson index = kijun::build_lunr_index(fields, docs, kijun::Tokenizer());
  std::vector<std::string> terms;
  for (const auto& e : index.at("invertedIndex")) terms.push_back(e.at(0).get<std::string>());
  CHECK(terms == std::vector<std::string>{"z", "ア", "𠮷", "﨑"});  // ｱ and あ both fold to ア
  for (std::size_t i = 1; i < terms.size(); ++i) CHECK(kijun::compare_utf16(terms[i - 1], terms[i]) < 0);
  // _index stays first-occurrence order.
  CHECK(posting_of(index, "﨑").at("_index") == 0);
  CHECK(posting_of(index, "𠮷").at("_index") == 1);
  CHECK(posting_of(index, "ア").at("_index") == 2);
}

TEST_CASE("lunr index: empty fields get vectors, and every posting lists every field", "[search_index]") {
  const std::vector<SearchField> fields = {{"title", 5}, {"id", 1}, {"body", 1}};
  const std::vector<SearchDocument> docs = {
      {"p1", {"方針", "", "情報資産"}, 1},
      {"p2", {"", "", ""}, 1},
      {"p3", {"、。"}, 1},  // trailing fields missing = empty; punctuation only = no tokens
  };
  const ojson index = kijun::build_lunr_index(fields, docs, kijun::Tokenizer());
  const auto& vectors = index.at("fieldVectors");
  REQUIRE(vectors.size() == 9);
  const char* refs[] = {"title/p1", "id/p1", "body/p1", "title/p2", "id/p2", "body/p2", "title/p3", "id/p3", "body/p3"};
  for (std::size_t i = 0; i < 9; ++i) CHECK(vectors.at(i).at(0).get<std::string>() == refs[i]);
  CHECK(vectors.at(1).at(1) == ojson::array());
  CHECK(vectors.at(3).at(1) == ojson::array());
  CHECK(vectors.at(8).at(1) == ojson::array());
  for (const auto& entry : index.at("invertedIndex")) {
    const ojson& posting = entry.at(1);
    REQUIRE(posting.size() == 4);
    auto it = posting.begin();
    CHECK(it.key() == "_index");
    CHECK((++it).key() == "title");
    CHECK((++it).key() == "id");
    CHECK((++it).key() == "body");
    CHECK(posting.at("id") == ojson::object());
  }
  CHECK(kijun::serialize_lunr_index(index).find(R"(["id/p2",[]])") != std::string::npos);
}

TEST_CASE("lunr index: df is counted per field, lengths and averages per field", "[search_index]") {
  const std::vector<SearchField> fields = {{"title", 1}, {"body", 1}};
  const std::vector<SearchDocument> docs = {
      {"a", {"鍵", "鍵 鍵 管理"}, 1},  // 鍵 in title and body of a: df counts 2
      {"b", {"管理", "鍵"}, 1},
      {"c", {"", "暗号"}, 1},
  };
  const ojson index = kijun::build_lunr_index(fields, docs, kijun::Tokenizer());
  // Field lengths: title a=1 b=1 c=0 → avg 2/3; body a=3 b=1 c=1 → avg 5/3. N = 3.
  const double avg_title = 2.0 / 3, avg_body = 5.0 / 3;
  // 鍵: title/a, body/a, body/b → df 3 (only 2 documents contain it).
  CHECK(weight_in(index, "title/a", "鍵") == lunr_weight(3, 3, 1, 1, avg_title));
  CHECK(weight_in(index, "body/a", "鍵") == lunr_weight(3, 3, 2, 3, avg_body));
  CHECK(weight_in(index, "body/b", "鍵") == lunr_weight(3, 3, 1, 1, avg_body));
  // 管理: body/a and title/b → df 2.
  CHECK(weight_in(index, "body/a", "管理") == lunr_weight(3, 2, 1, 3, avg_body));
  CHECK(weight_in(index, "title/b", "管理") == lunr_weight(3, 2, 1, 1, avg_title));
  CHECK(weight_in(index, "body/c", "暗号") == lunr_weight(3, 1, 1, 1, avg_body));
  // df > N (term in both fields of every document) keeps idf positive through the |x|.
  const std::vector<SearchDocument> twice = {{"x", {"鍵", "鍵"}, 1}, {"y", {"鍵", "鍵"}, 1}};
  const ojson i2 = kijun::build_lunr_index(fields, twice, kijun::Tokenizer());
  CHECK(weight_in(i2, "title/x", "鍵") == lunr_weight(2, 4, 1, 1, 1));
  CHECK(weight_in(i2, "title/x", "鍵") > 0);
}

TEST_CASE("lunr index: field and document boosts multiply, and 0 means 1", "[search_index]") {
  const std::vector<SearchDocument> docs = {{"a", {"情報", "情報資産"}, 2}, {"b", {"資産", "方針"}, 1}};
  const ojson boosted = kijun::build_lunr_index({{"title", 10}, {"body", 1}}, docs, kijun::Tokenizer());
  // title: lengths 1, 1 → avg 1; 情報 df = 2 (title/a, body/a).
  CHECK(weight_in(boosted, "title/a", "情報") == lunr_weight(2, 2, 1, 1, 1, 10, 2));
  CHECK(weight_in(boosted, "body/a", "情報") == lunr_weight(2, 2, 1, 3, 2, 1, 2));
  CHECK(weight_in(boosted, "title/b", "資産") == lunr_weight(2, 2, 1, 1, 1, 10, 1));

  const std::vector<SearchDocument> zero_docs = {{"a", {"情報", "情報資産"}, 0}, {"b", {"資産", "方針"}, 1}};
  const ojson zero = kijun::build_lunr_index({{"title", 0}, {"body", 1}}, zero_docs, kijun::Tokenizer());
  const ojson ones = kijun::build_lunr_index(
      {{"title", 1}, {"body", 1}}, {{"a", {"情報", "情報資産"}, 1}, {"b", {"資産", "方針"}, 1}}, kijun::Tokenizer());
  CHECK(kijun::serialize_lunr_index(zero) == kijun::serialize_lunr_index(ones));
  // A boost that does not cancel out: exactly 10× the unboosted weight before rounding.
  CHECK(weight_in(boosted, "title/b", "資産") != weight_in(ones, "title/b", "資産"));
}

TEST_CASE("lunr index: JS key order for array-index-like refs and field names", "[search_index]") {
  SECTION("refs") {
    const std::vector<SearchDocument> docs = {
        {"x", {"情報"}, 1}, {"10", {"情報"}, 1}, {"2", {"情報"}, 1}, {"007", {"情報"}, 1}, {"4294967295", {"情報"}, 1}};
    const ojson index = kijun::build_lunr_index({{"body", 1}}, docs, kijun::Tokenizer());
    std::vector<std::string> keys;
    for (const auto& [k, v] : posting_of(index, "情報").at("body").items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"2", "10", "x", "007", "4294967295"});
    // fieldVectors stay in add order.
    CHECK(index.at("fieldVectors").at(1).at(0) == "body/10");
  }
  SECTION("field names") {
    const ojson index = kijun::build_lunr_index({{"title", 1}, {"7", 1}, {"body", 1}},
                                                {{"a", {"方針", "情報", "資産"}, 1}}, kijun::Tokenizer());
    CHECK(index.at("fields") == ojson::array({"7", "title", "body"}));
    CHECK(index.at("fieldVectors").at(0).at(0) == "7/a");
    std::vector<std::string> keys;
    for (const auto& [k, v] : posting_of(index, "方針").items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"7", "_index", "title", "body"});
    CHECK(posting_of(index, "情報").at("_index") == 0);  // "7" is indexed first
  }
  CHECK(kijun::is_array_index_key("0"));
  CHECK(kijun::is_array_index_key("4294967294"));
  CHECK_FALSE(kijun::is_array_index_key("4294967295"));
  CHECK_FALSE(kijun::is_array_index_key("01"));
  CHECK_FALSE(kijun::is_array_index_key("-1"));
  CHECK_FALSE(kijun::is_array_index_key(""));
  CHECK_FALSE(kijun::is_array_index_key("1e3"));
}

TEST_CASE("lunr index: strings escaped like JSON.stringify", "[search_index]") {
  auto q = [](std::string_view s) {
    std::string out;
    kijun::append_json_string(out, s);
    return out;
  };
  CHECK(q("plain") == R"("plain")");
  CHECK(q("say \"hi\"") == R"("say \"hi\"")");
  CHECK(q("a\\b") == R"("a\\b")");
  CHECK(q("\b\t\n\f\r") == R"("\b\t\n\f\r")");
  CHECK(q(std::string("\0\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
  CHECK(q("\x7f/</script>") == "\"\x7f/</script>\"");                      // DEL and '/' are not escaped
  CHECK(q("\xE2\x80\xA8\xE2\x80\xA9") == "\"\xE2\x80\xA8\xE2\x80\xA9\"");  // U+2028/2029 raw
  CHECK(q("情報𠮷") == "\"情報𠮷\"");                                      // raw UTF-8
  CHECK(q("a\xffz") == "\"a\xEF\xBF\xBDz\"");                              // invalid byte -> U+FFFD
  // Three-byte sequences: well-formed ones as they are, the others as U+FFFD like a browser.
  CHECK(q("\xE0\xA0\x80\xED\x9F\xBF\xEF\xBF\xBF") == "\"\xE0\xA0\x80\xED\x9F\xBF\xEF\xBF\xBF\"");  // U+0800 U+D7FF U+FFFF
  CHECK(q("\xED\xA0\x80z") != "\"\xED\xA0\x80z\"");  // a surrogate (U+D800) is not passed through
  CHECK(q("\xE0\x80\x80z").find("\xE0") == std::string::npos);  // an overlong form neither
  CHECK(q("\xE6\x83") == "\"\xEF\xBF\xBD\"");                 // cut short at the end
  CHECK(q("\xE6\x83z") == "\"\xEF\xBF\xBDz\"");
  CHECK(q("\xE6z\x83") == "\"\xEF\xBF\xBDz\xEF\xBF\xBD\"");  // a lead byte not followed by two continuation bytes

  // Refs and field-ref strings through the whole index.
  const std::vector<SearchDocument> docs = {{"q\"uote\\back\nnl/\x01", {"情報"}, 1}};
  const std::string text =
      kijun::serialize_lunr_index(kijun::build_lunr_index({{"body", 1}}, docs, kijun::Tokenizer()));
  CHECK(text.find(R"(["body/q\"uote\\back\nnl/\u0001",[0,0.288]])") != std::string::npos);
  CHECK(text.find(R"({"q\"uote\\back\nnl/\u0001":{"position":[[0,2]]}})") != std::string::npos);
  // The output is valid JSON that parses back to the same structure.
  CHECK(nlohmann::ordered_json::parse(text) == kijun::build_lunr_index({{"body", 1}}, docs, kijun::Tokenizer()));
}

TEST_CASE("lunr index: numbers printed like JavaScript", "[search_index]") {
  using kijun::js_number_to_string;
  CHECK(js_number_to_string(0) == "0");
  CHECK(js_number_to_string(-0.0) == "0");
  CHECK(js_number_to_string(1) == "1");
  CHECK(js_number_to_string(100) == "100");
  CHECK(js_number_to_string(1.823) == "1.823");
  CHECK(js_number_to_string(0.1 + 0.2) == "0.30000000000000004");
  CHECK(js_number_to_string(0.000001) == "0.000001");
  CHECK(js_number_to_string(1e-7) == "1e-7");
  CHECK(js_number_to_string(1.5e-7) == "1.5e-7");
  CHECK(js_number_to_string(1e21) == "1e+21");
  CHECK(js_number_to_string(1e20) == "100000000000000000000");
  CHECK(js_number_to_string(123456789012345680000.0) == "123456789012345680000");
  CHECK(js_number_to_string(-2.5) == "-2.5");
  CHECK(js_number_to_string(5e-324) == "5e-324");
  CHECK(js_number_to_string(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(js_number_to_string(std::nan("")) == "null");

  using kijun::thousandths_to_string;
  CHECK(thousandths_to_string(1823) == "1.823");
  CHECK(thousandths_to_string(2000) == "2");
  CHECK(thousandths_to_string(150) == "0.15");
  CHECK(thousandths_to_string(7) == "0.007");
  CHECK(thousandths_to_string(0) == "0");
  CHECK(thousandths_to_string(-7) == "-0.007");
  // The integer route and the general route agree on every stored weight k / 1000.
  for (long long k = 0; k <= 200000; ++k) {
    const double w = static_cast<double>(k) / 1000;
    if (thousandths_to_string(k) != js_number_to_string(w)) {
      FAIL("k = " << k);
    }
  }
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const long long k = static_cast<long long>(rng() % 1000000000000ull);
    const double w = static_cast<double>(k) / 1000;
    if (thousandths_to_string(k) != js_number_to_string(w)) FAIL("k = " << k);
  }
  // Values the serializer meets that are not weights.
  CHECK(kijun::serialize_lunr_index(ojson::array({1.5e-7, 0.1 + 0.2, 42, -3, true, nullptr})) ==
        "[1.5e-7,0.30000000000000004,42,-3,true,null]");
}

TEST_CASE("lunr index: Math.round as JavaScript computes it", "[search_index]") {
  CHECK(kijun::js_round(0.5) == 1);
  CHECK(kijun::js_round(2.5) == 3);
  CHECK(kijun::js_round(-0.5) == 0);
  CHECK(std::signbit(kijun::js_round(-0.5)));
  CHECK(kijun::js_round(-2.5) == -2);
  CHECK(kijun::js_round(1823.4999999) == 1823);
  CHECK(kijun::js_round(0.49999999999999994) == 0);
  CHECK(kijun::js_round(4503599627370497.0) == 4503599627370497.0);
}

TEST_CASE("lunr index: invalid input is rejected or handled", "[search_index]") {
  const kijun::Tokenizer t;
  CHECK_THROWS_AS(kijun::build_lunr_index({{"a/b", 1}}, {}, t), std::invalid_argument);
  CHECK_THROWS_AS(kijun::build_lunr_index({{"body", 1}, {"body", 2}}, {}, t), std::invalid_argument);
  CHECK_THROWS_AS(kijun::build_lunr_index({{"body", 1}}, {{"a", {"x"}, 1}, {"a", {"y"}, 1}}, t), std::invalid_argument);
  CHECK_THROWS_AS(kijun::build_lunr_index({{"body", 1}}, {{"a", {"x", "y"}, 1}}, t), std::invalid_argument);
  // No documents: a valid, empty index.
  CHECK(kijun::serialize_lunr_index(kijun::build_lunr_index({{"title", 10}, {"body", 1}}, {}, t)) ==
        R"({"version":"2.3.9","fields":["title","body"],"fieldVectors":[],"invertedIndex":[],"pipeline":[]})");
  // Refs may contain '/', invalid UTF-8 in text does not crash.
  const std::string text =
      kijun::serialize_lunr_index(kijun::build_lunr_index({{"body", 1}}, {{"/ja/policy/", {"\xff情報\xe3"}, 1}}, t));
  CHECK(text.find(R"(["body//ja/policy/",[0,0.288]])") != std::string::npos);
  CHECK(text.find(R"("/ja/policy/":{"position":[[1,2]]})") != std::string::npos);
}

TEST_CASE("lunr index: variants are applied at index time", "[search_index]") {
  const kijun::Tokenizer t = with_variants({{"ウェブ会議", {"Web会議"}}});
  const ojson index = kijun::build_lunr_index({{"body", 1}}, {{"a", {"Web会議の開催"}, 1}}, t);
  const ojson& p = posting_of(index, "ウエ");
  CHECK(p.at("body").at("a").at("position") == ojson::parse("[[0,3]]"));
  CHECK(posting_of(index, "会議").at("body").at("a").at("position") == ojson::parse("[[3,2]]"));
}

TEST_CASE("lunr index shards: together they are the whole index, cut by size, in order", "[search_index]") {
  // A corpus with array-index-like refs and a field named like one, so that JS key order shows.
  std::mt19937_64 rng(11);
  const std::vector<std::string> words = {"情報", "資産", "クラウド", "ログ", "保存", "期間", "password", "meeting", "会議"};
  const std::vector<SearchField> fields = {{"title", 5}, {"7", 2}, {"body", 1}};
  std::vector<SearchDocument> docs;
  for (int d = 0; d < 60; ++d) {
    std::vector<std::string> f(3);
    for (auto& text : f)
      for (int k = 0; k < static_cast<int>(rng() % 12); ++k) text += words[rng() % words.size()] + " ";
    docs.push_back({d % 3 == 0 ? std::to_string(d) : "CS-" + std::to_string(d), f, d % 5 == 0 ? 0.7 : 1.0});
  }
  const kijun::Tokenizer t;
  const ojson whole = ojson::parse(kijun::lunr_index_text(fields, docs, t));

  for (std::size_t shard_bytes : {1u, 400u, 5000u, 100000000u}) {
    std::vector<std::string> texts;
    kijun::LunrIndexStats stats;
    const kijun::LunrShards shards = kijun::lunr_index_shards(
        fields, docs, t, shard_bytes,
        [&](std::size_t n, std::string&& text) {
          CHECK(n == texts.size());  // in order, numbered from 0
          texts.push_back(std::move(text));
        },
        &stats);
    CAPTURE(shard_bytes);
    REQUIRE(texts.size() == shards.first.size());
    // Wrapped as scripts, the same shards, cut at the same terms, each between its wrapping.
    const kijun::ShardScript script{[](std::size_t n) { return "part(" + std::to_string(n) + ","; }, ");\n"};
    std::vector<std::string> scripts;
    kijun::lunr_index_shards(
        fields, docs, t, shard_bytes, [&](std::size_t, std::string&& text) { scripts.push_back(std::move(text)); },
        nullptr, &script);
    REQUIRE(scripts.size() == texts.size());
    for (std::size_t n = 0; n < texts.size(); ++n) {
      std::string expected = "part(" + std::to_string(n) + ",";
      kijun::append_script_safe(expected, texts[n]);
      CHECK(scripts[n] == expected + ");\n");
    }
    CHECK(stats.terms == whole.at("invertedIndex").size());
    CHECK(shards.fields == whole.at("fields").get<std::vector<std::string>>());
    if (shard_bytes == 1) CHECK(texts.size() == shards.terms.size());  // one term a shard
    if (shard_bytes == 100000000u) CHECK(texts.size() == 1);
    // The entries, in shard order, are the invertedIndex; their weights rebuild the field vectors.
    ojson inverted = ojson::array();
    std::map<std::string, std::vector<std::pair<long long, double>>> vectors;
    for (std::size_t n = 0; n < texts.size(); ++n) {
      if (shard_bytes == 400u && texts.size() > 1) CHECK(texts[n].size() <= 400u + 2000u);
      const ojson shard = ojson::parse(texts[n]);
      REQUIRE(!shard.empty());
      CHECK(shard.at(0).at(0).get<std::string>() == shards.terms[shards.first[n]]);
      for (const ojson& entry : shard) {
        REQUIRE(entry.size() == 2 + fields.size());
        const long long index = entry.at(1).get<long long>();
        // {_index, fields...} as lunr builds it: ordered_json keeps insertion order, so the keys go
        // in the order JS enumerates them (fields named like array indexes before _index).
        ojson posting = ojson::object();
        std::vector<std::pair<std::string, ojson>> after;
        for (std::size_t f = 0; f < fields.size(); ++f) {
          const std::string& field = shards.fields[f];
          const ojson& flat = entry.at(2 + f);
          ojson refs = ojson::object();  // in the order listed, which must be JS's (compared below)
          long long doc = 0;
          std::size_t i = 0;
          while (i < flat.size()) {
            doc += flat.at(i++).get<long long>();
            const long long count = flat.at(i++).get<long long>();
            ojson position = ojson::array();
            long long start = 0;
            for (long long k = 0; k < count; ++k) {
              start += flat.at(i++).get<long long>();
              position.push_back({start, flat.at(i++).get<long long>()});
            }
            const double weight = flat.at(i++).get<long long>() / 1000.0;
            REQUIRE(doc >= 0);
            REQUIRE(doc < static_cast<long long>(docs.size()));
            const std::string& ref = docs[doc].ref;
            refs[ref] = {{"position", position}};
            vectors[field + "/" + ref].push_back({index, weight});
          }
          if (kijun::is_array_index_key(field))
            posting[field] = refs;
          else
            after.push_back({field, refs});
        }
        posting["_index"] = index;
        for (auto& [field, refs] : after) posting[field] = refs;
        inverted.push_back({entry.at(0), posting});
      }
    }
    CHECK(inverted == whole.at("invertedIndex"));
    std::size_t compared = 0;
    for (const ojson& fv : whole.at("fieldVectors")) {
      auto& got = vectors[fv.at(0).get<std::string>()];
      std::sort(got.begin(), got.end());
      ojson flat = ojson::array();
      for (const auto& [i, w] : got) {
        flat.push_back(i);
        flat.push_back(w);
      }
      CHECK(flat == fv.at(1));
      ++compared;
    }
    CHECK(compared == docs.size() * fields.size());
  }
}

TEST_CASE("a field with the text of the same field of the document before is indexed as that one was",
          "[search_index]") {
  // Runs of documents that share a context (the provisions of one page), some empty; the reference
  // breaks every run with a trailing space, which the tokenizer passes over, so that nothing repeats.
  const std::vector<SearchField> fields = {{"title", 5}, {"body", 1}, {"context", 0.2}};
  const std::vector<std::string> contexts = {"3.1 クラウドサービスの利用", "ログ 保存 期間", "", "meeting 会議"};
  std::vector<SearchDocument> docs, reference;
  std::mt19937_64 rng(5);
  const std::vector<std::string> words = {"情報", "資産", "クラウド", "ログ", "保存", "password", "会議"};
  for (int d = 0; d < 48; ++d) {
    std::string body;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 6); ++k) body += words[rng() % words.size()] + " ";
    const std::string& context = contexts[(d / 5) % contexts.size()];
    docs.push_back({"CS-" + std::to_string(d), {"", body, context}, 1.0});
    reference.push_back({"CS-" + std::to_string(d), {d % 2 ? " " : "", body, context + (d % 2 ? " " : "")}, 1.0});
  }
  const kijun::Tokenizer t;
  const std::string index = kijun::lunr_index_text(fields, docs, t);
  CHECK(index == kijun::lunr_index_text(fields, reference, t));
  // The context's terms are there, with every document of their run.
  const ojson parsed = ojson::parse(index);
  CHECK(posting_of(parsed, "期間").at("context").size() == 13);  // documents 5-9, 25-29, 45-47
  std::vector<std::string> shards, reference_shards;
  kijun::lunr_index_shards(fields, docs, t, 2000, [&](std::size_t, std::string&& s) { shards.push_back(s); }, nullptr);
  kijun::lunr_index_shards(fields, reference, t, 2000, [&](std::size_t, std::string&& s) { reference_shards.push_back(s); },
                           nullptr);
  CHECK(shards == reference_shards);
}
