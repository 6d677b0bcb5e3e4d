// Test-only helper: reads a corpus as JSON on stdin and prints kijun's serialized lunr index.
//
// Input:  {"fields":   [{"name": "title", "boost": 10}, {"name": "body"}],
//          "docs":     [{"ref": "a", "fields": ["title text", "body text"], "boost": 2}, ...],
//          "variants": [["ウェブ会議", "Web会議"], ...],  // or [{"canonical": ..., "variants": [...]}]
//          "stopwords": ["の", "は", ...]                 // optional
//         }
// A field value may be null (an empty field). Output: the index exactly as
// kijun::lunr_index_text writes it, no trailing newline. Used by tests/node/search-lunr-parity.
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "search/search_index.h"
#include "search/tokenizer.h"

static double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int main() {
  try {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const nlohmann::json in = nlohmann::json::parse(input);

    std::vector<kijun::VariantGroup> groups;
    if (in.contains("variants")) {
      for (const auto& g : in.at("variants")) {
        kijun::VariantGroup vg;
        if (g.is_array()) {
          for (std::size_t i = 0; i < g.size(); ++i) {
            if (i == 0)
              vg.canonical = g[i].get<std::string>();
            else
              vg.variants.push_back(g[i].get<std::string>());
          }
        } else {
          vg.canonical = g.at("canonical").get<std::string>();
          for (const auto& v : g.at("variants")) vg.variants.push_back(v.get<std::string>());
        }
        groups.push_back(std::move(vg));
      }
    }
    std::vector<kijun::SearchField> fields;
    for (const auto& f : in.at("fields")) {
      kijun::SearchField sf;
      sf.name = f.at("name").get<std::string>();
      if (f.contains("boost") && !f.at("boost").is_null()) sf.boost = f.at("boost").get<double>();
      fields.push_back(std::move(sf));
    }
    std::vector<kijun::SearchDocument> docs;
    for (const auto& d : in.at("docs")) {
      kijun::SearchDocument sd;
      sd.ref = d.at("ref").get<std::string>();
      if (d.contains("boost") && !d.at("boost").is_null()) sd.boost = d.at("boost").get<double>();
      for (const auto& v : d.at("fields")) sd.fields.push_back(v.is_null() ? std::string() : v.get<std::string>());
      docs.push_back(std::move(sd));
    }
    std::vector<std::string> stop_words;
    if (in.contains("stopwords"))
      for (const auto& w : in.at("stopwords")) stop_words.push_back(w.get<std::string>());
    const kijun::Tokenizer tokenizer(std::move(groups), std::move(stop_words));
    const auto wall0 = std::chrono::steady_clock::now();
    const double cpu0 = cpu_seconds();
    const std::string text = kijun::lunr_index_text(fields, docs, tokenizer);
    // KIJUN_EMIT_TIMES=1: the building alone, for bench/lunr_ratio.mjs.
    if (std::getenv("KIJUN_EMIT_TIMES"))
      std::cerr << "kijun-times wall " << std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count()
                << " cpu " << cpu_seconds() - cpu0 << "\n";
    std::cout << text;
    return std::cout.good() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "kijun_lunr_emit: " << e.what() << "\n";
    return 2;
  }
}
