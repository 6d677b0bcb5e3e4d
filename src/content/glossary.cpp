#include "content/glossary.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/suggest.h"
#include "base/utf8.h"
#include "content/markdown.h"
#include "content/yaml_source.h"

namespace kijun {

std::vector<std::string> GlossaryEntry::spellings() const {
  std::vector<std::string> out{term};
  out.insert(out.end(), also.begin(), also.end());
  return out;
}

namespace {

const std::vector<std::string> kEntryKeys = {"term", "reading", "also", "defined_in", "explanation"};

bool is_hiragana(char32_t c) { return c >= 0x3041 && c <= 0x3096; }

// The base kana of the 五十音 table, in order; small and voiced kana map onto these.
const std::u32string kBase = U"あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん";

char32_t plain_kana(char32_t c) {
  if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;  // katakana -> hiragana
  switch (c) {
    case U'ぁ': case U'ぃ': case U'ぅ': case U'ぇ': case U'ぉ': case U'っ': case U'ゃ': case U'ゅ': case U'ょ':
    case U'ゎ': return c + 1;
    case U'ゔ': return U'う';
    case U'ゕ': return U'か';
    case U'ゖ': return U'け';
    default: break;
  }
  // Voiced kana: が (U+304C) … ぢ (U+3062) are the even code points after their plain kana.
  if (c >= 0x304C && c <= 0x3062 && c % 2 == 0) return c - 1;
  if (c == U'づ' || c == U'で' || c == U'ど') return c - 1;
  if (c >= 0x3070 && c <= 0x307D) {  // ば ぱ … ぼ ぽ: plain は ひ ふ へ ほ every third code point
    char32_t base = 0x306F + (c - 0x306F) / 3 * 3;
    return base;
  }
  return c;
}

// The vowel (あ い う え お) of a plain kana, for a ー after it.
char32_t vowel_of(char32_t plain) {
  std::size_t i = kBase.find(plain);
  if (i == std::u32string::npos) return plain;
  if (i < 35) return kBase[i % 5];
  if (plain == U'や' || plain == U'わ') return U'あ';
  if (plain == U'ゆ') return U'う';
  if (plain == U'よ' || plain == U'を') return U'お';
  if (i >= 38 && i < 43) return kBase[(i - 38) % 5];
  return plain;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == '\n' || s[b] == ' ')) ++b;
  return s.substr(b);
}

bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

struct Reader {
  const YamlSource& yaml;
  Diagnostics& diags;

  std::optional<std::string> text(const YAML::Node& map, const std::string& key) {
    YAML::Node v = map[key];
    if (!v.IsDefined() || v.IsNull()) return std::nullopt;
    if (!v.IsScalar()) {
      diags.error(yaml.at(v), Message{"KJ732", "用語集の '" + key + "' には文章を書いてください(一覧や入れ子は使えません)",
                                      "glossary '" + key + "' must be text"});
      return std::nullopt;
    }
    return v.Scalar();
  }

  std::optional<GlossaryEntry> entry(const YAML::Node& node) {
    if (!node.IsMap()) {
      diags.error(yaml.at(node), Message{"KJ730", "用語集の各項目は「- term: 用語」で始まる項目の集まりで書いてください",
                                         "each glossary entry must be a map starting with 'term:'"});
      return std::nullopt;
    }
    bool ok = true;
    std::set<std::string> seen;
    for (const auto& kv : node) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end()) {
        diags.error(yaml.at(kv.first),
                    Message{"KJ731", "用語集の項目に使えない項目 '" + key + "' があります" + did_you_mean_ja(key, kEntryKeys),
                            "unknown glossary entry key '" + key + "'" + did_you_mean(key, kEntryKeys)});
        ok = false;
      } else if (!seen.insert(key).second) {
        diags.error(yaml.at(kv.first), Message{"KJ731", "用語集の項目 '" + key + "' が二度書かれています",
                                               "duplicate glossary entry key '" + key + "'"});
        ok = false;
      }
    }
    GlossaryEntry e;
    e.where = yaml.at(node);
    if (auto t = text(node, "term")) e.term = trim(*t);
    if (e.term.empty()) {
      diags.error(node["term"].IsDefined() ? yaml.at(node["term"]) : e.where,
                  Message{"KJ733", "用語集の項目に 'term'(用語)がありません", "glossary entry has no 'term'"});
      return std::nullopt;
    }
    e.where = yaml.at(node["term"]);
    if (auto r = text(node, "reading")) e.reading = trim(*r);
    if (e.reading.empty()) {
      diags.error(node["reading"].IsDefined() ? yaml.at(node["reading"]) : e.where,
                  Message{"KJ734", "用語「" + e.term + "」に 'reading'(よみ、ひらがな)がありません。五十音順に並べるのに使います",
                          "glossary term '" + e.term + "' has no 'reading' (in hiragana, for the 五十音 order)"});
      ok = false;
    } else {
      for (std::size_t i = 0; i < e.reading.size();) {
        char32_t c = utf8::next(e.reading, i);
        if (!is_hiragana(c) && c != U'ー') {
          std::string bad;
          utf8::append(bad, c);
          diags.error(yaml.find_after(node["reading"], bad),
                      Message{"KJ735", "用語「" + e.term + "」のよみ「" + e.reading + "」に、ひらがな以外の文字「" + bad +
                                           "」があります。よみはひらがなで書いてください",
                              "reading '" + e.reading + "' of glossary term '" + e.term + "' has '" + bad +
                                  "', which is not hiragana"});
          ok = false;
          break;
        }
      }
    }
    if (YAML::Node also = node["also"]; also.IsDefined() && !also.IsNull()) {
      if (also.IsScalar()) {
        if (!trim(also.Scalar()).empty()) e.also.push_back(trim(also.Scalar()));
      } else if (!also.IsSequence()) {
        diags.error(yaml.at(also), Message{"KJ732", "'also' には別の表記を [表記, 表記] の一覧で書いてください",
                                           "'also' must be a list of spellings"});
        ok = false;
      } else {
        for (const auto& a : also) {
          if (!a.IsScalar() || trim(a.Scalar()).empty()) {
            diags.error(yaml.at(a), Message{"KJ732", "'also' の各項目には別の表記を文字で書いてください",
                                            "each entry of 'also' must be a spelling"});
            ok = false;
            continue;
          }
          e.also.push_back(trim(a.Scalar()));
        }
      }
    }
    if (auto d = text(node, "defined_in")) {
      e.defined_in = trim(*d);
      e.defined_in_where = yaml.at(node["defined_in"]);
    }
    if (auto x = text(node, "explanation")) {
      e.explanation = trim(*x);
      e.explanation_where = yaml.at(node["explanation"]);
    }
    if (e.explanation.empty()) {
      diags.error(node["explanation"].IsDefined() ? yaml.at(node["explanation"]) : e.where,
                  Message{"KJ736", "用語「" + e.term + "」の 'explanation'(解説)が空です。短い解説を書いてください",
                          "glossary term '" + e.term + "' has an empty 'explanation'"});
      ok = false;
    } else {
      std::map<std::string, std::size_t> nth;
      for (const auto& m : find_references(e.explanation)) {
        std::string written = e.explanation.substr(m.begin, m.end - m.begin);
        std::string target = trim(m.target);
        std::size_t n = nth[written]++;
        if (target.rfind("doc:", 0) == 0) continue;
        e.references.push_back({target, yaml.find_after(node["explanation"], written, n)});
      }
    }
    if (!ok) return std::nullopt;
    return e;
  }
};

}  // namespace

Glossary parse_glossary(const YamlSource& yaml, const YAML::Node& node, Diagnostics& diags) {
  Glossary g;
  g.path = yaml.path();
  if (!node.IsSequence()) {
    diags.error(yaml.at(node), Message{"KJ730", "'glossary' には用語を「- term: 用語」の一覧で書いてください",
                                       "'glossary' must be a list of entries '- term: …'"});
    return g;
  }
  Reader r{yaml, diags};
  // Every spelling names one entry: a second use of it is a duplicate, whichever entry it is in.
  std::map<std::string, SourceLocation> first;
  std::set<std::string> anchors;
  for (const auto& n : node) {
    auto e = r.entry(n);
    if (!e) continue;
    bool dup = false;
    std::vector<std::string> spellings = e->spellings();
    for (std::size_t i = 0; i < spellings.size(); ++i) {
      const std::string& s = spellings[i];
      SourceLocation at = i == 0 ? e->where : yaml.find_after(n["also"], s);
      auto [it, fresh] = first.emplace(s, at);
      if (!fresh) {
        diags.error(at, Message{"KJ737", "用語「" + s + "」は " + std::to_string(it->second.line) + " 行目にも書かれています(同じ用語は一度だけ書きます)",
                                "glossary term '" + s + "' is also written on line " + std::to_string(it->second.line)});
        dup = true;
      }
    }
    if (dup) continue;
    e->anchor = "term-" + make_anchor(e->term, anchors);
    g.entries.push_back(std::move(*e));
  }
  return g;
}

std::u32string reading_sort_key(std::string_view reading) {
  std::u32string key;
  for (std::size_t i = 0; i < reading.size();) {
    char32_t c = utf8::next(reading, i);
    if (c == U'ー' && !key.empty()) {
      key += vowel_of(key.back());
      continue;
    }
    key += plain_kana(c);
  }
  return key;
}

std::string gojuon_row(std::string_view reading) {
  if (reading.empty()) return "";
  std::size_t i = 0;
  char32_t c = plain_kana(utf8::next(reading, i));
  std::size_t at = kBase.find(c);
  if (at == std::u32string::npos) return "";
  static const char32_t rows[] = {U'あ', U'か', U'さ', U'た', U'な', U'は', U'ま'};
  char32_t row = at < 35 ? rows[at / 5] : at < 38 ? U'や' : at < 43 ? U'ら' : U'わ';
  std::string out;
  utf8::append(out, row);
  return out;
}

bool reading_before(std::string_view a, std::string_view b) {
  std::u32string ka = reading_sort_key(a), kb = reading_sort_key(b);
  if (ka != kb) return ka < kb;
  return a < b;
}

TermMatcher::TermMatcher(const Glossary& glossary) : by_first_byte_(256) {
  for (std::size_t e = 0; e < glossary.entries.size(); ++e)
    for (const auto& s : glossary.entries[e].spellings())
      if (!s.empty()) spellings_.push_back({s, static_cast<int>(e)});
  std::stable_sort(spellings_.begin(), spellings_.end(),
                   [](const Spelling& a, const Spelling& b) { return a.text.size() > b.text.size(); });
  for (std::size_t i = 0; i < spellings_.size(); ++i)
    by_first_byte_[static_cast<unsigned char>(spellings_[i].text[0])].push_back(static_cast<int>(i));
}

std::vector<TermMatcher::Match> TermMatcher::find_all(std::string_view text) const {
  std::vector<Match> out;
  if (spellings_.empty()) return out;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    bool found = false;
    // Longest first: the first spelling that fits is the longest one.
    for (int si : by_first_byte_[c]) {
      const Spelling& s = spellings_[si];
      if (text.compare(i, s.text.size(), s.text) != 0) continue;
      std::size_t end = i + s.text.size();
      if (ascii_alnum(static_cast<unsigned char>(s.text.front())) && i > 0 &&
          ascii_alnum(static_cast<unsigned char>(text[i - 1])))
        continue;
      if (ascii_alnum(static_cast<unsigned char>(s.text.back())) && end < text.size() &&
          ascii_alnum(static_cast<unsigned char>(text[end])))
        continue;
      out.push_back({i, end, s.entry});
      i = end;
      found = true;
      break;
    }
    if (found) continue;
    // On to the next character (never into the middle of one).
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

}  // namespace kijun
