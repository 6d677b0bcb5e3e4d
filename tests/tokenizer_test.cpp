// Tests of the ja-bigram tokenizer (src/tokenizer.*). The table in tests/data/tokenizer-cases.json
// is shared with the JS tokenizer's test (tests/node/search-tokenizer.test.mjs).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/tokenizer.h"

namespace {

kijun::Tokenizer with_variants(std::vector<kijun::VariantGroup> groups) { return kijun::Tokenizer(std::move(groups)); }

std::filesystem::path find_test_data(const std::string& name) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates = {fs::path(__FILE__).parent_path() / "data" / name};
#ifdef KIJUN_SOURCE_DIR
  candidates.push_back(fs::path(KIJUN_SOURCE_DIR) / "tests" / "data" / name);
#endif
  if (const char* dir = std::getenv("KIJUN_SOURCE_DIR")) candidates.push_back(fs::path(dir) / "tests" / "data" / name);
  for (fs::path up = fs::current_path();; up = up.parent_path()) {
    candidates.push_back(up / "tests" / "data" / name);
    if (up == up.parent_path()) break;
  }
  for (const fs::path& p : candidates)
    if (fs::exists(p)) return p;
  return {};
}

nlohmann::json load_cases() {
  const auto path = find_test_data("tokenizer-cases.json");
  REQUIRE_FALSE(path.empty());  // missing table = failure, never a skip
  std::ifstream in(path);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::vector<kijun::VariantGroup> groups_from(const nlohmann::json& table) {
  std::vector<kijun::VariantGroup> groups;
  for (const auto& g : table) {
    kijun::VariantGroup vg;
    vg.canonical = g.at(0).get<std::string>();
    for (std::size_t i = 1; i < g.size(); ++i) vg.variants.push_back(g.at(i).get<std::string>());
    groups.push_back(std::move(vg));
  }
  return groups;
}

std::string show(const std::vector<kijun::Token>& toks) {
  std::ostringstream o;
  for (const auto& t : toks) o << t.term << "[" << t.start << "," << t.length << "] ";
  return o.str();
}

std::vector<kijun::Token> T(std::initializer_list<kijun::Token> l) { return l; }

}  // namespace

TEST_CASE("tokenizer: shared table tests/data/tokenizer-cases.json", "[tokenizer]") {
  const nlohmann::json data = load_cases();
  CHECK(data.at("tokenizer").get<std::string>() == kijun::kTokenizerVersion);
  const kijun::Tokenizer table_tokenizer(groups_from(data.at("variants")),
                                         data.at("stopwords").get<std::vector<std::string>>());
  const kijun::Tokenizer plain;
  const auto& cases = data.at("cases");
  REQUIRE(cases.size() >= 30);
  for (const auto& c : cases) {
    const std::string name = c.at("name").get<std::string>();
    const std::string text = c.at("text").get<std::string>();
    const bool use_variants = c.value("useVariants", true);
    std::vector<kijun::Token> expected;
    for (const auto& t : c.at("tokens"))
      expected.push_back(
          {t.at(0).get<std::string>(), t.at(1).at(0).get<std::size_t>(), t.at(1).at(1).get<std::size_t>()});
    const auto got = (use_variants ? table_tokenizer : plain).tokenize(text);
    INFO("case: " << name << "\ntext: " << text << "\nexpected: " << show(expected) << "\ngot:      " << show(got));
    CHECK(got == expected);
  }
}

TEST_CASE("tokenizer: spec examples of ja-bigram-v1", "[tokenizer]") {
  const kijun::Tokenizer t;
  CHECK(t.tokenize("ISO/IEC 27001") == T({{"iso", 0, 3}, {"iec", 4, 3}, {"27001", 8, 5}}));
  CHECK(t.tokenize("ＩＳＯ") == T({{"iso", 0, 3}}));
  CHECK(t.tokenize("E2E") == T({{"e", 0, 1}, {"2", 1, 1}, {"e", 2, 1}}));  // letters and digits split
  CHECK(t.tokenize("99.9%") == T({{"99", 0, 2}, {"9", 3, 1}}));
  CHECK(t.tokenize("ISMAP登録") == T({{"ismap", 0, 5}, {"登録", 5, 2}}));
  CHECK(t.tokenize("ISMAPの情報") == T({{"ismap", 0, 5}, {"ノ情", 5, 2}, {"情報", 6, 2}}));
  CHECK(t.tokenize("情報・資産") == T({{"情報", 0, 2}, {"資産", 3, 2}}));
}

TEST_CASE("tokenizer: invalid UTF-8 never crashes, and bad sequences are one-unit separators", "[tokenizer]") {
  const kijun::Tokenizer t;
  // Each bad sequence counts as the number of U+FFFD a browser's TextDecoder produces.
  CHECK(t.tokenize("\xff情報") == T({{"情報", 1, 2}}));
  CHECK(t.tokenize("\xe3\x81情報") == T({{"情報", 1, 2}}));          // truncated 3-byte sequence
  CHECK(t.tokenize("\xc0\xaf情報") == T({{"情報", 2, 2}}));          // overlong: 2 units
  CHECK(t.tokenize("\xed\xa0\x80情報") == T({{"情報", 3, 2}}));      // encoded surrogate: 3 units
  CHECK(t.tokenize("\xf4\x90\x80\x80情報") == T({{"情報", 4, 2}}));  // above U+10FFFF: 4 units
  CHECK(t.tokenize("\xf0\x9f\x98情報") == T({{"情報", 1, 2}}));      // truncated 4-byte sequence
  CHECK(t.tokenize("情報\xe3") == T({{"情報", 0, 2}}));
  CHECK(t.tokenize("ab\x80"
                   "cd") == T({{"ab", 0, 2}, {"cd", 3, 2}}));
  CHECK(t.tokenize(std::string("a\0b", 3)) == T({{"a", 0, 1}, {"b", 2, 1}}));
  CHECK(kijun::utf16_length("\xff情報𠮷") == 5);
  CHECK(kijun::utf16_length("") == 0);

  std::mt19937 rng(12345);
  const kijun::Tokenizer v = with_variants({{"ウェブ会議", {"Web会議"}}, {"サーバー", {"サーバ"}}});
  const std::string alphabet[] = {"a",    "Z",        "1", "情", "報",  "ｶ",    "ﾞ",      "ﾟ",        "ー",  "𠮷",
                                  "\xff", "\xe3\x81", " ", "・", "Web", "会議", "サーバ", "\xf0\x9f", "\x80"};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int len = static_cast<int>(rng() % 24);
    for (int i = 0; i < len; ++i) s += alphabet[rng() % std::size(alphabet)];
    const std::size_t total = kijun::utf16_length(s);
    for (const auto& tok : v.tokenize(s)) {
      INFO(s);
      CHECK(!tok.term.empty());
      CHECK(tok.length > 0);
      CHECK(tok.start + tok.length <= total);
    }
  }
}

TEST_CASE("tokenizer: variant rules", "[tokenizer]") {
  SECTION("all spellings fold first; duplicates and empty spellings are ignored") {
    const kijun::Tokenizer t = with_variants({{"ウェブ会議", {"Web会議", "WEB会議", "ｗｅｂ会議", "ウエブ会議", ""}}});
    CHECK(t.rules().size() == 2);  // the canonical itself (= ウエブ会議 folded) + one folded variant "web会議"
    CHECK(t.tokenize("WEB会議") == t.tokenize("Web会議"));
    CHECK(t.tokenize("ｗｅｂ会議")[0].term == "ウエ");
  }
  SECTION("the longest spelling wins; the canonical protects itself") {
    const kijun::Tokenizer t = with_variants({{"電子メール", {"メール"}}});
    CHECK(t.tokenize("電子メール") == T({{"電子", 0, 2}, {"子メ", 1, 2}, {"メー", 2, 2}, {"ール", 3, 2}}));
    CHECK(t.tokenize("メール")[0] == kijun::Token{"電子", 0, 1});
  }
  SECTION("W edges need a word boundary") {
    const kijun::Tokenizer t = with_variants({{"ウェブ", {"web"}}});
    CHECK(t.tokenize("web") == T({{"ウエ", 0, 3}, {"エブ", 0, 3}}));
    CHECK(t.tokenize("webex") == T({{"webex", 0, 5}}));
    CHECK(t.tokenize("myweb") == T({{"myweb", 0, 5}}));
    CHECK(t.tokenize("web会議")[0].term == "ウエ");
  }
  SECTION("the first group naming a spelling wins") {
    const kijun::Tokenizer t = with_variants({{"甲", {"x"}}, {"乙", {"x"}}});
    CHECK(t.tokenize("x") == T({{"甲", 0, 1}}));
  }
  SECTION("a group with an empty canonical spelling is ignored") {
    const kijun::Tokenizer t = with_variants({{"", {"情報"}}});
    CHECK(t.rules().empty());
    CHECK(t.tokenize("情報資産") == T({{"情報", 0, 2}, {"報資", 1, 2}, {"資産", 2, 2}}));
  }
  SECTION("no re-scan of a replacement") {
    const kijun::Tokenizer t = with_variants({{"ab", {"a"}}});  // "a" -> "ab" would loop if re-scanned
    CHECK(t.tokenize("a b") == T({{"ab", 0, 1}, {"b", 2, 1}}));
  }
}

TEST_CASE("tokenizer: stop words", "[tokenizer]") {
  const kijun::Tokenizer t({}, {"の", "は", "する", "するの", "", "誰", "pw"});
  SECTION("a stop word separates; the longest one is taken") {
    CHECK(t.tokenize("ログは保存するの") == T({{"ログ", 0, 2}, {"保存", 3, 2}}));
    CHECK(t.tokenize("保存する") == t.tokenize("保存するの"));
  }
  SECTION("only the spelling of the stop word: katakana ハ is not the particle は") {
    CHECK(t.tokenize("ハノイ") == T({{"ハノ", 0, 2}, {"ノイ", 1, 2}}));
  }
  SECTION("an ASCII stop word needs word boundaries; an empty one is ignored") {
    CHECK(t.tokenize("PW") == T({}));
    CHECK(t.tokenize("pwd") == T({{"pwd", 0, 3}}));
    CHECK(t.tokenize("誰") == T({}));
  }
  SECTION("stop words are not applied without a list") {
    CHECK(kijun::Tokenizer().tokenize("ログは").size() == 2);
  }
}

TEST_CASE("tokenizer: NFKC through utf8proc", "[tokenizer]") {
  const kijun::Tokenizer t;
  // Each cluster's NFKC form; an expansion gives every character the span of its source.
  CHECK(t.tokenize("㍻") == T({{"平成", 0, 1}}));
  CHECK(t.tokenize("ｶﾞｲﾄﾞ") == T({{"ガイ", 0, 3}, {"イド", 2, 3}}));
  CHECK(t.tokenize("Ａ１") == T({{"a", 0, 1}, {"1", 1, 1}}));
  CHECK(t.tokenize("①②") == T({}));  // enclosed numbers stay separators
  CHECK(t.tokenize("½") == T({{"1", 0, 1}, {"2", 0, 1}}));  // ½ -> 1⁄2 (the fraction slash separates)
}

TEST_CASE("tokenizer: one TokenList reused from text to text holds only the last text's tokens", "[tokenizer]") {
  const kijun::Tokenizer t = with_variants({{"ウェブ会議", {"Web会議"}}, {"サーバー", {"サーバ"}}});
  // Long and short texts, with what each step rewrites (width, kana, ー, variants, marks, bad bytes).
  const std::vector<std::string> texts = {"ＩＳＯ／ＩＥＣ２７００１に基づくクラウドサービスの利用（Web会議を含む）。サーバの管理",
                                          "か\xe3\x82\x99ｶﾞ",
                                          "",
                                          "\xff情報",
                                          "e2e",
                                          "（）「」、。（テスト）（テスト）"};
  kijun::TokenList list;
  for (int round = 0; round < 2; ++round)
    for (const std::string& text : texts) {
      INFO(text);
      t.tokenize_into(text, list);
      const std::vector<kijun::Token> expected = t.tokenize(text);
      REQUIRE(list.size() == expected.size());
      std::size_t bytes = 0;
      for (std::size_t k = 0; k < list.size(); ++k) {
        CHECK(list.term(k) == expected[k].term);
        CHECK(list.items[k].start == expected[k].start);
        CHECK(list.items[k].length == expected[k].length);
        bytes += expected[k].term.size();
      }
      CHECK(list.bytes.size() == bytes);
    }
  CHECK(t.tokenize("（テスト）") == T({{"テス", 1, 2}, {"スト", 2, 2}}));
}
