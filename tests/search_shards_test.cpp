// Sharded search data (src/search/search_data.*): the files a site past search.shard_above gets,
// and the settings that decide it. That the browser's results are the same as with one index is
// tested in tests/node/search-shards.test.mjs.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "content/content_library.h"
#include "search/search_data.h"
#include "test_support.h"

using namespace kijun;

namespace {

std::string with_search(const std::string& settings) { return std::string(test::kSiteYaml) + "search:\n" + settings; }

// A page of the standard with `n` provisions whose texts hold words that the test searches for.
std::pair<std::string, std::string> page_with(int n) {
  std::string body = "---\ntitle: 選定条件\nnumber: \"3.1\"\nid: CS-3.1\n---\n";
  for (int i = 1; i <= n; ++i)
    body += "- {#CS-3.1-" + std::to_string(i) + "} (" + std::to_string(i) + ") ログを保存する期間は" +
            std::to_string(i) + "年とし、`</script>` を含む。\n";
  return {"01-selection.md", body};
}

// The JSON inside one shard script: KIJUN_SEARCH_PART("t",3,<json>);
nlohmann::json part_of(const std::string& script, const std::string& kind, std::size_t n) {
  const std::string prefix = "KIJUN_SEARCH_PART(\"" + kind + "\"," + std::to_string(n) + ",";
  REQUIRE(script.rfind(prefix, 0) == 0);
  REQUIRE(script.size() > prefix.size() + 3);
  REQUIRE(script.substr(script.size() - 3) == ");\n");
  std::string json = script.substr(prefix.size(), script.size() - prefix.size() - 3);
  for (std::size_t i = 0; (i = json.find("<\\/", i)) != std::string::npos;) json.replace(i, 3, "</");
  return nlohmann::json::parse(json);
}

}  // namespace

TEST_CASE("search shards: past shard_above the data comes in term, document and ID shards", "[search_shards]") {
  test::LoadedSite s({{"site.yaml", with_search("  shard_above: 10\n  shard_size_kb: 1\n")}, page_with(40)});
  CHECK(s.messages() == std::vector<std::string>{});
  REQUIRE(s.lib->config.search.shard_above == 10);
  std::vector<std::string> text(s.lib->pages.size());
  const SearchBundle b = build_search_bundle(*s.lib, *s.reg, text);
  REQUIRE(b.sharded);
  CHECK(b.index_json.empty());
  CHECK(b.term_shards > 1);
  CHECK(b.doc_shards > 1);
  // The head: settings and the term dictionary, no index and no documents.
  const std::string prefix = "window.KIJUN_SEARCH = ";
  REQUIRE(b.data_js.rfind(prefix, 0) == 0);
  const nlohmann::json head = nlohmann::json::parse(b.data_js.substr(prefix.size(), b.data_js.size() - prefix.size() - 2));
  CHECK(!head.contains("index"));
  CHECK(head.at("docs").empty());
  CHECK(head.at("sharded").at("docShards") == b.doc_shards);
  CHECK(head.at("sharded").at("first").size() == b.term_shards);
  CHECK(head.at("sharded").at("path") == "assets/js/search/");
  const auto terms = head.at("sharded").at("terms").get<std::vector<std::string>>();
  CHECK(std::find(terms.begin(), terms.end(), "ログ") != terms.end());

  std::map<std::string, std::string> files;
  for (const SearchFile& f : b.shards) files[f.path] = f.content;
  CHECK(files.size() == b.term_shards + b.doc_shards + 2);
  // Every term is in the shard its range says, every document in the shard its hash says.
  std::set<std::string> seen_terms, seen_refs;
  for (std::size_t n = 0; n < b.term_shards; ++n) {
    const std::string& script = files.at("assets/js/search/t-" + std::to_string(n) + ".js");
    CHECK(script.find("</") == std::string::npos);
    const nlohmann::json shard = part_of(script, "t", n);
    CHECK(shard.at(0).at(0) == terms.at(head.at("sharded").at("first").at(n).get<std::size_t>()));
    for (const auto& e : shard) seen_terms.insert(e.at(0).get<std::string>());
  }
  CHECK(seen_terms.size() == terms.size());
  for (std::size_t n = 0; n < b.doc_shards; ++n) {
    const std::string& script = files.at("assets/js/search/d-" + std::to_string(n) + ".js");
    CHECK(script.find("</script>") == std::string::npos);
    const nlohmann::json shard = part_of(script, "d", n);
    for (const auto& [ref, doc] : shard.items()) {
      CHECK(search_doc_shard(ref, b.doc_shards) == n);
      CHECK(seen_refs.insert(ref).second);
      if (ref == "CS-3.1-7") CHECK(doc.at("text") == "(7) ログを保存する期間は7年とし、</script> を含む。");
    }
  }
  CHECK(seen_refs.size() == b.stats.documents);
  // The refs by document number, which the term shards use: provisions first, then the pages.
  const nlohmann::json refs = part_of(files.at("assets/js/search/refs.js"), "refs", 0);
  REQUIRE(refs.size() == b.stats.documents);
  CHECK(refs.at(0) == "CS-3.1");
  CHECK(refs.at(7) == "CS-3.1-7");
  CHECK(std::set<std::string>(refs.begin(), refs.end()) == seen_refs);
  // A term shard's document numbers are within them: "ログ" is in the body of every provision.
  int found = 0;
  for (std::size_t n = 0; n < b.term_shards; ++n)
    for (const auto& e : part_of(files.at("assets/js/search/t-" + std::to_string(n) + ".js"), "t", n)) {
      if (e.at(0) != "ログ") continue;
      ++found;
      const nlohmann::json& fields = head.at("sharded").at("fields");
      const std::size_t f = std::find(fields.begin(), fields.end(), "body") - fields.begin();
      const nlohmann::json& flat = e.at(2 + f);
      long long doc = 0, docs = 0;
      for (std::size_t i = 0; i < flat.size(); i += 3 + 2 * flat.at(i + 1).get<std::size_t>(), ++docs) {
        doc += flat.at(i).get<long long>();
        CHECK(refs.at(doc).get<std::string>().rfind("CS-3.1-", 0) == 0);
      }
      CHECK(docs == 40);
    }
  CHECK(found == 1);
  // The jump table: every provision with its citation and URL, in document order.
  const nlohmann::json ids = part_of(files.at("assets/js/search/ids.js"), "ids", 0);
  REQUIRE(ids.size() == 41);
  CHECK(ids.at(0) == nlohmann::json::array({"CS-3.1", "3.1", "selection.html"}));
  CHECK(ids.at(7) == nlohmann::json::array({"CS-3.1-7", "3.1(7)", "selection.html#CS-3.1-7"}));
}

TEST_CASE("search shards: at shard_above or with 0 the data stays one file", "[search_shards]") {
  for (const char* settings : {"  shard_above: 0\n", "  shard_above: 42\n"}) {
    CAPTURE(settings);
    // 41 provisions and 2 pages: 43 documents.
    test::LoadedSite s({{"site.yaml", with_search(settings)}, page_with(40)});
    CHECK(s.messages() == std::vector<std::string>{});
    std::vector<std::string> text(s.lib->pages.size());
    const SearchBundle b = build_search_bundle(*s.lib, *s.reg, text);
    CHECK(b.sharded == (std::string(settings) == "  shard_above: 42\n" ? true : false));
    if (!b.sharded) {
      CHECK(!b.index_json.empty());
      CHECK(b.shards.empty());
      CHECK(b.data_js.find("{\"index\":{\"version\":\"2.3.9\"") != std::string::npos);
    }
  }
  test::LoadedSite s({{"site.yaml", with_search("  shard_above: 43\n")}, page_with(40)});
  std::vector<std::string> text(s.lib->pages.size());
  CHECK(!build_search_bundle(*s.lib, *s.reg, text).sharded);
  // The default shards only past 5,000 documents.
  test::LoadedSite d({page_with(40)});
  CHECK(d.lib->config.search.shard_above == 5000);
  CHECK(d.lib->config.search.shard_size_kb == 512);
}

TEST_CASE("search shards: the sink gets every file as it is done", "[search_shards]") {
  test::LoadedSite s({{"site.yaml", with_search("  shard_above: 1\n  shard_size_kb: 1\n")}, page_with(30)});
  std::vector<std::string> text(s.lib->pages.size());
  std::vector<std::string> paths;
  const SearchBundle b = build_search_bundle(*s.lib, *s.reg, text, nullptr, [&](SearchFile&& f) { paths.push_back(f.path); });
  CHECK(b.shards.empty());
  CHECK(paths.size() == b.term_shards + b.doc_shards + 2);
  // The store first (so that its texts can go), the jump table, the refs, then the index term by term.
  CHECK(paths.front() == "assets/js/search/d-0.js");
  CHECK(paths.at(b.doc_shards) == "assets/js/search/ids.js");
  CHECK(paths.at(b.doc_shards + 1) == "assets/js/search/refs.js");
  CHECK(paths.at(b.doc_shards + 2) == "assets/js/search/t-0.js");
  CHECK(paths.back() == "assets/js/search/t-" + std::to_string(b.term_shards - 1) + ".js");
}

TEST_CASE("search shards: the settings are whole numbers, reported where they are written", "[search_shards]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  shard_above: -1\n",
       "content/site.yaml:7:16: error[KJ585]: 「shard_above」には 0 以上の整数を書いてください(0 は分けない)"},
      {"  shard_above: many\n",
       "content/site.yaml:7:16: error[KJ585]: 「shard_above」には 0 以上の整数を書いてください(0 は分けない)"},
      {"  shard_size_kb: 0\n", "content/site.yaml:7:18: error[KJ585]: 「shard_size_kb」には 1 以上の整数を書いてください"},
      {"  shard_size_kb: [1]\n", "content/site.yaml:7:18: error[KJ585]: 「shard_size_kb」には 1 以上の整数を書いてください"},
  };
  for (const auto& [settings, message] : cases) {
    CAPTURE(settings);
    test::LoadedSite s({{"site.yaml", with_search(settings)}, page_with(1)});
    CHECK(s.messages() == std::vector<std::string>{message});
  }
  test::LoadedSite ok({{"site.yaml", with_search("  shard_above: 7\n  shard_size_kb: 64\n")}, page_with(1)});
  CHECK(ok.messages() == std::vector<std::string>{});
  CHECK(ok.lib->config.search.shard_above == 7);
  CHECK(ok.lib->config.search.shard_size_kb == 64);
}

TEST_CASE("search shards: a ref's document shard is FNV-1a of its bytes, ASCII letters upper-cased", "[search_shards]") {
  // FNV-1a 32 of "A" is 0xc40bf6cc; "a" hashes as "A", so an ID typed in any case finds its shard.
  CHECK(search_doc_shard("A", 0xFFFFFFFFu) == (0xc40bf6ccu % 0xFFFFFFFFu));
  CHECK(search_doc_shard("cs-3.1-7", 97) == search_doc_shard("CS-3.1-7", 97));
  CHECK(search_doc_shard("ログ", 97) != search_doc_shard("ロク", 97));
  CHECK(search_doc_shard("CS-1", 1) == 0);
  CHECK(search_doc_shard("CS-1", 0) == 0);
}
