#include "content/search_settings.h"

namespace kijun {
namespace {

// A non-empty list of non-empty strings at map[key]; nullopt (with an error) otherwise.
std::optional<std::vector<std::string>> word_list(const YamlSource& yaml, const YAML::Node& map, const char* key,
                                                  Diagnostics& diags) {
  const YAML::Node list = map[key];
  std::vector<std::string> out;
  bool ok = list.IsDefined() && list.IsSequence() && list.size() > 0;
  if (ok)
    for (const auto& w : list) {
      if (!w.IsScalar() || w.Scalar().empty()) {
        ok = false;
        break;
      }
      out.push_back(w.Scalar());
    }
  if (!ok) {
    diags.error(yaml.at(list.IsDefined() ? list : map),
                Message{"KJ571", std::string("「") + key + "」には語を一つ以上、[語, 語] のように並べてください",
                        std::string("'") + key + "' must be a non-empty list of words such as [word, word]"});
    return std::nullopt;
  }
  return out;
}

// Each entry of map[key] must be a map with exactly the keys `a` and `b`, both word lists.
template <typename Entry, typename Fill>
void entries(const YamlSource& yaml, const YAML::Node& search, const char* key, const char* a, const char* b,
             Diagnostics& diags, std::vector<Entry>& out, Fill fill) {
  const YAML::Node list = search[key];
  if (!list.IsDefined()) return;
  if (!list.IsSequence()) {
    diags.error(yaml.at(list), Message{"KJ570",
                                       std::string("「") + key + "」には {" + a + ": [...], " + b +
                                           ": [...]} の形の項目を並べてください",
                                       std::string("'") + key + "' must be a list of entries {" + a + ": [...], " + b +
                                           ": [...]}"});
    return;
  }
  for (const auto& e : list) {
    if (!e.IsMap()) {
      diags.error(yaml.at(e), Message{"KJ570",
                                      std::string("「") + key + "」の項目は {" + a + ": [...], " + b +
                                          ": [...]} の形で書いてください",
                                      std::string("each entry of '") + key + "' must be {" + a + ": [...], " + b +
                                          ": [...]}"});
      continue;
    }
    if (!yaml.check_keys(e, {a, b}, {std::string("「") + key + "」の項目", std::string("search ") + key + " setting"},
                         diags))
      continue;
    auto words = word_list(yaml, e, a, diags);
    auto other = word_list(yaml, e, b, diags);
    if (words && other) out.push_back(fill(std::move(*words), std::move(*other), e));
  }
}

}  // namespace

SearchSettings parse_search_settings(const YamlSource& yaml, const YAML::Node& search, Diagnostics& diags) {
  SearchSettings s;
  entries(yaml, search, "synonyms", "words", "also", diags, s.synonyms,
          [](std::vector<std::string> w, std::vector<std::string> a, const YAML::Node&) {
            return SearchSynonym{std::move(w), std::move(a)};
          });
  entries(yaml, search, "related", "words", "see", diags, s.related,
          [&](std::vector<std::string> w, std::vector<std::string> see, const YAML::Node& e) {
            return SearchRelated{std::move(w), std::move(see), yaml.at(e["see"])};
          });
  if (search["stopwords"].IsDefined()) {
    if (auto words = word_list(yaml, search, "stopwords", diags)) s.stop_words = std::move(*words);
  }
  // Whole numbers: shard_above from 0 (never shard), shard_size_kb from 1.
  auto number = [&](const char* key, std::size_t least, std::size_t& out) {
    const YAML::Node n = search[key];
    if (!n.IsDefined()) return;
    const std::string v = n.IsScalar() ? n.Scalar() : "";
    const bool digits = !v.empty() && v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
    if (digits && std::stoul(v) >= least) {
      out = std::stoul(v);
      return;
    }
    diags.error(yaml.at(n), Message{"KJ585",
                                    std::string("「") + key + "」には " + std::to_string(least) +
                                        " 以上の整数を書いてください" + (least == 0 ? "(0 は分けない)" : ""),
                                    std::string("'") + key + "' must be a whole number, " + std::to_string(least) +
                                        " or more" + (least == 0 ? " (0: never shard)" : "")});
  };
  number("shard_above", 0, s.shard_above);
  number("shard_size_kb", 1, s.shard_size_kb);
  return s;
}

}  // namespace kijun
